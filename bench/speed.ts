/**
 * bench:speed — the whole pipeline over a generated corpus, on one core.
 * The corpus is made from examples/ by varying names, numbers and dates (SPEED_ARTICLES, default 5,000).
 * Prints per-stage cost (ms per 3,000 characters) and, last, one JSON line:
 * {"bench":"speed","articles":…,"articlesPerSecond":…,"articlesPerCpuSecond":…,"peakMB":…,"msPer3000":{…}}
 */
import { join } from 'node:path';
import { analyze, documentFor, STAGES, toAnalysis } from '../src/analyze.js';
import { loadResources, DATA_DIR } from '../src/resources.js';
import { readPaths } from '../src/ingest/index.js';
import type { ArticleInput } from '../src/types.js';

const N = Number(process.env.SPEED_ARTICLES ?? 5000);

const NAMES = [
  ['Haftar', 'Hamdan'], ['Serraj', 'Sarraj'], ['Tripoli', 'Misrata'], ['Turkey', 'Qatar'], ['Geneva', 'Berlin'],
  ['Russia', 'Egypt'], ['Salame', 'Williams'], ['Benghazi', 'Sirte'], ['Tuesday', 'Monday'], ['Friday', 'Thursday'],
];

/** A deterministic variant of `base`: names swapped, numbers scaled, dates shifted. */
export function variant(base: ArticleInput, k: number): ArticleInput {
  let text = base.text;
  for (let j = 0; j < NAMES.length; j++) {
    if ((k >> j) & 1) text = text.split(NAMES[j]![0]!).join(NAMES[j]![1]!);
  }
  text = text.replace(/\b\d{2,3}\b(?!,)/g, (m) => String(Math.max(1, Math.round((Number(m) * (k % 7 + 3)) / 5))));
  let published = base.published ?? null;
  if (published) {
    const d = new Date(published.slice(0, 10) + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + (k % 400));
    published = d.toISOString().slice(0, 10);
  }
  return { ...base, id: `${base.id ?? 'x'}-${k}`, text, published };
}

function main() {
  const t0 = performance.now();
  const res = loadResources();
  const loadMs = performance.now() - t0;
  const bases: ArticleInput[] = [];
  for (const r of readPaths([join(DATA_DIR, '..', 'examples')], {})) if (r.ok) bases.push(r.article);
  if (!bases.length) throw new Error('no examples to build the corpus from');
  const corpus: ArticleInput[] = [];
  for (let k = 0; corpus.length < N; k++) corpus.push(variant(bases[k % bases.length]!, Math.floor(k / bases.length)));
  const chars = corpus.reduce((n, a) => n + a.text.length, 0);

  // Warm-up, then the timed run.
  for (const a of corpus.slice(0, 200)) analyze(a, res);
  const stageMs = new Map<string, number>([['document', 0], ...STAGES.map(([n]) => [n, 0] as [string, number])]);
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (const a of corpus) {
    let t = performance.now();
    const doc = documentFor(a, res);
    let t2 = performance.now();
    stageMs.set('document', stageMs.get('document')! + t2 - t);
    for (const [name, run] of STAGES) {
      t = t2;
      run(doc, res);
      t2 = performance.now();
      stageMs.set(name, stageMs.get(name)! + t2 - t);
    }
    toAnalysis(doc, null);
  }
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const per3000 = Object.fromEntries([...stageMs].map(([k, v]) => [k, Math.round((v / chars) * 3000 * 1000) / 1000]));
  console.log(`resources loaded in ${loadMs.toFixed(0)} ms; ${corpus.length} articles, ${(chars / corpus.length).toFixed(0)} chars on average`);
  console.log('ms per 3,000 characters by stage:', per3000);
  console.log(JSON.stringify({
    bench: 'speed',
    articles: corpus.length,
    articlesPerSecond: Math.round(corpus.length / wall),
    articlesPerCpuSecond: Math.round(corpus.length / cpuSec),
    peakMB,
    loadMs: Math.round(loadMs),
    msPer3000: per3000,
  }));
}

main();
