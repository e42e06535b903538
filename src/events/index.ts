import type { Doc } from '../document/document.js';

/** What the events stage needs, loaded once (see load.ts) and passed in. */
export interface EventsResources {
  loaded: boolean;
}

/** The events stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runEvents(doc: Doc, res: EventsResources): void {
  void doc;
  void res;
}
