/**
 * Readers for every input the engine takes (spec/analysis.md, "Inputs the engine reads"):
 * the seed format, plain text, JSON Lines / JSON, HTML, RSS/Atom, folders (recursed, sorted) and
 * standard input ("-"). Each article found is one `{ok: true}` result; each input, line or feed item
 * that cannot be read is one `{ok: false}` result naming it and saying why, and the rest go on.
 * See src/ingest/README.md for the rules (limits, date precedence, outlet).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ReadOptions, ReadResult } from './types.js';
import { decodeBytes, declaredCharset } from './decode.js';
import { cleanText } from './clean.js';
import { finishArticle, hostOf, MAX_ARTICLE_CHARS, tooLong, type Draft } from './article.js';
import { htmlToText, looksLikeHtml, readHtmlPage, MIN_ARTICLE_WORDS } from './html.js';
import { looksLikeFeed, parseFeed } from './feed.js';

export type { ReadOptions, ReadResult } from './types.js';
export { cleanText } from './clean.js';

/** Largest file read at all (a JSON Lines or feed file holds many articles; one article is capped separately). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Extensions read when walking a folder. A file named on the command line is read whatever its name. */
const FORMATS: Record<string, Format> = {
  '.txt': 'text', '.text': 'text',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
};
type Format = 'text' | 'jsonl' | 'json' | 'html' | 'feed';

/**
 * Reads files, folders (recursed in sorted order; hidden files, names starting with "_" and
 * files of unknown type are skipped) and "-" (standard input). Lazy: one file at a time.
 */
export function* readPaths(paths: string[], opts: ReadOptions = {}): Generator<ReadResult> {
  for (const p of paths) {
    if (p === '-') {
      let buf: Buffer;
      try {
        buf = readFileSync(0);
      } catch (e) {
        yield { ok: false, input: 'stdin', error: `cannot read standard input: ${(e as Error).message}` };
        continue;
      }
      yield* readText('stdin', buf, opts);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      yield { ok: false, input: p, error: 'no such file or folder' };
      continue;
    }
    if (st.isDirectory()) yield* readFolder(p, opts, new Set());
    else yield* readFile(p, st.size, opts);
  }
}

function* readFolder(dir: string, opts: ReadOptions, seen: Set<string>): Generator<ReadResult> {
  // A folder reached twice through symbolic links is read once (and a link loop ends).
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    real = dir;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    yield { ok: false, input: dir, error: `cannot list the folder: ${(e as Error).message}` };
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('_') || name === 'node_modules') continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      yield { ok: false, input: p, error: `cannot read: ${(e as Error).message}` };
      continue;
    }
    if (st.isDirectory()) yield* readFolder(p, opts, seen);
    else if (FORMATS[extname(name).toLowerCase()]) yield* readFile(p, st.size, opts);
  }
}

function* readFile(p: string, size: number, opts: ReadOptions): Generator<ReadResult> {
  if (size > MAX_FILE_BYTES) {
    yield { ok: false, input: p, error: `the file is ${(size / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit for one file; split it` };
    return;
  }
  let buf: Buffer;
  try {
    buf = readFileSync(p);
  } catch (e) {
    yield { ok: false, input: p, error: `cannot read: ${(e as Error).message}` };
    return;
  }
  yield* readText(p, buf, opts);
}

/** Which reader: by extension, else by what the content looks like. */
function formatOf(name: string, text: string): Format {
  const byExt = FORMATS[extname(name).toLowerCase()];
  const head = text.slice(0, 4000).trimStart();
  if (byExt === 'feed' || byExt === 'html') {
    // A .xml file may be an HTML page and a .html file may be a feed; believe the content.
    if (looksLikeFeed(head)) return 'feed';
    if (/^(<\?xml[^>]*>\s*)?(<!doctype html|<html)/i.test(head)) return 'html';
    return byExt;
  }
  if (byExt) return byExt;
  if (/^[[{]/.test(head)) return /^\{[^\n]*\}\s*\n\s*\{/.test(head) ? 'jsonl' : 'json';
  if (looksLikeFeed(head) && /^(<\?xml|<rss|<feed|<rdf)/i.test(head)) return 'feed';
  if (/^(<!doctype html|<html|<head|<body)/i.test(head)) return 'html';
  return 'text';
}

/** Reads one input held in memory: its name (a path, or any label) decides the format with its content. */
export function readText(name: string, content: string | Buffer | Uint8Array, opts: ReadOptions = {}): ReadResult[] {
  const warnings: string[] = [];
  let text: string;
  if (typeof content === 'string') {
    if (!/\S/.test(content)) return [{ ok: false, input: name, error: content ? 'the input is empty (only whitespace)' : 'the input is empty' }];
    text = content.replace(/^\ufeff/, '');
  } else {
    const ext = extname(name).toLowerCase();
    const charset = FORMATS[ext] === 'html' || FORMATS[ext] === 'feed' || !FORMATS[ext] ? declaredCharset(content) : null;
    const d = decodeBytes(content, charset);
    if (!d.ok) return [{ ok: false, input: name, error: d.error }];
    text = d.text;
    warnings.push(...d.warnings);
  }
  const format = formatOf(name, text);
  const out = (() => {
    switch (format) {
      case 'jsonl': return readJsonLines(name, text, opts);
      case 'json': return readJson(name, text, opts);
      case 'html': return [readHtml(name, text, opts)];
      case 'feed': return readFeed(name, text, opts);
      default: return [readPlain(name, text, opts)];
    }
  })();
  if (warnings.length) {
    for (const r of out) if (r.ok) r.warnings = [...warnings, ...(r.warnings ?? [])];
    if (out.every((r) => !r.ok)) for (const r of out) if (!r.ok) r.error += ` (also: ${warnings.join('; ')})`;
  }
  return out;
}

// ---------------------------------------------------------------- seed format and plain text

const HEADER_KEYS: Record<string, 'title' | 'source' | 'url' | 'date' | 'id'> = {
  title: 'title', headline: 'title', source: 'source', outlet: 'source', publisher: 'source', url: 'url', link: 'url',
  date: 'date', published: 'date', 'published date': 'date', pubdate: 'date', id: 'id',
};
const HEADER_LINE = /^\s*(title|headline|source|outlet|publisher|url|link|date|published|published date|pubdate|id)\s*:\s*(.*?)\s*$/i;

interface Header { title?: string; source?: string; url?: string; date?: string; id?: string }

function setHeader(h: Header, key: string, value: string): void {
  const k = HEADER_KEYS[key.toLowerCase()];
  if (k && value && h[k] === undefined) h[k] = value.replace(/^["']|["']$/g, '');
}

/**
 * The seed format (first non-blank line `date YYYY-MM-DD`, the body possibly on the same line,
 * optional `source:`/`url:`/`title:` lines after it) and plain text (optional `---` front matter or
 * leading `Key: value` lines, a headline, a dateline).
 */
function readPlain(name: string, text: string, opts: ReadOptions): ReadResult {
  if (text.length > MAX_ARTICLE_CHARS * 2) return { ok: false, input: name, error: tooLong(text.length) };
  const seed = /^\s*date[ \t]+(\S+)[ \t]*/i.exec(text);
  if (seed && /^\d{4}-\d{1,2}-\d{1,2}/.test(seed[1]!)) return readSeed(name, text, seed, opts);

  const h: Header = {};
  let body = text.replace(/^\s*\n/, '');
  const fm = /^\s*---[ \t]*\n([\s\S]*?)\n---[ \t]*(\n|$)/.exec(body);
  if (fm) {
    for (const line of fm[1]!.split('\n')) {
      const m = /^\s*([\w -]+?)\s*:\s*(.*?)\s*$/.exec(line);
      if (m) setHeader(h, m[1]!, m[2]!);
    }
    body = body.slice(fm[0].length);
  } else {
    // Leading "Title: …", "Date: …" lines, up to the first line that is not one.
    const lines = body.split('\n');
    let i = 0;
    while (i < lines.length && HEADER_LINE.test(lines[i]!)) {
      const m = HEADER_LINE.exec(lines[i]!)!;
      setHeader(h, m[1]!, m[2]!);
      i++;
    }
    if (i > 0) body = lines.slice(i).join('\n');
  }
  const cleaned = cleanText(body).text;
  let paras = cleaned ? cleaned.split('\n\n') : [];
  let title = h.title ?? null;
  // A headline: a short first paragraph without a full stop, followed by the body.
  if (!title && paras.length >= 2 && isHeadline(paras[0]!)) {
    title = paras[0]!;
    paras = paras.slice(1);
  }
  const draft: Draft = {
    id: h.id ?? null, url: h.url ?? null, source: h.source ?? null, title,
    dates: h.date ? [{ from: 'header', what: 'the date header', raw: h.date }] : [],
    raw: paras.join('\n\n'), clean: true, warnings: [],
  };
  return finishArticle(name, draft, opts);
}

function isHeadline(p: string): boolean {
  const words = p.split(/\s+/).length;
  return words >= 2 && words <= 25 && p.length <= 200 && !/[.,;:]["”’]?$/.test(p) && !/^(by|posted|published|updated)\b/i.test(p)
    && !/\b(19|20)\d{2}\b/.test(p.slice(-6));
}

function readSeed(name: string, text: string, m: RegExpExecArray, opts: ReadOptions): ReadResult {
  const h: Header = {};
  let rest = text.slice(m[0].length);
  // Header lines right after the date (on the same line, or the lines that follow).
  for (;;) {
    const hm = /^[ \t]*\n?[ \t]*(title|headline|source|outlet|publisher|url|link|id)[ \t]*:[ \t]*([^\n]*?)[ \t]*(?:\n|$)/i.exec(rest);
    if (!hm) break;
    setHeader(h, hm[1]!, hm[2]!);
    rest = rest.slice(hm[0].length);
  }
  const draft: Draft = {
    id: h.id ?? null, url: h.url ?? null, source: h.source ?? null, title: h.title ?? null,
    dates: [{ from: 'header', what: `the date line "date ${m[1]}"`, raw: m[1] }],
    raw: rest, warnings: [],
  };
  return finishArticle(name, draft, opts);
}

// ---------------------------------------------------------------- JSON and JSON Lines

const TEXT_FIELDS = ['text', 'content', 'body', 'article', 'article_text', 'full_text', 'maintext'];
const DATE_FIELDS = ['published', 'date', 'published_at', 'publishedAt', 'pubDate', 'datePublished', 'date_publish', 'publish_date', 'time'];
const LIST_FIELDS = ['articles', 'items', 'data', 'results', 'entries', 'documents', 'docs'];

function fromJsonObject(input: string, o: unknown, opts: ReadOptions): ReadResult {
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    return { ok: false, input, error: `expected an article object, found ${Array.isArray(o) ? 'an array' : o === null ? 'null' : typeof o}` };
  }
  const r = o as Record<string, unknown>;
  const tf = TEXT_FIELDS.find((f) => r[f] !== undefined && r[f] !== null);
  if (!tf) return { ok: false, input, error: `no text: expected a "text", "content" or "body" field (found ${Object.keys(r).slice(0, 8).map((k) => `"${k}"`).join(', ') || 'no fields'})` };
  const body = r[tf];
  if (typeof body !== 'string') return { ok: false, input, error: `field "${tf}" is ${Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not a string` };
  if (!body.trim()) return { ok: false, input, error: `field "${tf}" is empty` };
  const strOf = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null);
  const src = r.source ?? r.outlet ?? r.publisher ?? r.site;
  const source = typeof src === 'object' && src !== null ? strOf((src as Record<string, unknown>).name) ?? strOf((src as Record<string, unknown>).id) : strOf(src);
  const df = DATE_FIELDS.find((f) => r[f] !== undefined && r[f] !== null && r[f] !== '');
  const draft: Draft = {
    id: strOf(r.id) ?? strOf(r._id) ?? strOf(r.guid),
    url: strOf(r.url) ?? strOf(r.link),
    source,
    title: strOf(r.title) ?? strOf(r.headline),
    dates: df ? [{ from: 'metadata', what: `field "${df}"`, raw: r[df] }] : [],
    raw: looksLikeHtml(body) ? htmlToText(body) : body,
    warnings: [],
  };
  return finishArticle(input, draft, opts);
}

function readJsonLines(name: string, text: string, opts: ReadOptions): ReadResult[] {
  const out: ReadResult[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const input = `${name} line ${i + 1}`;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      out.push({ ok: false, input, error: `not valid JSON (${(e as Error).message}); the other lines are read` });
      continue;
    }
    out.push(fromJsonObject(input, o, opts));
  }
  if (!out.length) out.push({ ok: false, input: name, error: 'no JSON lines in the file' });
  return out;
}

function readJson(name: string, text: string, opts: ReadOptions): ReadResult[] {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    // Several objects one per line in a .json file: JSON Lines after all.
    const lines = text.split('\n').filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => /^\s*\{/.test(l))) return readJsonLines(name, text, opts);
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` at line ${text.slice(0, Number(pos[1])).split('\n').length}` : '';
    return [{ ok: false, input: name, error: `not valid JSON${where} (${msg})` }];
  }
  let list: unknown[] | null = Array.isArray(o) ? o : null;
  if (!list && o && typeof o === 'object') {
    const r = o as Record<string, unknown>;
    const lf = LIST_FIELDS.find((f) => Array.isArray(r[f]));
    if (lf && !TEXT_FIELDS.some((f) => typeof r[f] === 'string')) list = r[lf] as unknown[];
  }
  if (!list) return [fromJsonObject(name, o, opts)];
  if (!list.length) return [{ ok: false, input: name, error: 'the JSON array is empty: no articles' }];
  return list.map((item, i) => fromJsonObject(`${name} item ${i + 1}`, item, opts));
}

// ---------------------------------------------------------------- HTML

function readHtml(name: string, text: string, opts: ReadOptions): ReadResult {
  if (text.length > MAX_ARTICLE_CHARS * 20) return { ok: false, input: name, error: `the page is ${text.length.toLocaleString('en-US')} characters long, over the limit of ${(MAX_ARTICLE_CHARS * 20).toLocaleString('en-US')} for one page` };
  let page;
  try {
    page = readHtmlPage(text);
  } catch (e) {
    return { ok: false, input: name, error: `cannot parse the HTML: ${(e as Error).message}` };
  }
  if (!page.text) {
    const why = page.words >= MIN_ARTICLE_WORDS
      ? `its ${page.words} words of text are ${Math.round(page.linkShare * 100)}% links (an index or a menu, not an article)`
      : `${page.words} word${page.words === 1 ? '' : 's'} of text outside menus and footers, fewer than the ${MIN_ARTICLE_WORDS} an article needs`;
    return { ok: false, input: name, error: `no article in the page: ${why}` };
  }
  const draft: Draft = {
    url: page.url,
    source: page.url ? null : page.siteName,
    title: page.title,
    dates: page.dates.map(([what, raw]) => ({ from: 'metadata' as const, what: `the page's ${what}`, raw })),
    raw: page.text,
    warnings: [],
  };
  return finishArticle(name, draft, opts);
}

// ---------------------------------------------------------------- RSS / Atom

function readFeed(name: string, text: string, opts: ReadOptions): ReadResult[] {
  const feed = parseFeed(text);
  if ('error' in feed) return [{ ok: false, input: name, error: feed.error }];
  if (!feed.items.length) return [{ ok: false, input: name, error: `the ${feed.kind === 'atom' ? 'Atom feed has no <entry>' : 'feed has no <item>'}` }];
  const what = feed.kind === 'atom' ? 'entry' : 'item';
  return feed.items.map((it): ReadResult => {
    const input = `${name} ${what} ${it.n}${it.title ? ` ("${it.title.slice(0, 60)}")` : ''}`;
    if (it.error) return { ok: false, input, error: it.error };
    if (!it.body) return { ok: false, input, error: `no text: the ${what} has no ${feed.kind === 'atom' ? '<content> or <summary>' : '<description> or <content:encoded>'}` };
    const source = hostOf(it.sourceUrl) ?? it.source ?? hostOf(it.url) ?? hostOf(feed.link) ?? feed.title;
    const draft: Draft = {
      id: it.id ?? null,
      url: it.url ?? null,
      source,
      title: it.title ?? null,
      dates: (it.dates ?? []).map(([f, raw]) => ({ from: 'metadata' as const, what: `<${f}>`, raw })),
      raw: looksLikeHtml(it.body) ? htmlToText(it.body) : it.body,
      warnings: [],
    };
    return finishArticle(input, draft, opts);
  });
}
