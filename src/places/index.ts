import type { Doc } from '../document/document.js';

/** What the places stage needs, loaded once (see load.ts) and passed in. */
export interface PlacesResources {
  loaded: boolean;
}

/** The places stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runPlaces(doc: Doc, res: PlacesResources): void {
  void doc;
  void res;
}
