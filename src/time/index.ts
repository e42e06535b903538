import type { Doc } from '../document/document.js';
import { quoteAround, sentenceAt, tokenIndexAt } from '../document/document.js';
import type { TimeAnchor, TimeExpr } from '../types.js';
import { addDays, addMonths, fmtDay, fmtMonth, parseIsoDate, type Ymd } from './calendar.js';
import type { TimeLexicon } from './lexicon.js';
import { findCandidates, resolveSpec, type Candidate, type PatternSet, type Point, type Tense } from './tagger.js';
import WORDS from '../../data/time/words.json' with { type: 'json' };

/** What the time stage needs, loaded once (see load.ts) and passed in. */
export interface TimeResources {
  lexicon: TimeLexicon;
  patterns: PatternSet;
}

/** Words that end a clause for the tense search and for `timeFor`. */
const CLAUSE_BREAK = new Set([';', ':', '—', '–', '--', '(', ')', '“', '”', '"']);
const SPEECH_VERBS = /\b(?:said|says|told|tells|announced|stated|added|reported|claimed|insisted|warned|explained|noted|wrote|confirmed|declared)\b/i;
const DETERMINERS = new Set<string>(WORDS.determiners);
const BE = new Set<string>(WORDS.be);
const ARTICLES = new Set<string>(WORDS.articles);
const ADVERB_BEFORE_ADJ = new Set<string>(WORDS.adverbBeforeAdj);
const MODALS = new Set<string>(WORDS.modals);
const PAST_PERFECTIVE = new Set<string>(WORDS.pastPerfective);
const DUE_NEXT = new Set<string>(WORDS.dueNext);
const NOT_PAST_ED = new Set<string>(WORDS.notPastEd);
// Patterns compiled once, as module constants.
const DO_NOT = /^(?:did|do|does|didn't|not)$/;
const CAPITAL = /^[A-Z]/;
const LY = /ly$/;
const AS_EARLY_AS = /\bas\s+(?:early|soon)\s+as\s*$/i;
const POSSESSIVE_AFTER = /^['’]s\b/;
const PLANNED_FOR = /\b(?<!had\s)(?<!had\sbeen\s)(?:planned|slated|earmarked|pencil(?:l)?ed\s+in)\s+for\s+$/i;
const SINCE_BEFORE = /\bsince\s+$/i;
const DEADLINE_BEFORE = /\b(?:by|until|till)\s+$/i;
const OPEN_PAREN_GAP = /^\s*\($/;
const AT_GAP = /^\s*,?\s*at\s+$/i;
const AND = /and/i;
const BETWEEN_BEFORE = /\bbetween\s+$/i;
const REF_VALUE = /_REF$/;

/** "had" or "had been" before token k: a plan seen from a past perfect ("it had been due to expire Friday") is over. */
function pluperfect(toks: Doc['tokens'], k: number): boolean {
  const p1 = toks[k - 1]?.lower;
  return p1 === 'had' || (p1 === 'been' && toks[k - 2]?.lower === 'had');
}

/** What token k says about the tense governing the span whose tokens are i0…i1 (see tenseAt). */
function classifyAt(toks: Doc['tokens'], k: number, sent: number, i0: number, i1: number, lex: TimeLexicon): Tense | 'stop' {
  const t = toks[k];
  if (!t || t.sentence !== sent) return 'stop';
  // A colon ends a clause, but not inside a clock time ("votes at 18:00 GMT on Monday").
  if (CLAUSE_BREAK.has(t.text) && !(t.text === ':' && toks[k - 1]?.kind === 'number' && toks[k + 1]?.kind === 'number')) return 'stop';
  const w = t.lower;
  if (w === 'to') {
    // "decided to admit … in March", "is to resume … Tuesday": a catenative verb before "to" + verb.
    const prev = toks[k - 1];
    const next = toks[k + 1];
    if (prev && next && next.kind === 'word' && next.text === next.lower && !DETERMINERS.has(next.lower) && lex.catenative.has(prev.lower)) return pluperfect(toks, k - 1) ? 'past' : 'future';
    // Otherwise "to" says nothing, unless it ends a scheduled-present phrase ("heads to", "travels to").
  }
  if (lex.future.has(w)) {
    const n1 = toks[k + 1]?.lower ?? '';
    const needsTo = lex.futureNeedTo.has(w) && n1 !== 'to' && n1 !== 'for' && !(w === 'due' && DUE_NEXT.has(n1));
    // "set Friday as the deadline": without "to", a word like "set" may still be a past tense.
    // "It had been due to expire Friday": a plan seen from a past perfect is over.
    if (!needsTo) return pluperfect(toks, k) ? 'past' : 'future';
    if (!lex.past.has(w)) return null;
  }
  const sched = lex.scheduled.get(w);
  if (sched) {
    // "the Senate votes Monday", "the law takes effect in July" (not "the vote", "to meet").
    const p1w = toks[k - 1]?.lower ?? '';
    for (const head of sched) {
      if (head.length === 0) {
        // "the Tuesday vote": the verb-like word is a noun the date modifies.
        if (k - 1 >= i0 && k - 1 < i1) continue;
        if (!DETERMINERS.has(p1w) && p1w !== 'to' && !MODALS.has(p1w) && !DO_NOT.test(p1w) && toks[k - 1]?.kind !== 'number') return 'future';
      } else {
        let all = true;
        for (let j = 0; j < head.length && all; j++) all = toks[k - head.length + j]?.lower === head[j];
        if (all) return 'future';
      }
    }
  }
  const p1 = toks[k - 1]?.lower;
  // "-ed" after a determiner or an adverb is an adjective ("a still unspecified date"); "-ceed" is a stem.
  const regular = w.length > 4 && w.endsWith('ed') && !w.endsWith('ceed') && t.kind === 'word' && !NOT_PAST_ED.has(w) && !CAPITAL.test(t.text)
    && !(p1 && (ARTICLES.has(p1) || ADVERB_BEFORE_ADJ.has(p1)));
  if (regular || lex.past.has(w)) {
    // A participle after a form of "be" ("will be held", "to be completed") is not a past tense.
    if (p1 && BE.has(p1) && !BE.has(w) && w !== 'been') {
      if (p1 === 'is' || p1 === 'are') return 'future';
      const p2 = toks[k - 2]?.lower;
      if (p1 === 'be' && p2 && (p2 === 'to' || (MODALS.has(p2) && p2 !== 'could' && p2 !== 'can') || lex.future.has(p2))) return 'future';
      return null;
    }
    return 'past';
  }
  return null;
}

/** A past perfect or a past "be" at token k: "had risen by March", "was closed until May". */
function perfective(toks: Doc['tokens'], k: number): boolean {
  return PAST_PERFECTIVE.has(toks[k]!.lower) || toks[k - 1]?.lower === 'had' || (toks[k - 2]?.lower === 'had' && LY.test(toks[k - 1]?.lower ?? ''));
}

/** Past or future, from the words that govern the span (nearest marker wins; none → null). */
function tenseAt(doc: Doc, start: number, end: number, lex: TimeLexicon): Tense {
  const toks = doc.tokens;
  if (!toks.length) return null;
  const i0 = tokenIndexAt(doc, start);
  const i1 = tokenIndexAt(doc, end);
  const sent = i0 < toks.length ? toks[i0]!.sentence : -1;
  // "as early as Tuesday", "as soon as May" look ahead; "Wednesday's ruling" looks back.
  if (AS_EARLY_AS.test(doc.text.slice(Math.max(0, start - 16), start))) return 'future';
  if (POSSESSIVE_AFTER.test(doc.text.slice(end, end + 3))) return 'past';
  // "the accession was planned for early March": the date a plan is made for lies ahead.
  if (PLANNED_FOR.test(doc.text.slice(Math.max(0, start - 30), start))) return 'future';
  // "since March", "since year-end": the point is behind us.
  if (SINCE_BEFORE.test(doc.text.slice(Math.max(0, start - 7), start))) return 'past';
  // The governing verb usually comes first ("launched an offensive in April"); look left, then right.
  // "by summer", "until March": a deadline looks ahead of the reported words, unless a past
  // perfect or a past "be" says it is already over ("had risen by March", "was closed until May").
  const deadline = DEADLINE_BEFORE.test(doc.text.slice(Math.max(0, start - 7), start));
  for (let d = 1; d <= 16; d++) {
    const r = classifyAt(toks, i0 - d, sent, i0, i1, lex);
    if (r === 'stop') break;
    if (r === 'past' && deadline && !perfective(toks, i0 - d)) return 'future';
    if (r) return r;
  }
  for (let d = 0; d < 8; d++) {
    const r = classifyAt(toks, i1 + d, sent, i0, i1, lex);
    if (r === 'stop') break;
    if (r === 'past' && deadline && !perfective(toks, i1 + d)) return 'future';
    if (r) return r;
  }
  if (deadline) return 'future';
  return null;
}

interface Work {
  c: Candidate;
  expr: TimeExpr;
  point: Point | null;
  inQuote: boolean;
}

const DEICTIC = new Set(['day', 'wd', 'clock']);
/** Spec kinds whose resolution never reads the tense (see resolveSpec). */
const NO_TENSE = new Set(['abs', 'dur', 'ref', 'monthY', 'day', 'shift', 'anaph']);
const DAY_SPECS = new Set(['wd', 'md', 'day', 'holiday']);
const CLOCK_DAY_SENTENCES = 2;
/** Between a clock time and its day: nothing, a comma, "on", or a parenthesis ("(0735 GMT)"). */
const CLOCK_DAY_GAP = /^\s*\)?\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:on\s+)?$/i;
const RANGE_MID = /^\s*(to|through|thru|until|till|-|–|and)\s*$/i;
const ymdKey = (p: Ymd) => p.y * 10000 + p.m * 100 + p.d;

/** After a month and day, "and 25" / "or 26": the next day of a list ("on April 24 and 25"). */
const DAY_LIST_NEXT = /^\s*(?:and|or|&)\s*(\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}])(?!\s*[-–/.,:]\s*\d)(?:\s+(\p{L}+))?/u;

/** Adds the later days of a list that opens with a month and day ("April 24 and 25": 25 is April 25). */
function addListedDays(text: string, cands: Candidate[], lex: TimeLexicon): Candidate[] {
  let added = false;
  const out = cands.slice();
  for (const c of cands) {
    const spec = c.spec;
    if (spec.k !== 'md' || text.charCodeAt(c.end) === 45) continue;
    const m = DAY_LIST_NEXT.exec(text.slice(c.end, c.end + 24));
    if (!m) continue;
    const d = +m[1]!;
    if (d <= spec.d || d > 31) continue;
    // "on May 3 and 10 people died": a count, not a day.
    const next = m[2]?.toLowerCase();
    if (next && (lex.notYearAfter.has(next) || lex.unit.has(next))) continue;
    const start = c.end + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    if (out.some((x) => x.start < end && start < x.end)) continue;
    out.push({ start, end, type: 'DATE', spec: { k: 'md', m: spec.m, d, y: spec.y }, prio: 0 });
    added = true;
  }
  return added ? out.sort((a, b) => a.start - b.start) : cands;
}

/** The time stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runTime(doc: Doc, res: TimeResources): void {
  const text = doc.text;
  const dct = parseIsoDate(doc.article.published);
  const cands = addListedDays(text, findCandidates(res.patterns, text, doc.tokens), res.lexicon);
  // A clock time next to a day ("2 p.m. on Saturday", "Saturday at 2 p.m.") is on that day, and the
  // day is resolved under the tense around the day's own words.
  const tenseFrom = new Map<Candidate, Candidate>();
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    if (c.spec.k !== 'clock' || c.spec.day) continue;
    // The day may follow a parenthesis that holds the time elsewhere: "10:35 a.m. (0735 GMT) Friday".
    let next = cands[i + 1];
    if (next && next.spec.k === 'clock' && text.lastIndexOf('(', next.start) > c.end - 1) {
      // …or come with the time in the parenthesis: "4 in the morning (4 a.m. EDT Thursday)".
      if (next.spec.day && OPEN_PAREN_GAP.test(text.slice(c.end, next.start))) { c.spec = { ...c.spec, day: next.spec.day }; tenseFrom.set(c, next); continue; }
      next = cands[i + 2];
    }
    const prevC = cands[i - 1];
    if (next && DAY_SPECS.has(next.spec.k) && CLOCK_DAY_GAP.test(text.slice(c.end, next.start))) { c.spec = { ...c.spec, day: next.spec }; tenseFrom.set(c, next); }
    else if (prevC && DAY_SPECS.has(prevC.spec.k) && AT_GAP.test(text.slice(prevC.end, c.start))) { c.spec = { ...c.spec, day: prevC.spec }; tenseFrom.set(c, prevC); }
  }
  const work: Work[] = [];
  let prev: Point | null = null;
  let prevDay: Point | null = null;
  let prevDaySent = -1;
  const sentOf = (offset: number) => doc.tokens[Math.min(tokenIndexAt(doc, offset), doc.tokens.length - 1)]?.sentence ?? -1;
  for (const c of cands) {
    const tc = tenseFrom.get(c) ?? c;
    // Only specs whose resolution reads the tense pay for the tense search.
    const tense = NO_TENSE.has(c.spec.k) || (c.spec.k === 'clock' && !c.spec.day) ? null : tenseAt(doc, tc.start, tc.end, res.lexicon);
    // A clock time with no day takes the previous day-precise time's day when it is near (same or
    // one of the two sentences before), else the publication day.
    const clockDay = c.spec.k === 'clock' && prevDay && sentOf(c.start) - prevDaySent <= CLOCK_DAY_SENTENCES ? prevDay : null;
    const r = resolveSpec(c.spec, { base: dct, tense, prev, prevDay, clockDay }, dct ? 'published' : 'none');
    const expr: TimeExpr = { start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type, value: r.value, anchor: r.value === null ? 'none' : r.anchor };
    const inQuote = doc.quoteMarks.length > 0 && quoteAround(doc, c.start, c.end) !== null;
    work.push({ c, expr, point: r.point, inQuote });
    if (r.point && c.type !== 'DURATION' && c.type !== 'SET') {
      prev = r.point;
      if (r.point.g === 'D') { prevDay = r.point; prevDaySent = sentOf(c.start); }
    }
  }
  // Deictic expressions inside a quote or a reported clause are anchored to when the words were said.
  for (const w of work) {
    if (!DEICTIC.has(w.c.spec.k) || !dct) continue;
    const speech = speechDate(doc, work, w);
    if (!speech) continue;
    const tense = tenseAt(doc, w.c.start, w.c.end, res.lexicon);
    const r = resolveSpec(w.c.spec, { base: speech, tense, prev: null }, 'reported');
    if (r.value !== null) {
      w.expr.value = r.value;
      w.expr.anchor = 'reported';
      w.point = r.point;
    }
  }
  // A range's end does not come before its start: "from Monday to Friday" (in a Friday paper), "March through May".
  for (let i = 1; i < work.length; i++) {
    const a = work[i - 1]!;
    const b = work[i]!;
    const k = a.c.spec.k;
    if (k !== b.c.spec.k || (k !== 'wd' && k !== 'month') || !a.point || !b.point || a.expr.anchor === 'none' || b.expr.anchor === 'none') continue;
    const mid = RANGE_MID.exec(text.slice(a.c.end, b.c.start));
    if (!mid || (AND.test(mid[1]!) && !BETWEEN_BEFORE.test(text.slice(Math.max(0, a.c.start - 8), a.c.start)))) continue;
    if (ymdKey(b.point.p) >= ymdKey(a.point.p)) continue;
    // Under a past verb the start moves back ("worked between Friday and Monday"), else the end moves ahead.
    const back = tenseAt(doc, b.c.start, b.c.end, res.lexicon) === 'past';
    const w = back ? a : b;
    const p = k === 'wd' ? addDays(w.point!.p, back ? -7 : 7) : addMonths(w.point!.p, back ? -12 : 12);
    w.point = { p, g: w.point!.g };
    w.expr.value = (k === 'wd' ? fmtDay(p) : fmtMonth(p.y, p.m)) + (w.expr.value ?? '').slice(k === 'wd' ? 10 : 7);
  }
  doc.times = work.map((w) => w.expr);
  const index = buildIndex(doc);
  doc.services.timeFor = (start: number, end: number) => timeFor(doc, index, start, end);
}

/** The day a quote or reported clause was uttered, when the text gives one, else null. */
function speechDate(doc: Doc, work: Work[], w: Work): Ymd | null {
  const isDay = (x: Work) => x !== w && !x.inQuote && x.point?.g === 'D' && x.c.type !== 'DURATION' && x.c.type !== 'SET' && x.expr.anchor !== 'reported';
  const asYmd = (x: Work) => x.point!.p;
  if (w.inQuote) {
    const q = quoteAround(doc, w.c.start, w.c.end)!;
    const s0 = sentenceAt(doc, q.start);
    const s1 = sentenceAt(doc, Math.max(q.start, q.end - 1));
    const lo = s0 ? s0.start : q.start;
    // The attribution may follow the closing mark in the same or the next sentence.
    let hi = s1 ? s1.end : q.end;
    const after = sentenceAt(doc, hi);
    if (after && after.start - hi < 3 && doc.text.slice(q.end, hi).trim().length < 3) hi = after.end;
    let best: Work | null = null;
    for (const x of work) {
      if (!isDay(x) || x.c.start < lo || x.c.end > hi) continue;
      if (x.c.start >= q.start && x.c.end <= q.end) continue;
      if (!best || Math.abs(x.c.start - q.end) < Math.abs(best.c.start - q.end)) best = x;
    }
    return best ? asYmd(best) : null;
  }
  // Reported speech: "X said on Thursday that … this morning".
  const s = sentenceAt(doc, w.c.start);
  if (!s) return null;
  const head = doc.text.slice(s.start, w.c.start);
  const that = /\bthat\b/gi;
  let lastThat = -1;
  let mm: RegExpExecArray | null;
  while ((mm = that.exec(head)) !== null) lastThat = s.start + mm.index;
  if (lastThat < 0 || !SPEECH_VERBS.test(doc.text.slice(s.start, lastThat))) return null;
  let best: Work | null = null;
  for (const x of work) {
    if (!isDay(x) || x.c.start < s.start || x.c.end > lastThat) continue;
    best = x;
  }
  return best ? asYmd(best) : null;
}

interface TimeIndex {
  /** Points in time (DATE/TIME), in text order; durations and sets do not govern a clause. */
  points: TimeExpr[];
}

function buildIndex(doc: Doc): TimeIndex {
  return { points: doc.times.filter((t) => (t.type === 'DATE' || t.type === 'TIME') && t.value !== null && !REF_VALUE.test(t.value)) };
}

const CLAUSE_PUNCT = /[,;:—–()“”"]|\s-\s|\s--\s/g;

/**
 * The time expression that governs the clause around [start, end): the nearest point-in-time
 * expression in the same clause, else the nearest one in the same sentence; expressions inside a
 * quotation only govern spans inside the same quotation, and vice versa.
 */
export function timeFor(doc: Doc, index: TimeIndex, start: number, end: number): TimeExpr | null {
  if (!index.points.length) return null;
  const s = sentenceAt(doc, start) ?? sentenceAt(doc, Math.max(0, end - 1));
  if (!s) return null;
  const q = quoteAround(doc, start, end);
  const sameSide = (t: TimeExpr) => {
    const tq = quoteAround(doc, t.start, t.end);
    return q ? tq !== null && tq.start === q.start : tq === null;
  };
  const inSentence = index.points.filter((t) => t.start >= s.start && t.end <= s.end && sameSide(t));
  if (!inSentence.length) return null;
  // Clause boundaries inside the sentence.
  const seg = doc.text.slice(s.start, s.end);
  const cuts = [s.start];
  CLAUSE_PUNCT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_PUNCT.exec(seg)) !== null) cuts.push(s.start + m.index);
  cuts.push(s.end);
  let lo = s.start;
  let hi = s.end;
  for (let i = 0; i < cuts.length - 1; i++) {
    if (cuts[i]! <= start && start < cuts[i + 1]!) { lo = cuts[i]!; hi = cuts[i + 1]!; break; }
  }
  const dist = (t: TimeExpr) => (t.end <= start ? start - t.end : t.start >= end ? t.start - end : 0);
  const nearest = (xs: TimeExpr[]) => xs.reduce((a, b) => (dist(b) < dist(a) ? b : a));
  const inClause = inSentence.filter((t) => t.start >= lo && t.end <= hi);
  return nearest(inClause.length ? inClause : inSentence);
}

export type { TimeAnchor };

/**
 * The calendar part of a TimeML value, for stages that need a date and its precision
 * (events' `date`): "2020-02-20TMO" → 2020-02-20 (day), "2020-W08" → week, "2019-04" → month,
 * "2019", "2019-Q3", "2019-SU" → year. Durations, sets, _REF values and underspecified values → null.
 */
export function calendarDate(value: string | null): { value: string; precision: 'day' | 'week' | 'month' | 'year' } | null {
  if (!value) return null;
  let m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (m) return { value: m[1]!, precision: 'day' };
  m = /^(\d{4}-W\d{2})/.exec(value);
  if (m) return { value: m[1]!, precision: 'week' };
  m = /^(\d{4}-\d{2})$/.exec(value);
  if (m) return { value: m[1]!, precision: 'month' };
  m = /^(\d{4})(?:$|-(?:Q\d|H\d|SP|SU|FA|WI))/.exec(value);
  if (m) return { value: m[1]!, precision: 'year' };
  return null;
}
