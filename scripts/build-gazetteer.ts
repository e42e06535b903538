/**
 * Builds data/generated/gazetteer.txt from the installed npm packages (GeoNames, CC BY 4.0).
 * Usage: node --import tsx scripts/build-gazetteer.ts [outPath]
 * load.ts runs the same build on first use when the file is missing.
 *
 * With --country-centroids it instead (re)writes the last two columns of data/places/countries.tsv: the
 * centroid (lat, lon) of each country's largest polygon in the npm package world-atlas (countries-50m,
 * Natural Earth data, public domain), matched to the row by the country's name or aliases. The loader
 * moves each country's point towards it (see COUNTRY_SHIFT_KM in src/places/gazetteer.ts).
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { buildGazetteer, countryRings } from '../src/places/build.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Signed area and centroid of a ring in the plane of longitude and latitude. */
function ringCentroid(r: number[][]): { area: number; lat: number; lon: number } {
  let a = 0, x = 0, y = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const f = r[j]![0]! * r[i]![1]! - r[i]![0]! * r[j]![1]!;
    a += f;
    x += (r[j]![0]! + r[i]![0]!) * f;
    y += (r[j]![1]! + r[i]![1]!) * f;
  }
  a /= 2;
  return { area: Math.abs(a), lat: y / (6 * a), lon: x / (6 * a) };
}

function countryCentroids(): void {
  const rings = countryRings(root);
  const path = join(root, 'data', 'places', 'countries.tsv');
  let matched = 0;
  const lines = readFileSync(path, 'utf8').split('\n').map((line) => {
    if (!line) return line;
    const f = line.split('\t');
    while (f.length < 7) f.push('');
    f.length = 7;
    if (line.startsWith('#')) {
      if (f[0] === '# a2') f.push('centroid lat (largest polygon, world-atlas)', 'centroid lon');
      return line.startsWith('# a2') ? f.join('\t') : line;
    }
    let best: { area: number; lat: number; lon: number } | null = null;
    for (const ring of rings.get(f[0]!) ?? []) {
      const c = ringCentroid(ring);
      if (c.lon > 180) c.lon -= 360;
      if (!best || c.area > best.area) best = c;
    }
    if (best) matched++;
    f.push(best ? best.lat.toFixed(2) : '', best ? best.lon.toFixed(2) : '');
    return f.join('\t');
  });
  writeFileSync(path, lines.join('\n'));
  console.log(`countries.tsv: ${matched} rows with a polygon centroid`);
}

if (process.argv.includes('--country-centroids')) {
  countryCentroids();
} else {
  const out = process.argv[2] ?? join(root, 'data', 'generated', 'gazetteer.txt');
  const t0 = performance.now();
  const n = buildGazetteer(root, out);
  console.log(`wrote ${n} entries to ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`);
}
