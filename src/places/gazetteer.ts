/**
 * The in-memory gazetteer: entries in flat arrays and one name index (normalised name → entry indexes).
 * Built by load.ts from data/generated/gazetteer.tsv (GeoNames) and the hand-written files in data/places/.
 */
import type { Place } from '../types.js';

export type Kind = 'country' | 'adm1' | 'adm2' | 'city' | 'area';

export interface Country {
  a2: string;
  a3: string;
  name: string;
  lat: number;
  lon: number;
  /** Entry index of the country in the gazetteer. */
  entry: number;
  /** Entry index of its capital, or -1. */
  capital: number;
}

export interface Gazetteer {
  size: number;
  /** Names of the generated entries, tab-joined, with the start of each in `nameOff` (read with nameOf):
   * kept as one string so that loading does not make 200,000 small strings. */
  nameText: string;
  nameOff: Int32Array;
  /** Names of the entries added at load time (countries, regions), from index nameOff.length - 1 on. */
  nameExtra: string[];
  cc: string[];
  lat: Float64Array;
  lon: Float64Array;
  kind: Kind[];
  fcode: string[];
  pop: Float64Array;
  admin1: string[];
  admin2: string[];
  gid: Int32Array;
  /** Normalised names, sorted (code-unit order), tab-joined, with the start of each in `keyOff` (one more
   * offset at the end); looked up by binary search. The entries of key k are postVal[postOff[k] ..
   * postOff[k + 1]): an index i ≥ 0 is a primary name, -(i + 1) an alternate. */
  keyText: string;
  keyOff: Int32Array;
  postOff: Int32Array;
  postVal: Int32Array;
  /** Names added at load time from the hand-written files (same encoding, as arrays). */
  extra: Map<string, number[]>;
  countries: Map<string, Country>;
  /** alpha-2 → alpha-3 */
  a3: Map<string, string>;
  /** normalised demonym ("libyan") → alpha-2 */
  demonyms: Map<string, string>;
  /** normalised demonym of a country or region ("libyan", "european") → entry index */
  demonymEntry: Map<string, number>;
  /** "CC.A1" → entry index of the first-level region */
  adm1ByCode: Map<string, number>;
  /** "CC.A1.A2" → entry index of the second-level region */
  adm2ByCode: Map<string, number>;
  /** Abbreviations of states and provinces ("La.", "Calif.", "B.C.", "NSW") → entry index of the region. */
  abbrev: Map<string, number>;
  /** Other regions an abbreviation can stand for ("WA": Washington first, Western Australia here). */
  abbrevMore: Map<string, number[]>;
}

/** The generated file's format version (see build.ts); load.ts rebuilds a file of another version. */
export const GAZETTEER_VERSION = 'v6';

/** Index of a normalised key in the sorted keys, or -1. */
function keyIndex(g: Gazetteer, key: string): number {
  const text = g.keyText;
  const off = g.keyOff;
  let lo = 0;
  let hi = off.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareKeyAt(text, off, mid, key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The key at sorted position `k` compared with `key` in place (code-unit order, as sorted), without slicing it out:
 * negative, zero or positive.
 */
function compareKeyAt(text: string, off: ArrayLike<number>, k: number, key: string): number {
  const a = off[k]!;
  const m = off[k + 1]! - 1 - a;
  const n = key.length;
  const len = m < n ? m : n;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(a + i) - key.charCodeAt(i);
    if (c !== 0) return c;
  }
  return m - n;
}

/** Whether the key at sorted position `k` starts with `key`. */
function keyStartsWith(g: Gazetteer, k: number, key: string): boolean {
  const a = g.keyOff[k]!;
  if (g.keyOff[k + 1]! - 1 - a < key.length) return false;
  for (let i = 0; i < key.length; i++) if (g.keyText.charCodeAt(a + i) !== key.charCodeAt(i)) return false;
  return true;
}

/** The hand-written names, sorted, for prefix checks (built on first use). */
const extraKeys = new WeakMap<Gazetteer, string[]>();

/**
 * Whether some name of the gazetteer starts with the normalised text `key` (so that a longer name may
 * still match when more words follow): a lower-bound binary search over the sorted keys, then the
 * hand-written names.
 */
export function hasPrefix(g: Gazetteer, key: string): boolean {
  const text = g.keyText;
  const off = g.keyOff;
  let lo = 0;
  let hi = off.length - 1; // number of keys
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareKeyAt(text, off, mid, key);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < off.length - 1 && keyStartsWith(g, lo, key)) return true;
  let ex = extraKeys.get(g);
  if (!ex || ex.length !== g.extra.size) {
    ex = [...g.extra.keys()].sort();
    extraKeys.set(g, ex);
  }
  let l = 0;
  let h = ex.length;
  while (l < h) {
    const mid = (l + h) >> 1;
    if (ex[mid]! < key) l = mid + 1;
    else h = mid;
  }
  return l < ex.length && ex[l]!.startsWith(key);
}

/** Entry indexes for a normalised key (negative -(i+1) = matched by an alternate name). */
export function lookup(g: Gazetteer, key: string): number[] {
  const ki = keyIndex(g, key);
  const extra = g.extra.get(key);
  if (ki < 0) return extra ? [...extra] : [];
  const out = Array.from(g.postVal.subarray(g.postOff[ki]!, g.postOff[ki + 1]!));
  if (extra) for (const v of extra) if (!out.includes(v)) out.push(v);
  if (extra) {
    // A hand-written alternate outranks the same entry found as a GeoNames alternate.
    for (const v of extra) if (v >= 0 && out.includes(-(v + 1))) out.splice(out.indexOf(-(v + 1)), 1);
  }
  return out;
}

/** Recent look-ups by key (recognition asks for the same capitalised words in article after article). */
const recent = new WeakMap<Gazetteer, { cands: Map<string, readonly number[]>; prefix: Map<string, boolean> }>();
const RECENT_MAX = 50000;

function recentOf(g: Gazetteer) {
  let r = recent.get(g);
  if (!r) recent.set(g, (r = { cands: new Map(), prefix: new Map() }));
  return r;
}

/**
 * `lookup` through a bounded cache, for recognition (call only once the gazetteer is complete). The
 * array is shared and frozen: do not change it.
 */
export function lookupCached(g: Gazetteer, key: string): readonly number[] {
  const r = recentOf(g);
  let v = r.cands.get(key);
  if (v === undefined) {
    if (r.cands.size >= RECENT_MAX) r.cands.clear();
    v = Object.freeze(lookup(g, key));
    r.cands.set(key, v);
  }
  return v;
}

/** `hasPrefix` through a bounded cache. */
export function hasPrefixCached(g: Gazetteer, key: string): boolean {
  const r = recentOf(g);
  let v = r.prefix.get(key);
  if (v === undefined) {
    if (r.prefix.size >= RECENT_MAX) r.prefix.clear();
    v = hasPrefix(g, key);
    r.prefix.set(key, v);
  }
  return v;
}

/** The key under which a name is indexed and looked up: lower case, no diacritics, St./Mt./Ft. spelled out. */
const PLAIN_RE = /^[a-z][a-z' -]*$/;
const MARKS_RE = /\p{M}/gu;
const ABBREV_RE = /\b(?:st|mt|ft)\b/;

export function normName(s: string): string {
  const lower = s.toLowerCase();
  if (PLAIN_RE.test(lower) && !lower.includes('  ') && !ABBREV_RE.test(lower)) return lower;
  let k = lower.normalize('NFD').replace(MARKS_RE, '').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
  if (ABBREV_RE.test(k)) {
    k = k.replace(/\bst\.?(?= )/g, 'saint').replace(/\bmt\.?(?= )/g, 'mount').replace(/\bft\.?(?= )/g, 'fort');
  }
  return k;
}

export function kindOf(fcode: string): Kind {
  if (fcode === 'PCLI') return 'country';
  if (fcode === 'ADM1') return 'adm1';
  if (fcode === 'ADM2') return 'adm2';
  if (fcode === 'CONT' || fcode === 'RGN') return 'area';
  return 'city';
}

export function precisionOf(kind: Kind): Place['precision'] {
  return kind === 'country' ? 'country' : kind === 'city' ? 'city' : 'region';
}

/** The name of entry i. */
export function nameOf(g: Gazetteer, i: number): string {
  const n = g.nameOff.length - 1;
  return i < n ? g.nameText.slice(g.nameOff[i]!, g.nameOff[i + 1]! - 1) : g.nameExtra[i - n]!;
}

/** The contract's Place for an entry. */
export function placeOf(g: Gazetteer, i: number, name?: string): Place {
  const gid = g.gid[i]!;
  return {
    name: name ?? nameOf(g, i),
    country: g.a3.get(g.cc[i]!) ?? null,
    lat: Math.round(g.lat[i]! * 1e4) / 1e4,
    lon: Math.round(g.lon[i]! * 1e4) / 1e4,
    geonameid: gid > 0 ? gid : null,
    precision: precisionOf(g.kind[i]!),
  };
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface GazetteerSources {
  /** data/generated/gazetteer.txt content (see build.ts for the format) */
  generated: string;
  /** data/places/countries.tsv */
  countries: string;
  /** data/places/admin-abbreviations.tsv */
  abbreviations: string;
  /** data/places/regions.tsv */
  regions: string;
  /** data/places/alternates.tsv */
  alternates: string;
}

/**
 * A country's point: its GeoNames-style point (countries.tsv) moved this far towards the centroid of the
 * country's largest polygon (countries.tsv's last columns, from world-atlas). Gazetteers disagree on
 * country points (GeoNames' points vs encyclopaedia centres); 100 km keeps the point within 161 km of
 * GeoNames' while coming nearer the middle of the land. Chosen on the even (development) documents of
 * bench:geo: 80–120 km gave the same country hits on LGL, GeoWebNews and TR-News and raised GeoVirus';
 * capitals and the polygon centroid itself did worse on every set.
 */
export const COUNTRY_SHIFT_KM = 100;

/** The point `km` from (lat, lon) towards (tlat, tlon) (the target itself when nearer), on a straight line in degrees. */
function toward(lat: number, lon: number, tlat: number, tlon: number, km: number): [number, number] {
  const d = distanceKm(lat, lon, tlat, tlon);
  if (d <= km) return [tlat, tlon];
  let dl = tlon - lon;
  if (dl > 180) dl -= 360;
  else if (dl < -180) dl += 360;
  // Along the straight line in degrees, rescaled once so that the great-circle distance is `km`.
  let f = km / d;
  const d1 = distanceKm(lat, lon, lat + (tlat - lat) * f, lon + dl * f);
  if (d1 > 0) f *= km / d1;
  const nlon = lon + dl * f;
  return [lat + (tlat - lat) * f, nlon > 180 ? nlon - 360 : nlon < -180 ? nlon + 360 : nlon];
}

function dataLines(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    out.push(line.replace(/\r$/, '').split('\t'));
  }
  return out;
}

/** Parses the gazetteer sources into the in-memory structure. Problems are returned, not thrown. */
export function parseGazetteer(src: GazetteerSources, problems: string[] = []): Gazetteer {
  const L = src.generated.split('\n');
  if (!L[0]?.startsWith(`# sitrep gazetteer ${GAZETTEER_VERSION}`) || L.length < 19) {
    throw new Error(`data/generated/gazetteer.txt is not a sitrep gazetteer ${GAZETTEER_VERSION} file: delete it and run \`node --import tsx scripts/build-gazetteer.ts\``);
  }
  const bytes = (line: string): ArrayBuffer => {
    // Node's Buffer where there is one (fast); atob in a browser, where the same code runs too.
    if (typeof Buffer !== 'undefined' && typeof Buffer.from === 'function') {
      const b = Buffer.from(line, 'base64');
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    }
    const bin = atob(line);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  };
  const gids = new Int32Array(bytes(L[1]!));
  const nameOff = new Int32Array(bytes(L[3]!));
  const n = nameOff.length - 1;
  // A dictionary-coded column: its table of values and the index of each entry's value.
  const column = (table: string, idx: ArrayLike<number>): string[] => {
    const t = table.split('\t');
    const out: string[] = []; // pushed, not new Array(n): a large preallocated array is slow (holey)
    for (let i = 0; i < n; i++) out.push(t[idx[i]!]!);
    return out;
  };
  const ccs = column(L[4]!, new Uint8Array(bytes(L[5]!)));
  const fcodes = column(L[6]!, new Uint8Array(bytes(L[7]!)));
  const a1s = column(L[8]!, new Uint16Array(bytes(L[9]!)));
  const a2s = column(L[10]!, new Int32Array(bytes(L[11]!)));
  const lats = new Float32Array(bytes(L[12]!));
  const lons = new Float32Array(bytes(L[13]!));
  const pops = new Float32Array(bytes(L[14]!));
  const countryRows = dataLines(src.countries);
  const cap = n + countryRows.length + src.regions.split('\n').length;
  const g: Gazetteer = {
    size: n,
    nameText: L[2]!, nameOff, nameExtra: [], cc: ccs, fcode: fcodes, admin1: a1s, admin2: a2s, kind: [],
    lat: new Float64Array(cap), lon: new Float64Array(cap), pop: new Float64Array(cap), gid: new Int32Array(cap),
    keyText: L[15]!, keyOff: new Int32Array(bytes(L[16]!)), postOff: new Int32Array(bytes(L[17]!)), postVal: new Int32Array(bytes(L[18]!)),
    extra: new Map(), countries: new Map(), a3: new Map(), demonyms: new Map(), demonymEntry: new Map(),
    adm1ByCode: new Map(), adm2ByCode: new Map(), abbrev: new Map(), abbrevMore: new Map(),
  };
  const capitals = new Map<string, number>();
  // Whole columns at once (native conversions; single precision is ~1 m, and places are rounded on output).
  g.lat.set(lats);
  g.lon.set(lons);
  g.pop.set(pops);
  g.gid.set(gids);
  for (let i = 0; i < n; i++) {
    const fc = fcodes[i]!;
    if (fc === 'ADM1') { g.kind[i] = 'adm1'; g.adm1ByCode.set(`${ccs[i]}.${a1s[i]}`, i); }
    else if (fc === 'ADM2') { g.kind[i] = 'adm2'; g.adm2ByCode.set(`${ccs[i]}.${a1s[i]}.${a2s[i]}`, i); }
    else {
      g.kind[i] = 'city';
      if (fc === 'PPLC') {
        // Capitals: the most populous PPLC of each country.
        const prev = capitals.get(ccs[i]!);
        if (prev === undefined || g.pop[i]! > g.pop[prev]!) capitals.set(ccs[i]!, i);
      }
    }
  }

  const addExtra = (name: string, i: number) => {
    const k = normName(name);
    if (!k) return;
    const list = g.extra.get(k);
    if (!list) g.extra.set(k, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  const push = (name: string, cc: string, lat: number, lon: number, fcode: string, pop: number) => {
    const i = g.size++;
    g.nameExtra.push(name); g.cc.push(cc); g.fcode.push(fcode); g.kind.push(kindOf(fcode));
    g.admin1.push(''); g.admin2.push('');
    g.lat[i] = lat; g.lon[i] = lon; g.pop[i] = pop; g.gid[i] = 0;
    return i;
  };

  for (const f of countryRows) {
    const [a2, a3, name, lat0, lon0, aliases, demonyms, clat, clon] = f;
    if (!a2 || !a3 || !name || !lat0 || !lon0) {
      problems.push(`countries.tsv: bad row "${f.join('\t')}": need a2, a3, name, lat, lon`);
      continue;
    }
    const [lat, lon] = clat && clon ? toward(+lat0, +lon0, +clat, +clon, COUNTRY_SHIFT_KM) : [+lat0, +lon0];
    const i = push(name, a2, lat, lon, 'PCLI', 1e9);
    addExtra(name, i);
    if (aliases) for (const a of aliases.split('|')) if (a) addExtra(a, i);
    if (demonyms) for (const d of demonyms.split('|')) if (d) { g.demonyms.set(normName(d), a2); g.demonymEntry.set(normName(d), i); }
    g.a3.set(a2, a3);
    g.countries.set(a2, { a2, a3, name, lat, lon, entry: i, capital: capitals.get(a2) ?? -1 });
  }

  for (const f of dataLines(src.regions)) {
    const [name, lat, lon, fcode, cc, aliases, demonyms] = f;
    if (!name || !lat || !lon || (fcode !== 'CONT' && fcode !== 'RGN')) {
      problems.push(`regions.tsv: bad row "${f.join('\t')}": need name, lat, lon, CONT or RGN`);
      continue;
    }
    const i = push(name, cc ?? '', +lat, +lon, fcode, fcode === 'CONT' ? 5e9 : 1e7);
    addExtra(name, i);
    if (aliases) for (const a of aliases.split('|')) if (a) addExtra(a, i);
    if (demonyms) for (const d of demonyms.split('|')) if (d && !g.demonymEntry.has(normName(d))) g.demonymEntry.set(normName(d), i);
  }

  for (const f of dataLines(src.abbreviations)) {
    const st = g.adm1ByCode.get(`${f[0]}.${f[1]}`);
    if (st === undefined) { problems.push(`admin-abbreviations.tsv: no region with code ${f[0]}.${f[1]}`); continue; }
    for (const a of (f[2] ?? '').split('|')) {
      if (!a) continue;
      const first = g.abbrev.get(a);
      if (first === undefined) g.abbrev.set(a, st);
      else if (first !== st) g.abbrevMore.set(a, [...(g.abbrevMore.get(a) ?? []), st]);
    }
  }

  for (const f of dataLines(src.alternates)) {
    const [alt, primary, cc, a1] = f;
    if (!alt || !primary || !cc) continue;
    const cands = lookup(g, normName(primary))
      .map((v) => (v < 0 ? -v - 1 : v))
      .filter((i) => g.cc[i] === cc && (!a1 || g.admin1[i] === a1) && g.kind[i] === 'city');
    if (!cands.length) { problems.push(`alternates.tsv: "${primary}" (${cc}) is not in the gazetteer`); continue; }
    const best = cands.reduce((a, b) => (g.pop[b]! > g.pop[a]! ? b : a));
    addExtra(alt, best); // a hand-written alternate counts as a primary name: it is how news writes the place
  }
  return g;
}
