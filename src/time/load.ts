import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TimeResources } from './index.js';
import { compileLexicon, type TimeLexiconFile } from './lexicon.js';
import { buildPatterns, indexPatterns } from './tagger.js';

/** Loads the time stage's data files from `dataDir` (the repository's data/ by default). */
export function loadTimeResources(dataDir: string): TimeResources {
  const path = join(dataDir, 'time', 'lexicon.json');
  let file: TimeLexiconFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as TimeLexiconFile;
  } catch (e) {
    throw new Error(`cannot load time lexicon ${path}: ${(e as Error).message}`);
  }
  const lexicon = compileLexicon(file);
  return { lexicon, patterns: indexPatterns(buildPatterns(lexicon), lexicon) };
}
