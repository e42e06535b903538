/**
 * The PostgreSQL work queue with real workers (child processes) against a real server: concurrent workers, a worker
 * killed mid-batch, a database restart, a poison article. Nothing lost, nothing twice, stories as a serial run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { StoryIndex } from '../src/corpus/stories.js';
import { openStore } from '../src/store/open.js';
import { StoryKeeper } from '../src/store/stories.js';
import { Queue } from '../src/queue/queue.js';
import { runWorker } from '../src/queue/worker.js';
import type { SqlStore } from '../src/store/sql-store.js';
import type { Analysis } from '../src/types.js';
import { freshPgDatabase } from './engines.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = process.env.SITREP_PG_URL ? false : 'no PostgreSQL server (SITREP_PG_URL is unset; npm test starts one with scripts/pg.sh)';
const CLI = join(ROOT, 'src/cli/main.ts');

const TOPICS = [
  'Forces loyal to Khalifa Haftar shelled the port of Tripoli, the Government of National Accord said.',
  'Talks between the two Libyan sides resumed in Geneva under United Nations mediation.',
  'Flooding in Bangladesh displaced thousands of families near Dhaka, officials said.',
  'Ukraine and Russia exchanged prisoners after talks in Istanbul, officials said.',
];

/** A folder of N small articles on a few stories, on a few days. */
function corpus(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-queue-'));
  mkdirSync(join(dir, 'in'));
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 20)).padStart(2, '0');
    writeFileSync(join(dir, 'in', `a${String(i).padStart(4, '0')}.txt`),
      `date 2020-02-${day}\n\n${TOPICS[i % TOPICS.length]} Report ${i} adds that ${i % 7} people were hurt on Monday. ${'The situation remained tense, residents said. '.repeat(6)}`);
  }
  return dir;
}

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
const worker = (db: string, extra: string[] = []): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--db', db, '--exit-when-empty', ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

async function assertAllOnce(store: SqlStore, n: number) {
  const r = await store.db.get<{ n: number; h: number; c: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT content_hash) AS h, COUNT(cluster_id) AS c FROM articles');
  assert.deepEqual({ n: Number(r!.n), h: Number(r!.h), c: Number(r!.c) }, { n, h: n, c: n }, 'every article stored exactly once, each in a story');
  const q = await new Queue(store.db).stats();
  assert.equal(q.done, n);
  assert.equal(q.pending + q.leased, 0);
}

/** Story assignments must equal a serial run over the same articles in the order they were clustered, each once. */
async function assertSerialStories(store: SqlStore) {
  const index = new StoryIndex({ stopwords: loadCorpusResources().stopwords });
  const expected = new Map<string, string>();
  const positions: number[] = [];
  for await (const { position, analysis } of store.clusteredAfter(0)) {
    expected.set(analysis.article.id, index.add(analysis as Analysis).clusterId);
    positions.push(position);
  }
  assert.deepEqual(positions, positions.map((_, i) => i + 1), 'clustering positions run 1, 2, 3… with no gap or repeat');
  const rows = await store.db.all<{ id: string; cluster_id: string }>('SELECT id, cluster_id FROM articles');
  for (const r of rows) assert.equal(r.cluster_id, expected.get(r.id), `story of ${r.id}`);
}

describe('PostgreSQL queue and workers', { skip: SKIP }, () => {
  test('three workers at once: nothing lost, nothing twice, stories as a serial run gives', async () => {
    const dir = corpus(240);
    const { url, drop } = await freshPgDatabase();
    try {
      const enq = cli(['ingest', join(dir, 'in'), '--db', url, '--queue']);
      assert.equal(enq.status, 0, enq.stderr);
      assert.match(enq.stderr, /240 read, 240 enqueued/);
      const again = cli(['ingest', join(dir, 'in'), '--db', url, '--queue']);
      assert.match(again.stderr, /0 enqueued, 240 already stored or queued/);
      const ws = [worker(url, ['--batch', '10']), worker(url, ['--batch', '10']), worker(url, ['--batch', '10'])];
      assert.deepEqual(await Promise.all(ws.map(exited)), [0, 0, 0]);
      const store = await openStore(url);
      try {
        await assertAllOnce(store, 240);
        await assertSerialStories(store);
        const stories = await store.stories({ limit: 1000 });
        assert.ok(stories.length >= TOPICS.length && stories.length < 240, `${stories.length} stories`);
      } finally {
        await store.close();
      }
    } finally {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('one dedicated clusterer beside two analyse-only workers: the same guarantees', async () => {
    const dir = corpus(120);
    const { url, drop } = await freshPgDatabase();
    try {
      assert.equal(cli(['ingest', join(dir, 'in'), '--db', url, '--queue']).status, 0);
      const ws = [worker(url, ['--batch', '10', '--role', 'analyse']), worker(url, ['--batch', '10', '--role', 'analyse'])];
      assert.deepEqual(await Promise.all(ws.map(exited)), [0, 0]);
      const store = await openStore(url);
      try {
        const r = await store.db.get<{ c: number }>('SELECT COUNT(cluster_id) AS c FROM articles');
        assert.equal(Number(r!.c), 0, 'analyse-only workers store but never cluster');
        assert.equal(await exited(worker(url, ['--role', 'cluster'])), 0);
        await assertAllOnce(store, 120);
        await assertSerialStories(store);
      } finally {
        await store.close();
      }
      assert.equal(cli(['worker', '--db', url, '--role', 'nonsense']).status, 2);
    } finally {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a worker killed mid-batch loses nothing: its lease runs out and another worker finishes', async () => {
    const dir = corpus(150);
    const { url, drop } = await freshPgDatabase();
    const store = await openStore(url);
    try {
      assert.equal(cli(['ingest', join(dir, 'in'), '--db', url, '--queue']).status, 0);
      const victim = worker(url, ['--batch', '25', '--lease', '2']);
      for (let i = 0; i < 1200 && (await store.counts()).articles === 0; i++) await new Promise((r) => setTimeout(r, 25));
      victim.kill('SIGKILL');
      await exited(victim);
      const rescuer = worker(url, ['--batch', '25', '--lease', '2']);
      assert.equal(await exited(rescuer), 0);
      await assertAllOnce(store, 150);
      await assertSerialStories(store);
    } finally {
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a poison article is retried a bounded number of times, then parked with its error; the rest goes on', async () => {
    const { url, drop } = await freshPgDatabase();
    const store = await openStore(url);
    try {
      const queue = new Queue(store.db, { leaseSeconds: 30, maxAttempts: 3 });
      const results = TOPICS.map((text, i) => ({ ok: true as const, input: `t${i}`, article: { text: i === 2 ? `POISON ${text}` : text, published: '2020-02-20' } }));
      assert.equal((await queue.enqueue(results, store)).enqueued, 4);
      let calls = 0;
      const analyzeFn: typeof analyze = (a, r) => {
        if (a.text.startsWith('POISON')) { calls++; throw new Error('stage exploded'); }
        return analyze(a, r);
      };
      const stories = await new StoryKeeper(loadCorpusResources()).open(store);
      const s = await runWorker(store, queue, stories, loadResources(), { batch: 2, exitWhenEmpty: true, pollMs: 10, analyzeFn });
      assert.equal(calls, 3, 'tried exactly maxAttempts times');
      assert.deepEqual([s.stored, s.retried, s.parked], [3, 2, 1]);
      const failed = await queue.failed();
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.input, 't2');
      assert.match(failed[0]!.error ?? '', /stage exploded/);
      assert.match((await store.rejected())[0]!.reason, /stage exploded \(parked after 3 tries\)/);
    } finally {
      await store.close();
      await drop();
    }
  });

  test('a database restart in the middle is survived: the worker retries and finishes everything once', async () => {
    // A server of its own, so that restarting it disturbs no other test.
    const pgDir = mkdtempSync(join(tmpdir(), 'sitrep-pg-restart-'));
    const port = String(55000 + (process.pid % 4000));
    const env = { ...process.env, SITREP_PG_DIR: pgDir, SITREP_PG_PORT: port };
    const start = spawnSync('bash', [join(ROOT, 'scripts/pg.sh')], { env, encoding: 'utf8' });
    const base = start.stdout.trim();
    assert.ok(base.startsWith('postgres://'), `private server started: ${start.stderr}`);
    const dir = corpus(300);
    try {
      const url = base;
      assert.equal(cli(['ingest', join(dir, 'in'), '--db', url, '--queue']).status, 0);
      const w = worker(url, ['--batch', '5']);
      let err = '';
      w.stderr!.on('data', (d) => { err += String(d); });
      const store = await openStore(url);
      for (let i = 0; i < 1200 && (await store.counts()).articles === 0; i++) await new Promise((r) => setTimeout(r, 25));
      await store.close();
      // Down for a while (the worker meets refused connections and backs off), then up again.
      const ctl = (cmd: string) => spawnSync('bash', ['-c', `bin=$(ls -d /usr/lib/postgresql/*/bin | head -1); ${process.getuid?.() === 0 ? 'runuser -u postgres --' : ''} $bin/pg_ctl -D ${pgDir}/data -m fast -w -l ${pgDir}/log ${cmd}`], { encoding: 'utf8' });
      const stop = ctl('stop');
      assert.equal(stop.status, 0, stop.stderr);
      await new Promise((r) => setTimeout(r, 1500));
      const start2 = ctl(`start -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${pgDir} -c fsync=off"`);
      assert.equal(start2.status, 0, start2.stderr);
      assert.equal(await exited(w), 0, err);
      const interruptions = Number(/(\d+) database interruptions/.exec(err)?.[1] ?? 0);
      assert.ok(interruptions > 0, `the worker was still running when the server went down: ${err}`);
      const after = await openStore(url);
      try {
        await assertAllOnce(after, 300);
        await assertSerialStories(after);
      } finally {
        await after.close();
      }
    } finally {
      spawnSync('bash', [join(ROOT, 'scripts/pg.sh'), 'stop'], { env });
      rmSync(pgDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
