import type { Doc } from '../document/document.js';

/** What the labels stage needs, loaded once (see load.ts) and passed in. */
export interface LabelsResources {
  loaded: boolean;
}

/** The labels stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runLabels(doc: Doc, res: LabelsResources): void {
  void doc;
  void res;
}
