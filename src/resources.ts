import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resources } from './analyze.js';
import type { Abbreviations } from './document/sentences.js';
import { loadTimeResources } from './time/load.js';
import { loadActorsResources } from './actors/load.js';
import { loadPlacesResources } from './places/load.js';
import { loadQuotesResources } from './quotes/load.js';
import { loadFiguresResources } from './figures/load.js';
import { loadEventsResources } from './events/load.js';
import { loadRelationsResources } from './relations/load.js';
import { loadLabelsResources } from './labels/load.js';

/** The repository's data/ folder. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data');

export interface LoadOptions {
  dataDir?: string;
  /** Extra actor knowledge-base files (sitrep JSONL/TSV or CAMEO/PETRARCH dictionaries). */
  kb?: string[];
}

export function readJson<T>(path: string): T {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read data file ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(raw) as T;
  } catch (e) {
    throw new Error(`data file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

let cached: Resources | null = null;

/** Loads every stage's data once. I/O lives here, never in `analyze()`. */
export function loadResources(opts: LoadOptions = {}): Resources {
  const useCache = !opts.dataDir && !opts.kb?.length;
  if (useCache && cached) return cached;
  const dir = opts.dataDir ?? DATA_DIR;
  const res: Resources = {
    abbreviations: readJson<Abbreviations>(join(dir, 'text', 'abbreviations.json')),
    time: loadTimeResources(dir),
    actors: loadActorsResources(dir, opts.kb ?? []),
    places: loadPlacesResources(dir),
    quotes: loadQuotesResources(dir),
    figures: loadFiguresResources(dir),
    events: loadEventsResources(dir),
    relations: loadRelationsResources(dir),
    labels: loadLabelsResources(dir),
  };
  if (useCache) cached = res;
  return res;
}
