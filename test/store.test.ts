import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { ingest } from '../src/store/ingest.js';
import type { ReadResult } from '../src/ingest/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const res = loadResources();
const tmp = () => mkdtempSync(join(tmpdir(), 'sitrep-store-'));

const article = (n: number, extra = '') => ({
  source: 'example.org',
  published: '2020-02-18',
  publishedFrom: 'header' as const,
  text: `Forces loyal to the government said on Tuesday that shelling hit the port in article ${n}. ${extra}`,
});

test('put stores an analysis with its facts, and the same content twice is stored once', () => {
  const dir = tmp();
  const store = new SqliteStore(join(dir, 's.db'));
  const a = analyze(article(1), res);
  const r1 = store.put([{ analysis: a, input: 'a.txt' }]);
  const r2 = store.put([{ analysis: a, input: 'a-again.txt' }]);
  assert.deepEqual(r1.stored, [a.article.id]);
  assert.deepEqual(r2.duplicates, ['a-again.txt']);
  assert.equal(store.counts().articles, 1);
  assert.deepEqual(store.analysis(a.article.id), a);
  assert.deepEqual(store.analysis(a.article.id.slice(0, 6)), a, 'a unique prefix finds the article');
  store.close();
  rmSync(dir, { recursive: true });
});

test('an id taken by different content is reported, not overwritten or dropped', () => {
  const dir = tmp();
  const store = new SqliteStore(join(dir, 's.db'));
  const results: ReadResult[] = [
    { ok: true, input: 'one.jsonl:1', article: { ...article(1), id: 'same' } },
    { ok: true, input: 'two.jsonl:1', article: { ...article(2), id: 'same' } },
  ];
  const s = ingest(results, store, res);
  assert.equal(s.stored, 1);
  assert.equal(s.rejected, 1);
  assert.match(s.reasons[0]!, /two\.jsonl:1: article id "same" is already stored with different content/);
  assert.equal(store.rejected().length, 1);
  store.close();
  rmSync(dir, { recursive: true });
});

test('ingest keeps every unreadable input with its reason, counts it once, and goes on', () => {
  const dir = tmp();
  const store = new SqliteStore(join(dir, 's.db'));
  const results: ReadResult[] = [
    { ok: true, input: 'good1.txt', article: article(1) },
    { ok: false, input: 'bad.bin', error: 'binary file, not text' },
    { ok: true, input: 'good2.txt', article: article(2) },
  ];
  const s1 = ingest(results, store, res, { batchSize: 1 });
  assert.deepEqual([s1.read, s1.stored, s1.rejected, s1.duplicates], [3, 2, 1, 0]);
  const s2 = ingest(results, store, res);
  assert.deepEqual([s2.stored, s2.duplicates], [0, 2]);
  assert.equal(store.rejected().length, 1, 'the same rejection is kept once');
  assert.equal(store.rejected()[0]!.reason, 'binary file, not text');
  store.close();
  rmSync(dir, { recursive: true });
});

test('full-text search, date and outlet filters over stored articles', () => {
  const dir = tmp();
  const store = new SqliteStore(join(dir, 's.db'));
  store.put([
    { analysis: analyze({ ...article(1, 'Drones circled over Misrata.'), published: '2020-02-10' }, res), input: 'a' },
    { analysis: analyze({ ...article(2, 'Talks resumed in Geneva.'), source: 'other.net', published: '2020-03-01' }, res), input: 'b' },
  ]);
  assert.equal(store.articles({ q: 'Misrata' }).length, 1);
  assert.equal(store.articles({ q: 'geneva talks' }).length, 1);
  assert.equal(store.articles({ q: 'port' }).length, 2);
  assert.equal(store.articles({ q: '"; DROP TABLE articles; --' }).length, 0, 'query syntax is escaped');
  assert.equal(store.articles({ source: 'other.net' }).length, 1);
  assert.equal(store.articles({ from: '2020-02-15' }).length, 1);
  assert.equal(store.articles({ to: '2020-02-10' }).length, 1);
  store.close();
  rmSync(dir, { recursive: true });
});

test('migrations are versioned and re-opening a store applies nothing twice', () => {
  const dir = tmp();
  const path = join(dir, 's.db');
  const s1 = new SqliteStore(path);
  const v = s1.schemaVersion();
  s1.close();
  const s2 = new SqliteStore(path);
  assert.equal(s2.schemaVersion(), v);
  assert.equal((s2.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, v);
  s2.close();
  rmSync(dir, { recursive: true });
});

test('an ingest killed half-way and run again ends with every article stored exactly once', async () => {
  const dir = tmp();
  const src = join(dir, 'in');
  mkdirSync(src);
  const N = 400;
  for (let i = 0; i < N; i++) {
    writeFileSync(join(src, `a${String(i).padStart(4, '0')}.txt`), `date 2020-02-${String(1 + (i % 28)).padStart(2, '0')}\n\nArticle number ${i}: fighters shelled the district on Monday, the ministry said. ${'More detail follows here. '.repeat(20)}`);
  }
  const db = join(dir, 's.db');
  const cli = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'ingest', src, '--db', db];
  const child = spawn(process.execPath, cli, { cwd: ROOT, stdio: 'ignore' });
  // Kill it as soon as the first batch is committed.
  const count = () => {
    try {
      const c = new Database(db, { readonly: true, fileMustExist: true });
      try { return (c.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n; } finally { c.close(); }
    } catch { return 0; }
  };
  let seen = 0;
  for (let i = 0; i < 600 && seen === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    seen = count();
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const afterKill = count();
  assert.ok(afterKill > 0 && afterKill < N, `killed half-way (${afterKill} of ${N} stored)`);
  const again = spawnSync(process.execPath, cli, { cwd: ROOT, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
  const c = new Database(db, { readonly: true });
  const rows = c.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT content_hash) AS h FROM articles').get() as { n: number; h: number };
  c.close();
  assert.deepEqual(rows, { n: N, h: N });
  assert.match(again.stderr, new RegExp(`${N} read, ${N - afterKill} stored, ${afterKill} already stored, 0 rejected`));
  rmSync(dir, { recursive: true });
});
