import type { Doc } from '../document/document.js';

/** What the quotes stage needs, loaded once (see load.ts) and passed in. */
export interface QuotesResources {
  loaded: boolean;
}

/** The quotes stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runQuotes(doc: Doc, res: QuotesResources): void {
  void doc;
  void res;
}
