/**
 * Where the actors are in a document, by token: the actor mention that starts or ends at a token,
 * with a fallback to the actors stage's `resolve` service for a capitalised run, a demonym or a
 * possessive noun phrase the mention layer did not cover. Shared by the relations and labels stages.
 */
import type { Doc, MentionRef, Sentence } from '../document/document.js';
import type { EntityType } from '../types.js';
import type { Token } from '../document/tokenize.js';
import WORDS from '../../data/relations/words.json' with { type: 'json' };

/** An actor found at some tokens: the entity, its type, and the tokens [tokStart, tokEnd) it covers. */
export interface ActorAt {
  entity: string;
  type: EntityType | null;
  tokStart: number;
  tokEnd: number;
  start: number;
  end: number;
  /** The mention's kind when it came from the mention layer; a one-word resolved run that looks like a demonym is 'demonym'. */
  kind?: MentionRef['kind'];
}

const DEMONYM_RE = /(?:an|ian|ese|ish|i|ic|ean)$/;

const CAP = /^\p{Lu}/u;
/** Lower-case particles that may sit inside a name ("Government of National Accord", "bin Salman"). */
const NAME_JOINERS = new Set<string>(WORDS.nameJoiners);
const POSSESSIVE = new Set(["'s", '’s', "'", '’']);

/** Whether token i is a possessive clitic ("'s", "’s", or a plural "'"). */
export function isPossessiveAt(toks: Token[], i: number): boolean {
  return isPossessive(toks[i], toks[i - 1]);
}

function isPossessive(t: Token | undefined, prev?: Token): boolean {
  if (!t || t.kind !== 'punct' || !POSSESSIVE.has(t.lower)) return false;
  // A bare apostrophe is a plural possessive only right after a word in -s ("the rebels' leader"), not a closing quote.
  if (t.lower.length === 1) return !!prev && prev.end === t.start && /s$/i.test(prev.text);
  return true;
}

export function isCapitalised(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const c = t.text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return CAP.test(t.text);
}

/** One number for a pair of offsets (texts up to 2^21 characters apart fit exactly). */
const key = (start: number, end: number) => start * 2097152 + end;

const shared = new WeakMap<Doc, { mentions: number; entities: number; spans: ActorSpans }>();

/** The document's ActorSpans, built once and shared by the stages that run after actors. */
export function actorSpansOf(doc: Doc): ActorSpans {
  const c = shared.get(doc);
  if (c && c.mentions === doc.mentions.length && c.entities === doc.entities.length) return c.spans;
  const spans = new ActorSpans(doc);
  shared.set(doc, { mentions: doc.mentions.length, entities: doc.entities.length, spans });
  return spans;
}

export class ActorSpans {
  readonly doc: Doc;
  /** Token index → index in `mentions` of the longest mention starting / ending (last token) there. */
  private startAt = new Map<number, number>();
  private endAt = new Map<number, number>();
  private mentions: MentionRef[];
  private tokSpan: Int32Array;
  private types = new Map<string, EntityType>();
  private resolveCache = new Map<number, string | null>();
  private byOffsets = new Map<number, string>();

  constructor(doc: Doc) {
    this.doc = doc;
    const n = doc.tokens.length;
    this.mentions = doc.mentions;
    this.tokSpan = new Int32Array(this.mentions.length * 2);
    for (const e of doc.entities) this.types.set(e.id, e.type);
    for (let k = 0; k < this.mentions.length; k++) {
      const m = this.mentions[k]!;
      this.byOffsets.set(key(m.start, m.end), m.entity);
      // Token indexes from offsets (robust to a mention layer whose token indexes are off).
      const a = firstTokenAt(doc.tokens, m.start);
      const b = lastTokenBefore(doc.tokens, m.end);
      this.tokSpan[2 * k] = a;
      this.tokSpan[2 * k + 1] = b;
      if (a < 0 || b < a || a >= n) continue;
      const len = m.end - m.start;
      const sa = this.startAt.get(a);
      if (sa === undefined || len > this.mentions[sa]!.end - this.mentions[sa]!.start) this.startAt.set(a, k);
      const eb = this.endAt.get(b);
      if (eb === undefined || len > this.mentions[eb]!.end - this.mentions[eb]!.start) this.endAt.set(b, k);
    }
  }

  private coveredTokens: Uint8Array | null = null;

  /** Whether token i lies inside some actor mention. */
  covered(i: number): boolean {
    if (!this.coveredTokens) {
      const c = new Uint8Array(this.doc.tokens.length);
      for (let k = 0; k < this.mentions.length; k++) {
        const a = this.tokSpan[2 * k]!;
        const b = this.tokSpan[2 * k + 1]!;
        for (let t = Math.max(0, a); t <= b && t < c.length; t++) c[t] = 1;
      }
      this.coveredTokens = c;
    }
    return this.coveredTokens[i] === 1;
  }

  /** Mentions of persons, as actors, in text order of their first token. */
  persons(): ActorAt[] {
    const out: ActorAt[] = [];
    for (const k of this.startAt.values()) {
      const m = this.mentions[k]!;
      if ((this.typeOf(m.entity) ?? m.type) === 'PERSON') out.push(this.fromMention(k));
    }
    return out.sort((x, y) => x.tokStart - y.tokStart);
  }

  typeOf(entity: string): EntityType | null {
    return this.types.get(entity) ?? null;
  }

  /** The entity of a mention at exactly [start, end), else what `resolve` says ("Turkish" in "Turkish-backed"). */
  exact(start: number, end: number): string | null {
    return this.byOffsets.get(key(start, end)) ?? this.resolve(start, end);
  }

  /** The entity the actors stage resolves [start, end) to, cached. */
  resolve(start: number, end: number): string | null {
    const k = key(start, end);
    const hit = this.resolveCache.get(k);
    if (hit !== undefined) return hit;
    let r: string | null = null;
    try {
      r = this.doc.services.resolve(start, end);
    } catch {
      r = null;
    }
    if (r !== null && !this.types.has(r)) r = null; // only entities that exist in this document
    this.resolveCache.set(k, r);
    return r;
  }

  private fromMention(k: number): ActorAt {
    const m = this.mentions[k]!;
    const a = this.tokSpan[2 * k]!;
    const b = this.tokSpan[2 * k + 1]!;
    return { entity: m.entity, type: this.typeOf(m.entity) ?? m.type, tokStart: a, tokEnd: b + 1, start: m.start, end: m.end, kind: m.kind };
  }

  /** The longest actor mention starting at token `i`, else a capitalised run there that `resolve` knows. */
  startingAt(i: number, limit: number, useRuns = true): ActorAt | null {
    if (i < 0 || i >= limit) return null;
    const k = this.startAt.get(i);
    if (k !== undefined) return this.fromMention(k);
    if (!useRuns) return null;
    const toks = this.doc.tokens;
    if (!isCapitalised(toks[i])) return null;
    // Longest capitalised run first, then shorter prefixes.
    let j = i + 1;
    while (j < limit && (isCapitalised(toks[j]) || (NAME_JOINERS.has(toks[j]!.lower) && isCapitalised(toks[j + 1]) && j + 1 < limit))) j++;
    for (let e = j; e > i; e--) {
      if (!isCapitalised(toks[e - 1])) continue;
      const ent = this.resolve(toks[i]!.start, toks[e - 1]!.end);
      if (ent) return { entity: ent, type: this.typeOf(ent), tokStart: i, tokEnd: e, start: toks[i]!.start, end: toks[e - 1]!.end, kind: runKind(toks, i, e) };
    }
    return null;
  }

  /** The longest actor mention whose last token is `i`, else a capitalised run ending there that `resolve` knows. */
  endingAt(i: number, floor: number, useRuns = true): ActorAt | null {
    if (i < floor || i < 0) return null;
    const k = this.endAt.get(i);
    if (k !== undefined) return this.fromMention(k);
    if (!useRuns) return null;
    const toks = this.doc.tokens;
    if (!isCapitalised(toks[i])) return null;
    let j = i;
    while (j - 1 >= floor && (isCapitalised(toks[j - 1]) || (NAME_JOINERS.has(toks[j - 1]!.lower) && j - 2 >= floor && isCapitalised(toks[j - 2])))) j--;
    for (let s = j; s <= i; s++) {
      if (!isCapitalised(toks[s])) continue;
      const ent = this.resolve(toks[s]!.start, toks[i]!.end);
      if (ent) return { entity: ent, type: this.typeOf(ent), tokStart: s, tokEnd: i + 1, start: toks[s]!.start, end: toks[i]!.end, kind: runKind(toks, s, i + 1) };
    }
    return null;
  }

  /**
   * "Haftar's forces": when `a` is followed by a possessive and a noun (after at most two modifiers),
   * the entity of the whole phrase if `resolve` or a covering mention knows it. `heads` limits the nouns tried.
   */
  possessed(a: ActorAt, limit: number, heads: Set<string>, modifiers: Set<string>): ActorAt | null {
    const toks = this.doc.tokens;
    if (!isPossessiveAt(toks, a.tokEnd)) return null;
    for (let j = a.tokEnd + 1; j < Math.min(limit, a.tokEnd + 4); j++) {
      const t = toks[j]!;
      // A named actor after the possessive ("Haftar's Libyan National Army").
      const m = this.startingAt(j, limit, false);
      if (m) return m.entity !== a.entity ? m : null;
      if (t.kind !== 'word') return null;
      if (heads.has(t.lower)) {
        const ent = this.resolve(a.start, t.end);
        if (ent && ent !== a.entity) return { entity: ent, type: this.typeOf(ent), tokStart: a.tokStart, tokEnd: j + 1, start: a.start, end: t.end };
        return null;
      }
      // Only modifiers may come between ("Haftar's eastern-based …"), not a noun ("Clinton's book …").
      if (!(modifiers.has(t.lower) || (t.text.includes('-') && t.text === t.lower))) return null;
    }
    return null;
  }
}

function runKind(toks: Token[], a: number, b: number): MentionRef['kind'] {
  return b - a === 1 && DEMONYM_RE.test(toks[a]!.text) && toks[a]!.text.length > 3 ? 'demonym' : 'name';
}

/** A headline in title case or capitals ("Report Reveals Clinton’s Meetings…"): its capitals say nothing about names. */
const LOWER_LETTER = /\p{Ll}/u;

export function isHeadline(toks: Token[], s: Sentence, spans: ActorSpans): boolean {
  let words = 0;
  let caps = 0;
  let all = 0;
  let upper = 0;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word') continue;
    all++;
    if (t.text.length > 1 && !LOWER_LETTER.test(t.text)) upper++;
    // Names are capitalised anyway, and short words are often abbreviations ("Gen", "Lt"): count the rest.
    if (spans.covered(i) || t.text.length < 4 || i === s.tokenStart) continue;
    words++;
    if (isCapitalised(t)) caps++;
  }
  return (words >= 4 && caps > 0.6 * words) || (all >= 4 && upper > 0.6 * all);
}

/** Index of the first token that starts at or after `offset`. */
export function firstTokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last token that ends at or before `offset`. */
export function lastTokenBefore(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
