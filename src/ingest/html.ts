/**
 * HTML pages: the main text by @mozilla/readability on a linkedom DOM, and the page's own metadata
 * (canonical URL, site name, title, published date from `article:published_time` and similar meta
 * tags, then JSON-LD `datePublished`, then `<time datetime>`).
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

/** Hoisted, as the loader rebuilds a \p{…} literal on every call (String.match resets a global regex). */
const WORDS = /[\p{L}\p{N}]+/gu;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'nav', 'button', 'form', 'select', 'figcaption']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tr', 'td', 'th', 'figure', 'hr', 'address', 'center', 'body', 'details', 'summary',
]);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

interface Walk { out: string[]; linkChars: number; chars: number }

function walk(node: NodeLike, w: Walk, pre: boolean, skip: Set<string>, inLink: boolean): void {
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const n = kids[i]!;
    if (n.nodeType === 3) {
      const t = n.textContent ?? '';
      w.out.push(pre ? t : t.replace(/[ \t\r\n\f]+/g, ' '));
      const c = t.replace(/\s+/g, '').length;
      w.chars += c;
      if (inLink) w.linkChars += c;
    } else if (n.nodeType === 1) {
      const tag = n.nodeName.toLowerCase();
      if (skip.has(tag)) continue;
      if (tag === 'br') { w.out.push('\n'); continue; }
      const block = BLOCK.has(tag);
      if (block) w.out.push('\n\n');
      walk(n, w, pre || tag === 'pre', skip, inLink || tag === 'a');
      if (block) w.out.push('\n\n');
    }
  }
}

/** Text of an HTML fragment or page: one line per block element, blank lines between blocks. Entities decoded. */
export function htmlToText(html: string): string {
  return fragmentText(html).text;
}

function fragmentText(html: string): { text: string; linkShare: number } {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return nodeText(document.body as unknown as NodeLike);
}

/** Page chrome, left out when a whole page body is the fallback. */
const CHROME = new Set([...SKIP, 'header', 'footer', 'aside', 'menu']);

/** The text under a node, and how much of it is link text (a list of links is not an article). */
function nodeText(node: NodeLike, skip: Set<string> = SKIP): { text: string; linkShare: number } {
  const w: Walk = { out: [], linkChars: 0, chars: 0 };
  walk(node, w, false, skip, false);
  const text = w.out.join('').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return { text, linkShare: w.chars ? w.linkChars / w.chars : 0 };
}

/** Does a string hold HTML markup rather than plain text? */
export function looksLikeHtml(s: string): boolean {
  return /<\/?(p|div|br|span|a|h[1-6]|li|ul|em|strong|b|i|blockquote|figure|img)\b[^>]*>/i.test(s);
}

export interface HtmlPage {
  title: string | null;
  url: string | null;
  siteName: string | null;
  /** Published date candidates from the page metadata, best first: [where, raw value]. */
  dates: Array<[string, string]>;
  /** Main text (block per line), or null when the page has no article. */
  text: string | null;
  /** Words of text found outside menus and footers, for the error message when there is no article. */
  words: number;
  /** Share of that text inside links. */
  linkShare: number;
}

interface El {
  getAttribute(n: string): string | null;
  textContent: string | null;
  tagName: string;
}
interface DocLike {
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
  title: string;
  body: unknown;
}

const META_DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date',
  'publication_date', 'date', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
];

function metaContent(doc: DocLike, keys: string[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const metas = doc.querySelectorAll('meta');
  for (const key of keys) {
    for (let i = 0; i < metas.length; i++) {
      const m = metas[i]!;
      const k = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
      const v = m.getAttribute('content');
      if (k === key && v) found.push([`<meta ${key}>`, v.trim()]);
    }
  }
  return found;
}

/** datePublished from JSON-LD blocks, preferring article types; @graph and arrays are searched. */
function jsonLdDates(doc: DocLike): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (o: unknown, depth: number): void => {
    if (!o || typeof o !== 'object' || depth > 6) return;
    if (Array.isArray(o)) { for (const x of o) visit(x, depth + 1); return; }
    const r = o as Record<string, unknown>;
    if (typeof r.datePublished === 'string') out.push(['JSON-LD datePublished', r.datePublished]);
    for (const [k, v] of Object.entries(r)) if (k !== 'datePublished' && typeof v === 'object') visit(v, depth + 1);
  };
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]!.textContent ?? ''), 0);
    } catch {
      // A broken JSON-LD block is common and harmless: other sources remain.
    }
  }
  return out;
}

function timeDates(doc: DocLike): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const times = doc.querySelectorAll('time[datetime]');
  for (let i = 0; i < times.length; i++) {
    const v = times[i]!.getAttribute('datetime');
    if (v) out.push(['<time datetime>', v.trim()]);
  }
  return out;
}

/** Reads an HTML page. Pure apart from parsing. */
export function readHtmlPage(html: string): HtmlPage {
  const { document } = parseHTML(html);
  const doc = document as unknown as DocLike;
  const attr = (sel: string, a: string) => doc.querySelector(sel)?.getAttribute(a)?.trim() || null;
  const url = attr('link[rel="canonical"]', 'href') ?? attr('meta[property="og:url"]', 'content') ?? attr('meta[name="twitter:url"]', 'content');
  const siteName = attr('meta[property="og:site_name"]', 'content') ?? attr('meta[name="application-name"]', 'content');
  const h1 = doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null;
  const ogTitle = attr('meta[property="og:title"]', 'content');
  const dates = [...metaContent(doc, META_DATE_KEYS), ...jsonLdDates(doc), ...timeDates(doc)];

  let best: { text: string; linkShare: number; words: number } | null = null;
  const consider = (c: { text: string; linkShare: number }) => {
    const words = countWords(c.text);
    const good = (x: { linkShare: number; words: number }) => x.words >= MIN_ARTICLE_WORDS && x.linkShare <= MAX_LINK_SHARE;
    const cand = { ...c, words };
    if (!best || (good(cand) && !good(best)) || (good(cand) === good(best) && words > best.words)) best = cand;
    return good(cand);
  };
  let found = false;
  try {
    const parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (parsed?.content) found = consider(fragmentText(parsed.content));
  } catch {
    // Readability failed on this page: the fallback below decides.
  }
  if (!found) {
    // Readability gives up on very short pages: the <article> or <main> element, else the body without its chrome.
    const { document: again } = parseHTML(html);
    const d2 = again as unknown as DocLike;
    const main = d2.querySelector('article') ?? d2.querySelector('main') ?? d2.querySelector('[role="main"]');
    found = consider(main ? nodeText(main as unknown as NodeLike) : nodeText(d2.body as NodeLike, CHROME));
  }
  const b = best as { text: string; linkShare: number; words: number } | null;
  const title = h1 ?? ogTitle ?? (doc.title?.trim() || null);
  if (!found || !b) return { title, url, siteName, dates, text: null, words: b?.words ?? 0, linkShare: b?.linkShare ?? 0 };
  return { title, url, siteName, dates, text: b.text, words: b.words, linkShare: b.linkShare };
}

/** Fewer words than this outside menus, headers and footers is a page without an article (an index, an error page). */
export const MIN_ARTICLE_WORDS = 20;
/** More of the text than this inside links is a list of links (an index page), not an article. */
export const MAX_LINK_SHARE = 0.5;

export function countWords(s: string): number {
  return (s.match(WORDS) ?? []).length;
}
