/**
 * The time stage's CPU cost alone, on news-like text: the examples/, the seed, and articles generated
 * from the examples (bench/corpus.ts), documents built beforehand, best of several passes.
 *
 *   node --import tsx bench/time-cost.ts            → ms of CPU per 3,000 characters
 *   node --import tsx bench/time-cost.ts --dump F   → also writes every time expression found to F
 *                                                     (to check that a speed change leaves output alone)
 *   node --import tsx bench/time-cost.ts --cold     → also the cache-cold cost: 10 MB of memory is
 *                                                     touched between articles (untimed), as the other
 *                                                     stages do inside bench:speed, and each article's
 *                                                     CPU is summed (best of 5 passes)
 *
 * Dumped texts: the examples, the seed, the generated articles and TimeBank + AQUAINT (development).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleBlock } from '../src/analyze.js';
import { buildDocument, type Doc } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { readPaths } from '../src/ingest/index.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { runTime } from '../src/time/index.js';
import { loadTimeResources } from '../src/time/load.js';
import { generateCorpus } from './corpus.js';
import { goldPath } from './shared.js';
import { parseTml } from './timeml.js';

const args = process.argv.slice(2);
const dumpAt = args.indexOf('--dump');
const dumpPath = dumpAt >= 0 ? args[dumpAt + 1] : null;
const N = Number(process.env.TIME_COST_ARTICLES ?? 300);
const PASSES = Number(process.env.TIME_COST_PASSES ?? 20);

const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const res = loadTimeResources(DATA_DIR);

const inputs: { text: string; published: string | null }[] = [];
for (const r of readPaths([join(DATA_DIR, '..', 'examples')], {})) if (r.ok) inputs.push({ text: r.article.text, published: r.article.published ?? null });
const seedPath = join(DATA_DIR, '..', '..', 'shared', 'seed', '000_a1013574c7223587.txt');
if (existsSync(seedPath)) {
  const raw = readFileSync(seedPath, 'utf8');
  const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/.exec(raw);
  if (m) inputs.push({ text: raw.slice(m[0].length).trim(), published: m[1]! });
}
for (const a of generateCorpus(N)) inputs.push({ text: a.text, published: a.published ?? null });

const build = (xs: { text: string; published: string | null }[]): Doc[] => xs.map((x) => buildDocument(articleBlock({ text: x.text, published: x.published }), abbreviations));
const docs = build(inputs);
const chars = docs.reduce((n, d) => n + d.text.length, 0);

for (let i = 0; i < 3; i++) for (const d of docs) runTime(d, res); // warm-up
let best = Infinity;
for (let pass = 0; pass < PASSES; pass++) {
  const c0 = process.cpuUsage();
  for (const d of docs) runTime(d, res);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1000);
}
console.log(`time stage: ${((best / chars) * 3000).toFixed(3)} ms CPU per 3,000 characters (best of ${PASSES} passes over ${docs.length} articles, ${Math.round(chars / docs.length)} chars on average)`);

if (args.includes('--cold')) {
  // What the stage costs when the caches hold other stages' data, as inside the pipeline.
  const junk = new Int32Array(2_500_000);
  let coldBest = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    let sum = 0;
    for (const d of docs) {
      for (let i = 0; i < junk.length; i += 16) junk[i]!++;
      const c0 = process.cpuUsage();
      runTime(d, res);
      const c = process.cpuUsage(c0);
      sum += (c.user + c.system) / 1000;
    }
    coldBest = Math.min(coldBest, sum);
  }
  console.log(`time stage, cache-cold: ${((coldBest / chars) * 3000).toFixed(3)} ms CPU per 3,000 characters (10 MB touched between articles; best of 5 passes)`);
}

if (dumpPath) {
  const tbaq: { text: string; published: string | null }[] = [];
  for (const set of ['timebank', 'aquaint']) {
    const dir = goldPath('timeml', set);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.tml')).sort()) {
      const d = parseTml(f, readFileSync(join(dir, f), 'utf8'));
      tbaq.push({ text: d.text, published: d.dct });
    }
  }
  const lines: string[] = [];
  for (const d of [...docs, ...build(tbaq)]) {
    runTime(d, res);
    lines.push(JSON.stringify(d.times));
  }
  writeFileSync(dumpPath, lines.join('\n') + '\n');
  console.log(`wrote ${lines.length} documents' time expressions to ${dumpPath}`);
}
