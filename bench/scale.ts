/**
 * bench:scale — ingest throughput on the same generated corpus (SCALE_ARTICLES, default 2,000): the SQLite store
 * in one process, then PostgreSQL with 1 and with 2 `sitrep worker` processes draining the queue.
 * Needs PostgreSQL: SITREP_PG_URL, else it starts the project's private server with scripts/pg.sh.
 * Last line: {"bench":"scale","articles":…,"sqlitePerSecond":…,"pg1PerSecond":…,"pg2PerSecond":…,"speedup2":…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { generateCorpus, writeCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const N = Number(process.env.SCALE_ARTICLES ?? 2000);

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

async function drain(url: string, workers: number): Promise<number> {
  const t0 = performance.now();
  const procs = Array.from({ length: workers }, (_, i) => spawn(process.execPath,
    ['--import', 'tsx', CLI, 'worker', '--db', url, '--exit-when-empty', '--batch', '20', '--name', `bench-${i}`], { cwd: ROOT, stdio: 'ignore' }));
  const codes = await Promise.all(procs.map((p) => new Promise<number | null>((r) => p.once('exit', r))));
  if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: exit codes ${codes.join(', ')}`);
  return (performance.now() - t0) / 1000;
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
    for (const workers of [1, 2]) {
      const url = await freshDb(admin, `sitrep_scale_${workers}`);
      cli(['ingest', file, '--db', url, '--queue']);
      const sec = await drain(url, workers);
      const n = await count(url);
      if (n !== N) throw new Error(`${workers} workers stored ${n} of ${N}`);
      rates.push(N / sec);
      console.log(`PostgreSQL, ${workers} worker(s): ${N} articles in ${sec.toFixed(1)} s`);
    }
    console.log(`SQLite: ${N} articles in ${sqliteSec.toFixed(1)} s (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
    const r = (x: number) => Math.round(x * 10) / 10;
    console.log(JSON.stringify({ bench: 'scale', articles: N, sqlitePerSecond: r(N / sqliteSec), pg1PerSecond: r(rates[0]!), pg2PerSecond: r(rates[1]!), speedup2: Math.round((rates[1]! / rates[0]!) * 100) / 100 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
