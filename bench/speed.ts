/**
 * bench:speed — the whole pipeline over generated corpora, on one core.
 * The corpora are made from examples/ by varying names, numbers and dates (bench/corpus.ts), in two sizes:
 *  - SPEED_ARTICLES (default 5,000) short articles of 8 sentences, about 1,000 characters (the rate the earlier rounds
 *    reported, kept comparable);
 *  - a third as many articles of 24 sentences, about 3,000 characters: the stage costs are measured on these, since
 *    the targets are per 3,000-character article and part of each stage's cost is per article, not per character
 *    (on 1,000-character articles, scaling to 3,000 characters counted that part three times).
 * Stage times are wall time around each stage on one core, so garbage collection falls on whichever stage triggers it.
 * Last line: {"bench":"speed","articles":…,"articlesPerSecond":…,"articlesPerCpuSecond":…,"articlesPerSecond3000":…,
 * "articlesPerCpuSecond3000":…,"peakMB":…,"loadMs":…,"msPer3000":{…}}
 */
import { analyze, documentFor, STAGES, toAnalysis } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { ArticleInput } from '../src/types.js';
import { generateCorpus } from './corpus.js';

const N = Number(process.env.SPEED_ARTICLES ?? 5000);

type Resources = ReturnType<typeof loadResources>;

interface Run { wall: number; cpuSec: number; chars: number; stageMs: Map<string, number> }

function run(corpus: ArticleInput[], res: Resources): Run {
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
    for (const [name, stage] of STAGES) {
      t = t2;
      stage(doc, res);
      t2 = performance.now();
      stageMs.set(name, stageMs.get(name)! + t2 - t);
    }
    toAnalysis(doc, null);
  }
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpuSec: (cpu.user + cpu.system) / 1e6, chars: corpus.reduce((n, a) => n + a.text.length, 0), stageMs };
}

function main() {
  const t0 = performance.now();
  const res = loadResources();
  const loadMs = performance.now() - t0;
  const short = generateCorpus(N);
  const long = generateCorpus(Math.max(1, Math.round(N / 3)), 24);
  const a = run(short, res);
  const b = run(long, res);
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const per3000 = Object.fromEntries([...b.stageMs].map(([k, v]) => [k, Math.round((v / b.chars) * 3000 * 1000) / 1000]));
  console.log(`resources loaded in ${loadMs.toFixed(0)} ms`);
  console.log(`${short.length} articles of ${(a.chars / short.length).toFixed(0)} characters on average: ${(short.length / a.wall).toFixed(0)}/s wall, ${(short.length / a.cpuSec).toFixed(0)} per CPU-second`);
  console.log(`${long.length} articles of ${(b.chars / long.length).toFixed(0)} characters on average: ${(long.length / b.wall).toFixed(0)}/s wall, ${(long.length / b.cpuSec).toFixed(0)} per CPU-second`);
  console.log('ms per 3,000 characters by stage (on the longer articles):', per3000);
  console.log(JSON.stringify({
    bench: 'speed',
    articles: short.length,
    articlesPerSecond: Math.round(short.length / a.wall),
    articlesPerCpuSecond: Math.round(short.length / a.cpuSec),
    articlesPerSecond3000: Math.round(long.length / b.wall),
    articlesPerCpuSecond3000: Math.round(long.length / b.cpuSec),
    peakMB,
    loadMs: Math.round(loadMs),
    msPer3000: per3000,
  }));
}

main();
