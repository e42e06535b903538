import type { Doc } from '../document/document.js';

/** What the figures stage needs, loaded once (see load.ts) and passed in. */
export interface FiguresResources {
  loaded: boolean;
}

/** The figures stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runFigures(doc: Doc, res: FiguresResources): void {
  void doc;
  void res;
}
