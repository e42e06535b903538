import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlacesResources } from './index.js';
import { GAZETTEER_VERSION, parseGazetteer } from './gazetteer.js';
import { buildGazetteer } from './build.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read places data file ${path}: ${(e as Error).message}`);
  }
}

/** Whether the generated file has the format this code reads. */
function isCurrent(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(40);
    readSync(fd, head, 0, 40, 0);
    return head.toString('utf8').startsWith(`# sitrep gazetteer ${GAZETTEER_VERSION}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads the places stage's data: the GeoNames gazetteer generated into data/generated/gazetteer.txt
 * (built here on first use from the installed npm packages when it is missing) and the hand-written
 * files in data/places/.
 */
export function loadPlacesResources(dataDir: string): PlacesResources {
  const t0 = performance.now();
  const generated = join(dataDir, 'generated', 'gazetteer.txt');
  if (!existsSync(generated) || !isCurrent(generated)) buildGazetteer(dirname(dataDir), generated);
  const dir = join(dataDir, 'places');
  const problems: string[] = [];
  const gazetteer = parseGazetteer({
    generated: read(generated),
    countries: read(join(dir, 'countries.tsv')),
    abbreviations: read(join(dir, 'admin-abbreviations.tsv')),
    regions: read(join(dir, 'regions.tsv')),
    alternates: read(join(dir, 'alternates.tsv')),
  }, problems);
  const words = JSON.parse(read(join(dir, 'words.json'))) as PlacesResources['words'];
  return { loaded: true, gazetteer, words, problems, loadMs: performance.now() - t0 };
}
