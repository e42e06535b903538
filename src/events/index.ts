import type { Doc } from '../document/document.js';
import { quoteAround, sentenceAt, spanOf, tokenIndexAt } from '../document/document.js';
import * as placesModule from '../places/index.js';
import type { DatePrecision, EventRecord, Modality, Place, Span } from '../types.js';
import { codeDocument, SentenceReader, type RawEvent, type TokRange } from './coder.js';
import type { CameoPlover, Lexicon, TriggerEntry, VerbForm } from './lexicon.js';

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const STARTS_UPPER = /^\p{Lu}/u;

export type { RawEvent, TokRange } from './coder.js';

/** What the events stage needs, loaded once (see load.ts) and passed in. */
export interface EventsResources {
  loaded: boolean;
  lexicon: Lexicon;
  cameoPlover: CameoPlover;
  /** Curated verb / predicate-adjective forms → entries. */
  verbs: Map<string, VerbForm[]>;
  /** Curated event nouns (singular and plural) → entries. */
  nouns: Map<string, TriggerEntry[]>;
  /** CAMEO/PETRARCH dictionary verb forms → entries (fallback after curated triggers). */
  dictForms: Map<string, VerbForm[]>;
  /** Accept dictionary verbs' default codes of every CAMEO root (PETRARCH-style coding). */
  dictionaryBare?: boolean;
}

/** An event with the evidence spans of its roles (what the benchmark and the CLI can show). Internal to the stage:
 *  `runEvents` copies only the `EventRecord` fields into `doc.events` (the output contract in the spec); `trigger`,
 *  the role spans, `contentOf` and `main` never reach the analysis. */
export interface CodedEvent extends EventRecord {
  trigger: Span;
  actorSpan: Span | null;
  targetSpan: Span | null;
  /** Set for events that are the content of another event (not in `doc.events`). */
  contentOf: number | null;
  /** The event is its sentence's main one: not inside a relative, subordinate or participial clause (internal: used
   *  to pick a sentence's event when scoring; not in the output contract). */
  main: boolean;
}

const MODALITY_ORDER: Modality[] = ['negated', 'conditional', 'hypothetical', 'future', 'historical', 'reported'];

function precisionOf(value: string | null): { value: string | null; precision: DatePrecision } {
  if (!value) return { value: null, precision: null };
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return { value: value.slice(0, 10), precision: 'day' };
  if (/^\d{4}-W\d{2}$/.test(value)) return { value, precision: 'week' };
  if (/^\d{4}-\d{2}$/.test(value)) return { value, precision: 'month' };
  if (/^\d{4}$/.test(value)) return { value, precision: 'year' };
  return { value: null, precision: null };
}

type PlaceForFn = (doc: Doc, start: number, end: number) => Place | null;

function placeForFn(): PlaceForFn | null {
  const f = (placesModule as Record<string, unknown>)['placeFor'];
  return typeof f === 'function' ? (f as PlaceForFn) : null;
}

class Linker {
  /** The document's mentions sorted by start, and the longest one's length (for range lookups). */
  private readonly sorted: Doc['mentions'];
  private readonly maxLen: number;
  private readonly order: Map<Doc['mentions'][number], number>;
  constructor(readonly doc: Doc, readonly res: EventsResources) {
    this.order = new Map(doc.mentions.map((m, i) => [m, i]));
    this.sorted = [...doc.mentions].sort((a, b) => a.start - b.start);
    let m = 0;
    for (const x of this.sorted) m = Math.max(m, x.end - x.start);
    this.maxLen = m;
  }

  /** Mentions overlapping [start, end), in document order (what `mentions.filter` gave, by binary search). */
  private overlapping(start: number, end: number): Doc['mentions'] {
    const a = this.sorted;
    let lo = 0;
    let hi = a.length;
    const from = start - this.maxLen;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Doc['mentions'] = [];
    for (let i = lo; i < a.length && a[i]!.start < end; i++) if (a[i]!.end > start) out.push(a[i]!);
    // in the document's own order, as a filter over `doc.mentions` would give
    if (out.length > 1) out.sort((x, y) => this.order.get(x)! - this.order.get(y)!);
    return out;
  }

  span(r: TokRange | null): Span | null {
    if (!r || r.e <= r.s) return null;
    const t = this.doc.tokens;
    return spanOf(this.doc, t[r.s]!.start, t[r.e - 1]!.end);
  }

  /** Entity of a role's token range: a mention on its head, the resolver, else the best mention inside. */
  /** Entities already found for a token range (roles repeat across coordinated and absorbed events). */
  private readonly memo = new Map<number, string | null>();

  entity(reader: SentenceReader, r: TokRange | null): string | null {
    if (!r) return null;
    const key = r.s * 4194304 + r.e;
    let v = this.memo.get(key);
    if (v === undefined) {
      v = this.entityOf(reader, r);
      this.memo.set(key, v);
    }
    return v;
  }

  private entityOf(reader: SentenceReader, r: TokRange): string | null {
    const t = this.doc.tokens;
    const start = t[r.s]!.start;
    const end = t[r.e - 1]!.end;
    const h = reader.head(r);
    const hs = t[h]!.start;
    const inside = this.overlapping(start, end);
    const onHead = inside.find((m) => m.start <= hs && m.end > hs);
    if (onHead) return onHead.entity;
    const resolved = this.doc.services.resolve(start, end) ?? this.doc.services.resolve(hs, t[h]!.end);
    if (resolved) return resolved;
    if (!inside.length) return null;
    // prefer a mention that is not a possessor ("Haftar's") and not in parentheses
    const plain = inside.filter((m) => {
      const after = this.doc.text.slice(m.end, m.end + 2);
      return after !== "'s" && after !== '’s';
    });
    return (plain[plain.length - 1] ?? inside[0]!).entity;
  }

  isPronoun(r: TokRange | null): string | null {
    if (!r || r.e - r.s !== 1) return null;
    const l = this.doc.tokens[r.s]!.lower;
    return this.res.lexicon.pronouns.has(l) ? l : null;
  }

  /** Who reports the clause around token `k`: a quote's speaker, "X said (that) …", "according to X". */
  reporter(reader: SentenceReader, ev: RawEvent): { range: TokRange | null; entity: string | null; quoted: boolean } | null {
    const doc = this.doc;
    const L = this.res.lexicon;
    const tk = doc.tokens[ev.trig]!;
    const q = doc.quotes.find((x) => x.start <= tk.start && tk.end <= x.end);
    if (q) {
      let range: TokRange | null = null;
      if (q.speakerMention) {
        const s0 = tokenIndexAt(doc, q.speakerMention.start);
        let e0 = s0;
        while (e0 < doc.tokens.length && doc.tokens[e0]!.start < q.speakerMention.end) e0++;
        if (e0 > s0) range = { s: s0, e: e0 };
      }
      // an indirect quote ("Serraj said he suspended…") reads like a reporting clause
      return { range, entity: q.speaker, quoted: q.direct };
    }
    const qm = quoteAround(doc, tk.start, tk.end);
    if (qm) {
      // speaker after the closing mark: "…,” UN mediator Ghassan Salame said" / "…,” said X"
      const sent = sentenceAt(doc, qm.close) ?? sentenceAt(doc, Math.max(0, qm.close - 1));
      let i = tokenIndexAt(doc, qm.close + 1);
      if (i < doc.tokens.length) {
        const endTok = sent ? Math.min(sent.tokenEnd + 8, doc.tokens.length) : i + 12;
        while (i < endTok && /^[,.”"’]$/.test(doc.tokens[i]!.text)) i++;
        const r2 = new SentenceReader(doc, this.res, i, Math.min(doc.tokens.length, i + 14), reader.sentence);
        for (let j = i; j < Math.min(doc.tokens.length, i + 10); j++) {
          const l = doc.tokens[j]!.lower;
          if (L.reportingVerbs.has(l) && !STARTS_UPPER.test(doc.tokens[j]!.text)) {
            const range = j > i ? { s: i, e: j } : r2.npForward(j + 1, 6);
            return { range, entity: this.entity(r2, range), quoted: true };
          }
          if (doc.tokens[j]!.text === '.' || doc.tokens[j]!.text === '“') break;
        }
      }
      // speaker before the opening mark: "X said: “…”"
      return { range: null, entity: null, quoted: true };
    }
    // a reporting verb before the clause: "Serraj said (that) he suspended talks"
    const subjStart = ev.actor && !ev.passive ? ev.actor.s : ev.group;
    for (let i = Math.min(subjStart, ev.trig) - 1; i >= reader.s0; i--) {
      const l = reader.low(i);
      if (l === ';' || l === '”' || l === '“') break;
      if (reader.isReporting(i) && l !== 'according' && l !== 'announcing' && l !== 'announced') {
        const g = reader.groupStart(i);
        const subj = this.subjectFor(reader, g);
        return { range: subj, entity: this.entity(reader, subj), quoted: false };
      }
    }
    // "according to X" / a trailing ", officials said."
    for (let i = ev.spanE; i < reader.s1; i++) {
      const l = reader.low(i);
      if (l === 'according' && reader.low(i + 1) === 'to') {
        const range = reader.npForward(i + 2, 8);
        return { range, entity: this.entity(reader, range), quoted: false };
      }
      if (reader.isReporting(i) && reader.low(i - 1) !== 'to' && i >= reader.s1 - 8) {
        let s = i - 1;
        while (s > ev.spanE && reader.low(s - 1) !== ',') s--;
        const range = reader.low(s - 1) === ',' && s < i ? { s, e: i } : reader.npForward(i + 1, 6);
        if (range) return { range, entity: this.entity(reader, range), quoted: false };
      }
    }
    return null;
  }

  subjectFor(reader: SentenceReader, g: number): TokRange | null {
    let b = g - 1;
    while (b >= reader.s0 && !reader.isBoundary(b) && reader.low(b) !== ',') b--;
    let s = b + 1;
    while (s < g && reader.low(s) === ',') s++;
    let e = g;
    while (e > s && reader.isAdverb(e - 1)) e--;
    return e > s ? { s, e } : null;
  }
}

/**
 * Codes the document's events with the spans of their roles. Events that are only the content of
 * another (the withdrawal someone called for) are returned too, with `contentOf` set.
 */
export function codeEvents(doc: Doc, res: EventsResources, opts: { keepUntyped?: boolean } = {}): CodedEvent[] {
  // the sentence readers the coder built are reused for linking (their name and adverb caches are filled)
  const readers = new Map<number, SentenceReader>();
  const raw = codeDocument(doc, res, readers);
  const link = new Linker(doc, res);
  const reader = (si: number) => {
    let r = readers.get(si);
    if (!r) {
      const s = doc.sentences[si]!;
      r = new SentenceReader(doc, res, s.tokenStart, s.tokenEnd, si);
      readers.set(si, r);
    }
    return r;
  };
  const pubYear = doc.article.published ? Number(doc.article.published.slice(0, 4)) : null;
  const placeFor = placeForFn();
  const out: CodedEvent[] = [];
  const index = new Map<RawEvent, number>();
  // verb events whose subject is an event noun merge into that noun's event
  const nounEvent = new Map<number, RawEvent>();
  for (const ev of raw) if (ev.nominal) nounEvent.set(ev.trigEnd - 1, ev);
  const mergedInto = new Map<RawEvent, RawEvent>();
  for (const ev of raw) {
    if (ev.eventSubject === null) continue;
    const host = nounEvent.get(ev.eventSubject);
    if (host) {
      mergedInto.set(ev, host);
      if (!host.target && ev.target) host.target = ev.target;
    } else mergedInto.set(ev, ev); // anaphoric ("The offensive has killed…"): dropped below, figures go to the referent
  }
  for (const ev of raw) {
    if (mergedInto.has(ev)) continue;
    if (!ev.type && !opts.keepUntyped) continue;
    const r = reader(ev.sentence);
    const t = doc.tokens;
    const span = spanOf(doc, t[ev.spanS]!.start, t[ev.spanE - 1]!.end);
    const trigger = spanOf(doc, t[ev.light ?? ev.trig]!.start, t[ev.trigEnd - 1]!.end);
    let actorRange = ev.actor;
    let actor = link.entity(r, actorRange);
    let targetRange = ev.target;
    let target = link.entity(r, ev.target);
    let type = ev.type;
    let mode = ev.mode;
    let cameo = ev.cameo;
    const modality = new Set<string>(ev.modality);
    let reportedBy: string | null = null;
    const rep = link.reporter(r, ev);
    const pron = link.isPronoun(actorRange);
    if (rep) {
      const firstPerson = pron && res.lexicon.firstPerson.has(pron);
      if (rep.quoted && firstPerson) {
        actor = rep.entity ?? actor;
        if (rep.range) actorRange = rep.range;
      } else if (!rep.quoted && pron && !firstPerson && rep.range && (!actor || !rep.entity || actor === rep.entity)) {
        // "Serraj said he suspended…": the pronoun is the reporter
        actor = rep.entity ?? actor;
        if (rep.range) actorRange = widenNp(r, rep.range);
      } else if (!(rep.entity && rep.entity === actor) && !(rep.range && actorRange && rep.range.s === actorRange.s)) {
        const must = !rep.quoted && rep.range && !ev.nominal && !ev.passive && actorRange && !modality.has('negated')
          && res.lexicon.demandModals.some((m) => ` ${r.groupText(ev.group, ev.trig).trim()} `.includes(` ${m} `));
        if (must) {
          // "Li Peng told them that Tokyo must apologize": the reporter demands the act of its subject (CAMEO 10x)
          mode = null;
          type = 'REQUEST';
          cameo = '100';
          targetRange = actorRange;
          target = actor;
          actorRange = rep.range;
          actor = rep.entity;
          for (const x of ['future', 'hypothetical']) modality.delete(x);
        } else {
          modality.add('reported');
          reportedBy = rep.entity;
        }
      }
    }
    // date: the clause's own time expression, else the sentence's; none → null (see README)
    const ts = doc.tokens[ev.trig]!;
    let time = doc.services.timeFor(ts.start, ts.end);
    if (!time) {
      const sent = doc.sentences[ev.sentence]!;
      const inSent = doc.times.filter((x) => x.start >= sent.start && x.end <= sent.end && (x.type === 'DATE' || x.type === 'TIME'));
      const inSpan = inSent.filter((x) => x.start >= span.start && x.end <= span.end);
      time = (inSpan[0] ?? inSent.sort((a, b) => Math.abs(a.start - ts.start) - Math.abs(b.start - ts.start))[0]) ?? null;
    }
    const date = precisionOf(time && (time.type === 'DATE' || time.type === 'TIME') ? time.value : null);
    if (pubYear && date.value && Number(date.value.slice(0, 4)) <= pubYear - 2) modality.add('historical');
    if (pubYear && !date.value) {
      const sent = doc.sentences[ev.sentence]!;
      const m = /\b(?:since|in|back in|until)\s+(1[6-9]\d\d|20\d\d)\b/i.exec(doc.text.slice(sent.start, sent.end));
      if (m && Number(m[1]) <= pubYear - 2) modality.add('historical');
    }
    out.push({
      id: '', start: span.start, end: span.end, text: span.text,
      type: type ?? 'NONE', mode, cameo,
      actor, target,
      date,
      place: placeOf(doc, link, r, ev, span, placeFor, [actor, target].filter((x) => x !== null)),
      modality: MODALITY_ORDER.filter((m) => modality.has(m)),
      reportedBy,
      figures: [],
      trigger,
      actorSpan: link.span(actorRange),
      targetSpan: link.span(targetRange),
      contentOf: null,
      main: !ev.embedded,
    });
    index.set(ev, out.length - 1);
  }
  for (const ev of raw) {
    const i = index.get(ev);
    if (i !== undefined && ev.absorbedBy) out[i]!.contentOf = index.get(ev.absorbedBy) ?? null;
  }
  attachFigures(doc, res, raw, out, index, mergedInto);
  return out;
}

function placeOf(
  doc: Doc, link: Linker, r: SentenceReader, ev: RawEvent, span: Span, placeFor: PlaceForFn | null, roles: Array<string | null>,
): Place | null {
  const L = link.res.lexicon;
  const sent = doc.sentences[ev.sentence]!;
  const t = doc.tokens;
  if (placeFor) {
    const p = placeFor(doc, span.start, span.end);
    // a country that is the actor or target ("sought Turkey's support") is a party, not the place
    const roleSpans = [link.span(ev.actor), link.span(ev.target)].filter((x): x is Span => x !== null);
    const asParty = p && doc.places.some((m) => m.place.name === p.name && m.start >= span.start - 200 && m.end <= span.end + 200
      && (m.entity !== null && roles.includes(m.entity) || roleSpans.some((rs) => m.start >= rs.start && m.end <= rs.end)));
    // a named place inside the event that is not after a locative preposition ("sanctions against Russia") is not where it happened
    const inside = p ? doc.places.find((m) => m.place.name === p.name && m.start >= span.start && m.end <= span.end) : undefined;
    const physical0 = ev.type === 'ASSAULT' || ev.type === 'COERCE' || ev.type === 'PROTEST' || ev.type === 'MOBILIZE';
    const tgt0 = link.span(ev.target);
    const wrong = inside && !locativeAt(doc, L, sent, inside.start) && !(physical0 && tgt0 && inside.start >= tgt0.start && inside.end <= tgt0.end);
    if (p && !asParty && !wrong) return p;
  }
  const trigStart = t[ev.trig]!.start;
  const inClause = doc.places.filter((p) => p.start >= sent.start && p.end <= sent.end);
  const inSpan = inClause.filter((p) => p.start >= span.start && p.end <= span.end);
  const tgt = ev.target ? link.span(ev.target) : null;
  // a target that is a place is where the event happened only for physical acts ("shelled Aleppo")
  const physical = ev.type === 'ASSAULT' || ev.type === 'COERCE' || ev.type === 'PROTEST' || ev.type === 'MOBILIZE';
  const pick = inSpan.find((p) => locativeAt(doc, L, sent, p.start)) ?? inSpan.find((p) => physical && tgt && p.start >= tgt.start && p.end <= tgt.end) ?? inClause.find((p) => p.start > trigStart && locativeAt(doc, L, sent, p.start));
  if (pick) return pick.place;
  // "in the capital": the capital named most recently before (a documented heuristic)
  const clause = doc.text.slice(span.start, span.end);
  if (/apital/.test(clause) && /\b(?:in|at|near|outside|around) the capital\b/i.test(clause)) {
    const before = doc.places.filter((p) => p.end <= span.start && p.place.precision === 'city');
    if (before.length) return before[before.length - 1]!.place;
  }
  return null;
}

/** A speaker's mention widened to its noun phrase: "Police in Nairobi" for the mention "Nairobi". */
function widenNp(r: SentenceReader, range: TokRange): TokRange {
  let s = range.s;
  while (s - 2 >= r.s0 && /^(?:in|of|from|for)$/.test(r.low(s - 1))) {
    const np = r.npBackward(s - 2);
    if (!np || np.s >= s - 1) break;
    s = np.s;
  }
  return s === range.s ? range : { s, e: range.e };
}

/** Is the place mention starting at `start` after a locative preposition ("in", "near"), past determiners and names? */
function locativeAt(doc: Doc, L: EventsResources['lexicon'], sent: Doc['sentences'][number], start: number): boolean {
  const t = doc.tokens;
  const i = tokenIndexAt(doc, start);
  let j = i - 1;
  while (j >= sent.tokenStart && (L.determiners.has(t[j]!.lower) || STARTS_UPPER.test(t[j]!.text) && j > sent.tokenStart)) j--;
  return j >= sent.tokenStart && L.locativePreps.has(t[j]!.lower);
}

function attachFigures(
  doc: Doc, res: EventsResources, raw: RawEvent[], out: CodedEvent[], index: Map<RawEvent, number>, merged: Map<RawEvent, RawEvent>,
): void {
  const kinds = res.lexicon.figureKindsByType;
  doc.figures.forEach((f, fi) => {
    const sent = sentenceAt(doc, f.start);
    if (!sent) return;
    const fits = (i: number) => {
      const e = out[i]!;
      return e.contentOf === null && (kinds[e.type] ?? []).includes(f.kind);
    };
    // 1. a verb in this sentence whose subject is an event ("The offensive has killed 1,000")
    for (const ev of raw) {
      if (ev.sentence !== sent.i || !merged.has(ev)) continue;
      const host = merged.get(ev)!;
      let target = index.get(host);
      if (target === undefined) {
        // anaphoric: the latest earlier event with the same noun, else the latest of the same type
        const head = doc.tokens[ev.eventSubject!]!.lower.replace(/s$/, '');
        const earlier = out.map((e, i) => ({ e, i })).filter(({ e }) => e.start < doc.tokens[ev.trig]!.start);
        const same = earlier.filter(({ e }) => e.trigger.text.toLowerCase().includes(head));
        const pick = same[same.length - 1] ?? earlier.filter(({ e }) => e.type === (ev.type ?? 'ASSAULT'))
          .slice(-1)[0];
        target = pick?.i;
      }
      if (target !== undefined && fits(target)) {
        out[target]!.figures.push(fi);
        return;
      }
    }
    // 2. the nearest fitting event in the same sentence
    let best = -1;
    let dist = Infinity;
    out.forEach((e, i) => {
      if (e.start < sent.start || e.end > sent.end || !fits(i)) return;
      const d = Math.abs(e.start - f.start);
      if (d < dist) {
        dist = d;
        best = i;
      }
    });
    if (best >= 0) out[best]!.figures.push(fi);
  });
}

/** The events stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runEvents(doc: Doc, res: EventsResources): void {
  if (!res.loaded) return;
  const coded = codeEvents(doc, res);
  const keep = coded.filter((e) => e.contentOf === null);
  keep.sort((a, b) => a.start - b.start || a.end - b.end);
  doc.events = keep.map((e, i) => ({
    id: `V${i + 1}`, start: e.start, end: e.end, text: e.text, type: e.type, mode: e.mode, cameo: e.cameo,
    actor: e.actor, target: e.target, date: e.date, place: e.place, modality: e.modality, reportedBy: e.reportedBy,
    figures: e.figures,
  }));
}
