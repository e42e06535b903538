/** Small text helpers shared by the corpus modules: word tokens, name phrases, hashing, dates. */

const WORD_RE = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;
const POSSESSIVE_RE = /['’]s$/u;
const STARTS_UPPER = /^\p{Lu}/u; // a module constant: see test/source.test.ts

/** Lower-cased word tokens (possessive 's stripped). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    let w = m[0].toLowerCase();
    if (POSSESSIVE_RE.test(w)) w = w.slice(0, -2);
    if (w) out.push(w);
  }
  return out;
}

/**
 * Proper-name phrases: runs of two or more capitalised words inside a line
 * ("Rocky Mount", "Word Tabernacle Church"), lower-cased. A capitalised stopword
 * ("The", "In") never starts a phrase.
 */
export function namePhrases(text: string, stop: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let lastEnd = -1;
  const flush = () => {
    if (run.length >= 2) out.push(run.join(' '));
    run = [];
  };
  for (const m of text.matchAll(WORD_RE)) {
    const w = m[0];
    const start = m.index ?? 0;
    const gap = lastEnd < 0 ? '' : text.slice(lastEnd, start);
    lastEnd = start + w.length;
    const cap = STARTS_UPPER.test(w);
    // a phrase continues across single spaces (or hyphens) only, never across punctuation or newlines
    if (run.length && !/^[ \t-]+$/.test(gap)) flush();
    let lw = w.toLowerCase();
    if (POSSESSIVE_RE.test(lw)) lw = lw.slice(0, -2);
    if (cap && !(run.length === 0 && stop.has(lw))) {
      run.push(lw);
      if (POSSESSIVE_RE.test(w)) flush();
    } else flush();
  }
  flush();
  return out;
}

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Day number (days since 1970-01-01) of an ISO date or date-time; null when absent or unreadable. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** The outlet of an article: its source, else the URL's host (web.archive.org copies unwrapped), else null. */
export function outletOf(a: { source: string | null; url: string | null }): string | null {
  if (a.source) return a.source;
  if (!a.url) return null;
  let u = a.url;
  const wb = /^https?:\/\/web\.archive\.org\/web\/[^/]+\/(.+)$/i.exec(u);
  if (wb) u = wb[1]!;
  if (!/^[a-z]+:\/\//i.test(u)) u = 'http://' + u;
  try {
    return new URL(u).hostname.replace(/^www\./, '').replace(/:\d+$/, '') || null;
  } catch {
    return null;
  }
}
