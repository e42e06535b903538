import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { readPaths, readText, type ReadResult } from '../src/ingest/index.js';
import { cleanText, decodeEntities } from '../src/ingest/clean.js';
import { parseDate, dateFromUrl } from '../src/ingest/dates.js';
import { detectLanguage } from '../src/document/language.js';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { NO_SEED, SEED_PATH, seedArticle } from './helpers.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const opts = { now: NOW };

function one(name: string, content: string | Buffer, o: Parameters<typeof readText>[2] = opts) {
  const rs = readText(name, content, o);
  assert.equal(rs.length, 1, `one result for ${name}: ${JSON.stringify(rs)}`);
  return rs[0]!;
}
function okArticle(r: ReadResult) {
  assert.ok(r.ok, `expected an article, got: ${r.ok ? '' : r.error}`);
  return r.article;
}
function failure(r: ReadResult): string {
  assert.ok(!r.ok, 'expected the input to be rejected');
  return r.error;
}

const BODY = 'Rockets hit the harbour of the capital on Tuesday, killing two dock workers, officials said.\n\n' +
  '"We heard three explosions," a driver said. The government said it would leave the talks.';

function withTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ seed format

test('seed format: the body on the same line as the date, leading spaces', () => {
  const a = okArticle(one('s.txt', `   date 2020-02-22   ${BODY}\n`));
  assert.equal(a.published, '2020-02-22');
  assert.equal(a.publishedFrom, 'header');
  assert.ok(a.text.startsWith('Rockets hit the harbour'), a.text);
  assert.ok(a.text.endsWith('leave the talks.'));
  assert.equal(a.text.split('\n\n').length, 2);
});

test('seed format: source, url and title header lines after the date', () => {
  const a = okArticle(one('s.txt', `date 2020-02-19\nsource: harbour.example\nurl: https://www.harbour.example/x\ntitle: Port hit\n\n${BODY}`));
  assert.equal(a.source, 'harbour.example');
  assert.equal(a.url, 'https://www.harbour.example/x');
  assert.equal(a.title, 'Port hit');
  assert.ok(a.text.startsWith('Rockets'));
});

test('seed format: an impossible header date is refused with a warning, then --date is used', () => {
  const r = one('s.txt', `date 2020-02-30 ${BODY}`, { ...opts, date: '2020-02-21' });
  const a = okArticle(r);
  assert.equal(a.published, '2020-02-21');
  assert.equal(a.publishedFrom, 'flag');
  assert.ok(r.ok && r.warnings?.some((w) => /February 30, 2020 does not exist/.test(w)), JSON.stringify(r));
});

test('the real seed reads with published 2020-02-22 from the header and the same text the helpers give', { skip: NO_SEED }, () => {
  const rs = [...readPaths([SEED_PATH], opts)];
  assert.equal(rs.length, 1);
  const a = okArticle(rs[0]!);
  assert.equal(a.published, '2020-02-22');
  assert.equal(a.publishedFrom, 'header');
  assert.equal(a.text, seedArticle().text);
});

// ------------------------------------------------------------------ plain text

test('plain text: front matter, headline and a "Published Feb.18, 2020" line', () => {
  const r = one('p.txt', `---\nsource: observer.example\nurl: https://observer.example/news/port\n---\nRockets hit the port\n\nPublished Feb.18, 2020 | staff\n\n${BODY}`);
  const a = okArticle(r);
  assert.equal(a.source, 'observer.example');
  assert.equal(a.title, 'Rockets hit the port');
  assert.equal(a.published, '2020-02-18');
  assert.equal(a.publishedFrom, 'text');
  assert.ok(a.text.startsWith('Rockets hit the harbour'), 'headline and date line are out of the body');
});

test('plain text: "19 February, 2020" on its own line and an agency dateline', () => {
  assert.equal(okArticle(one('p.txt', `Talks on hold\n19 February, 2020\n${BODY}`)).published, '2020-02-19');
  const a = okArticle(one('p.txt', `TRIPOLI, Feb. 18, 2020 (Wire) - ${BODY}`));
  assert.equal(a.published, '2020-02-18');
  assert.ok(a.text.startsWith('TRIPOLI, Feb. 18, 2020'), 'an inline dateline stays in the text');
});

test('plain text: a date inside an ordinary sentence is not the publication date', () => {
  const a = okArticle(one('p.txt', `The offensive began on April 4, 2019, when forces moved on the capital and fighting spread to the south of the city.\n\n${BODY}`));
  assert.equal(a.published, null);
  assert.equal(a.publishedFrom, 'none');
});

test('plain text: a date in front matter or in leading "Key: value" lines is the header date', () => {
  const a = okArticle(one('p.txt', `---\ntitle: "Port hit"\ndate: 2020-02-19\nid: p-1\n---\n${BODY}`));
  assert.deepEqual([a.title, a.published, a.publishedFrom, a.id], ['Port hit', '2020-02-19', 'header', 'p-1']);
  assert.ok(a.text.startsWith('Rockets'));
  const b = okArticle(one('p.txt', `Title: Port hit\nDate: 18 February 2020\nSource: Wire\n\n${BODY}`));
  assert.deepEqual([b.title, b.published, b.publishedFrom, b.source], ['Port hit', '2020-02-18', 'header', 'Wire']);
});

test('without an extension (standard input) the format is told from the content', () => {
  const j = okArticle(one('stdin', JSON.stringify({ text: BODY, published: '2020-02-18' })));
  assert.equal(j.publishedFrom, 'metadata');
  const l = readText('stdin', [JSON.stringify({ text: BODY }), JSON.stringify({ text: BODY + ' Two.' })].join('\n'), opts);
  assert.deepEqual(l.map((r) => r.input), ['stdin line 1', 'stdin line 2']);
  const h = okArticle(one('stdin', `<!DOCTYPE html><html><head><meta name="date" content="2020-02-20"></head><body><article>${PAGE_BODY}</article></body></html>`));
  assert.deepEqual([h.published, h.publishedFrom], ['2020-02-20', 'metadata']);
  const f = readText('stdin', `<rss><channel><item><title>T</title><pubDate>Wed, 19 Feb 2020 07:30:00 GMT</pubDate><description>${BODY.replace(/"/g, '&quot;')}</description></item></channel></rss>`, opts);
  assert.equal(okArticle(f[0]!).published, '2020-02-19T07:30:00Z');
  assert.equal(okArticle(one('stdin', `date 2020-02-22 ${BODY}`)).publishedFrom, 'header');
});

test('plain text: date from the URL, else --date, else none', () => {
  const a = okArticle(one('p.txt', `url: https://www.news.example/world/2020/02/21/haftar\n\n${BODY}`));
  assert.equal(a.published, '2020-02-21');
  assert.equal(a.publishedFrom, 'url');
  assert.equal(a.source, 'news.example');
  const f = okArticle(one('p.txt', BODY, { ...opts, date: '2020-02-20', source: 'given.example' }));
  assert.deepEqual([f.published, f.publishedFrom, f.source], ['2020-02-20', 'flag', 'given.example']);
  const n = okArticle(one('p.txt', BODY));
  assert.deepEqual([n.published, n.publishedFrom, n.source], [null, 'none', null]);
});

test('an impossible dateline ("Feb. 30") is rejected with a warning, not rolled over', () => {
  const r = one('p.txt', `Feb. 30, 2020\n\n${BODY}`);
  const a = okArticle(r);
  assert.equal(a.published, null);
  assert.ok(r.ok && r.warnings?.some((w) => /February 30, 2020 does not exist/.test(w)), JSON.stringify(r));
});

test('a published date in the future is not used, with a warning', () => {
  const r = one('a.json', JSON.stringify({ text: BODY, published: '2031-05-01' }));
  const a = okArticle(r);
  assert.equal(a.published, null);
  assert.ok(r.ok && r.warnings?.some((w) => /2031-05-01 is in the future/.test(w)));
});

// ------------------------------------------------------------------ JSON and JSON Lines

test('JSON: text/content/body and published/date variants, a single object, an array, an articles wrapper', () => {
  const a = okArticle(one('a.json', JSON.stringify({ id: 'x1', content: BODY, date: '2020-02-19T17:30:00+01:00', url: 'https://www.gl.example/a', title: 'T' })));
  assert.deepEqual([a.id, a.published, a.publishedFrom, a.source, a.title], ['x1', '2020-02-19T17:30:00+01:00', 'metadata', 'gl.example', 'T']);
  const rs = readText('b.json', JSON.stringify([{ body: BODY, published: 'Tue, 18 Feb 2020 10:00:00 GMT', source: { name: 'Wire' } }, { text: BODY }]), opts);
  assert.equal(rs.length, 2);
  const b = okArticle(rs[0]!);
  assert.deepEqual([b.published, b.source], ['2020-02-18T10:00:00Z', 'Wire']);
  assert.match(rs[1]!.input, /b\.json item 2/);
  const w = readText('c.json', JSON.stringify({ articles: [{ text: BODY }, { text: BODY + ' More.' }] }), opts);
  assert.equal(w.filter((r) => r.ok).length, 2);
});

test('JSON Lines: one broken line among good ones is reported by line number and the rest are read', () => {
  const lines = [JSON.stringify({ text: BODY, published: '2020-02-18' }), '{"text": "broken', '', JSON.stringify({ body: BODY, date: '2020-02-19' }), JSON.stringify({ title: 'no text here' }), JSON.stringify({ text: 42 })];
  const rs = readText('feed.jsonl', lines.join('\n'), opts);
  assert.equal(rs.length, 5);
  assert.equal(rs.filter((r) => r.ok).length, 2);
  const bad = rs.filter((r): r is Extract<ReadResult, { ok: false }> => !r.ok);
  assert.equal(bad[0]!.input, 'feed.jsonl line 2');
  assert.match(bad[0]!.error, /not valid JSON/);
  assert.equal(bad[1]!.input, 'feed.jsonl line 5');
  assert.match(bad[1]!.error, /no text: expected a "text", "content" or "body" field/);
  assert.match(bad[2]!.error, /field "text" is a number/);
});

test('JSON: invalid JSON gets the line of the error', () => {
  const e = failure(one('bad.json', '{\n  "text": "a",\n  oops\n}'));
  assert.match(e, /not valid JSON at line 3/);
});

// ------------------------------------------------------------------ HTML

const para = (s: string) => `<p>${s}</p>`;
const PAGE_BODY = para('Rockets hit the harbour of the capital on Tuesday, killing two dock workers and wounding five more, officials at the port said in a statement.') +
  para('&ldquo;We heard three explosions and then the fire started,&rdquo; said a truck driver who was waiting to unload flour at the commercial docks.') +
  para('The government said on Tuesday night that it would leave the military talks in Geneva until the attacks on the capital stopped.');

test('HTML: article text by readability, metadata date, canonical host, junk dropped, entities decoded', () => {
  const html = `<!DOCTYPE html><html><head><title>Port hit | Paper</title>
<link rel="canonical" href="https://www.paper.example/news/port-hit"><meta property="og:site_name" content="The Paper">
<meta property="article:published_time" content="2020-02-18T22:40:00+02:00"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="cookie">We use cookies to improve your experience. Accept</div>
<article><h1>Port hit</h1><div>Facebook Twitter Share</div>${PAGE_BODY}</article>
<aside><h3>Most Read</h3><ul><li>Oil output slumps</li><li>Five things to know</li></ul></aside></body></html>`;
  const a = okArticle(one('page.html', html));
  assert.equal(a.source, 'paper.example');
  assert.equal(a.published, '2020-02-18T22:40:00+02:00');
  assert.equal(a.publishedFrom, 'metadata');
  assert.equal(a.title, 'Port hit');
  assert.ok(a.text.startsWith('Rockets hit the harbour'), a.text);
  assert.ok(a.text.includes('“We heard three explosions'), 'curly quotes from entities');
  assert.equal(a.text.split('\n\n').length, 3);
  assert.ok(!/Facebook|Most Read|cookies|Home/.test(a.text), a.text);
});

test('HTML: JSON-LD datePublished, then <time datetime>, then the URL', () => {
  const ld = `<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-02-20T15:12:00+01:00"}]}</script></head><body><article>${PAGE_BODY}</article></body></html>`;
  assert.equal(okArticle(one('a.html', ld)).published, '2020-02-20T15:12:00+01:00');
  const time = `<html><body><article><p>Posted <time datetime="2020-02-18T21:10:00Z">18 February 2020</time> in Ports</p>${PAGE_BODY}</article></body></html>`;
  const t = okArticle(one('b.html', time));
  assert.equal(t.published, '2020-02-18T21:10:00Z');
  assert.ok(!t.text.includes('Posted'), 'the date line is not body text');
  const url = `<html><head><link rel="canonical" href="https://x.example/2020/02/21/story"></head><body><article>${PAGE_BODY}</article></body></html>`;
  const u = okArticle(one('c.html', url));
  assert.deepEqual([u.published, u.publishedFrom, u.source], ['2020-02-21', 'url', 'x.example']);
});

test('HTML with no article is rejected with a reason naming the page', () => {
  const r = one('empty-page.html', '<!DOCTYPE html><html><head><title>Index</title></head><body><nav><a href="/a">News</a><a href="/b">Sport</a></nav><footer>© 2020 Paper</footer></body></html>');
  assert.equal(r.input, 'empty-page.html');
  assert.match(failure(r), /no article in the page/);
  const links = '<html><body><div><ul>' + Array.from({ length: 30 }, (_, i) => `<li><a href="/a${i}">Headline number ${i} about the war</a></li>`).join('') + '</ul></div></body></html>';
  assert.match(failure(one('index.html', links)), /no article in the page: .*% links/);
  // A short brief outside any <article> is still an article.
  const brief = '<html><body><header><a href="/">Paper</a></header><div><div>Rockets hit the port of Tripoli on Tuesday, killing two dock workers and wounding five, port officials said in a statement.</div></div><footer>Contact us About us Privacy Terms</footer></body></html>';
  assert.equal(okArticle(one('brief.html', brief)).text, 'Rockets hit the port of Tripoli on Tuesday, killing two dock workers and wounding five, port officials said in a statement.');
});

// ------------------------------------------------------------------ feeds

test('RSS: each item with its own date and source; a malformed item and an empty item are reported by number', () => {
  const item = (title: string, extra: string) => `<item><title>${title}</title>${extra}</item>`;
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Digest</title><link>https://digest.example/</link>
${item('First', `<link>https://www.one.example/a</link><pubDate>Wed, 19 Feb 2020 07:30:00 GMT</pubDate><source url="https://www.sahel.example/rss">Sahel</source><description><![CDATA[${PAGE_BODY}]]></description>`)}
${item('Second', '<link>https://two.example/b</link><pubDate>Thu, 20 Feb 2020 11:45:00 +0200</pubDate><description>Broken <b>markup</description>')}
${item('Third', '<link>https://three.example/c</link>')}
${item('Fourth', `<link>https://four.example/d</link><pubDate>Fri, 21 Feb 2020 08:00:00 GMT</pubDate><description>${BODY.replace(/"/g, '&quot;')}</description>`)}
</channel></rss>`;
  const rs = readText('digest.rss', rss, opts);
  assert.equal(rs.length, 4);
  const a = okArticle(rs[0]!);
  assert.deepEqual([a.source, a.published, a.title], ['sahel.example', '2020-02-19T07:30:00Z', 'First']);
  assert.equal(a.text.split('\n\n').length, 3);
  assert.match(rs[1]!.input, /digest\.rss item 2/);
  assert.match(failure(rs[1]!), /malformed XML/);
  assert.match(failure(rs[2]!), /no text/);
  const d = okArticle(rs[3]!);
  assert.deepEqual([d.source, d.published], ['four.example', '2020-02-21T08:00:00Z']);
});

test('Atom: entries with published dates, alternate links and html content', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Post</title><link href="https://post.example/"/>
<entry><title>A</title><link rel="alternate" href="https://post.example/a"/><id>tag:a</id><published>2020-02-22T08:20:00Z</published><content type="html">${PAGE_BODY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</content></entry>
<entry><title>B</title><link href="https://post.example/b"/><updated>2020-02-20T16:05:00+01:00</updated><summary>${BODY.replace(/"/g, '&quot;')}</summary></entry></feed>`;
  const rs = readText('post.atom', atom, opts);
  assert.equal(rs.length, 2);
  const a = okArticle(rs[0]!);
  assert.deepEqual([a.id, a.source, a.published], ['tag:a', 'post.example', '2020-02-22T08:20:00Z']);
  assert.ok(a.text.includes('“We heard three explosions'), a.text);
  assert.ok(!a.text.includes('<p>'));
  assert.equal(okArticle(rs[1]!).published, '2020-02-20T16:05:00+01:00');
});

// ------------------------------------------------------------------ bad files on disk

test('bad files: empty, whitespace only, binary, 20 MB, invalid UTF-8, missing; each named, the batch goes on', () => {
  withTempDir((dir) => {
    writeFileSync(join(dir, 'a-empty.txt'), '');
    writeFileSync(join(dir, 'b-blank.txt'), '  \n\n \t\n');
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    writeFileSync(join(dir, 'c-binary.txt'), bin);
    writeFileSync(join(dir, 'd-image.html'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bin]));
    const line = 'The talks went on for another day and nobody said anything new about the port. ';
    writeFileSync(join(dir, 'e-huge.txt'), line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)));
    // Valid UTF-8 ("é" as C3 A9) with two stray bytes.
    writeFileSync(join(dir, 'f-bad-utf8.txt'), Buffer.concat([Buffer.from('Le port de Tripoli a été bombardé mardi, selon le ministère. '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(' Les forces du maréchal ont visé un navire.')]));
    // Latin-1 only: no valid UTF-8 sequence at all.
    writeFileSync(join(dir, 'g-latin1.txt'), Buffer.concat([Buffer.from('Le port a été bombardé mardi, a déclaré ', 'latin1'), Buffer.from([0x93]), Buffer.from('le ministère', 'latin1'), Buffer.from([0x94]), Buffer.from(' de la Santé du gouvernement.', 'latin1')]));
    writeFileSync(join(dir, 'h-good.txt'), BODY);
    const rs = [...readPaths([dir, join(dir, 'missing.txt')], opts)];
    const by = (name: string) => rs.find((r) => r.input.endsWith(name))!;
    assert.equal(rs.length, 9);
    assert.match(failure(by('a-empty.txt')), /empty/);
    assert.match(failure(by('b-blank.txt')), /empty/);
    assert.match(failure(by('c-binary.txt')), /binary/);
    assert.match(failure(by('d-image.html')), /binary data \(a PNG image\)/);
    assert.match(failure(by('e-huge.txt')), /characters long, over the limit of 1,000,000 for one article; split it/);
    const f = by('f-bad-utf8.txt');
    assert.ok(f.ok && f.warnings?.some((w) => /invalid UTF-8: 2 bad byte sequences replaced with U\+FFFD \(first at byte offset \d+\)/.test(w)), JSON.stringify(f).slice(0, 300));
    assert.ok(f.ok && f.article.text.includes('été bombardé') && f.article.text.includes('\uFFFD'));
    const g = by('g-latin1.txt');
    assert.ok(g.ok && g.article.text.startsWith('Le port a été bombardé mardi, a déclaré “le ministère” de la Santé'), JSON.stringify(g));
    assert.ok(g.ok && g.warnings?.some((w) => /Windows-1252/.test(w)));
    assert.ok(by('h-good.txt').ok);
    assert.match(failure(by('missing.txt')), /no such file or folder/);
  });
});

test('folders are read recursively in sorted order, skipping hidden, "_" and unknown files', () => {
  withTempDir((dir) => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.txt'), `date 2020-02-19 ${BODY}`);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ text: BODY, published: '2020-02-18' }));
    writeFileSync(join(dir, 'sub', 'c.txt'), `date 2020-02-20 ${BODY}`);
    writeFileSync(join(dir, '_index.json'), '{"about": "not an article"}');
    writeFileSync(join(dir, '.hidden.txt'), BODY);
    writeFileSync(join(dir, 'notes.md'), '# notes');
    writeFileSync(join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const rs = [...readPaths([dir], opts)];
    assert.deepEqual(rs.map((r) => r.input.slice(dir.length + 1)), ['a.json', 'b.txt', join('sub', 'c.txt')]);
    assert.deepEqual(rs.map((r) => r.ok && r.article.published), ['2020-02-18', '2020-02-19', '2020-02-20']);
    // A file named explicitly is read whatever its extension.
    assert.equal([...readPaths([join(dir, 'notes.md')], opts)].length, 1);
  });
});

test('"-" reads standard input', () => {
  const script = "import { readPaths } from './src/ingest/index.ts'; for (const r of readPaths(['-'])) console.log(JSON.stringify(r));";
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    input: JSON.stringify({ text: BODY, published: '2020-02-18', source: 'stdin.example' }) + '\n',
    encoding: 'utf8',
    cwd: join(import.meta.dirname, '..'),
  });
  assert.equal(out.status, 0, out.stderr);
  const r = JSON.parse(out.stdout.trim()) as ReadResult;
  assert.equal(r.input, 'stdin');
  const a = okArticle(r);
  assert.deepEqual([a.source, a.published], ['stdin.example', '2020-02-18']);
});

// ------------------------------------------------------------------ non-English

test('a non-English article is read unchanged, flagged in warnings and in article.language', () => {
  const fr = 'Le port de Tripoli a été la cible de tirs de roquettes mardi, faisant au moins trois morts parmi les civils, selon le ministère de la Santé.\n\n« Nous n\'avons pas touché de civils », a déclaré un porte-parole de l\'armée.';
  const r = one('fr.json', JSON.stringify({ text: fr, published: '2020-02-20' }));
  const a = okArticle(r);
  assert.equal(a.text, fr);
  assert.ok(r.ok && r.warnings?.some((w) => /language "fr"/.test(w)));
  assert.equal(analyze(a, loadResources()).article.language, 'fr');
  const ar = 'قالت الحكومة في طرابلس يوم الثلاثاء إنها علقت مشاركتها في المحادثات العسكرية في جنيف بعد قصف الميناء';
  const b = okArticle(one('ar.txt', ar));
  assert.equal(b.text, ar);
  assert.equal(detectLanguage(b.text), 'ar');
});

// ------------------------------------------------------------------ cleaning

test('cleaning a pasted page: icons, share buttons, span markup, entities, Most Read, cookies, comments', () => {
  const raw = [
    'facebook', 'twitter', 'Share this article', 'keyboard_arrow_down', 'fa fa-facebook-square', 'Facebook | Twitter | Email', '',
    '<span style="font-weight: 400;">The army said on Tuesday it had hit the city&rsquo;s port &amp; a depot.</span>', '',
    'Add comment', '',
    '<p>Officials said two people were killed, and the talks in Geneva were suspended until further notice.</p>', '',
    'Most Read', 'Oil output slumps as blockade drags on', 'Five things to know about the Berlin process', '',
    'This website uses cookies to improve your experience. By continuing you accept our cookie policy.', 'Accept', '',
    'The envoy said: “The only way out is to talk, and I will keep trying.”', '',
    '3 comments', 'Sami · 2h ago', 'Nobody believes either side anymore, and this is a long comment that reads like prose.', 'Reply',
  ].join('\r\n');
  const { text } = cleanText(raw);
  assert.deepEqual(text.split('\n\n'), [
    'The army said on Tuesday it had hit the city’s port & a depot.',
    'Officials said two people were killed, and the talks in Geneva were suspended until further notice.',
    'The envoy said: “The only way out is to talk, and I will keep trying.”',
  ]);
});

test('cleaning keeps characters and paragraph breaks, joins hard-wrapped lines, keeps unknown "<…>" text', () => {
  const wrapped = 'The government in Tripoli said on Tuesday that it was suspending its\nparticipation in the military talks that are taking place in Geneva\nuntil the attacks stop.\n\nSecond\u00a0paragraph  with\tspaces — and “quotes”.';
  assert.equal(cleanText(wrapped).text, 'The government in Tripoli said on Tuesday that it was suspending its participation in the military talks that are taking place in Geneva until the attacks stop.\n\nSecond paragraph with spaces — and “quotes”.');
  assert.equal(cleanText('against the aggressor <Genersl Haftar>, it said; a < b > c.').text, 'against the aggressor <Genersl Haftar>, it said; a < b > c.');
  assert.equal(decodeEntities('&#8220;x&#x201D; &eacute; &unknown; &#150;'), '“x” é &unknown; –');
});

test('cleaning never throws and always gives trimmed paragraphs separated by one blank line', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
    const { text } = cleanText(s);
    assert.ok(!/\n\n\n/.test(text));
    for (const p of text.split('\n\n')) assert.equal(p, p.trim());
  }), { numRuns: 300 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('x.txt', 'x.json', 'x.jsonl', 'x.html', 'x.rss', 'stdin'), (bytes, name) => {
    const rs = readText(name, Buffer.from(bytes), opts);
    assert.ok(rs.length >= 1);
    for (const r of rs) if (!r.ok) assert.ok(r.error.length > 0);
  }), { numRuns: 200 });
});

// ------------------------------------------------------------------ dates and language

test('dates: the formats readers meet, normalised; impossible ones refused', () => {
  const v = (s: unknown) => { const r = parseDate(s); return r && ('value' in r ? r.value : `error: ${r.error}`); };
  assert.equal(v('2020-02-18'), '2020-02-18');
  assert.equal(v('2020-02-18T10:00:00.000Z'), '2020-02-18T10:00:00Z');
  assert.equal(v('2020-02-18 10:00'), '2020-02-18T10:00:00');
  assert.equal(v('Tue, 18 Feb 2020 10:00:00 +0100'), '2020-02-18T10:00:00+01:00');
  assert.equal(v('Feb.18, 2020'), '2020-02-18');
  assert.equal(v('19 February, 2020'), '2020-02-19');
  assert.equal(v('Tuesday, February 18, 2020 at 3:05 pm EST'), '2020-02-18T15:05:00-05:00');
  assert.equal(v('20 février 2020'), '2020-02-20');
  assert.equal(v(1582070400), '2020-02-19T00:00:00Z');
  assert.equal(v('2020-02-29'), '2020-02-29');
  assert.match(v('2019-02-29')!, /^error: February 29, 2019 does not exist/);
  assert.match(v('Feb. 30, 2020')!, /^error: February 30, 2020 does not exist/);
  assert.match(v('2020-13-01')!, /^error: month 13/);
  assert.equal(v('next Tuesday'), null);
  assert.equal(v('soon'), null);
  const u = dateFromUrl('https://x.example/world/2020/02/21/story');
  assert.deepEqual(u, { value: '2020-02-21' });
  assert.equal(dateFromUrl('https://x.example/world/story-2020'), null);
});

test('detectLanguage: scripts and function words; "und" when it cannot tell', () => {
  const cases: Array<[string, string]> = [
    ['en', 'The government said on Tuesday that it would suspend its participation in the talks.'],
    ['fr', 'Le gouvernement a déclaré mardi qu\'il suspendait sa participation aux discussions.'],
    ['es', 'El gobierno dijo el martes que suspendía su participación en las conversaciones de paz.'],
    ['de', 'Die Regierung sagte am Dienstag, dass sie die Gespräche in Genf nicht fortsetzen werde.'],
    ['it', 'Il governo ha detto martedì che sospende la sua partecipazione ai colloqui di pace.'],
    ['pt', 'O governo disse na terça-feira que vai suspender a sua participação nas negociações.'],
    ['ru', 'Правительство заявило во вторник, что приостанавливает свое участие в переговорах.'],
    ['ar', 'قالت الحكومة يوم الثلاثاء إنها علقت مشاركتها في المحادثات العسكرية في جنيف'],
    ['zh', '利比亚民族团结政府星期二宣布暂停参加在日内瓦举行的军事会谈。'],
    ['ja', 'リビア政府は火曜日、ジュネーブでの軍事協議への参加を停止すると発表した。'],
    ['tr', 'Hükümet salı günü yaptığı açıklamada Cenevre görüşmelerine katılımını askıya aldığını söyledi ve bu karar için çok sert bir dil kullandı.'],
    ['und', '12,000 — 2020/02/18'],
    ['und', 'Haftar Serraj Erdogan Salame Geneva Tripoli Benghazi Misrata'],
  ];
  for (const [lang, text] of cases) assert.equal(detectLanguage(text), lang, text);
});
