/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds, by fast-xml-parser. Each item is cut out and parsed on its
 * own, so that one malformed item is reported by number and the others are still read.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface FeedItem {
  /** 1-based position in the feed. */
  n: number;
  error?: string;
  id?: string | null;
  title?: string | null;
  url?: string | null;
  /** The item's own outlet: its <source url>, <source> name, or null. */
  source?: string | null;
  sourceUrl?: string | null;
  /** Raw date values, best first: [field, value]. */
  dates?: Array<[string, string]>;
  /** Body as found (HTML or text). */
  body?: string | null;
}

export interface Feed {
  kind: 'rss' | 'atom' | 'rdf';
  title: string | null;
  link: string | null;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

/** Is this text a feed? */
export function looksLikeFeed(s: string): boolean {
  return /<(rss|feed|rdf:RDF)\b/i.test(s.slice(0, 4000));
}

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') return str((v as Record<string, unknown>)['#text']);
  return null;
}

function atomLink(v: unknown): string | null {
  const links = Array.isArray(v) ? v : v ? [v] : [];
  let best: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') { best ??= l.trim(); continue; }
    const o = l as Record<string, unknown>;
    const href = typeof o['@_href'] === 'string' ? (o['@_href'] as string).trim() : null;
    const rel = (o['@_rel'] as string | undefined) ?? 'alternate';
    if (href && rel === 'alternate') return href;
    if (href && !best && rel !== 'self' && rel !== 'enclosure') best = href;
  }
  return best;
}

function headerValue(xml: string, tag: string): string | null {
  const m = new RegExp(String.raw`<${tag}\b[^>]*>([\s\S]*?)</${tag}>`, 'i').exec(xml);
  if (!m) return null;
  return m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim() || null;
}

/** Parses a feed. Returns an error string when the text is not a feed at all. */
export function parseFeed(xml: string): Feed | { error: string } {
  const kind = /<feed\b/i.test(xml.slice(0, 4000)) ? 'atom' : /<rdf:RDF\b/i.test(xml.slice(0, 4000)) ? 'rdf' : /<rss\b/i.test(xml.slice(0, 4000)) ? 'rss' : null;
  if (!kind) return { error: 'not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)' };
  const tag = kind === 'atom' ? 'entry' : 'item';
  const re = new RegExp(String.raw`<${tag}\b[^>]*>[\s\S]*?</${tag}\s*>`, 'gi');
  const chunks = xml.match(re) ?? [];
  const firstItem = xml.search(new RegExp(String.raw`<${tag}\b`, 'i'));
  const header = firstItem >= 0 ? xml.slice(0, firstItem) : xml;
  let link: string | null = null;
  if (kind === 'atom') {
    const ls = [...header.matchAll(/<link\b([^>]*)\/?>/gi)];
    for (const l of ls) {
      const href = /href\s*=\s*["']([^"']+)["']/i.exec(l[1]!)?.[1];
      const rel = /rel\s*=\s*["']([^"']+)["']/i.exec(l[1]!)?.[1] ?? 'alternate';
      if (href && rel === 'alternate') { link = href; break; }
    }
  } else {
    link = headerValue(header, 'link');
  }
  const feed: Feed = { kind, title: headerValue(header, 'title'), link, items: [] };
  if (!chunks.length) return feed;
  // An item that starts but never ends (a truncated feed) is reported too.
  const opened = (xml.match(new RegExp(String.raw`<${tag}\b`, 'gi')) ?? []).length;
  chunks.forEach((chunk, i) => feed.items.push(readItem(chunk, i + 1, kind)));
  for (let n = chunks.length + 1; n <= opened; n++) feed.items.push({ n, error: `<${tag}> is never closed (the feed is cut off or malformed)` });
  return feed;
}

function readItem(chunk: string, n: number, kind: Feed['kind']): FeedItem {
  const valid = XMLValidator.validate(chunk);
  if (valid !== true) {
    return { n, error: `malformed XML (${valid.err.msg.replace(/\.$/, '')}, line ${valid.err.line} of the item)` };
  }
  let obj: Record<string, unknown>;
  try {
    const parsed = parser.parse(chunk) as Record<string, unknown>;
    obj = (parsed[kind === 'atom' ? 'entry' : 'item'] ?? {}) as Record<string, unknown>;
    if (typeof obj !== 'object' || obj === null) obj = {};
  } catch (e) {
    return { n, error: `malformed XML (${(e as Error).message})` };
  }
  const title = str(obj.title);
  if (kind === 'atom') {
    const src = obj.source as Record<string, unknown> | undefined;
    return {
      n, title,
      id: str(obj.id),
      url: atomLink(obj.link),
      source: src ? str(src.title) : null,
      sourceUrl: src ? atomLink(src.link) : null,
      dates: ([['published', str(obj.published)], ['updated', str(obj.updated)], ['issued', str(obj.issued)]] as Array<[string, string | null]>)
        .filter((d): d is [string, string] => !!d[1]),
      body: str(obj.content) ?? str(obj.summary),
    };
  }
  const src = obj.source;
  const srcUrl = src && typeof src === 'object' ? ((src as Record<string, unknown>)['@_url'] as string | undefined) ?? null : null;
  const guid = str(obj.guid);
  return {
    n, title,
    id: guid,
    url: str(obj.link) ?? (guid && /^https?:\/\//.test(guid) ? guid : null),
    source: str(src),
    sourceUrl: srcUrl,
    dates: ([['pubDate', str(obj.pubDate)], ['dc:date', str(obj['dc:date'])], ['published', str(obj.published)], ['updated', str(obj.updated)]] as Array<[string, string | null]>)
      .filter((d): d is [string, string] => !!d[1]),
    body: str(obj['content:encoded']) ?? str(obj.description) ?? str(obj.content) ?? str(obj.summary),
  };
}
