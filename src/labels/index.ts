/**
 * The labels stage: the words an outlet uses for an actor — titles ("Field Marshal"), descriptors
 * ("rebel leader", "the internationally recognised government"), delegitimizing or loaded words
 * ("so-called", "regime", "mercenaries", "NATO invasion") — from the lexicon in data/labels/,
 * each attached to the entity it describes when the text says which (null otherwise).
 *
 * How a phrase finds its actor depends on its group's `attach`:
 *  - next: the name that follows ("Field Marshal and rebel leader Khalifa Haftar", "so-called GNA");
 *  - prev: the actor right before it ("NATO invasion", "the Assad regime", "Turkish mercenaries");
 *  - head: a noun phrase that names an actor itself: the actor before it, a bracketed or following
 *    name ("the aggressor [Haftar]", "warlord Haftar"), "the militias of Haftar", an apposition
 *    ("Haftar, the warlord"), or what the actors stage resolves the phrase with its complement to
 *    ("the legitimate government in Tripoli"); a bare "the regime" stays unattached;
 *  - none: a loaded word with no actor of its own ("chaos").
 */
import type { Doc } from '../document/document.js';
import type { Token } from '../document/tokenize.js';
import type { Label, LabelKind } from '../types.js';
import { actorSpansOf, isCapitalised, isHeadline, isPossessiveAt, type ActorAt, type ActorSpans } from '../relations/actorspans.js';
import WORDS from '../../data/labels/words.json' with { type: 'json' };

/** An abbreviation before a period ("Gen.", "Col."); hoisted, as the loader rebuilds a \p{…} literal on every call. */
const SHORT_CAPITALISED = /^\p{Lu}\p{Ll}{0,4}$/u;

export interface LabelEntry {
  /** The phrase's tokens, lower case. */
  words: string[];
  kind: LabelKind;
  attach: 'next' | 'prev' | 'head' | 'none';
  /** The label's span runs over the actor it attaches to ("so-called Government of National Accord", "NATO invasion"). */
  withActor: boolean;
  /** Only emitted when a person's name follows (titles). */
  requirePerson: boolean;
  /** A nationality adjective before the phrase belongs to it ("Libyan revolutionary leader"). */
  nationality: boolean;
  /** Matched so that it blocks shorter phrases inside it ("terrorist attack"), never emitted. */
  ignore: boolean;
  group: string;
}

/** What the labels stage needs, loaded once (see load.ts) and passed in. */
export interface LabelsResources {
  byFirst: Map<string, LabelEntry[]>;
  size: number;
}

/** A lexicon phrase found at tokens [i, j). */
export interface LabelMatch {
  i: number;
  j: number;
  entry: LabelEntry;
}

const NEXT_SKIP = new Set<string>(WORDS.nextSkip);
const DEMONYM_RE = /(?:an|ian|ese|ish|i|ic|ean)$/;
const OPEN = new Set(['[', '(']);
const CLOSE = new Set([']', ')']);

/** The lexicon's phrases in the document, longest first, never across a sentence, never overlapping. */
export function matchLabels(doc: Doc, res: LabelsResources): LabelMatch[] {
  const toks = doc.tokens;
  const out: LabelMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    const cands = res.byFirst.get(toks[i]!.lower);
    if (!cands) continue;
    const sent = toks[i]!.sentence;
    for (const e of cands) {
      const n = e.words.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 1; k < n; k++) {
        const t = toks[i + k]!;
        if (t.lower !== e.words[k] || t.sentence !== sent) { ok = false; break; }
      }
      if (!ok) continue;
      out.push({ i, j: i + n, entry: e });
      i += n - 1;
      break;
    }
  }
  return out;
}

/** The labels stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runLabels(doc: Doc, res: LabelsResources): void {
  const matches = matchLabels(doc, res);
  if (matches.length === 0) return;
  const toks = doc.tokens;
  const spans = actorSpansOf(doc);
  const matchAt = new Map<number, LabelMatch>();
  for (const m of matches) matchAt.set(m.i, m);
  const seen = new Set<string>();
  const loud = new Map<number, boolean>();
  for (const m of matches) {
    if (m.entry.ignore) continue;
    const s = doc.sentences[toks[m.i]!.sentence];
    const lo = s ? s.tokenStart : 0;
    const hi = s ? s.tokenEnd : toks.length;
    const e = m.entry;
    let start = toks[m.i]!.start;
    let end = toks[m.j - 1]!.end;
    let entity: string | null = null;
    // In a headline set in capitals, capitalised words are not names: the label stands alone.
    if (s) {
      let h = loud.get(s.i);
      if (h === undefined) loud.set(s.i, (h = isHeadline(toks, s, spans)));
      if (h) {
        if (e.requirePerson) continue;
        push(doc, seen, null, start, end, e.kind);
        continue;
      }
    }

    // A nationality adjective before a descriptor is part of it; its country is the fallback actor.
    let nation: ActorAt | null = null;
    if (e.nationality && m.i - 1 >= lo && isCapitalised(toks[m.i - 1]) && !isPossessiveAt(toks, m.i)) {
      const t = toks[m.i - 1]!;
      const a = spans.endingAt(m.i - 1, lo);
      if (a && a.tokStart === m.i - 1 && a.type === 'GPE') nation = a;
      if (nation || (m.i - 1 > lo && DEMONYM_RE.test(t.text) && t.text.length > 3 && !matchAt.has(m.i - 1))) start = t.start;
    }

    // A title inside the actors stage's own mention ("Governor Bush"): that mention's entity.
    const inside = e.attach === 'next' ? spans.startingAt(m.i, hi, false) : null;
    if (inside && inside.tokEnd > m.j && (!e.requirePerson || inside.type === 'PERSON')) {
      entity = inside.entity;
      if (e.withActor) end = inside.end;
    } else if (e.attach === 'next') {
      const a = nextActor(spans, toks, matchAt, m.j, hi, e.requirePerson);
      if (a) {
        entity = a.entity;
        if (e.withActor) end = a.end;
      }
    } else if (e.attach === 'prev') {
      const a = prevActor(spans, toks, m.i, m.j, lo);
      if (a) {
        entity = a.entity;
        if (e.withActor) start = Math.min(start, a.start);
      }
    } else if (e.attach === 'head') {
      const a = nation ? null : prevActor(spans, toks, m.i, m.j, lo);
      if (a) {
        entity = a.entity;
        start = Math.min(start, a.start);
      } else {
        entity = headActor(spans, toks, matchAt, m, lo, hi)?.entity ?? nation?.entity ?? null;
      }
    }
    if (e.requirePerson && !entity) continue;
    push(doc, seen, entity, start, end, e.kind);
  }
  doc.labels.sort((a, b) => a.start - b.start || a.end - b.end);
}

function push(doc: Doc, seen: Set<string>, entity: string | null, start: number, end: number, kind: LabelKind): void {
  const key = `${start}:${end}`;
  if (seen.has(key)) return;
  seen.add(key);
  doc.labels.push({ entity, start, end, text: doc.text.slice(start, end), kind });
}

/** The name after a pre-nominal label, across "and", other labels and title words. */
function nextActor(spans: ActorSpans, toks: Token[], matchAt: Map<number, LabelMatch>, j: number, hi: number, person: boolean): ActorAt | null {
  let k = j;
  for (let steps = 0; k < hi && steps < 6; steps++) {
    const a = spans.startingAt(k, hi);
    if (a) return person && a.type !== 'PERSON' ? null : a;
    const t = toks[k]!;
    const other = matchAt.get(k);
    if (other) { k = other.j; continue; }
    if (NEXT_SKIP.has(t.lower) || (t.text === '.' && k > 0 && toks[k - 1]!.end === t.start && SHORT_CAPITALISED.test(toks[k - 1]!.text))) { k++; continue; }
    if (isCapitalised(t) && isCapitalised(toks[k + 1])) { k++; continue; } // an unknown title word before a name
    return null;
  }
  return null;
}

/**
 * The actor right before a label ("NATO invasion", "the Assad regime", "Haftar's mercenaries");
 * for a possessive, what the whole phrase resolves to when that is another actor ("Libya's UN-backed government").
 */
function prevActor(spans: ActorSpans, toks: Token[], i: number, j: number, lo: number): ActorAt | null {
  let k = i - 1;
  const poss = k >= lo && isPossessiveAt(toks, k);
  if (poss) k--;
  if (k < lo) return null;
  const a = spans.endingAt(k, lo);
  if (a && poss) {
    const ent = spans.resolve(a.start, toks[j - 1]!.end);
    if (ent && ent !== a.entity) return { ...a, entity: ent, type: spans.typeOf(ent) };
  }
  return a;
}

/** The actor a noun-phrase label names, when it is not right before it. */
function headActor(spans: ActorSpans, toks: Token[], matchAt: Map<number, LabelMatch>, m: LabelMatch, lo: number, hi: number): ActorAt | null {
  // "the aggressor [Genersl Haftar]", "terrorist groups (Hamas, …)"
  if (m.j < hi && OPEN.has(toks[m.j]!.text)) {
    const a = spans.startingAt(m.j + 1, hi);
    if (a && CLOSE.has(toks[a.tokEnd]?.text ?? '')) return a;
  }
  // "warlord Khalifa Haftar", "rebel leader and Field Marshal Haftar"
  const n = nextActor(spans, toks, matchAt, m.j, hi, false);
  if (n) return n;
  // "the militias of warlord Khalifa Haftar", "the government of Fayez al-Serraj"
  if (m.j + 1 < hi && toks[m.j]!.lower === 'of') {
    const o = nextActor(spans, toks, matchAt, m.j + 1, hi, false);
    if (o && o.type !== 'GPE' && o.type !== 'LOC') return o;
  }
  // "Haftar, the renegade commander,", "Haftar, the eastern strongman,": an article (in the phrase or
  // before it, after up to two lower-case modifiers), then a comma and the actor.
  const ARTICLES = ['the', 'a', 'an'];
  let k = m.i - 1;
  if (!ARTICLES.includes(m.entry.words[0]!)) {
    for (let n = 0; n < 2 && k > lo && toks[k]!.kind === 'word' && !isCapitalised(toks[k]) && !ARTICLES.includes(toks[k]!.lower); n++) k--;
    k = k >= lo && ARTICLES.includes(toks[k]!.lower) ? k - 1 : -1;
  }
  if (k > lo && toks[k]!.text === ',') {
    const a = spans.endingAt(k - 1, lo);
    if (a) return a;
  }
  // "the legitimate government in Tripoli": what the actors stage resolves the phrase with its complement to.
  const first = m.entry.words[0] === 'the' ? m.i : m.i - 1 >= lo && toks[m.i - 1]!.lower === 'the' ? m.i - 1 : -1;
  const last = toks[m.j - 1]!;
  if (first >= 0 && !last.lower.endsWith('s')) {
    let ent: string | null = null;
    let endTok = m.j;
    const comp = m.j < hi && (toks[m.j]!.lower === 'in' || toks[m.j]!.lower === 'of') ? spans.startingAt(m.j + 1, hi) : null;
    if (comp) {
      ent = spans.resolve(toks[first]!.start, comp.end);
      if (ent === comp.entity) ent = null;
      else if (ent) endTok = comp.tokEnd;
    }
    // (The bare phrase, "the regime", is not resolved: the nearest compatible antecedent is too often
    // the wrong actor — "referring the regime to the ICC" is not the UN. Null is the honest answer.)
    // Never the actor the phrase hangs from: "the Ministry of Health of the internationally recognised government".
    if (ent && first - 2 >= lo && toks[first - 1]!.lower === 'of' && spans.endingAt(first - 2, lo)?.entity === ent) ent = null;
    if (ent) return { entity: ent, type: spans.typeOf(ent), tokStart: first, tokEnd: endTok, start: toks[first]!.start, end: toks[endTok - 1]!.end };
  }
  return null;
}
