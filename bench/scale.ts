/**
 * bench:scale — ingest throughput on the same generated corpus (SCALE_ARTICLES, default 12,000; SCALE_BATCH sets the workers' --batch): the SQLite store
 * in one process, then PostgreSQL with 1 and with 2 `sitrep worker` processes draining the queue.
 * Needs PostgreSQL: SITREP_PG_URL, else it starts the project's private server with scripts/pg.sh.
 * Each worker process reports its CPU time; when the server runs on this machine and its data directory is readable
 * (the project's private server), the server's CPU time per article is read from its postmaster's reaped children.
 *
 * Then a simulation of many workers (SCALE_SIM, default "1,4,16"): K workers in this process whose analysis is
 * free (each article analysed once beforehand), so what is measured is what all workers share — the PostgreSQL
 * server, the queue, the inserts and the one clusterer. Its rate is the ceiling the store puts on any number of
 * workers on machines of their own.
 * Last line: {"bench":"scale","articles":…,"sqlitePerSecond":…,"pg1PerSecond":…,"pg2PerSecond":…,"speedup2":…,…}
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { generateCorpus, writeCorpus } from './corpus.js';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { openStore } from '../src/store/open.js';
import { StoryKeeper } from '../src/store/stories.js';
import { Queue } from '../src/queue/queue.js';
import { runWorker } from '../src/queue/worker.js';
import type { Analysis, ArticleInput } from '../src/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const N = Number(process.env.SCALE_ARTICLES ?? 12000);
/** Articles a worker claims at a time (`sitrep worker --batch`); unset, the worker's default. */
const BATCH = process.env.SCALE_BATCH;

function pgUrl(): string {
  if (process.env.SITREP_PG_URL) return process.env.SITREP_PG_URL;
  const r = spawnSync('bash', [join(ROOT, 'scripts/pg.sh')], { encoding: 'utf8' });
  const url = r.stdout.trim();
  if (!url) throw new Error(`no PostgreSQL: ${r.stderr}`);
  return url;
}

async function freshDb(admin: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sitrep ${args.join(' ')} failed: ${r.stderr}`);
  return r;
};

/** The window of a drain over which its steady rate is taken: from this share of the articles stored to that one. */
const STEADY_FROM = 0.3, STEADY_TO = 0.9;

/**
 * Drains the queue with `workers` worker processes: wall seconds, the workers' CPU seconds, and the steady rate —
 * articles stored per second between STEADY_FROM and STEADY_TO of the corpus, read from the store every 200 ms.
 * The steady rate leaves out what each process pays once (start-up, loading, and the JIT compiling the stages, which
 * measured about 4 s of CPU per process over its first 2,000 articles) and the tail where one worker has run dry.
 */
async function drain(url: string, workers: number): Promise<{ sec: number; cpu: number; steady: number }> {
  const t0 = performance.now();
  const procs = Array.from({ length: workers }, (_, i) => spawn(process.execPath,
    ['--import', 'tsx', CLI, 'worker', '--db', url, '--exit-when-empty', ...(BATCH ? ['--batch', BATCH] : []), '--name', `bench-${i}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }));
  let cpu = 0;
  for (const p of procs) p.stderr!.on('data', (d: Buffer) => { const m = /cpu ([\d.]+) s/.exec(String(d)); if (m) cpu += Number(m[1]); });
  const sampler = new pg.Client({ connectionString: url });
  await sampler.connect();
  const samples: Array<[number, number]> = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      const n = Number((await sampler.query('SELECT COUNT(*) AS n FROM articles')).rows[0].n);
      samples.push([performance.now(), n]);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const codes = await Promise.all(procs.map((p) => new Promise<number | null>((r) => p.once('exit', r))));
  running = false;
  await sampling;
  await sampler.end();
  if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: exit codes ${codes.join(', ')}`);
  const from = samples.find(([, n]) => n >= STEADY_FROM * N);
  const to = [...samples].reverse().find(([, n]) => n <= STEADY_TO * N);
  const steady = from && to && to[0] > from[0] ? (to[1] - from[1]) / ((to[0] - from[0]) / 1000) : NaN;
  return { sec: (performance.now() - t0) / 1000, cpu, steady };
}

/** CPU seconds of the local PostgreSQL server's finished backends so far, or null when it cannot be read. */
async function serverCpu(admin: string): Promise<number | null> {
  try {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    const dir = String((await c.query('SHOW data_directory')).rows[0].data_directory);
    await c.end();
    const pidFile = join(dir, 'postmaster.pid');
    if (!existsSync(pidFile)) return null;
    const pid = readFileSync(pidFile, 'utf8').split('\n')[0]!.trim();
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime, stime, cutime, cstime (fields 14-17; here shifted by the two dropped) in clock ticks.
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

/** K in-process workers whose analysis is a lookup: the shared store's ceiling. Articles per second. */
async function simulate(admin: string, articles: ArticleInput[], analyses: Map<string, Analysis>, k: number): Promise<number> {
  const url = await freshDb(admin, `sitrep_scale_sim${k}`);
  const setup = await openStore(url);
  const queue = new Queue(setup.db);
  await queue.enqueue(articles.map((a, i) => ({ ok: true as const, input: `sim:${i}`, article: a })), setup);
  const res = loadResources();
  const corpus = loadCorpusResources();
  const stores = await Promise.all(Array.from({ length: k }, () => openStore(url)));
  const t0 = performance.now();
  await Promise.all(stores.map(async (store, i) => {
    const stories = await new StoryKeeper(corpus).open(store);
    await runWorker(store, new Queue(store.db), stories, res, {
      batch: Number(BATCH ?? 100), exitWhenEmpty: true, pollMs: 20, name: `sim-${i}`, analyzeFn: (a) => analyses.get(a.text)!,
    });
  }));
  const sec = (performance.now() - t0) / 1000;
  const n = await count(url);
  if (n !== articles.length) throw new Error(`simulation with ${k} workers stored ${n} of ${articles.length}`);
  const unclustered = (await setup.unclustered(1)).length;
  if (unclustered) throw new Error(`simulation with ${k} workers left articles without a story`);
  await Promise.all([...stores, setup].map((s) => s.close()));
  console.log(`simulated store ceiling, ${k} worker(s) with free analysis: ${n} articles in ${sec.toFixed(1)} s = ${(n / sec).toFixed(0)}/s`);
  return n / sec;
}

async function count(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const n = Number((await c.query('SELECT COUNT(*) AS n FROM articles')).rows[0].n);
  await c.end();
  return n;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-scale-'));
  try {
    const file = join(dir, 'corpus.jsonl');
    writeCorpus(file, generateCorpus(N));
    // SQLite, one process (load and start-up included, as a user meets them).
    const t0 = performance.now();
    cli(['ingest', file, '--db', join(dir, 's.db')]);
    const sqliteSec = (performance.now() - t0) / 1000;
    const admin = pgUrl();
    const rates: number[] = [];
    const steadyRates: number[] = [];
    const extra: Record<string, number> = {};
    for (const workers of [1, 2]) {
      const url = await freshDb(admin, `sitrep_scale_${workers}`);
      cli(['ingest', file, '--db', url, '--queue']);
      const before = await serverCpu(admin);
      const { sec, cpu, steady } = await drain(url, workers);
      const after = await serverCpu(admin);
      const n = await count(url);
      if (n !== N) throw new Error(`${workers} workers stored ${n} of ${N}`);
      rates.push(N / sec);
      steadyRates.push(steady);
      const server = before !== null && after !== null ? after - before : null;
      console.log(`PostgreSQL, ${workers} worker(s): ${N} articles in ${sec.toFixed(1)} s (${(N / sec).toFixed(0)}/s; steady ${steady.toFixed(0)}/s from ${100 * STEADY_FROM}% to ${100 * STEADY_TO}% stored); worker CPU ${cpu.toFixed(1)} s (${(1000 * cpu / N).toFixed(2)} ms/article)` +
        (server !== null ? `, server CPU ${server.toFixed(1)} s (${(1000 * server / N).toFixed(2)} ms/article)` : ''));
      if (workers === 1) {
        extra.workerCpuMsPerArticle = Math.round(100000 * cpu / N) / 100;
        if (server !== null) extra.serverCpuMsPerArticle = Math.round(100000 * server / N) / 100;
      }
    }
    console.log(`SQLite: ${N} articles in ${sqliteSec.toFixed(1)} s (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
    const sims = (process.env.SCALE_SIM ?? '1,4,16').split(',').filter(Boolean).map(Number);
    if (sims.length) {
      const articles = generateCorpus(N);
      const res = loadResources();
      const analyses = new Map(articles.map((a) => [a.text, analyze(a, res)] as const));
      for (const k of sims) extra[`simulated${k}PerSecond`] = Math.round(10 * await simulate(admin, articles, analyses, k)) / 10;
    }
    const r = (x: number) => Math.round(x * 10) / 10;
    console.log(JSON.stringify({ bench: 'scale', articles: N, sqlitePerSecond: r(N / sqliteSec), pg1PerSecond: r(rates[0]!), pg2PerSecond: r(rates[1]!), speedup2: Math.round((rates[1]! / rates[0]!) * 100) / 100,
      pg1SteadyPerSecond: r(steadyRates[0]!), pg2SteadyPerSecond: r(steadyRates[1]!), speedup2Steady: Math.round((steadyRates[1]! / steadyRates[0]!) * 100) / 100, ...extra }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
