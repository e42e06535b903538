/**
 * Builds data/generated/gazetteer.txt from the installed npm packages (GeoNames, CC BY 4.0).
 * Usage: node --import tsx scripts/build-gazetteer.ts [outPath]
 * load.ts runs the same build on first use when the file is missing.
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { statSync } from 'node:fs';
import { buildGazetteer } from '../src/places/build.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'data', 'generated', 'gazetteer.txt');
const t0 = performance.now();
const n = buildGazetteer(root, out);
console.log(`wrote ${n} entries to ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`);
