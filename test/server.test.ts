import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResources, DATA_DIR } from '../src/resources.js';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { ingest } from '../src/store/ingest.js';
import { StoryKeeper } from '../src/store/stories.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { createApp } from '../src/server/app.js';

const res = loadResources();
let dir: string;
let store: SqlStore;
let app: ReturnType<typeof createApp>;

const articles = [
  { source: 'a.example', published: '2020-02-19', title: 'Port of Tripoli shelled', text: 'Forces loyal to Khalifa Haftar shelled the port of Tripoli on Tuesday, the Government of National Accord said. “This is a crime,” said Fayez al-Serraj.' },
  { source: 'b.example', published: '2020-02-20', title: 'Talks suspended after port attack', text: 'The Government of National Accord, backed by Turkey, suspended its participation in talks in Geneva after the port of Tripoli was shelled on Tuesday.' },
  { source: 'c.example', published: '2020-02-21', title: 'A <script>alert(1)</script> headline', text: 'Officials said <script>alert(1)</script> was pasted into this article about Tripoli.' },
];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-server-'));
  store = await openStore(join(dir, 's.db'));
  const stories = await new StoryKeeper(loadCorpusResources()).open(store);
  await ingest(articles.map((a, i) => ({ ok: true as const, input: `t${i}`, article: { ...a, publishedFrom: 'header' as const } })), store, res, { onStored: stories.onStored });
  await stories.save(store);
  const web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  app = createApp({ store, resources: res, token: 'sesame', webDir: web, dataDir: DATA_DIR, maxBody: 50_000 });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true });
});

const get = async (path: string) => {
  const r = await app.request(path);
  return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text(), headers: r.headers };
};

test('articles, one analysis, search and the OpenAPI description', async () => {
  const list = await get('/api/articles?limit=10');
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 3);
  const one = await get(`/api/articles/${list.body.items[0].id}`);
  assert.equal(one.body.schema, 'sitrep/analysis@1');
  const found = await get('/api/search?q=Geneva');
  assert.deepEqual(found.body.items.map((a: { source: string }) => a.source), ['b.example']);
  for (const kind of ['events', 'quotes', 'entities', 'relations']) {
    const r = await get(`/api/${kind}?limit=500`);
    assert.ok(Array.isArray(r.body.items) && r.body.items.length > 0, `${kind} lists rows`);
  }
  const byActor = await get('/api/entities?actor=Government%20of%20National%20Accord');
  assert.ok(byActor.body.items.length >= 2 && byActor.body.items.every((e: { name: string }) => e.name === 'Government of National Accord'));
  const spec = await get('/api/openapi.json');
  assert.equal(spec.body.openapi, '3.1.0');
  assert.ok(spec.body.paths['/api/stories/{id}']);
});

test('stories list the clustered articles and one story lists its articles', async () => {
  const s = await get('/api/stories');
  assert.equal(s.status, 200);
  const total = s.body.items.reduce((n: number, x: { articles: number; copies: number }) => n + x.articles + x.copies, 0);
  assert.equal(total, 3, 'every article is in exactly one story');
  const one = await get(`/api/stories/${s.body.items[0].id}`);
  assert.ok(one.body.articles.length >= 1);
});

test('bad parameters get a JSON error naming the parameter, with status 400; unknown things 404', async () => {
  const bad = await get('/api/events?from=yesterday');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /from/);
  const unknown = await get('/api/events?colour=red');
  assert.equal(unknown.status, 400);
  assert.equal((await get('/api/articles/nope')).status, 404);
  assert.match((await get('/api/nothing-here')).body.error, /no such endpoint/);
});

test('read-only without the token; ingest with it; body size limited', async () => {
  const body = JSON.stringify({ articles: [{ text: 'The army said on Monday that talks had resumed in Geneva.', published: '2020-02-24', source: 'd.example' }] });
  const post = (headers: Record<string, string>, b = body) => app.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b });
  assert.equal((await post({})).status, 401);
  assert.equal((await post({ authorization: 'Bearer wrong!' })).status, 401);
  const ok = await post({ authorization: 'Bearer sesame' });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).stored, 1);
  const big = await post({ authorization: 'Bearer sesame' }, JSON.stringify({ articles: [{ text: 'x'.repeat(60_000) }] }));
  assert.equal(big.status, 413);
  const readOnly = createApp({ store, resources: res });
  assert.equal((await readOnly.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status, 403);
});

test('analyze runs the pipeline without storing; malformed JSON is a 400', async () => {
  const before = (await get('/api/health')).body.counts.articles;
  const r = await app.request('/api/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Ankara said on Friday it would send troops.', published: '2020-02-22' }) });
  assert.equal(r.status, 200);
  const a = await r.json();
  assert.equal(a.article.published, '2020-02-22');
  assert.equal((await get('/api/health')).body.counts.articles, before);
  const broken = await app.request('/api/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
  assert.equal(broken.status, 400);
  assert.match((await broken.json()).error, /not valid JSON/);
});

test('static files: security headers, client routes get the page, no path traversal', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await get('/story/anything')).body, '<!doctype html><title>page</title>');
  assert.equal((await get('/data/text/abbreviations.json')).status, 200, 'data files are served for the in-browser analyser');
  assert.equal((await get('/data/nothing.json')).status, 404);
  // Data files go out gzipped to a client that accepts it, and the bytes decompress to the file itself.
  const raw = readFileSync(join(DATA_DIR, 'events', 'lexicon.json'));
  const zipped = await app.request('/data/events/lexicon.json', { headers: { 'accept-encoding': 'gzip, deflate' } });
  assert.equal(zipped.headers.get('content-encoding'), 'gzip');
  const bytes = Buffer.from(await zipped.arrayBuffer());
  assert.ok(bytes.length < raw.length / 2, `${bytes.length} bytes gzipped of ${raw.length}`);
  assert.deepEqual(gunzipSync(bytes), raw);
  const plain = await app.request('/data/events/lexicon.json');
  assert.equal(plain.headers.get('content-encoding'), null, 'no gzip unless asked for');
  assert.equal(Buffer.from(await plain.arrayBuffer()).length, raw.length);
  for (const p of ['/data/../package.json', '/data/%2e%2e/package.json', '/data/..%2fpackage.json']) {
    const r = await get(p);
    assert.ok(!(typeof r.body === 'string' && r.body.includes('"name": "sitrep"')), p);
  }
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
    const r = await get(p);
    assert.notEqual(r.body, 'do not serve', p);
  }
});
