import type { Doc } from '../document/document.js';

/** What the actors stage needs, loaded once (see load.ts) and passed in. */
export interface ActorsResources {
  loaded: boolean;
}

/** The actors stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runActors(doc: Doc, res: ActorsResources): void {
  void doc;
  void res;
}
