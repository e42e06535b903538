/**
 * The web page in a real browser: Debian's Chromium driven by playwright-core, against the real server on
 * 127.0.0.1 over a store holding a few articles (one carrying a <script> in its text and title).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadResources, DATA_DIR } from '../src/resources.js';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { ingest } from '../src/store/ingest.js';
import { StoryKeeper } from '../src/store/stories.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { createApp } from '../src/server/app.js';
import { buildWeb } from '../scripts/build-web.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (npm test installs it with apt-get when run as root)`;
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), 'screenshots');

let dir: string;
let store: SqlStore;
let server: ServerType;
let browser: Browser;
let base: string;

const articles = [
  { source: 'a.example', published: '2020-02-19', title: 'Port of Tripoli shelled', text: 'Forces loyal to Khalifa Haftar shelled the port of Tripoli on Tuesday, the Government of National Accord said.\n\n“This is a crime against civilians,” said Fayez al-Serraj, the head of the Government of National Accord.' },
  { source: 'b.example', published: '2020-02-20', title: 'Tripoli port shelling halts Geneva talks', text: 'The Government of National Accord suspended its part in the Geneva talks after Haftar’s forces shelled the port of Tripoli on Tuesday.' },
  { source: 'c.example', published: '2020-02-21', title: 'Headline <script>window.__pwned = 1</script>', text: 'Officials said <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> was pasted into this article about Tripoli.' },
];

before(async () => {
  if (SKIP) return;
  dir = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
  store = await openStore(join(dir, 's.db'));
  const res = loadResources();
  const stories = await new StoryKeeper(loadCorpusResources()).open(store);
  await ingest(articles.map((a, i) => ({ ok: true as const, input: `w${i}`, article: { ...a, publishedFrom: 'header' as const } })), store, res, { onStored: stories.onStored });
  await stories.save(store);
  const app = createApp({ store, resources: res, webDir: await buildWeb(), dataDir: DATA_DIR });
  await new Promise<void>((ok) => { server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok()); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (SKIP) return;
  await browser?.close();
  server?.close();
  await store.close();
  rmSync(dir, { recursive: true });
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + path);
  return { page, errors };
}

test('stories page lists stories; following a story, an article and a fact reaches the evidence', { skip: SKIP }, async () => {
  const { page, errors } = await open('/');
  await page.waitForSelector('main table');
  await page.screenshot({ path: join(SHOTS, 'stories.png') });
  const storyLink = page.locator('main table a').first();
  await storyLink.click();
  await page.waitForSelector('main .card');
  const cards = await page.locator('main .card').count();
  assert.ok(cards >= 1);
  assert.equal(await page.locator('main h2:text("Where the outlets disagree")').count(), 1, 'the comparison is shown');
  await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: true });
  await page.locator('main .card h3 a').first().click();
  await page.waitForSelector('main .text');
  const marks = await page.locator('main .text mark').count();
  assert.ok(marks > 0, 'the article text carries highlighted evidence');
  // Every mark says what it is in text, not only by colour.
  const tags = await page.locator('main .text mark').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-tag') && m.getAttribute('aria-label')));
  assert.ok(tags.every(Boolean));
  // Layers on demand: events are off at first; their evidence link turns them on and marks the span.
  assert.equal(await page.locator('main .text mark[data-kind="event"]').count(), 0);
  await page.locator('main .facts a', { hasText: 'event' }).first().click();
  assert.ok((await page.locator('main .text mark[data-kind="event"]').count()) > 0);
  assert.equal(await page.locator('mark.active').first().getAttribute('data-kind'), 'event');
  // And the reverse: a highlight leads to its fact in the list.
  await page.locator('main .text mark[data-kind="event"]').first().click();
  assert.match(await page.locator('main .facts li.active').textContent() ?? '', /event/);
  await page.uncheck('#layer-entity');
  assert.equal(await page.locator('main .text mark[data-kind="entity"]').count(), 0);
  await page.screenshot({ path: join(SHOTS, 'article.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('story → article → actor → the evidence of one of its quotes', { skip: SKIP }, async () => {
  const { page, errors } = await open('/');
  await page.waitForSelector('main table');
  await page.locator('main table a', { hasText: 'Port of Tripoli shelled' }).click();
  await page.locator('main .card h3 a', { hasText: 'Port of Tripoli shelled' }).click();
  await page.waitForSelector('main .text');
  await page.locator('main a', { hasText: 'Fayez al-Serraj' }).first().click();
  await page.waitForSelector('main h2:text("Quotes")');
  assert.equal(await page.locator('main h1').textContent(), 'Fayez al-Serraj');
  await page.screenshot({ path: join(SHOTS, 'actor.png'), fullPage: true });
  await page.locator('main h2:text("Quotes") + ul a', { hasText: 'evidence' }).first().click();
  await page.waitForSelector('mark.active');
  assert.match(await page.locator('mark.active').first().textContent() ?? '', /crime against civilians/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the timeline of merged events filters by actor, and the figures page lists claimants', { skip: SKIP }, async () => {
  const { page, errors } = await open('/#/timeline');
  await page.waitForSelector('main h1:text("Timeline of merged events")');
  await page.fill('#f-actor', 'Khalifa Haftar');
  await page.click('main form button');
  await page.waitForFunction(() => location.hash.includes('actor='));
  await page.waitForSelector('main ol');
  const items = await page.locator('main ol > li li').allTextContents();
  assert.ok(items.length > 0 && items.every((t) => t.includes('Khalifa Haftar')), items.join(' | '));
  await page.fill('#f-place', 'Tripoli');
  await page.click('main form button');
  await page.waitForFunction(() => location.hash.includes('place='));
  await page.waitForSelector('main ol');
  const inTripoli = await page.locator('main ol > li li').allTextContents();
  assert.ok(inTripoli.length > 0 && inTripoli.every((t) => t.includes('in Tripoli')), inTripoli.join(' | '));
  await page.goto(base + '/#/figures');
  await page.waitForSelector('main h1:text("Figures")');
  await page.waitForSelector('main h2:text("Spread across outlets")');
  await page.goto(base + '/#/map');
  await page.waitForSelector('main svg.map');
  assert.ok((await page.locator('main svg.map circle').count()) > 0, 'events with a place are drawn');
  assert.ok((await page.locator('main svg.map path').getAttribute('d'))!.length > 10000, 'country shapes are drawn');
  await page.screenshot({ path: join(SHOTS, 'map.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a quote in the fact list links to its evidence span, by mouse and by keyboard', { skip: SKIP }, async () => {
  const id = (await store.articles({ source: 'a.example' }))[0]!.id;
  const { page } = await open(`/#/article/${id}`);
  await page.waitForSelector('main .facts');
  const quoteLinks = page.locator('main .facts a[href^="#ev-Q"]');
  assert.ok((await quoteLinks.count()) > 0, 'the quote is listed among the facts');
  await quoteLinks.first().focus();
  await page.keyboard.press('Enter');
  const active = await page.locator('mark.active').first().textContent();
  assert.match(active ?? '', /crime against civilians/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MARK');
  await page.close();
});

test('text from articles is rendered escaped: nothing in it runs', { skip: SKIP }, async () => {
  const id = (await store.articles({ source: 'c.example' }))[0]!.id;
  const { page, errors } = await open(`/#/article/${id}`);
  await page.waitForSelector('main .text');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.match(await page.locator('main h1').textContent() ?? '', /<script>window.__pwned = 1<\/script>/);
  assert.equal(await page.locator('main script, main img').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasting an article analyses it and highlights its spans', { skip: SKIP }, async () => {
  const { page } = await open('/#/analyze');
  await page.waitForSelector('#paste');
  await page.fill('#paste', 'Khalifa Haftar said on Friday that he would accept a ceasefire in Libya. The United Nations said 1,000 people had been killed.');
  await page.fill('#pdate', '2020-02-22');
  assert.ok(await page.isChecked('#plocal'), 'the analysis runs in the browser by default');
  await page.click('main button[type=submit]');
  await page.waitForSelector('main .text', { timeout: 120_000 });
  assert.match(await page.locator('main [role=status]').textContent() ?? '', /Analysed in this browser/);
  const text = await page.locator('main .text').textContent();
  assert.match(text ?? '', /Khalifa Haftar said on Friday/);
  assert.ok((await page.locator('main .text mark[data-kind="entity"]').count()) >= 2, 'Khalifa Haftar and the United Nations are marked');
  assert.ok((await page.locator('main .text mark[data-kind="time"]').count()) >= 1, '"Friday" is marked');
  // The same analysis as the server's analyze() on the same input.
  const inBrowser = await page.evaluate(async () => {
    const m = await import('/analyzer.js' as string);
    const a = await m.analyzeInBrowser('Khalifa Haftar said on Friday that he would accept a ceasefire in Libya. The United Nations said 1,000 people had been killed.', '2020-02-22');
    return { ...a, meta: null };
  });
  const onServer = await (await fetch(`${base}/api/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Khalifa Haftar said on Friday that he would accept a ceasefire in Libya. The United Nations said 1,000 people had been killed.', published: '2020-02-22' }) })).json();
  assert.deepEqual({ ...inBrowser, article: { ...inBrowser.article, publishedFrom: null } }, { ...onServer, meta: null, article: { ...onServer.article, publishedFrom: null } });
  await page.screenshot({ path: join(SHOTS, 'analyze.png'), fullPage: true });
  await page.close();
});

test('the page is reachable by keyboard: Tab reaches the navigation and Enter follows it', { skip: SKIP }, async () => {
  const { page } = await open('/');
  await page.waitForSelector('main table');
  // Tabbing goes through every link on the page and comes round to the navigation.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Timeline';
  }
  assert.ok(reached, 'Tab reaches the Timeline link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main h1:text("Timeline")');
  await page.close();
});
