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
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { buildGazetteer } from '../src/places/build.js';
import { normName } from '../src/places/gazetteer.js';

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

/** world-atlas abbreviates some names: "Central African Rep.", "Bosnia and Herz.", "Solomon Is.". */
const ABBREVIATED: [RegExp, string][] = [
  [/\bRep\./g, 'Republic'], [/\bIs\./g, 'Islands'], [/\bEq\./g, 'Equatorial'], [/\bHerz\./g, 'Herzegovina'],
  [/\bBarb\./g, 'Barbuda'], [/\bSt\. Vin\. and Gren\./g, 'Saint Vincent and the Grenadines'], [/\bS\. Sudan\b/g, 'South Sudan'],
  [/\bW\. Sahara\b/g, 'Western Sahara'], [/\bN\. Mariana\b/g, 'Northern Mariana'], [/\bFr\. Polynesia\b/g, 'French Polynesia'],
  [/\bFaeroe\b/g, 'Faroe'], [/^Dem\. Republic Congo$/, 'Democratic Republic of the Congo'], [/^Congo$/, 'Republic of the Congo'],
];
const expand = (name: string) => ABBREVIATED.reduce((s, [re, w]) => s.replace(re, w), name);

function countryCentroids(): void {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.countries as GeometryCollection<{ name: string }>);
  const byName = new Map<string, { lat: number; lon: number }>();
  for (const f of fc.features) {
    const geom = f.geometry;
    const polys = !geom ? [] : geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
    let best: { area: number; lat: number; lon: number } | null = null;
    for (const p of polys) {
      // A ring across the antimeridian (Russia, Fiji) is unwrapped to longitudes past 180 first.
      let ring = p[0]!;
      const lons = ring.map((q) => q[0]!);
      if (Math.max(...lons) - Math.min(...lons) > 180) ring = ring.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!]);
      const c = ringCentroid(ring);
      if (c.lon > 180) c.lon -= 360;
      if (!best || c.area > best.area) best = c;
    }
    if (best && f.properties?.name) byName.set(normName(expand(f.properties.name)), best);
  }
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
    const names = [f[2]!, ...f[5]!.split('|')].filter(Boolean).map(normName);
    const c = names.map((n) => byName.get(n)).find(Boolean);
    if (c) matched++;
    f.push(c ? c.lat.toFixed(2) : '', c ? c.lon.toFixed(2) : '');
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
