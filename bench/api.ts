/**
 * bench:api — p95 latency of story, actor and timeline requests over real HTTP on 127.0.0.1, against a SQLite
 * store of API_ARTICLES generated articles (default 20,000; the target is stated for 100,000). The store is
 * built once and kept in API_DB (default bench/out/api-N.db) so repeated runs measure only the requests.
 * Also the page: its gzipped size and its first load in Chromium (until the stories list is drawn).
 * Last line: {"bench":"api","articles":…,"p95ms":…,"p95StoryMs":…,"p95ActorMs":…,"p95TimelineMs":…,"bundleKbGzip":…,"firstLoadMs":…}
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadResources } from '../src/resources.js';
import { openStore } from '../src/store/open.js';
import { ingest } from '../src/store/ingest.js';
import { StoryKeeper } from '../src/store/stories.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { createApp } from '../src/server/app.js';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.API_ARTICLES ?? 20000);
const REQUESTS = Number(process.env.API_REQUESTS ?? 200);

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 10) / 10;
}

async function main() {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const path = process.env.API_DB ?? join(ROOT, 'bench', 'out', `api-${N}.db`);
  const fresh = !existsSync(path);
  const store = await openStore(path);
  const res = loadResources();
  if (fresh || (await store.counts()).articles < N) {
    const t0 = performance.now();
    const stories = await new StoryKeeper(loadCorpusResources()).open(store);
    const corpus = generateCorpus(N);
    await ingest(corpus.map((article, i) => ({ ok: true as const, input: `gen:${i}`, article })), store, res, {
      batchSize: 500, onStored: stories.onStored,
      onProgress: (s) => { if (s.read % 5000 < 500) process.stderr.write(`\rbuilding the store: ${s.stored} stored`); },
    });
    await stories.save(store);
    process.stderr.write(`\nstore of ${N} articles built in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const { buildWeb } = await import('../scripts/build-web.js');
  const app = createApp({ store, resources: res, webDir: await buildWeb() });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const stories = (await store.stories({ limit: 200 })).map((s) => s.id);
  const actors = (await store.entities({ limit: 5000 })).map((e) => e.name as string);
  const uniqueActors = [...new Set(actors)].slice(0, 200);
  const timed = async (path: string) => {
    const t = performance.now();
    const r = await fetch(base + path);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return performance.now() - t;
  };
  const run = async (make: (i: number) => string) => {
    const xs: number[] = [];
    for (let i = 0; i < 20; i++) await timed(make(i)); // warm-up
    for (let i = 0; i < REQUESTS; i++) xs.push(await timed(make(i)));
    return xs;
  };
  const story = await run((i) => `/api/stories/${encodeURIComponent(stories[i % stories.length]!)}`);
  const actor = await run((i) => `/api/actors/${encodeURIComponent(uniqueActors[i % uniqueActors.length]!)}`);
  const timeline = await run((i) => `/api/timeline?actor=${encodeURIComponent(uniqueActors[i % uniqueActors.length]!)}&limit=200`);
  const page = await pageMetrics(base);
  server.close();
  await store.close();
  console.log(`${REQUESTS} requests each; store ${path}`);
  console.log(JSON.stringify({ bench: 'api', articles: N, p95ms: p95([...story, ...actor, ...timeline]), p95StoryMs: p95(story), p95ActorMs: p95(actor), p95TimelineMs: p95(timeline), ...page }));
}

/** The page's size on the wire (gzip) and its first load in Debian's Chromium (load event, median of 5 cold loads). */
async function pageMetrics(base: string): Promise<{ bundleKbGzip: number; firstLoadMs: number | null }> {
  const { gzipSync } = await import('node:zlib');
  const { readFileSync, existsSync: exists } = await import('node:fs');
  const dist = join(ROOT, 'web', 'dist');
  const bundleKbGzip = Math.round(['index.html', 'app.js', 'app.css'].reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0) / 102.4) / 10;
  if (!exists('/usr/bin/chromium')) return { bundleKbGzip, firstLoadMs: null };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t = performance.now();
    await page.goto(base + '/');
    await page.waitForSelector('main table, main p');
    times.push(performance.now() - t);
    await ctx.close();
  }
  await browser.close();
  times.sort((a, b) => a - b);
  return { bundleKbGzip, firstLoadMs: Math.round(times[2]!) };
}

main().catch((e) => { console.error(e); process.exit(1); });
