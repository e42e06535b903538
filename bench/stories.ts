/**
 * Story-clustering benchmark on the GVA articles (../shared/data/figures/gva/gva_casualty_gold.jsonl):
 * articles with the same incident_id are one story. Every article goes through analyze() and is
 * clustered incrementally in date order. Scores are B-cubed and pairwise P/R/F1, with the
 * all-singletons baseline in the same run.
 *
 * Split: the clustering sees every article (as it would in use), but scores are reported separately
 * for the DEV slice (incidents whose numeric incident_id is divisible by 5; the thresholds in
 * src/corpus/stories.ts were tuned on it) and the TEST slice (every other incident), which gives the
 * figures on the last line.
 *
 *   npm run bench:stories                      GVA run; last line is the JSON result
 *   STORIES_SWEEP=1 npm run bench:stories      also sweep threshold × gapPenalty, dev slice only
 *   STORIES_SCALE=100000 npm run bench:stories scale run: cluster N generated variants, time and peak memory
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analyze, articleBlock } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Analysis } from '../src/types.js';
import { StoryIndex, type StoryOptions } from '../src/corpus/stories.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { goldPath } from './shared.js';

interface Row {
  doc_id: string;
  incident_id: string;
  title: string | null;
  dct: string;
  uri: string | null;
  content: string;
}

interface Scores { bP: number; bR: number; bF1: number; pP: number; pR: number; pF1: number }

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** B-cubed and pairwise scores of `pred` against `gold` (both item → cluster), over `items`. */
function score(items: string[], pred: Map<string, string>, gold: Map<string, string>): Scores {
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const i of items) {
    const p = pred.get(i)!;
    const g = gold.get(i)!;
    (byPred.get(p) ?? byPred.set(p, []).get(p)!).push(i);
    (byGold.get(g) ?? byGold.set(g, []).get(g)!).push(i);
  }
  let bP = 0;
  let bR = 0;
  for (const i of items) {
    const pc = byPred.get(pred.get(i)!)!;
    const g = gold.get(i)!;
    const both = pc.filter((j) => gold.get(j) === g).length;
    bP += both / pc.length;
    bR += both / byGold.get(g)!.length;
  }
  bP /= items.length;
  bR /= items.length;
  let predPairs = 0;
  let goldPairs = 0;
  let tp = 0;
  for (const c of byPred.values()) {
    predPairs += (c.length * (c.length - 1)) / 2;
    const n = new Map<string, number>();
    for (const i of c) n.set(gold.get(i)!, (n.get(gold.get(i)!) ?? 0) + 1);
    for (const k of n.values()) tp += (k * (k - 1)) / 2;
  }
  for (const c of byGold.values()) goldPairs += (c.length * (c.length - 1)) / 2;
  const pP = predPairs ? tp / predPairs : 1;
  const pR = goldPairs ? tp / goldPairs : 1;
  return { bP, bR, bF1: f1(bP, bR), pP, pR, pF1: f1(pP, pR) };
}

function fmt(s: Scores): string {
  return `B3 P ${s.bP.toFixed(4)} R ${s.bR.toFixed(4)} F1 ${s.bF1.toFixed(4)} | pairs P ${s.pP.toFixed(4)} R ${s.pR.toFixed(4)} F1 ${s.pF1.toFixed(4)}`;
}

function readRows(): Row[] {
  const path = goldPath('figures', 'gva', 'gva_casualty_gold.jsonl');
  const rows: Row[] = [];
  const seen = new Set<string>();
  readFileSync(path, 'utf8').split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as Row;
      let id = r.doc_id;
      for (let k = 2; seen.has(id); k++) id = `${r.doc_id}#${k}`;
      seen.add(id);
      rows.push({ ...r, doc_id: id, content: r.content ?? '' });
    } catch (e) {
      console.error(`${path}:${n + 1}: skipped, not JSON (${(e as Error).message})`);
    }
  });
  rows.sort((a, b) => (a.dct < b.dct ? -1 : a.dct > b.dct ? 1 : a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  return rows;
}

function cluster(analyses: Analysis[], opts: Partial<StoryOptions>): { pred: Map<string, string>; ms: number; index: StoryIndex } {
  const index = new StoryIndex(opts);
  const pred = new Map<string, string>();
  const t0 = performance.now();
  for (const a of analyses) pred.set(a.article.id, index.add(a).clusterId);
  return { pred, ms: performance.now() - t0, index };
}

const isDev = (incident: string) => Number(incident) % 5 === 0;

function gva(): void {
  const rows = readRows();
  // STORIES_TEXT_ONLY=1 skips analyze() (text, title and date only): for tuning while the stages change
  const textOnly = !!process.env.STORIES_TEXT_ONLY;
  const res = textOnly ? null : loadResources();
  const { stopwords } = loadCorpusResources();
  const t0 = performance.now();
  let analyses: Analysis[] = [];
  let failed = 0;
  // STORIES_CACHE=FILE keeps the analyses between tuning runs (outside the repository)
  const cache = process.env.STORIES_CACHE;
  if (cache && existsSync(cache)) analyses = JSON.parse(readFileSync(cache, 'utf8')) as Analysis[];
  else for (const r of rows) {
    const input = { id: r.doc_id, title: r.title, published: r.dct, url: r.uri, text: r.content };
    try {
      if (!res) throw new Error('text only');
      analyses.push(analyze(input, res));
    } catch (e) {
      // a stage failing on one article must not stop the benchmark: cluster it on its text alone
      if (res) failed++;
      analyses.push({
        schema: 'sitrep/analysis@1',
        article: articleBlock(input),
        entities: [], times: [], quotes: [], figures: [], events: [], relations: [], labels: [], places: [], focus: [], warnings: [String(e)], meta: { version: '', ms: null },
      });
    }
  }
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(analyses));
  const analyzeMs = performance.now() - t0;
  const gold = new Map(rows.map((r) => [r.doc_id, r.incident_id]));
  const dev = rows.filter((r) => isDev(r.incident_id)).map((r) => r.doc_id);
  const test = rows.filter((r) => !isDev(r.incident_id)).map((r) => r.doc_id);
  console.log(`GVA: ${rows.length} articles, ${new Set(gold.values()).size} incidents; dev ${dev.length} articles, test ${test.length}; analyze() ${(analyzeMs / 1000).toFixed(1)} s${failed ? `, ${failed} analyze() failures clustered on text alone` : ''}`);

  if (process.env.STORIES_SWEEP) {
    const list = (v: string | undefined, d: number[]) => (v && v !== '1' ? v.split(',').map(Number) : d);
    for (const threshold of list(process.env.STORIES_SWEEP, [0.18, 0.22, 0.26, 0.3, 0.34])) {
      for (const gapPenalty of list(process.env.STORIES_GAPS, [0, 0.03, 0.06])) {
        const { pred } = cluster(analyses, { stopwords, threshold, gapPenalty });
        console.log(`sweep threshold ${threshold} gapPenalty ${gapPenalty}: dev ${fmt(score(dev, pred, gold))}`);
      }
    }
  }

  // STORIES_OPTS='[{"threshold":0.1},…]': option sets tried on the dev slice
  for (const o of JSON.parse(process.env.STORIES_OPTS ?? '[]') as Partial<StoryOptions>[]) {
    const { pred } = cluster(analyses, { ...o, stopwords });
    console.log(`opts ${JSON.stringify(o)}: dev ${fmt(score(dev, pred, gold))}`);
  }

  const { pred, ms, index } = cluster(analyses, { stopwords });
  const singletons = new Map(rows.map((r) => [r.doc_id, r.doc_id]));
  const sDev = score(dev, pred, gold);
  const sTest = score(test, pred, gold);
  const base = score(test, singletons, gold);
  const stories = index.stories();
  const copies = stories.reduce((n, s) => n + Object.keys(s.duplicates).length, 0);
  console.log(`stories: ${stories.length}; near-duplicate copies folded: ${copies}`);
  console.log(`dev  (tuning): ${fmt(sDev)}`);
  console.log(`test         : ${fmt(sTest)}`);
  console.log(`singletons   : ${fmt(base)}`);
  console.log(`clustering: ${ms.toFixed(0)} ms for ${rows.length} articles`);
  console.log(JSON.stringify({
    bench: 'stories',
    gvaBcubedF1: r4(sTest.bF1),
    gvaPairF1: r4(sTest.pF1),
    singletonBcubedF1: r4(base.bF1),
    msPer1000: Math.round((ms / rows.length) * 1000 * 10) / 10,
  }));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Scale run: N articles generated from the GVA texts. Each generated story takes a base article,
 * replaces its capitalised words with invented names (so that stories differ), moves it to a new
 * date, and yields 1-5 reports that each drop and reorder some sentences. Clustering only (the
 * analyses carry the text; the extraction layers are left empty, so the time is the corpus layer's).
 */
function scale(n: number): void {
  const rows = readRows().filter((r) => r.content.length > 300);
  const { stopwords } = loadCorpusResources();
  const rand = rng(42);
  const syl = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'shi', 'dan', 'mor', 'el', 'qui', 'bar', 'zen', 'tu', 'pal', 'ros'];
  const name = () => {
    let s = '';
    const k = 2 + Math.floor(rand() * 2);
    for (let i = 0; i < k; i++) s += syl[Math.floor(rand() * syl.length)];
    return s[0]!.toUpperCase() + s.slice(1);
  };
  const analyses: Analysis[] = [];
  const gold = new Map<string, string>();
  const startDay = Date.UTC(2015, 0, 1);
  let story = 0;
  while (analyses.length < n) {
    story++;
    const base = rows[Math.floor(rand() * rows.length)]!;
    const names = new Map<string, string>();
    const text = base.content.slice(0, 4000).replace(/\b\p{Lu}\p{Ll}+\b/gu, (w) => {
      if (!names.has(w)) names.set(w, name());
      return names.get(w)!;
    });
    const title = (base.title ?? '').replace(/\b\p{Lu}\p{Ll}+\b/gu, (w) => names.get(w) ?? w);
    const day = Math.floor((analyses.length / n) * 3 * 365);
    const sentences = text.split(/(?<=[.!?])\s+/);
    const k = 1 + Math.floor(rand() * 5);
    for (let v = 0; v < k && analyses.length < n; v++) {
      const kept = sentences.filter(() => rand() > 0.25);
      if (v % 2 === 1) kept.reverse();
      const id = `g${analyses.length}`;
      const published = new Date(startDay + (day + Math.floor(rand() * 3)) * 86_400_000).toISOString().slice(0, 10);
      analyses.push({
        schema: 'sitrep/analysis@1',
        article: { id, source: `outlet${Math.floor(rand() * 500)}`, url: null, title, published, publishedFrom: 'header', language: 'en', text: kept.join(' ') },
        entities: [], times: [], quotes: [], figures: [], events: [], relations: [], labels: [], places: [], focus: [], warnings: [], meta: { version: '', ms: null },
      });
      gold.set(id, `s${story}`);
    }
  }
  let peakRss = process.memoryUsage().rss;
  const index = new StoryIndex({ stopwords });
  const pred = new Map<string, string>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  analyses.forEach((a, i) => {
    pred.set(a.article.id, index.add(a).clusterId);
    if (i % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const s = score([...gold.keys()], pred, gold);
  console.log(`scale: ${n} generated articles in ${story} stories: ${(ms / 1000).toFixed(1)} s clustering wall-clock, ${cpuSeconds.toFixed(1)} s CPU (${((ms / n) * 1000).toFixed(0)} ms per 1,000), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (inputs included), ${index.stories().length} stories`);
  console.log(`scale: ${fmt(s)}`);
  console.log(JSON.stringify({ bench: 'stories-scale', articles: n, seconds: r4(ms / 1000), cpuSeconds: r4(cpuSeconds), peakRssMB: Math.round(peakRss / 2 ** 20), bcubedF1: r4(s.bF1), pairF1: r4(s.pF1) }));
}

const scaleN = Number(process.env.STORIES_SCALE ?? 0);
if (scaleN > 0) scale(scaleN);
else gva();
