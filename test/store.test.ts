/** The store suite: the same tests on SQLite and on PostgreSQL. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { ingest } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import type { ReadResult } from '../src/ingest/types.js';
import { ENGINES } from './engines.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const res = loadResources();

const article = (n: number, extra = '') => ({
  source: 'example.org',
  published: '2020-02-18',
  publishedFrom: 'header' as const,
  text: `Forces loyal to the government said on Tuesday that shelling hit the port in article ${n}. ${extra}`,
});

for (const engine of ENGINES) {
  describe(`store on ${engine.name}`, { skip: engine.skip }, () => {
    test('put stores an analysis with its facts, and the same content twice is stored once', async () => {
      const { store, cleanup } = await engine.fresh();
      try {
        const a = analyze(article(1, 'Khalifa Haftar said on Friday that 1,000 people were killed.'), res);
        const r1 = await store.put([{ analysis: a, input: 'a.txt' }]);
        const r2 = await store.put([{ analysis: a, input: 'a-again.txt' }]);
        assert.deepEqual(r1.stored, [a.article.id]);
        assert.deepEqual(r2.duplicates, ['a-again.txt']);
        const c = await store.counts();
        assert.equal(c.articles, 1);
        assert.equal(c.entities, a.entities.length);
        assert.equal(c.events, a.events.length);
        assert.deepEqual(await store.analysis(a.article.id), a);
        assert.deepEqual(await store.analysis(a.article.id.slice(0, 6)), a, 'a unique prefix finds the article');
      } finally {
        await cleanup();
      }
    });

    test('an id taken by different content is reported, not overwritten or dropped', async () => {
      const { store, cleanup } = await engine.fresh();
      try {
        const results: ReadResult[] = [
          { ok: true, input: 'one.jsonl:1', article: { ...article(1), id: 'same' } },
          { ok: true, input: 'two.jsonl:1', article: { ...article(2), id: 'same' } },
        ];
        const s = await ingest(results, store, res);
        assert.equal(s.stored, 1);
        assert.equal(s.rejected, 1);
        assert.match(s.reasons[0]!, /two\.jsonl:1: article id "same" is already stored with different content/);
        assert.equal((await store.rejected()).length, 1);
      } finally {
        await cleanup();
      }
    });

    test('ingest keeps every unreadable input with its reason, counts it once, and goes on', async () => {
      const { store, cleanup } = await engine.fresh();
      try {
        const results: ReadResult[] = [
          { ok: true, input: 'good1.txt', article: article(1) },
          { ok: false, input: 'bad.bin', error: 'binary file, not text' },
          { ok: true, input: 'good2.txt', article: article(2) },
        ];
        const s1 = await ingest(results, store, res, { batchSize: 1 });
        assert.deepEqual([s1.read, s1.stored, s1.rejected, s1.duplicates], [3, 2, 1, 0]);
        const s2 = await ingest(results, store, res);
        assert.deepEqual([s2.stored, s2.duplicates], [0, 2]);
        const rejected = await store.rejected();
        assert.equal(rejected.length, 1, 'the same rejection is kept once');
        assert.equal(rejected[0]!.reason, 'binary file, not text');
      } finally {
        await cleanup();
      }
    });

    test('full-text search, date and outlet filters over stored articles', async () => {
      const { store, cleanup } = await engine.fresh();
      try {
        await store.put([
          { analysis: analyze({ ...article(1, 'Drones circled over Misrata.'), published: '2020-02-10' }, res), input: 'a' },
          { analysis: analyze({ ...article(2, 'Talks resumed in Geneva.'), source: 'other.net', published: '2020-03-01' }, res), input: 'b' },
        ]);
        assert.equal((await store.articles({ q: 'Misrata' })).length, 1);
        assert.equal((await store.articles({ q: 'geneva talks' })).length, 1);
        assert.equal((await store.articles({ q: 'port' })).length, 2);
        assert.equal((await store.articles({ q: '"; DROP TABLE articles; --' })).length, 0, 'query syntax is escaped');
        assert.equal((await store.articles({ source: 'other.net' })).length, 1);
        assert.equal((await store.articles({ from: '2020-02-15' })).length, 1);
        assert.equal((await store.articles({ to: '2020-02' })).length, 1, 'to=2020-02 takes all of February');
        assert.equal((await store.articles({ to: '2020-02-10' })).length, 1);
      } finally {
        await cleanup();
      }
    });

    test('migrations are versioned and re-opening a store applies nothing twice', async () => {
      const { store, db, cleanup } = await engine.fresh();
      try {
        const v = await store.schemaVersion();
        assert.ok(v >= 1);
        const again = await openStore(db);
        assert.equal(await again.schemaVersion(), v);
        const n = await again.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
        assert.equal(Number(n!.n), v);
        await again.close();
      } finally {
        await cleanup();
      }
    });

    test('a failing batch leaves nothing behind (one transaction per batch)', async () => {
      const { store, cleanup } = await engine.fresh();
      try {
        const items = [1, 2, 3].map((n) => ({ analysis: analyze(article(n), res), input: `x${n}` }));
        await assert.rejects(store.put(items, async () => { throw new Error('clustering failed'); }), /clustering failed/);
        assert.equal((await store.counts()).articles, 0);
        await store.put(items);
        assert.equal((await store.counts()).articles, 3);
      } finally {
        await cleanup();
      }
    });

    test('an ingest killed half-way and run again ends with every article stored exactly once', async () => {
      const { store, db, cleanup } = await engine.fresh();
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-kill-'));
      try {
        const src = join(dir, 'in');
        mkdirSync(src);
        const N = 400;
        for (let i = 0; i < N; i++) {
          writeFileSync(join(src, `a${String(i).padStart(4, '0')}.txt`), `date 2020-02-${String(1 + (i % 28)).padStart(2, '0')}\n\nArticle number ${i}: fighters shelled the district on Monday, the ministry said. ${'More detail follows here. '.repeat(20)}`);
        }
        const cli = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'ingest', src, '--db', db];
        const child = spawn(process.execPath, cli, { cwd: ROOT, stdio: 'ignore' });
        let seen = 0;
        for (let i = 0; i < 1200 && seen === 0; i++) {
          await new Promise((r) => setTimeout(r, 25));
          seen = (await store.counts()).articles;
        }
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const afterKill = (await store.counts()).articles;
        assert.ok(afterKill > 0 && afterKill < N, `killed half-way (${afterKill} of ${N} stored)`);
        const again = spawnSync(process.execPath, cli, { cwd: ROOT, encoding: 'utf8' });
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stderr, new RegExp(`${N} read, ${N - afterKill} stored, ${afterKill} already stored, 0 rejected`));
        const rows = await store.db.get<{ n: number; h: number; c: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT content_hash) AS h, COUNT(cluster_id) AS c FROM articles');
        assert.deepEqual({ n: Number(rows!.n), h: Number(rows!.h), c: Number(rows!.c) }, { n: N, h: N, c: N }, 'every article stored once and in a story');
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await cleanup();
      }
    });
  });
}
