import type { Doc } from '../document/document.js';

/** What the relations stage needs, loaded once (see load.ts) and passed in. */
export interface RelationsResources {
  loaded: boolean;
}

/** The relations stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runRelations(doc: Doc, res: RelationsResources): void {
  void doc;
  void res;
}
