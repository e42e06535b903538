import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The read-only shared folder beside the repository (gold data, seed, spec). */
export const SHARED_DIR = process.env.SITREP_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');

/** Path to a file under ../shared/data, or exits with a clear message when the gold data is absent. */
export function goldPath(...parts: string[]): string {
  const p = join(SHARED_DIR, 'data', ...parts);
  if (!existsSync(p)) {
    console.error(`benchmark data not found: ${p} (the gold sets live in ../shared/data, beside the repository)`);
    process.exit(2);
  }
  return p;
}
