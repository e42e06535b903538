import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../resources.js';

export interface CorpusResources {
  /** Words left out of story clustering's salient terms. */
  stopwords: Set<string>;
}

/** Reads data/corpus/ (stopwords.txt: one word a line, `#` comments). */
export function loadCorpusResources(dataDir: string = DATA_DIR): CorpusResources {
  const path = join(dataDir, 'corpus', 'stopwords.txt');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message} (the corpus layer's stopword list)`);
  }
  const stopwords = new Set<string>();
  for (const line of raw.split('\n')) {
    const w = line.replace(/#.*/, '').trim().toLowerCase();
    if (w) stopwords.add(w);
  }
  return { stopwords };
}
