import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPaths, type ReadResult } from '../src/ingest/index.js';
import { detectLanguage } from '../src/document/language.js';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

interface Expected {
  file: string; item: number; format: string; source: string | null; published: string; publishedFrom: string;
  language: string; events: string[]; syndicatedFrom?: string;
}
const index = JSON.parse(readFileSync(join(EXAMPLES, '_index.json'), 'utf8')) as { articles: Expected[] };
const results = [...readPaths([EXAMPLES], { now: new Date('2026-01-01T00:00:00Z') })];
const ok = results.filter((r): r is Extract<ReadResult, { ok: true }> => r.ok);

/** The results of one file, in order. */
function ofFile(file: string) {
  return ok.filter((r) => basename(r.input.split(' ')[0]!) === file);
}

test('every example reads without error', () => {
  const errors = results.filter((r) => !r.ok).map((r) => `${r.input}: ${(r as { error: string }).error}`);
  assert.deepEqual(errors, []);
  assert.equal(ok.length, index.articles.length);
  assert.ok(ok.length >= 12, 'at least 12 articles');
});

test('every example has the published date, its origin and the outlet listed in _index.json', () => {
  for (const e of index.articles) {
    const r = ofFile(e.file)[e.item];
    assert.ok(r, `${e.file} item ${e.item} was read`);
    const a = r.article;
    assert.equal(a.published, e.published, `${r.input} published`);
    assert.equal(a.publishedFrom, e.publishedFrom, `${r.input} publishedFrom`);
    assert.equal(a.source ?? null, e.source, `${r.input} outlet`);
    assert.equal(detectLanguage(a.text), e.language, `${r.input} language`);
  }
});

test('the examples cover every input format, and no file in the folder is left out of the index', () => {
  const formats = new Set(index.articles.map((e) => e.format));
  for (const f of ['seed', 'text', 'jsonl', 'json', 'html', 'rss', 'atom']) assert.ok(formats.has(f), `a ${f} example`);
  const files = readdirSync(EXAMPLES).filter((f) => !f.startsWith('_') && !f.endsWith('.md'));
  assert.deepEqual([...new Set(index.articles.map((e) => e.file))].sort(), files.sort());
});

test('English examples read with no warnings; the French one says what language it is', () => {
  for (const r of ok) {
    const lang = detectLanguage(r.article.text);
    if (lang === 'en') assert.deepEqual(r.warnings ?? [], [], r.input);
    else assert.ok(r.warnings?.some((w) => w.includes(`"${lang}"`)), r.input);
  }
});

test('the texts are clean: no markup, entities or page furniture, paragraphs separated by one blank line', () => {
  for (const r of ok) {
    const t = r.article.text;
    assert.ok(!/<\/?[a-z]+[\s>]|&[a-z]+;|&#\d+;/i.test(t), `${r.input} has markup or entities`);
    assert.ok(!/^(facebook|twitter|whatsapp|email|print|add comment|most read|reply|accept)$/im.test(t), `${r.input} has page furniture`);
    assert.ok(!/cookies|comments?$/im.test(t), `${r.input} has a cookie notice or comments`);
    assert.ok(!/\n\n\n/.test(t) && t === t.trim());
    assert.ok(t.split('\n\n').length >= 3 || r.input.includes('entry 2'), `${r.input} keeps its paragraphs`);
  }
});

/** Word 4-grams, for comparing two texts. */
function shingles(t: string): Set<string> {
  const w = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const s = new Set<string>();
  for (let i = 0; i + 4 <= w.length; i++) s.add(w.slice(i, i + 4).join(' '));
  return s;
}
function jaccard(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

test('the syndicated example is a near-copy of its original and of no other example', () => {
  for (const e of index.articles.filter((x) => x.syndicatedFrom)) {
    const copy = shingles(ofFile(e.file)[e.item]!.article.text);
    const orig = shingles(ofFile(e.syndicatedFrom!)[0]!.article.text);
    assert.ok(jaccard(copy, orig) > 0.6, `${e.file} copies ${e.syndicatedFrom}`);
    for (const other of ok) {
      const f = basename(other.input.split(' ')[0]!);
      if (f === e.file || f === e.syndicatedFrom) continue;
      assert.ok(jaccard(copy, shingles(other.article.text)) < 0.2, `${e.file} is not a copy of ${other.input}`);
    }
  }
});

test('every example analyses, with valid spans and the language detected', () => {
  const res = loadResources();
  for (const r of ok) {
    const a = analyze(r.article, res);
    assert.equal(a.article.text, r.article.text);
    assert.equal(a.article.published, r.article.published);
    assert.equal(a.article.language, detectLanguage(r.article.text));
    const spans = [...a.entities.flatMap((e) => e.mentions), ...a.times, ...a.quotes, ...a.figures, ...a.events, ...a.labels];
    for (const s of spans) assert.equal(a.article.text.slice(s.start, s.end), s.text, `${r.input} span ${s.start}-${s.end}`);
  }
});
