/**
 * bench:speed — the whole pipeline over a generated corpus, on one core.
 * The corpus is made from examples/ by varying names, numbers and dates (SPEED_ARTICLES, default 5,000).
 * Prints per-stage cost (ms per 3,000 characters) and, last, one JSON line:
 * {"bench":"speed","articles":…,"articlesPerSecond":…,"articlesPerCpuSecond":…,"peakMB":…,"msPer3000":{…}}
 */
import { analyze, documentFor, STAGES, toAnalysis } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { generateCorpus } from './corpus.js';

const N = Number(process.env.SPEED_ARTICLES ?? 5000);

function main() {
  const t0 = performance.now();
  const res = loadResources();
  const loadMs = performance.now() - t0;
  const corpus = generateCorpus(N);
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
