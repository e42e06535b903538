import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Analysis } from '../src/types.js';

export const SHARED_DIR = process.env.SITREP_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');
export const SEED_PATH = join(SHARED_DIR, 'seed', '000_a1013574c7223587.txt');

/** Skip reason when the seed is absent (a user's clone without ../shared), else false. */
export const NO_SEED: string | false = existsSync(SEED_PATH) ? false : `seed not found at ${SEED_PATH}`;

/** The seed's body text and date, read from ../shared/seed (never copied into the repository). */
export function seedArticle(): { text: string; published: string } {
  const raw = readFileSync(SEED_PATH, 'utf8');
  const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/.exec(raw);
  if (!m) throw new Error('seed has no date line');
  return { text: raw.slice(m[0].length).trim(), published: m[1]! };
}

let seedCache: Analysis | null = null;
/** The seed analysed by the whole pipeline. */
export function analyzedSeed(): Analysis {
  if (!seedCache) seedCache = analyze({ ...seedArticle(), publishedFrom: 'header', source: 'seed' }, loadResources());
  return seedCache;
}

/** Finds the one entity whose mentions include `surface`. */
export function entityBySurface(a: Analysis, surface: string) {
  return a.entities.filter((e) => e.mentions.some((m) => m.text === surface));
}
