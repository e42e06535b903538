/**
 * Geoparsing benchmark over ../shared/data/geo (evaluation only; nothing from it is shipped):
 * LGL, GeoVirus, TR-News and GeoWebNews.
 *  - Given the gold toponym spans: accuracy within 161 km (acc@161) and mean error (km), for sitrep and
 *    for the most-populous-match baseline on the same gazetteer. A gold name the gazetteer does not know
 *    (a street, a church) backs off to the nearest resolved town of the article (geoparse's `backoff`);
 *    the figure without back-off is printed too. Unresolved spans count as misses.
 *  - End to end (recognition + resolution): a predicted toponym is a true positive when it overlaps a
 *    gold toponym that has coordinates and lies within 161 km of it. Predictions that overlap a gold
 *    toponym without coordinates count neither way. Pooled over the four sets.
 *  - Split: the sets have no development part, so within each set documents with an even index (0, 2, …)
 *    are DEV (their errors may be printed with GEO_DIAG=1 and studied) and odd ones are HELD OUT (their
 *    errors are never printed). Each set's line gives the whole set, the dev half and the held-out half.
 * Usage: npm run bench:geo [-- --limit N] [-- --dev] (--dev: even documents only; the whole-set figures are then dev figures); SITREP_GEO_ACTORS=0 skips the actors stage before places.
 * Last line: {"bench":"geo","lglAcc161":…,"gwnAcc161":…,"trnewsAcc161":…,"geovirusAcc161":…,"endToEndF1":…,"populationLglAcc161":…}
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { goldPath } from './shared.js';
import { articleBlock, STAGES, type Resources } from '../src/analyze.js';
import { buildDocument, type Doc } from '../src/document/document.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { loadPlacesResources } from '../src/places/load.js';
import { geoparse, type PlacesResources } from '../src/places/index.js';
import { distanceKm, lookup, nameOf, normName } from '../src/places/gazetteer.js';

interface Gold { start: number; end: number; text: string; lat: number | null; lon: number | null }
interface Article { text: string; gold: Gold[] }

const limitArg = process.argv.indexOf('--limit');
const DIAG = process.env.GEO_DIAG === '1';
const LIMIT = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;
/** --dev: only the even (development) documents are run; the held-out figures print as 0. */
const DEV_ONLY = process.argv.includes('--dev');

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const num = (x: unknown): number | null => (x === undefined || x === null || x === '' || Number.isNaN(Number(x)) ? null : Number(x));

/** Re-anchors a gold span whose offsets are shifted (some GeoVirus and TR-News articles are off by one). */
function anchor(text: string, name: string, start: number): number {
  if (text.slice(start, start + name.length) === name) return start;
  for (let d = 1; d <= 10; d++) {
    if (text.slice(start - d, start - d + name.length) === name) return start - d;
    if (text.slice(start + d, start + d + name.length) === name) return start + d;
  }
  return -1;
}

function loadLglLike(file: string): Article[] {
  const xml = readFileSync(goldPath('geo', file), 'utf8');
  const p = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false, cdataPropName: false as unknown as string });
  const doc = p.parse(xml) as { articles: { article: unknown } };
  const out: Article[] = [];
  for (const a of asArray(doc.articles.article) as Record<string, unknown>[]) {
    const text = String(a.text ?? '');
    const tops = asArray((a.toponyms as Record<string, unknown> | undefined)?.toponym) as Record<string, unknown>[];
    const gold: Gold[] = [];
    for (const t of tops) {
      const gz = t.gaztag as Record<string, unknown> | undefined;
      const name = String(t.phrase);
      const start = anchor(text, name, Number(t.start));
      if (start < 0) continue;
      gold.push({ start, end: start + name.length, text: name, lat: num(gz?.lat), lon: num(gz?.lon) });
    }
    out.push({ text, gold });
  }
  return out;
}

function loadGeoVirus(): Article[] {
  const xml = readFileSync(goldPath('geo', 'GeoVirus.xml'), 'utf8');
  const p = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });
  const doc = p.parse(xml) as { articles: { article: unknown } };
  return (asArray(doc.articles.article) as Record<string, unknown>[]).map((a) => {
    const text = String(a.text ?? '');
    const gold: Gold[] = [];
    for (const l of asArray((a.locations as Record<string, unknown> | undefined)?.location) as Record<string, unknown>[]) {
      const name = String(l.name).trim();
      const start = anchor(text, name, Number(l.start));
      if (start < 0) continue;
      gold.push({ start, end: start + name.length, text: name, lat: num(l.lat), lon: num(l.lon) });
    }
    return { text, gold };
  });
}

function loadGwn(): Article[] {
  const lines = readFileSync(goldPath('geo', 'GeoWebNews', 'gwn_full.txt'), 'utf8').split('\n');
  const out: Article[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    const text = readFileSync(join(goldPath('geo', 'GeoWebNews', 'geocoding_files'), String(i)), 'utf8');
    const gold: Gold[] = [];
    for (const item of lines[i]!.split('||')) {
      const f = item.split(',,');
      if (f.length < 6) continue;
      gold.push({ text: f[1]!, lat: num(f[2]), lon: num(f[3]), start: Number(f[4]), end: Number(f[5]) });
    }
    out.push({ text, gold });
  }
  return out;
}

const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const places: PlacesResources = loadPlacesResources(DATA_DIR);
const loadMs = performance.now() - t0;
const cpu1 = process.cpuUsage(cpu0);
const loadCpuMs = (cpu1.user + cpu1.system) / 1000;
const g = places.gazetteer;

// The stages before places (time, actors), so that actor mentions are there as in analyze().
let before: Resources | null = null;
if (process.env.SITREP_GEO_ACTORS !== '0') {
  try {
    const { loadResources } = await import('../src/resources.js');
    before = loadResources();
  } catch (e) {
    console.error(`actors stage not loaded (${(e as Error).message}); places runs alone`);
  }
}

function makeDoc(text: string): Doc {
  const doc = buildDocument(articleBlock({ text }), abbreviations);
  if (before) {
    for (const [name, run] of STAGES) {
      if (name === 'places') break;
      try { run(doc, before); } catch { /* a failing earlier stage leaves its layer empty */ }
    }
  }
  return doc;
}

function popBaseline(text: string): [number, number] | null {
  let key = normName(text.replace(/^the\s+/i, ''));
  let cands = lookup(g, key);
  if (!cands.length) {
    const dem = g.demonyms.get(key);
    if (dem) cands = [g.countries.get(dem)!.entry];
  }
  let best = -1;
  for (const v of cands) {
    const e = v < 0 ? -v - 1 : v;
    if (best < 0 || g.pop[e]! > g.pop[best]!) best = e;
  }
  void key;
  key = '';
  return best < 0 ? null : [g.lat[best]!, g.lon[best]!];
}

interface Half { n: number; hit: number }
interface SetResult { name: string; dev: Half; held: Half; n: number; acc161: number; acc161NoBackoff: number; meanKm: number; unresolved: number; popAcc161: number; tp: number; pred: number; goldN: number; ms: number; docs: number }

function evaluate(name: string, arts: Article[]): SetResult {
  let n = 0, hit = 0, hitNoBackoff = 0, sumKm = 0, resolvedN = 0, unresolved = 0, popHit = 0;
  let tp = 0, pred = 0, goldN = 0, ms = 0, docsRun = 0;
  const dev: Half = { n: 0, hit: 0 };
  const held: Half = { n: 0, hit: 0 };
  for (const [ai, a] of arts.slice(0, LIMIT).entries()) {
    const isDev = ai % 2 === 0;
    if (DEV_ONLY && !isDev) continue;
    docsRun++;
    const half = isDev ? dev : held;
    const diag = DIAG && isDev; // errors of held-out documents are never printed
    const gold = a.gold.filter((x) => x.lat !== null && x.lon !== null && a.text.slice(x.start, x.end).length > 0);
    // Given gold spans.
    const doc = makeDoc(a.text);
    const r = geoparse(doc, places, gold, { backoff: true });
    const r0 = geoparse(doc, places, gold);
    for (const gd of gold) {
      n++;
      const i = r.mentions.findIndex((m) => m.forced && m.start === gd.start && m.end === gd.end);
      const e = i >= 0 ? r.entries[i]! : -1;
      const i0 = r0.mentions.findIndex((m) => m.forced && m.start === gd.start && m.end === gd.end);
      const e0 = i0 >= 0 ? r0.entries[i0]! : -1;
      if (e0 >= 0 && distanceKm(g.lat[e0]!, g.lon[e0]!, gd.lat!, gd.lon!) <= 161) hitNoBackoff++;
      half.n++;
      if (e < 0) { unresolved++; if (diag) console.error(`MISS\t${name}\t${ai}\t${gd.text}`); }
      else {
        const d = distanceKm(g.lat[e]!, g.lon[e]!, gd.lat!, gd.lon!);
        if (diag && d > 161) console.error(`WRONG\t${name}\t${ai}\t${gd.text}\t${nameOf(g, e)}\t${g.cc[e]}\t${g.fcode[e]}\t${Math.round(d)}\t${gd.lat},${gd.lon}`);
        resolvedN++;
        sumKm += d;
        if (d <= 161) { hit++; half.hit++; }
      }
      const pb = popBaseline(a.text.slice(gd.start, gd.end));
      if (pb && distanceKm(pb[0], pb[1], gd.lat!, gd.lon!) <= 161) popHit++;
    }
    // End to end.
    const c1 = process.cpuUsage();
    const e2e = geoparse(doc, places);
    const c2 = process.cpuUsage(c1);
    ms += (c2.user + c2.system) / 1000;
    goldN += gold.length;
    const used = new Set<Gold>();
    if (diag) {
      for (const x of gold) if (!e2e.mentions.some((m) => x.start < m.end && m.start < x.end)) console.error(`NOREC\t${name}\t${ai}\t${x.text}\t${JSON.stringify(a.text.slice(Math.max(0, x.start - 40), x.end + 30))}`);
    }
    e2e.mentions.forEach((m, i) => {
      const e = e2e.entries[i]!;
      if (e < 0) return;
      const over = a.gold.filter((x) => x.start < m.end && m.start < x.end);
      const withCoords = over.filter((x) => x.lat !== null && !used.has(x));
      if (over.length && !over.some((x) => x.lat !== null)) return; // a gold toponym without coordinates
      pred++;
      const ok = withCoords.find((x) => distanceKm(g.lat[e]!, g.lon[e]!, x.lat!, x.lon!) <= 161);
      if (diag && !over.length) console.error(`FP\t${name}\t${ai}\t${a.text.slice(m.start, m.end)}\t${nameOf(g, e)}\t${g.cc[e]}`);
      if (ok) { tp++; used.add(ok); }
    });
  }
  const pct = (x: number, d: number) => (d ? Math.round((1000 * x) / d) / 10 : 0);
  return {
    name, dev, held, n, acc161: pct(hit, n), acc161NoBackoff: pct(hitNoBackoff, n), meanKm: resolvedN ? Math.round(sumKm / resolvedN) : 0, unresolved,
    popAcc161: pct(popHit, n), tp, pred, goldN, ms, docs: docsRun,
  };
}

const sets: SetResult[] = [
  evaluate('LGL', loadLglLike('lgl.xml')),
  evaluate('GeoWebNews', loadGwn()),
  evaluate('TR-News', loadLglLike('TR-News.xml')),
  evaluate('GeoVirus', loadGeoVirus()),
];
for (const s of sets) {
  const p = s.pred ? s.tp / s.pred : 0;
  const r = s.goldN ? s.tp / s.goldN : 0;
  const h = (x: Half) => (x.n ? (Math.round((1000 * x.hit) / x.n) / 10).toFixed(1) : '0');
  console.log(`${s.name.padEnd(11)} toponyms ${s.n}  acc@161 ${s.acc161}% (dev/even ${h(s.dev)}% of ${s.dev.n}, held-out/odd ${h(s.held)}% of ${s.held.n}; ${s.acc161NoBackoff}% without back-off)  mean error ${s.meanKm} km  unresolved ${s.unresolved}  most-populous acc@161 ${s.popAcc161}%  end-to-end P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)}  ${(s.ms / s.docs).toFixed(2)} ms CPU/article`);
}
const tp = sets.reduce((a, s) => a + s.tp, 0);
const pred = sets.reduce((a, s) => a + s.pred, 0);
const goldN = sets.reduce((a, s) => a + s.goldN, 0);
const P = pred ? tp / pred : 0;
const R = goldN ? tp / goldN : 0;
const F1 = P + R ? (2 * P * R) / (P + R) : 0;
const docs = sets.reduce((a, s) => a + s.docs, 0);
const ms = sets.reduce((a, s) => a + s.ms, 0);
console.log(`end to end (pooled): P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${(100 * F1).toFixed(1)}; gazetteer load ${Math.round(loadMs)} ms wall, ${Math.round(loadCpuMs)} ms CPU (${g.size} entries); recognition+resolution ${(ms / docs).toFixed(3)} ms CPU/article over ${docs} articles; actors stage ${before ? 'run' : 'not run'}`);
const by = (n: string) => sets.find((s) => s.name === n)!;
const halfPct = (x: Half) => (x.n ? Math.round((1000 * x.hit) / x.n) / 10 : 0);
console.log(JSON.stringify({
  split: 'acc@161 on dev (even documents) and held-out (odd documents) halves',
  dev: Object.fromEntries(sets.map((s) => [s.name, halfPct(s.dev)])),
  heldOut: Object.fromEntries(sets.map((s) => [s.name, halfPct(s.held)])),
}));
console.log(JSON.stringify({
  bench: 'geo',
  lglAcc161: by('LGL').acc161,
  gwnAcc161: by('GeoWebNews').acc161,
  trnewsAcc161: by('TR-News').acc161,
  geovirusAcc161: by('GeoVirus').acc161,
  endToEndF1: Math.round(1000 * F1) / 10,
  populationLglAcc161: by('LGL').popAcc161,
}));
