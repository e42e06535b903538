/**
 * What every reader does last: clean the body, pick the published date by precedence
 * (header | metadata → url → text → flag → none), name the outlet, check the limits.
 */
import type { PublishedFrom } from '../types.js';
import { detectLanguage } from '../document/language.js';
import type { ReadOptions, ReadResult } from './types.js';
import { cleanText, decodeEntities, stripMarkup } from './clean.js';
import { dateFromText, dateFromUrl, futureReason, parseDate, type DateResult } from './dates.js';

/** Hoisted (test/source.test.ts): the loader rebuilds a \p{…} literal on every call. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Longest body accepted for one article, in characters. News articles run to tens of thousands of
 * characters; a text over a million is a dump or a book, and is rejected with this reason rather
 * than cut at an arbitrary place (a cut article would be analysed as if it were whole).
 */
export const MAX_ARTICLE_CHARS = 1_000_000;

export interface Draft {
  id?: string | null;
  url?: string | null;
  /** The input's own outlet (a header, a field, a feed item's source). */
  source?: string | null;
  title?: string | null;
  /** Date values from the input itself, best first, with where each comes from. */
  dates: Array<{ from: 'header' | 'metadata'; what: string; raw: unknown }>;
  /** Body before cleaning. */
  raw: string;
  /** Already cleaned (skip cleanText). */
  clean?: boolean;
  warnings: string[];
}

export function tooLong(chars: number): string {
  return `the text is ${chars.toLocaleString('en-US')} characters long, over the limit of ${MAX_ARTICLE_CHARS.toLocaleString('en-US')} for one article; split it into articles (for instance one JSON Lines record each)`;
}

/** The outlet named by a URL: its host without "www.". Null when the URL cannot be read. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const h = new URL(url).hostname.toLowerCase();
    return h.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}

function describe(r: DateResult | null, what: string, warnings: string[], now: Date): string | null {
  if (!r) return null;
  if ('error' in r) { warnings.push(`${what}: ${r.error}; date not used`); return null; }
  const future = futureReason(r.value, now);
  if (future) { warnings.push(`${what}: ${future}; date not used`); return null; }
  return r.value;
}

export function finishArticle(input: string, d: Draft, opts: ReadOptions): ReadResult {
  if (d.raw.length > MAX_ARTICLE_CHARS * 2) return { ok: false, input, error: tooLong(d.raw.length) };
  let text = d.clean ? d.raw : cleanText(d.raw).text;
  if (text.length > MAX_ARTICLE_CHARS) return { ok: false, input, error: tooLong(text.length) };
  if (!LETTER_OR_DIGIT.test(text)) {
    return { ok: false, input, error: d.raw.trim() ? 'no article text left after removing page furniture (menus, share buttons, comments)' : 'the article has no text' };
  }
  const warnings = [...d.warnings];
  const now = opts.now ?? new Date();

  // A date line at the top of the body ("19 February, 2020", "Posted 18 February 2020 in Ports") is
  // metadata, not article text: it is taken out of the body whether or not it decides the date.
  let paras = text.split('\n\n');
  const td = dateFromText(paras);
  if (td?.lineOnly && paras.length > 1) {
    paras = paras.filter((_, i) => i !== td.line);
    text = paras.join('\n\n');
  }

  let published: string | null = null;
  let from: PublishedFrom = 'none';
  for (const c of d.dates) {
    const r = parseDate(c.raw);
    if (r === null) { warnings.push(`${c.what}: "${String(c.raw)}" is not a date; ignored`); continue; }
    published = describe(r, c.what, warnings, now);
    if (published) { from = c.from; break; }
  }
  if (!published) {
    published = describe(dateFromUrl(d.url), `date in the URL ${d.url}`, warnings, now);
    if (published) from = 'url';
  }
  if (!published && td) {
    published = describe(td.result, 'date at the top of the text', warnings, now);
    if (published) from = 'text';
  }
  if (!published && opts.date) {
    const r = parseDate(opts.date);
    published = r === null ? (warnings.push(`--date "${opts.date}" is not a date; ignored`), null) : describe(r, '--date', warnings, now);
    if (published) from = 'flag';
  }

  const lang = detectLanguage(text);
  if (lang !== 'en') warnings.push(lang === 'und' ? 'the language could not be told' : `the text is in language "${lang}", not English: it is kept as written, and the analysis will find less`);

  const article = {
    ...(d.id ? { id: d.id } : {}),
    source: d.source?.trim() || hostOf(d.url) || opts.source || null,
    url: d.url?.trim() || null,
    title: d.title ? decodeEntities(stripMarkup(d.title)).replace(/\s+/g, ' ').trim() || null : null,
    published,
    publishedFrom: from,
    text,
  };
  return warnings.length ? { ok: true, input, article, warnings } : { ok: true, input, article };
}
