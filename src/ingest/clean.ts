/**
 * Text cleaning for what real pages drag along: pasted markup (`<span style=…>`), HTML entities,
 * share buttons and icon names, "Add comment", "Most Read" boxes, cookie notices, comment threads,
 * copyright lines. Keeps the article and its paragraph breaks: the cleaned text has one paragraph
 * per block, separated by a blank line. Whitespace is normalised; characters are kept as they are
 * (curly quotes, dashes, accents). The junk patterns live in data/text/junk.json.
 */
import junkData from '../../data/text/junk.json' with { type: 'json' };
import entityData from '../../data/text/entities.json' with { type: 'json' };
import { fromCp1252 } from './decode.js';

/** Hoisted, as the loader rebuilds a \p{…} literal on every call. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export interface JunkRules {
  dropLines: Set<string>;
  dropPatterns: RegExp[];
  cookiePatterns: RegExp[];
  blockMarkers: Set<string>;
  endMarkers: RegExp[];
}

export function compileJunk(data: { dropLines: string[]; dropPatterns: string[]; cookiePatterns: string[]; blockMarkers: string[]; endMarkers: string[] }): JunkRules {
  return {
    dropLines: new Set(data.dropLines.map((s) => s.toLowerCase())),
    dropPatterns: data.dropPatterns.map((p) => new RegExp(p, 'iu')),
    cookiePatterns: data.cookiePatterns.map((p) => new RegExp(p, 'iu')),
    blockMarkers: new Set(data.blockMarkers.map((s) => s.toLowerCase())),
    endMarkers: data.endMarkers.map((p) => new RegExp(p, 'iu')),
  };
}

export const JUNK: JunkRules = compileJunk(junkData);
const ENTITIES: Record<string, string> = entityData.entities;

/** Decodes HTML character references: named (&rsquo;), decimal (&#8217;) and hex (&#x2019;). Unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (all, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
      // Windows-1252 code points that pages write as &#150; &#146; …
      if (cp >= 0x80 && cp <= 0x9f) return fromCp1252(String.fromCharCode(cp));
      return String.fromCodePoint(cp);
    }
    const ch = ENTITIES[body];
    if (ch !== undefined && (all.endsWith(';') || /^(amp|lt|gt|quot|nbsp)$/.test(body))) return ch;
    return all;
  });
}

const BLOCK_TAGS = 'p|div|br|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|aside|nav|figure|figcaption|table|tr|td|th|tbody|thead|tfoot|pre|hr|main|dl|dt|dd|address|center';
const INLINE_TAGS = 'span|a|b|i|u|em|strong|font|small|big|sup|sub|mark|abbr|cite|q|s|strike|del|ins|code|time|img|picture|source|wbr|label|button|input|meta|link|o:p';
const SKIP_CONTENT_RE = /<(script|style|noscript|iframe|svg|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAG_RE = new RegExp(String.raw`<\/?(?:${BLOCK_TAGS})\b(?:\s[^<>]*)?\/?>`, 'gi');
const INLINE_TAG_RE = new RegExp(String.raw`<\/?(?:${INLINE_TAGS})\b(?:\s[^<>]*)?\/?>`, 'gi');

/** Removes HTML markup pasted into text: known tags only, so "<Genersl Haftar>" or "a < b" stay. */
export function stripMarkup(s: string): string {
  if (!s.includes('<')) return s;
  return s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(SKIP_CONTENT_RE, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_TAG_RE, '\n\n')
    .replace(INLINE_TAG_RE, '');
}

/** Space characters that are not line breaks, normalised to one plain space. */
const SPACES_RE = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
/** Invisible characters that only get in the way: zero-width spaces, BOM, soft hyphen, bidi marks, C0/C1 controls. */
const INVISIBLE_RE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** Line breaks normalised, invisible characters dropped, runs of spaces collapsed, each line trimmed. */
export function normaliseWhitespace(s: string): string {
  return s
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE_RE, '')
    .replace(SPACES_RE, ' ')
    .replace(/^ +| +$/gm, '');
}

export interface CleanResult {
  text: string;
  /** How many lines of page furniture were dropped, by kind. */
  dropped: { furniture: number; cookies: number; boxes: number; tail: number };
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const wordCount = (s: string) => (s.match(WORD_RE) ?? []).length;
/** A line that reads like article prose, not a button, a heading or a link. */
function isProse(s: string): boolean {
  if (s.length >= SHORT_LINE) return s.split(' ').length >= 12;
  const n = wordCount(s);
  return n >= 12 || (n >= 6 && /[.!?…:;]["”’»)]*$/.test(s));
}
/** Lines longer than this are prose or data, never a button, a heading or a marker. */
const SHORT_LINE = 200;

function key(line: string): string {
  return line.toLowerCase().replace(/[\s:|•·›»>‹«<\-–—]+$/u, '').replace(/^[\s|•·›»>‹«<\-–—]+/u, '');
}

/** "Facebook Twitter WhatsApp Share": a line made only of button and icon names. */
function allFurniture(k: string, junk: JunkRules): boolean {
  const parts = k.split(/[\s|•·,/]+/).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => junk.dropLines.has(p));
}

/**
 * Cleans a body text: markup, entities, junk lines and blocks, whitespace. Paragraphs are separated
 * by a blank line. A block of hard-wrapped lines is joined back into one paragraph.
 */
export function cleanText(raw: string, junk: JunkRules = JUNK): CleanResult {
  // Entities may hide markup (&lt;span&gt;): strip, decode, strip again.
  const text = normaliseWhitespace(stripMarkup(decodeEntities(stripMarkup(raw))));
  const lines = text.split('\n');
  const dropped = { furniture: 0, cookies: 0, boxes: 0, tail: 0 };
  const kept: string[] = [];
  let seenProse = false;
  let inBox = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) { kept.push(''); continue; }
    // Furniture is short: long lines are only checked for cookie notices.
    const short = line.length <= SHORT_LINE;
    const k = short ? key(line) : '';
    if (short && seenProse && junk.endMarkers.some((re) => re.test(k))) {
      dropped.tail += lines.slice(i).filter(Boolean).length;
      break;
    }
    const prose = isProse(line);
    if (inBox) {
      if (!prose || (short && junk.dropLines.has(k))) { dropped.boxes++; continue; }
      inBox = false;
    }
    if (short && junk.blockMarkers.has(k)) {
      // A "Most Read" box: the heading and the headline-like lines under it.
      inBox = true;
      dropped.boxes++;
      continue;
    }
    if (short && (!LETTER_OR_DIGIT.test(line) || junk.dropLines.has(k) || allFurniture(k, junk) || junk.dropPatterns.some((re) => re.test(k)))) {
      dropped.furniture++;
      continue;
    }
    if (/cookie|privacy/i.test(line) && wordCount(line) < 80 && junk.cookiePatterns.some((re) => re.test(line))) {
      dropped.cookies++;
      continue;
    }
    // An end marker ("3 comments") before any prose is a counter under the headline: drop just the line.
    if (short && !seenProse && junk.endMarkers.some((re) => re.test(k))) { dropped.furniture++; continue; }
    if (prose) seenProse = true;
    kept.push(line);
  }
  return { text: paragraphs(kept).join('\n\n'), dropped };
}

/** Groups lines into paragraphs: blank lines separate blocks; a block is one paragraph per line unless it is hard-wrapped. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    if (!block.length) return;
    if (isHardWrapped(block)) out.push(block.join(' '));
    else out.push(...block);
    block = [];
  };
  for (const l of lines) {
    if (l) block.push(l);
    else flush();
  }
  flush();
  return out;
}

/** Lines cut at a fixed width: every line but the last is long, none very long, and some break mid-sentence. */
function isHardWrapped(block: string[]): boolean {
  if (block.length < 2) return false;
  const body = block.slice(0, -1);
  if (!body.every((l) => l.length >= 40 && l.length <= 100)) return false;
  if (block.some((l) => l.length > 100)) return false;
  return body.some((l) => !/[.!?:"”’)\]]$/.test(l));
}
