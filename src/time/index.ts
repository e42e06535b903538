import type { Doc } from '../document/document.js';

/** What the time stage needs, loaded once (see load.ts) and passed in. */
export interface TimeResources {
  loaded: boolean;
}

/** The time stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runTime(doc: Doc, res: TimeResources): void {
  void doc;
  void res;
}
