/**
 * The temporal tagger: finds TimeML TIMEX3-style expressions in text (extent + type) with a
 * resolution recipe ("spec"), then resolves each spec to a TimeML value against the
 * publication date, a speech date, or the previous time in the text.
 *
 * Extents follow TimeML: the preposition before an expression ("on", "in", "since") is left out;
 * determiners and modifiers that belong to it ("the", "last", "early", "at least") are kept.
 */
import type { TimeAnchor, TimeType } from '../types.js';
import { parseNumber, type TimeLexicon } from './lexicon.js';
import {
  addDays, addMonths, daysInMonth, easter, fmtDay, fmtMonth, fmtWeek, fmtYear, nthWeekday, pad, valid, weekday, type Ymd,
} from './calendar.js';

export type Dir = 'last' | 'next' | 'this' | null;
/** Granularity of a resolved point. */
export type Gran = 'Y' | 'Q' | 'M' | 'W' | 'D' | 'DE' | 'CE';

export type Spec =
  | { k: 'abs'; value: string | null }
  | { k: 'dur'; value: string }
  | { k: 'ref'; value: string }
  | { k: 'md'; m: number; d: number; y: number | null; /** tense alone picks the year ("year-end") */ hard?: boolean }
  | { k: 'month'; m: number; dir: Dir }
  | { k: 'monthY'; m: number; yOff: number }
  | { k: 'wd'; wd: number; dir: Dir; part: string | null; /** "the previous/following Friday": counted from the previous day in the text */ rel?: boolean }
  | { k: 'day'; off: number; part: string | null }
  | { k: 'rel'; unit: Gran | 'WE'; off: number }
  | { k: 'season'; s: string; dir: Dir | 'the'; y: number | null }
  | { k: 'quarter'; q: number | null; half: boolean; off: number; y: number | null; yearAgo: boolean; current?: boolean; latest?: boolean }
  | { k: 'shift'; n: number; unit: Gran; from: 'dct' | 'prev' }
  | { k: 'anaph'; unit: Gran; off: number; part: string | null }
  | { k: 'clock'; h: number; mi: number; day: Spec | null }
  | { k: 'holiday'; md: string; y: number | null; dir: Dir };

export interface Candidate {
  start: number;
  end: number;
  type: TimeType;
  spec: Spec;
  /** Higher wins among candidates of the same extent. */
  prio: number;
}

type Handler = (m: RegExpExecArray, text: string) => Candidate | null;

interface Trigger {
  words?: string[];
  num?: RegExp;
}

interface Pattern {
  /** The full pattern, sticky: tried only at word starts shortly before a trigger. */
  re: RegExp;
  fn: Handler;
  /** The words or number shapes every match contains. */
  trig: Trigger;
  /** How many tokens before its trigger a match may start ("no more than the past few weeks": 6). */
  back: number;
  /**
   * The words a match may begin with when it begins before its trigger (lower case, up to a hyphen or
   * full stop; NUMLEAD for any number): other starts are not tried. Undefined: every start is tried.
   */
  lead?: Set<string>;
  /** The lead words gate the trigger's own token too (the trigger never opens a match: "the day before"). */
  leadStrict?: boolean;
  /** What must follow the trigger token (see followOf); with followNot, what must not. */
  follow?: RegExp;
  followNot?: boolean;
  /** The words the token before the trigger may be (a number token always may; see beforeOf). */
  before?: Set<string>;
}

/** In a pattern's `lead`: a match may begin with a number. */
const NUMLEAD = '#';
/** The word a token or a lexicon entry begins with, as `lead` compares it. */
const leadKey = (w: string): string => tokenLeadKey(w.toLowerCase().split(/\s+/)[0]!);
/** leadKey for a token's lower-case text (no spaces), without allocating when nothing is cut. */
function tokenLeadKey(w: string): string {
  let h = -1;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 45 || c === 39 || c === 0x2019) { h = i; break; } // - ' ’
  }
  const x = h > 0 ? w.slice(0, h) : w;
  return x.length > 0 && x.charCodeAt(x.length - 1) === 46 ? x.slice(0, -1) : x;
}
/**
 * Sets what must follow the trigger token for the pattern just added to match (sticky, tried at the
 * token's end): a necessary part of the pattern right after the group the trigger fills, so that a
 * failing test rules out every match through that token (hyphenated tokens are not tested).
 */
function followOf(pats: Pattern[], re: RegExp, not = false): void {
  pats[pats.length - 1]!.follow = re;
  pats[pats.length - 1]!.followNot = not;
}
/**
 * Sets the words that the token right before the trigger (past a lone "-") must be for the pattern
 * just added, when the pattern puts a count right before its trigger word ("two years", "a few
 * days", "twenty-one months"): a number token always passes; a hyphenated one is judged by its last part.
 */
function beforeOf(pats: Pattern[], words: Iterable<string>): void {
  pats[pats.length - 1]!.before = new Set([...words].map((w) => w.toLowerCase().split(/\s+/).pop()!));
}
/** Sets the lead words of the pattern just added. */
function leadOf(pats: Pattern[], words: Iterable<string>, strict = false): void {
  const p = pats[pats.length - 1]!;
  p.lead = new Set([...words].map((w) => (w === NUMLEAD ? w : leadKey(w))));
  p.leadStrict = strict;
}

const BACK_DEFAULT = 4;
const BACK_LONG: Record<string, number> = { PERUNIT: 1, REF: 2, ENDOF: 1, ANAPH: 2, MIDPART: 0, YEAR: 6, PART: 4, UNIT: 7, PLURAL: 3, MONTH: 6, RELUNIT: 6, SEASON: 6, QUARTER: 5, DIGIT4: 5, WD: 4, MONTHT: 3, DECADE: 4, CENTURY: 5, SPELLED: 5 };

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const POINTMOD = '(?:(?:the\\s+)?(?:early|late|mid)-?|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of|the\\s+rest\\s+of|the\\s+remainder\\s+of|the\\s+first\\s+half\\s+of|the\\s+second\\s+half\\s+of|end-|end\\s+of)';
const DIRW = '(?:this\\s+past|this\\s+coming|last|next|this|coming|past)';

function dirOf(s: string | undefined): Dir {
  if (!s) return null;
  const t = s.toLowerCase().replace(/\s+/g, ' ');
  if (t === 'last' || t === 'past' || t === 'this past') return 'last';
  if (t === 'next' || t === 'coming' || t === 'this coming' || t === 'the coming') return 'next';
  if (t === 'this') return 'this';
  if (t === 'the previous') return 'last';
  if (t === 'the following') return 'next';
  return null;
}

const isUpper = (s: string) => s.length > 0 && s[0] !== s[0]!.toLowerCase();
/** Words as a regex alternation (escaped); none → a pattern that never matches. */
const altOf = (ws: string[] | undefined) => (ws?.length ? ws.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') : '(?!)');
// Patterns used inside handlers and loops are module constants: the TypeScript loader (esbuild) turns a
// literal with \p{…} into `new RegExp(…)`, which would be built again at every call.
const NEXT_WORD = /^\s+([\p{L}%]+)/u;
const LAST_WORD = /(\p{L}+)\s*$/u;
const WORD_NEXT = /^\s*[\p{L}\d]/u;
const ALNUM_START = /^[\p{N}\p{L}]/u;
const SPACE = /\s/;
/** A sentence's full stop after a full word, "July", "June" or a run-together "3am". */
const WORD_STOP = /(?:\p{L}{5,}|(?:^|[^\p{L}.])(?:june|july|[ap]m))\.$/iu;
/** A determiner before an adjectival (hyphenated) timex. */
const ADJ_DET = /^(?:the|a|an|its|their|his|her)\s+(?=[\p{L}\d]+-[\p{L}\d-]+$)/iu;
const LETTER_NEXT = /^\s+\p{L}/u;
const OF_NEXT = /^\s+of\b/i;
const AGO_NEXT = /^\s+ago\b/i;
const WHILE_PREP = /\b(?:for|in|after|within)\s+$/i;
/** "once in a while": a frequency, not a span. */
const ONCE_IN = /\bonce\s+in\s+$/i;
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'jan', 'aug', 'dec', 'sep', 'jun', 'jul', 'apr', 'oct', 'nov', 'feb', 'sept']);

/** Builds the pattern list from the lexicon. */
export function buildPatterns(lex: TimeLexicon): Pattern[] {
  const R = lex.re;
  // Triggers: the words (or number shapes) every match of a pattern contains. Multi-word
  // entries trigger on their first word; hyphenated tokens trigger on each part.
  const first = (xs: Iterable<string>) => [...xs].map((w) => w.toLowerCase().split(/\s+/)[0]!.replace(/\.$/, ''));
  // Rare last words trigger better than common first ones ("the future" on "future", not on "the").
  const lastW = (xs: Iterable<string>) => [...xs].map((w) => w.toLowerCase().split(/\s+/).pop()!.replace(/\.$/, ''));
  const T = {
    MONTHT: { words: first(lex.monthOrTypo.keys()) },
    MONTH: { words: first(lex.month.keys()) },
    WD: { words: first(lex.weekday.keys()) },
    ISO: { num: /^\d{4}$/ }, SLASH: { num: /^\d{1,4}$/ }, DIGIT4: { num: /^\d{4}$/ }, DECADE: { words: ['s'] },
    CENTURY: { words: ['century'] },
    SEASON: { words: first(lex.season.keys()) },
    DEICTIC: { words: ['today', 'tonight', 'yesterday', 'tomorrow'] },
    PART: { words: first(lex.part.keys()) },
    OVERNIGHT: { words: ['overnight'] },
    RELUNIT: { words: ['week', 'weekend', 'month', 'year', 'decade', 'century', 'day', 'morning', 'afternoon', 'evening', 'night'] },
    YEAREND: { words: ['year', 'year-end', 'end'] },
    QCODE: { words: ['q1', 'q2', 'q3', 'q4', '1q', '2q', '3q', '4q', 'q', 'h1', 'h2', 'fy', ...Array.from({ length: 100 }, (_, i) => `fy${pad(i)}`), ...Array.from({ length: 60 }, (_, i) => `fy${1980 + i}`)] },
    WEEKEND: { words: ['weekend'] }, YEAR: { words: ['year'] }, YEARAGO: { words: ['year-ago', 'year-earlier', 'yearago'] },
    QUARTER: { words: ['quarter', 'half'] }, QPLURAL: { words: ['quarters'] },
    UNIT: { words: first(lex.unit.keys()) },
    PLURAL: { words: ['years', 'months', 'weeks', 'days', 'decades', 'hours', 'minutes', 'centuries'] },
    AMPM: { words: ['a.m.', 'p.m.', 'a.m', 'p.m', 'am', 'pm', 'm'], num: /^\d{1,2}(?:[ap]m)?$/ },
    COLON: { num: /^\d{1,2}$/ }, NOON: { words: ['noon', 'midnight', 'midday'] }, EVERY: { words: ['every', 'each'] },
    SETW: { words: first(lex.set.keys()) }, PERUNIT: { words: first(lex.unit.keys()) },
    PLURALWD: { words: ['mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'weekends'] },
    REF: { words: lastW(lex.ref.keys()) }, HOLIDAY: { words: first(lex.holiday.keys()).flatMap((w) => [w, w.replace(/['’]s?$/, '')]) },
    ANAPH: { words: ['before', 'after', 'earlier', 'later'] },
    DECADEW: { words: ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'] },
    LONG: { words: ['long'] },
    WHILE: { words: ['while'] },
    ENDOF: { words: ['end', 'beginning', 'start', 'middle', 'rest', 'remainder'] },
    MIDPART: { words: ['mid', 'midmorning', 'midafternoon'] },
    PERIOD: { words: ['period'] },
    SPELLED: { words: ['nineteen', 'twenty', 'thousand'] },
  } satisfies Record<string, Trigger>;
  const mk = (trig: Trigger, src: string, fn: Handler, back?: number): Pattern => {
    const key = Object.entries(T).find(([, v]) => v === trig)?.[0] ?? '';
    return { re: new RegExp(src, 'iuy'), fn, trig, back: back ?? BACK_LONG[key] ?? BACK_DEFAULT };
  };


  const cand = (m: RegExpExecArray, type: TimeType, spec: Spec, prio = 0, startOff = 0, endOff = 0): Candidate => ({
    start: m.index + startOff, end: m.index + m[0].length - endOff, type, spec, prio,
  });
  const monthNum = (s: string, typos = false) => {
    const k = s.toLowerCase().replace(/\.$/, '');
    return (typos ? lex.monthOrTypo : lex.month).get(k) ?? null;
  };
  const unitOf = (s: string): string | null => lex.unit.get(s.toLowerCase()) ?? null;
  const ORDW = Object.keys(lex.file.ordinals).join('|');
  const UNITWORDS = '(?:' + [...lex.unit.keys()].sort((a, b) => b.length - a.length).join('|') + ')';
  const TZ = '(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|local\\s+time)';
  const DAYREF = `(?:${R.WD}|today|tonight|yesterday|tomorrow|${R.MON}\\.?\\s*\\d{1,2}(?:,?\\s+\\d{4})?)`;

  const pats: Pattern[] = [];
  // First words of the optional parts that may open a match before its trigger word.
  const numWords = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', ...lex.number.keys()];
  const L = {
    WDS: [...lex.weekday.keys()],
    POINT: ['the', 'early', 'late', 'mid', 'end'],
    DIRW: ['this', 'last', 'next', 'coming', 'past', 'the'],
    UNIT: [...lex.file.quantityModifiers, 'the', 'past', 'last', 'next', 'first', 'recent', 'coming', 'these', 'those', 'another', 'an',
      ...(lex.file.approxModifiers ?? []), 'over', ...numWords, ...lex.vague, NUMLEAD],
  };
  const APPROX_AT = new RegExp(`^\\s+(?:${R.APPROX})\\s`, 'i');
  const THE_FUTURE_NOUN = new RegExp(`^\\s+(?:${altOf(lex.file.futureNounAfter)})\\b`, 'i');
  const bareUnitAfter = new Set((lex.file.bareUnitAfter ?? []).map((w) => w.toLowerCase()));
  const eventDates = (lex.file.eventDates ?? []).map((e) => ({ ...e, next: new RegExp(`^\\s+(?:${e.nextWords.join('|')})\\b`, 'i') }));

  // 1. Month day (, year): "March 22, 2013", "Feb.18, 2020", "Thursday, April 9", "Fen. 18" (typo).
  pats.push(mk(T.MONTHT, `${B}(?:(${R.WD}),?\\s+)?(${R.MONT})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:(?:,\\s*|\\s+)(\\d{4}))?${E}(?![.,:/]\\d)`, (m, text) => {
    const mon = monthNum(m[2]!, true);
    if (mon === null) return null;
    const isTypo = !lex.month.has(m[2]!.toLowerCase().replace(/\.$/, ''));
    // A typo ("Fen. 18") or an ambiguous word ("may 5") counts only when capitalised and followed by a day.
    if ((isTypo || AMBIGUOUS_MONTHS.has(m[2]!.toLowerCase().replace(/\.$/, ''))) && !isUpper(m[2]!)) return null;
    const d = +m[3]!;
    const y = m[4] ? +m[4] : null;
    if (d < 1 || d > 31) return null;
    if (y === null) {
      // A date that names a well-known event ("the Sept. 11 attacks") is that event's date.
      const ev = eventDates.find((e) => e.month === mon && e.day === d);
      if (ev && ev.next.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))) {
        return cand(m, 'DATE', { k: 'abs', value: fmtDay({ y: ev.year, m: mon, d }) }, 3);
      }
    }
    return cand(m, 'DATE', { k: 'md', m: mon, d, y }, 3);
  }));
  followOf(pats, /\.?\s*\d/y);
  leadOf(pats, L.WDS);

  // 2. Day month (year): "22 March 2013", "the 5th of May".
  pats.push(mk(T.MONTH, `${B}(?:(${R.WD}),?\\s+)?(?:the\\s+)?(\\d{1,2}|${ORDW})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${R.MON})\\.?(?:,?\\s+(\\d{4}))?${E}`, (m) => {
    const mon = monthNum(m[3]!);
    if (mon === null || !isUpper(m[3]!)) return null;
    const d = /^\d/.test(m[2]!) ? +m[2]! : (lex.ordinal.get(m[2]!.toLowerCase()) ?? 0);
    if (d < 1 || d > 31) return null;
    return cand(m, 'DATE', { k: 'md', m: mon, d, y: m[4] ? +m[4] : null }, 3);
  }));
  leadOf(pats, [...L.WDS, 'the', ...Object.keys(lex.file.ordinals), NUMLEAD], true);

  // 3. Month year: "July 1997", "October of 1998", "early 2013"-style modifiers before a month.
  pats.push(mk(T.MONTH, `${B}(?:${POINTMOD}\\s*)?(${R.MON})\\.?,?\\s+(?:of\\s+)?(\\d{4})${E}`, (m) => {
    const mon = monthNum(m[1]!);
    if (mon === null || !isUpper(m[1]!)) return null;
    return cand(m, 'DATE', { k: 'abs', value: fmtMonth(+m[2]!, mon) }, 3);
  }));
  followOf(pats, /\.?,?\s+(?:of\s+)?\d{4}/iy);
  leadOf(pats, L.POINT);

  // 3b. "January this year", "June last year".
  pats.push(mk(T.MONTH, `${B}(?:${POINTMOD}\\s*)?(${R.MON})\\.?,?\\s+(?:of\\s+)?(this|last|next)\\s+year${E}`, (m) => {
    const mon = monthNum(m[1]!);
    if (mon === null || !isUpper(m[1]!)) return null;
    const w = m[2]!.toLowerCase();
    return cand(m, 'DATE', { k: 'monthY', m: mon, yOff: w === 'last' ? -1 : w === 'next' ? 1 : 0 }, 3);
  }));
  followOf(pats, /\.?,?\s+(?:of\s+)?(?:this|last|next)\s+year/iy);
  leadOf(pats, L.POINT);

  // 4. Numeric dates: 2020-02-21, 02/21/2020, 2020/02/21.
  pats.push(mk(T.ISO, `${B}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:T(\\d{2}):(\\d{2}))?${E}`, (m) => {
    const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
    if (!valid(y, mo, d)) return null;
    if (m[4]) return cand(m, 'TIME', { k: 'abs', value: `${fmtDay({ y, m: mo, d })}T${m[4]}:${m[5]}` }, 3);
    return cand(m, 'DATE', { k: 'abs', value: fmtDay({ y, m: mo, d }) }, 3);
  }, 0));
  followOf(pats, /-/y);
  pats.push(mk(T.SLASH, `${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}(?!/)`, (m) => {
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    const mo = +m[1]!, d = +m[2]!;
    if (valid(y, mo, d)) return cand(m, 'DATE', { k: 'abs', value: fmtDay({ y, m: mo, d }) }, 2);
    if (valid(y, d, mo)) return cand(m, 'DATE', { k: 'abs', value: fmtDay({ y, m: d, d: mo }) }, 2);
    return null;
  }, 0));
  followOf(pats, /\//y);
  pats.push(mk(T.SLASH, `${B}(\\d{4})/(\\d{1,2})/(\\d{1,2})${E}(?!/)`, (m) => {
    const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
    return valid(y, mo, d) ? cand(m, 'DATE', { k: 'abs', value: fmtDay({ y, m: mo, d }) }, 2) : null;
  }, 0));
  followOf(pats, /\//y);

  // 5. Years: "1998", "fiscal 1989", "mid-2013", "2020/21".
  pats.push(mk(T.DIGIT4, `${B}(?:(fiscal(?:\\s+year)?|FY|calendar(?:\\s+year)?|the\\s+year|${POINTMOD})\\s*)?(\\d{4})(?:\\s*[/–-]\\s*(\\d{2}))?${E}`, (m, text) => {
    const y = +m[2]!;
    if (y < 1000 || y > 2200) return null;
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (/[$€£#]\s*$|\d[.,]?$|No\.\s*$/.test(before)) return null;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    if (/^(?:[.,]\d|\s*%|-(?!\d{4}(?!\d))\w)/.test(after)) return null;
    const next = NEXT_WORD.exec(after);
    if (next && lex.notYearAfter.has(next[1]!.toLowerCase())) return null;
    if (/^\s*(?:per\s?cent|percent)/i.test(after)) return null;
    // A range like 2020/21 or 2009-10 is tagged as its first year.
    return cand(m, 'DATE', { k: 'abs', value: fmtYear(y) }, 1);
  }));
  leadOf(pats, ['fiscal', 'fy', 'calendar', ...L.POINT, NUMLEAD]);

  // 5b. Years in words (broadcast transcripts): "nineteen ninety-six", "the year two thousand",
  //     "January nineteen ninety-seven", "the winter of nineteen ninety-four".
  const ONESW = 'one|two|three|four|five|six|seven|eight|nine';
  const TEENW = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
  const TENSW = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
  const SPY = `(?:(?:nineteen|twenty)[-\\s]+(?:(?:${TENSW})(?:[-\\s](?:${ONESW}))?|${TEENW}|oh[-\\s](?:${ONESW}))|two\\s+thousand(?:\\s+(?:and\\s+)?(?:${TEENW}|${ONESW}))?)`;
  const spelledYear = (t: string): number | null => {
    const w = t.toLowerCase().split(/[-\s]+/).filter((x) => x !== 'and' && x !== 'oh');
    if (w[0] === 'two' && w[1] === 'thousand') return 2000 + (w[2] ? parseNumber(lex, w[2]) ?? 0 : 0);
    const c = parseNumber(lex, w[0]!);
    if (c !== 19 && c !== 20) return null;
    let rest = 0;
    for (const x of w.slice(1)) rest += parseNumber(lex, x) ?? 0;
    return rest > 0 && rest < 100 ? c * 100 + rest : null;
  };
  pats.push(mk(T.SPELLED, `${B}(?:(the\\s+year)\\s+|(${R.MON})\\s+|(?:the\\s+)?(${R.SEASON})\\s+of\\s+)?(${SPY})${E}`, (m, text) => {
    const y = spelledYear(m[4]!);
    if (y === null) return null;
    const after = NEXT_WORD.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 20));
    if (after && (lex.notYearAfter.has(after[1]!.toLowerCase()) || lex.unit.has(after[1]!.toLowerCase()))) return null;
    // "two thousand" alone is a number unless something says it is a year.
    if (/^two\s+thousand$/i.test(m[4]!) && !m[1] && !m[2] && !m[3] && !/\b(?:in|by|since|until|of)\s+$/i.test(text.slice(Math.max(0, m.index - 7), m.index))) return null;
    if (m[2]) {
      const mon = monthNum(m[2]);
      if (mon === null || !isUpper(m[2])) return null;
      return cand(m, 'DATE', { k: 'abs', value: fmtMonth(y, mon) }, 3);
    }
    if (m[3]) return cand(m, 'DATE', { k: 'season', s: lex.season.get(m[3].toLowerCase())!, dir: null, y }, 3);
    return cand(m, 'DATE', { k: 'abs', value: fmtYear(y) }, 2);
  }));

  // 6. Decades and centuries: "the 1990s", "the '90s", "mid-1980s", "the 21st century".
  pats.push(mk(T.DECADE, `${B}(?:the\\s+)?(?:(?:early|late|mid)-?\\s*)?(?:(\\d{3})0(['’])?s|['’](\\d)0s)${E}`, (m) => {
    // "the 1980's" is the decade; a bare "1980's" is more often the possessive of a year.
    if (m[2] && !/^(?:the|early|late|mid)/i.test(m[0])) return null;
    let v = m[1];
    if (!v) {
      const d = +m[3]!;
      v = (d <= 2 ? '20' : '19') + d;
    }
    return cand(m, 'DATE', { k: 'abs', value: v }, 2);
  }));
  pats.push(mk(T.CENTURY, `${B}(?:the\\s+)?(?:(?:early|late|mid)-?\\s*)?(?:(\\d{1,2})(?:st|nd|rd|th)|(${ORDW}))[-\\s]+century${E}`, (m) => {
    const n = m[1] ? +m[1] : (lex.ordinal.get(m[2]!.toLowerCase()) ?? 0);
    if (n < 1 || n > 30) return null;
    return cand(m, 'DATE', { k: 'abs', value: pad(n - 1) }, 2);
  }));

  // 6b. Decades in words: "the nineties", "the late eighties".
  pats.push(mk(T.DECADEW, `${B}the\\s+(?:(?:early|late|mid)-?\\s*)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)${E}`, (m) => {
    const d = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(m[1]!.toLowerCase()) + 2;
    return cand(m, 'DATE', { k: 'abs', value: `19${d}` }, 1);
  }));
  // 6c. "day-long", "decades-long", "year-long": a duration with no number.
  pats.push(mk(T.LONG, `${B}(day|week|month|year|decade|hour|minute|days|weeks|months|years|decades|hours)-long${E}`, (m) => {
    const w = m[1]!.toLowerCase();
    const u = lex.unit.get(w) ?? 'D';
    return cand(m, 'DURATION', { k: 'dur', value: w.endsWith('s') ? vagueDur(u) : durValue(1, u) }, 1);
  }));

  // 6d. "for a while", "in a while": an unspecified span (TimeML PXX); "a while ago" is past.
  pats.push(mk(T.WHILE, `${B}a\\s+while${E}`, (m, text) => {
    if (AGO_NEXT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    if (!WHILE_PREP.test(before) || ONCE_IN.test(before)) return null;
    return cand(m, 'DURATION', { k: 'dur', value: 'PXX' }, 1);
  }, 1));
  leadOf(pats, ['a'], true);

  // 7. A month alone: "April", "last November", "early March", "the end of June".
  pats.push(mk(T.MONTH, `${B}(?:${POINTMOD}\\s*)?(?:(${DIRW}|the\\s+coming|the\\s+past)\\s+)?(${R.MON})${E}(?!\\.?\\s*\\d)`, (m, text) => {
    const word = m[2]!.replace(/\.$/, '');
    const mon = monthNum(word);
    if (mon === null || !isUpper(word)) return null;
    if (m[2]!.endsWith('.') && word.length > 4) return null;
    if (!m[2]!.endsWith('.') && word.length <= 4 && !['may', 'june', 'july'].includes(word.toLowerCase())) return null;
    const hasMod = m[0].length > m[2]!.length;
    if (!hasMod && AMBIGUOUS_MONTHS.has(word.toLowerCase())) {
      const prev = LAST_WORD.exec(text.slice(Math.max(0, m.index - 12), m.index));
      if (!prev || !/^(?:in|since|until|till|by|of|from|to|through|before|after|during|early|late|mid|last|next|this|between|and|or|around)$/i.test(prev[1]!)) return null;
    }
    return cand(m, 'DATE', { k: 'month', m: mon, dir: dirOf(m[1]) }, 1);
  }));
  followOf(pats, /\.?\s*\d/y, true);
  leadOf(pats, [...L.POINT, ...L.DIRW]);

  // 8. Seasons: "last fall", "the summer", "winter 2019", "this past spring".
  pats.push(mk(T.SEASON, `${B}(?:${POINTMOD}\\s*)?(?:(${DIRW}|the\\s+coming|the\\s+past|the)\\s+)?(${R.SEASON})(?:\\s+(?:of\\s+)?(\\d{4}))?${E}`, (m, text) => {
    // A bare season counts after a preposition of time ("by summer", "in winter"); "fall" needs more.
    const bareOk = !m[1] && !m[3] && m[2]!.toLowerCase() !== 'fall' && m[0] === m[2]
      && /\b(?:by|in|until|till|before|after|through|during|since|throughout)\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (!m[1] && !m[3] && !bareOk && !/^(?:the\s+)?(?:early|late|mid)/i.test(m[0])) return null;
    if (!m[3] && /^\s+of\s+(?!\d)/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return null;
    if (m[2]!.toLowerCase() === 'fall' && !m[3] && !/^(?:last|next|this|the|early|late)/i.test(m[0])) return null;
    const dir = m[1] && /^the$/i.test(m[1]) ? 'the' : dirOf(m[1]);
    return cand(m, 'DATE', { k: 'season', s: lex.season.get(m[2]!.toLowerCase())!, dir, y: m[3] ? +m[3] : null }, 1);
  }));
  leadOf(pats, [...L.POINT, ...L.DIRW]);

  // 9. Weekdays: "Friday", "last Tuesday", "Friday morning", "this coming Sunday".
  pats.push(mk(T.WD, `${B}(?:(?:early|late)\\s+)?(?:(${DIRW}|the\\s+previous|the\\s+following)\\s+)?(${R.WD})(?:\\s+(${R.PART}))?${E}`, (m) => {
    const w = m[2]!.replace(/\.$/, '');
    if (!isUpper(w)) return null;
    const wd = lex.weekday.get(w.toLowerCase());
    if (wd === undefined) return null;
    const part = m[3] ? lex.part.get(m[3].toLowerCase()) ?? null : null;
    const rel = !!m[1] && /^the\s+(?:previous|following)$/i.test(m[1]);
    return cand(m, part ? 'TIME' : 'DATE', { k: 'wd', wd, dir: dirOf(m[1]), part, ...(rel ? { rel } : {}) }, 2);
  }));
  leadOf(pats, ['early', 'late', ...L.DIRW, 'the']);

  // 10. Deictic days: "today", "yesterday afternoon", "tonight", "this morning", "last night".
  pats.push(mk(T.DEICTIC, `${B}(?:(?:early|late)\\s+)?(the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow|today|tonight|yesterday|tomorrow)(?:\\s+(${R.PART}))?${E}`, (m) => {
    const w = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const off = w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : w.includes('before') ? -2 : w.includes('after') ? 2 : 0;
    let part = m[2] ? lex.part.get(m[2].toLowerCase()) ?? null : null;
    if (w === 'tonight') part = 'NI';
    return cand(m, part ? 'TIME' : 'DATE', { k: 'day', off, part }, 2);
  }));
  pats.push(mk(T.PART, `${B}(?:(?:early|late|later|earlier)\\s+)?(this|last)\\s+(${R.PART})${E}`, (m) => {
    const part = lex.part.get(m[2]!.toLowerCase()) ?? null;
    const off = m[1]!.toLowerCase() === 'last' ? (part === 'NI' ? -1 : -1) : 0;
    return cand(m, 'TIME', { k: 'day', off, part }, 2);
  }));
  leadOf(pats, ['early', 'late', 'later', 'earlier', 'this', 'last'], true);
  pats.push(mk(T.OVERNIGHT, `${B}overnight${E}`, (m) => cand(m, 'TIME', { k: 'day', off: 0, part: 'NI' }, 0)));

  // 11. This/last/next unit: "this year", "last week", "earlier this month", "late last month", "the following year".
  pats.push(mk(T.RELUNIT, `${B}(?:(${POINTMOD}|earlier|later)\\s+)?(this\\s+past|this\\s+coming|this|last|next|the\\s+past|the\\s+coming|the\\s+previous|the\\s+following|the\\s+next|the\\s+last|the\\s+current|the\\s+same|that\\s+same|that|the\\s+latest|the\\s+prior|the\\s+preceding|the\\s+current|the\\s+new)\\s+(fiscal\\s+year|school\\s+year|week|weekend|month|year|decade|century|day|morning|afternoon|evening|night)${E}(?!-)`, (m) => {
    const d = m[2]!.toLowerCase().replace(/\s+/g, ' ');
    const u = m[3]!.toLowerCase().replace(/\s+/g, ' ');
    if (isUpper(m[3]!)) return null; // a title: ABC's "This Week"
    const unit: Gran | 'WE' = u.endsWith('year') ? 'Y' : u === 'month' ? 'M' : u === 'week' ? 'W' : u === 'weekend' ? 'WE'
      : u === 'decade' ? 'DE' : u === 'century' ? 'CE' : 'D';
    const part = lex.part.get(u) ?? null;
    // "earlier this year" keeps "earlier" (as TimeBank mostly does), "earlier this week" does not.
    if (m[1] && /^(?:earlier|later)$/i.test(m[1]) && !/^(?:year|month|afternoon|evening|morning)$/.test(u) && !((d === 'that' || d === 'that same') && u === 'day')) return null;
    if (d === 'the past' || d === 'the last' || d === 'the next' || d === 'the coming' || d === 'the new') {
      if (unit === 'D' && d !== 'the next') return null;
      if (d === 'the next' && unit === 'D') return cand(m, part ? 'TIME' : 'DATE', { k: 'anaph', unit: 'D', off: 1, part }, 2);
      if (d === 'the new') return null;
      // "the past century" is the last hundred years, not the century before this one ("18" in 1989).
      if (unit === 'CE') return cand(m, 'DURATION', { k: 'dur', value: 'P100Y' }, 2);
      // TimeBank tags "the past year", "the last week", "the last decade" as the previous unit (a DATE).
      return cand(m, 'DATE', { k: 'rel', unit, off: d === 'the past' || d === 'the last' ? -1 : 1 }, 2);
    }
    if (d === 'the following' || d === 'the previous' || d === 'the prior' || d === 'the preceding' || d === 'the same' || d === 'that' || d === 'that same') {
      const off = d === 'the following' ? 1 : d === 'the same' || d === 'that' || d === 'that same' ? 0 : -1;
      if (unit === 'WE') return null;
      return cand(m, part ? 'TIME' : 'DATE', { k: 'anaph', unit: unit as Gran, off, part }, 2);
    }
    if (unit === 'D') {
      if (d !== 'this' || !part) return null;
      return cand(m, 'TIME', { k: 'day', off: 0, part }, 2);
    }
    const off = d === 'last' || d === 'this past' ? -1 : d === 'next' || d === 'this coming' ? 1 : 0;
    return cand(m, 'DATE', { k: 'rel', unit, off }, 2);
  }));
  leadOf(pats, [...L.POINT, 'earlier', 'later', ...L.DIRW, 'that'], true);

  // 11b. "the weekend", "the year", "the year-ago period".
  pats.push(mk(T.WEEKEND, `${B}the\\s+weekend${E}`, (m) => cand(m, 'DATE', { k: 'rel', unit: 'WE', off: 0 }, 1)));
  pats.push(mk(T.YEAR, `${B}(?:(?:the\\s+end|the\\s+beginning|the\\s+start|the\\s+middle|the\\s+rest|the\\s+remainder)\\s+of\\s+)?the\\s+(?:full\\s+|whole\\s+|fiscal\\s+|calendar\\s+)?year${E}(?!\\s*(?:['’]s|-|before|after|earlier|later|ago|of|in\\s+which|when|that|\\d))`, (m, text) => {
    // "profit for the year", "sales rose throughout the year": the span of a year, not the year itself.
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    // …but "the full year" names a particular year.
    if (/^the\s/i.test(m[0]) && !/\bfull\b/i.test(m[0])
      && /\b(?:for|throughout|during|in)\s+$/i.test(before) && !/\b(?:earlier|later|early|late)\s+in\s+$/i.test(before)) {
      return cand(m, 'DURATION', { k: 'dur', value: 'P1Y' }, 0);
    }
    return cand(m, 'DATE', { k: 'rel', unit: 'Y', off: 0 }, 0);
  }));
  leadOf(pats, ['the'], true);
  // 11c. "the end of the month", "the middle of the week", "the start of the quarter": that unit, now.
  pats.push(mk(T.ENDOF, `${B}(?:the\\s+)?(?:end|beginning|start|middle|rest|remainder)\\s+of\\s+the\\s+(month|week|quarter|decade)${E}(?!\\s*(?:['’]s|-|before|after|earlier|later|ago|of|in\\s+which|when|that|\\d))`, (m) => {
    const u = m[1]!.toLowerCase();
    if (u === 'quarter') return cand(m, 'DATE', { k: 'quarter', q: null, half: false, off: 0, y: null, yearAgo: false, current: true }, 1);
    const unit: Gran = u === 'month' ? 'M' : u === 'week' ? 'W' : 'DE';
    return cand(m, 'DATE', { k: 'rel', unit, off: 0 }, 1);
  }));
  // "year-end", "year's end", "the year's end": the current year (TimeML: the year, mod END).
  pats.push(mk(T.YEAREND, `${B}(?:around\\s+)?(?:the\\s+)?year(-end|['’]s\\s+end|\\s+end)${E}(?!-)`, (m) => m[1]!.startsWith('-')
    ? cand(m, 'DATE', { k: 'md', m: 12, d: 31, y: null, hard: true }, 1) // TimeBank: "by year-end" = that December 31
    : cand(m, 'DATE', { k: 'rel', unit: 'Y', off: 0 }, 1)));
  leadOf(pats, ['around', 'the', 'year'], true);
  pats.push(mk(T.YEARAGO, `${B}(?:the\\s+)?year-?(?:ago|earlier)(?:\\s+period)?${E}`, (m) => cand(m, 'DATE', { k: 'quarter', q: null, half: false, off: 0, y: null, yearAgo: true }, 1)));

  // 12. Quarters and halves: "the third quarter", "third-quarter", "the year-ago quarter", "the first half of 2013".
  pats.push(mk(T.QUARTER, `${B}(?:the\\s+)?(?:(this|last|next|latest|current|previous|prior|year-?ago|year-?earlier|same|fiscal|calendar|comparable|\\d{4})\\s+)?(?:(this|last|next|latest|current|previous|prior|year-?ago|year-?earlier|same|fiscal|calendar|comparable|\\d{4})\\s+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th)[-\\s]+)?(quarter|half)(?:\\s+of\\s+(?:(\\d{4})|(?:fiscal\\s+)(\\d{4})|(this|last|next|the)\\s+year))?${E}`, (m, text) => {
    const mods = [m[1], m[2]].filter(Boolean).map((s) => s!.toLowerCase());
    const ordw = m[3]?.toLowerCase();
    const hasThe = /^the\s/i.test(m[0]);
    const isHalf = m[4]!.toLowerCase() === 'half';
    if (!ordw && !mods.length && !hasThe) return null;
    if (!ordw && !mods.length && isHalf) return null;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (!ordw && /^\s+of\s/i.test(after) && !m[5] && !m[6] && !m[7]) return null; // a fraction: "a quarter of the vote"
    if (!ordw && !mods.length && /^[-\s]+(?:century|mile|million|billion|percent|point|inch)/i.test(after)) return null;
    if (/^\s*-?(?:century|mile|million|billion|percent|point|inch|hour)/i.test(after)) return null;
    const q = ordw ? ({ first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 } as Record<string, number>)[ordw]! : null;
    if (isHalf && q !== null && q > 2) return null;
    let off = 0;
    let yearAgo = false;
    const current = mods.includes('this') || mods.includes('current');
    for (const md of mods) {
      if (md === 'last' || md === 'previous' || md === 'prior') off = -1;
      else if (md === 'next') off = 1;
      else if (md.startsWith('year')) yearAgo = true;
    }
    const y = m[5] ? +m[5] : m[6] ? +m[6] : null;
    const yOff = m[7] ? (m[7].toLowerCase() === 'last' ? -1 : m[7].toLowerCase() === 'next' ? 1 : 0) : null;
    const yMod = mods.find((x) => /^\d{4}$/.test(x));
    const yIn = yMod ? +yMod : null;
    const latest = mods.includes('latest');
    const spec: Spec = { k: 'quarter', q, half: isHalf, off, y: y ?? yIn, yearAgo, current, latest };
    if (yOff !== null) (spec as { y: number | null }).y = -10000 + yOff; // marker: relative to DCT year
    return cand(m, 'DATE', spec, 2);
  }));

  // 12-. Business shorthand: "Q4 2012", "Q1", "3Q", "H1 2013", "FY2013", "FY13".
  pats.push(mk(T.QCODE, `${B}(?:([QH])([1-4])|([1-4])Q|FY\\s?(?=\\d))(?:[\\s-]?(\\d{4})|[\\s-]?['’]?(\\d{2}))?${E}`, (m) => {
    if (m[0] !== m[0].toUpperCase()) return null;
    const y = m[4] ? +m[4] : m[5] ? 2000 + +m[5] : null;
    if (!m[1] && !m[3]) return y === null ? null : cand(m, 'DATE', { k: 'abs', value: String(y) }, 2); // FY2013
    const half = m[1] === 'H';
    const q = +(m[2] ?? m[3]!);
    if (half && q > 2) return null;
    return cand(m, 'DATE', { k: 'quarter', q, half, off: 0, y, yearAgo: false, current: false, latest: false }, 2);
  }, 1));
  // 12a. "the 1989 period" in a quarterly report: that quarter in that year.
  pats.push(mk(T.DIGIT4, `${B}the\\s+(\\d{4})\\s+period${E}`, (m) => {
    const y = +m[1]!;
    if (y < 1000 || y > 2200) return null;
    return cand(m, 'DATE', { k: 'quarter', q: null, half: false, off: 0, y, yearAgo: false }, 3);
  }, 1));
  leadOf(pats, ['the'], true);
  // 12a'. "the latest period" in a quarterly report: the quarter just reported, like "the latest quarter".
  pats.push(mk(T.PERIOD, `${B}the\\s+latest\\s+period${E}`, (m) =>
    cand(m, 'DATE', { k: 'quarter', q: null, half: false, off: 0, y: null, yearAgo: false, latest: true }, 2), 2));
  leadOf(pats, ['the'], true);
  // 12b. "this year's third quarter", "next year's first half", "last year's quarter".
  pats.push(mk(T.QUARTER, `${B}(this|last|next)\\s+year['’]s\\s+(?:(first|second|third|fourth)[-\\s]+)?(quarter|half)${E}`, (m) => {
    const w = m[1]!.toLowerCase();
    const yOff = w === 'last' ? -1 : w === 'next' ? 1 : 0;
    const q = m[2] ? ({ first: 1, second: 2, third: 3, fourth: 4 } as Record<string, number>)[m[2].toLowerCase()]! : null;
    const isHalf = m[3]!.toLowerCase() === 'half';
    if (q === null) {
      // "last year's quarter": the quarter just reported, a year before.
      if (isHalf || yOff !== -1) return null;
      return cand(m, 'DATE', { k: 'quarter', q: null, half: false, off: 0, y: null, yearAgo: true }, 3);
    }
    if (isHalf && q > 2) return null;
    return cand(m, 'DATE', { k: 'quarter', q, half: isHalf, off: 0, y: -10000 + yOff, yearAgo: false }, 3);
  }));

  // 13. Durations and shifted dates: "two years", "24-hour", "the past three months", "at least 10 days",
  //     "three years ago", "two days later", "a year earlier", "a two-year-old".
  pats.push(mk(T.UNIT, `${B}(?:(${R.QMOD})\\s+)?(?:(the\\s+past|the\\s+last|the\\s+next|the\\s+first|the\\s+final|the\\s+latest|the\\s+coming|the\\s+previous|the\\s+following|the\\s+remaining|the\\s+better\\s+part\\s+of|the|past|last|next|first|recent|coming|these|those|another|an\\s+additional)\\s+)?(?:${R.APPROX}\\s+)?(${R.NUM}|${R.VAGUE})(\\s+and\\s+a\\s+half|\\s+1/2|\\s*½)?(?:\\s*-\\s*|\\s+)(?:(?:more|additional|straight|consecutive|full|long|short|whole|trading|business|working)\\s+)?(${UNITWORDS})(\\s+and\\s+a\\s+half)?(?:\\s+or\\s+so)?(?:[-\\s](long|old))?(?:\\s+(ago|earlier|later|from\\s+now|before|after|prior|previously))?${E}`, (m, text) => {
    const unitCode = unitOf(m[5]!);
    if (!unitCode) return null;
    // "expected to last three weeks": the verb "last" is not part of the span.
    if (m[2] && /^last$/i.test(m[2]) && !m[1] && /\b(?:to|will|would|could|can|may|might|should|must|did|does|do|not|n't|'ll|’ll)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) return null;
    // "last over a week": "last" is a verb there, not "the last N units".
    if (m[2] && APPROX_AT.test(m[0].slice(m[0].toLowerCase().indexOf(m[2].toLowerCase()) + m[2].length))) return null;
    if (m[7]?.toLowerCase() === 'old' || /^[-\s]+old\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null; // ages are not timexes
    const numText = m[3]!.toLowerCase().replace(/\s+/g, ' ');
    let n: number | null = lex.vague.has(numText) ? null : parseNumber(lex, numText);
    if (n === null && !lex.vague.has(numText)) return null;
    if (n !== null && (m[4] || m[6])) n += 0.5;
    const unitWord = m[5]!.toLowerCase();
    // "three-quarters of its food" is a fraction.
    // "a quarter of an hour", "half of the year": a fraction, not a span of quarters.
    if (unitCode === 'Q' && !m[6] && /^\s+of\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    if (unitCode === 'Q' && /-\s*quarters$/i.test(m[0].slice(0, m[0].toLowerCase().indexOf(unitWord) + unitWord.length))) return null;
    const plural = /s$/.test(unitWord) && unitWord !== 'hrs';
    // "a" / "an" needs a singular unit; words like "second" after "a" are ordinal uses ("a second term").
    if ((numText === 'a' || numText === 'an') && plural) return null;
    if ((numText === 'a' || numText === 'an' || numText === 'one') && (unitCode === 'S' || unitWord === 'night')) return null;
    if (/^\d/.test(numText) && n !== null && n >= 100 && !plural) return null; // "the 1988 second quarter"
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    // Once a day / twice a year: the "a day" part is a SET, tagged by the set pattern.
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    // ("$9 a week earlier" is a shifted date, not a rate.)
    if ((numText === 'a' || numText === 'an' || numText === 'one') && /(?:once|twice|thrice|times|\d+)\s*$/i.test(before)
      && !(/\d\s*$/.test(before) && /^(?:ago|earlier|later)$/i.test(m[8] ?? ''))) return null;
    let trail = m[8]?.toLowerCase().replace(/\s+/g, ' ');
    let endCut = 0;
    if (trail === 'before' || trail === 'after' || trail === 'prior' || trail === 'previously') {
      // "two days before the vote": the signal word is not part of the timex.
      if (WORD_NEXT.test(after) || trail === 'prior') {
        endCut = m[0].length - m[0].toLowerCase().lastIndexOf(trail);
        trail = undefined;
      }
    }
    const u: Gran | 'S' | 'MIN' | 'H' = unitCode === '2W' ? 'W' : (unitCode as Gran | 'S' | 'MIN' | 'H');
    const mult = unitCode === '2W' ? 2 : 1;
    if (trail === 'ago' || trail === 'earlier' || trail === 'later' || trail === 'from now' || trail === 'before' || trail === 'after' || trail === 'previously') {
      const sign = trail === 'later' || trail === 'from now' || trail === 'after' ? 1 : -1;
      if (n === null || u === 'S' || u === 'MIN' || u === 'H') {
        if (n !== null && (u === 'H' || u === 'MIN')) return cand(m, 'DURATION', { k: 'dur', value: durValue(n * mult, u) }, 2);
        return cand(m, 'DATE', { k: 'ref', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF' }, 2);
      }
      const from = trail === 'ago' || trail === 'from now' ? 'dct' : 'prev';
      // "a decade ago" is a year ten years back (2003 in 2013), as "10 years ago" is, not the decade "200".
      if (u === 'DE' || u === 'CE') return cand(m, 'DATE', { k: 'shift', n: sign * n * (u === 'DE' ? 10 : 100), unit: 'Y', from }, 2);
      return cand(m, 'DATE', { k: 'shift', n: sign * n * mult, unit: u as Gran, from }, 2);
    }
    const value = n === null ? vagueDur(u) : durValue(n * mult, u);
    // A rate: "$500 million a year", "four flights a week", "24 hours a day" (TimeML: a SET).
    if ((numText === 'a' || numText === 'an') && !m[1] && !m[2] && /(?:\d|\b(?:million|billion|thousand|percent|dollars|cents|hours|days|times|flights|seats|barrels|tons|tonnes))\s*$/i.test(before)) {
      return cand(m, 'SET', { k: 'dur', value }, 2);
    }
    // A range of counts, "two to three weeks", "the next 12 to 18 months": one expression (as TimeBank
    // tags it), valued by its first count.
    if (n !== null && !m[1] && !m[2] && !m[4] && !m[6] && ALNUM_START.test(m[0])) {
      const r = RANGE_PRE.exec(text.slice(Math.max(0, m.index - 40), m.index));
      const first = r ? parseNumber(lex, r[2]!) : null;
      if (r && first !== null && first < n) return cand(m, 'DURATION', { k: 'dur', value: durValue(first * mult, u) }, 1, -r[0].length, endCut);
    }
    return cand(m, 'DURATION', { k: 'dur', value }, 1, 0, endCut);
  }));
  beforeOf(pats, [...lex.number.keys(), ...lex.file.vagueNumbers, 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
    'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'half', 'more', 'additional', 'straight', 'consecutive', 'full', 'long', 'short', 'whole',
    'trading', 'business', 'working']);
  leadOf(pats, L.UNIT, true);

  // 14. Bare plural units: "for years", "in recent months", "the coming weeks".
  pats.push(mk(T.PLURAL, `${B}(?:(recent|coming|the\\s+coming|the\\s+past|past|the\\s+last|the\\s+next|the\\s+previous|the\\s+following|the\\s+early|the\\s+first)\\s+)?(years|months|weeks|days|decades|hours|minutes|centuries)${E}(?!\\s+(?:ago|old|earlier|later))`, (m, text) => {
    const pre = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    if (!pre) {
      const prev = LAST_WORD.exec(text.slice(Math.max(0, m.index - 12), m.index));
      if (!prev || !bareUnitAfter.has(prev[1]!.toLowerCase())) return null;
    }
    // "in the early hours of Thursday": a part of that day, not a span.
    if (pre === 'the early' && OF_NEXT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    const u = lex.unit.get(m[2]!.toLowerCase())! as Gran | 'H' | 'MIN';
    if (pre === 'recent' && u === 'Y') return cand(m, 'DATE', { k: 'ref', value: 'PAST_REF' }, 1);
    return cand(m, 'DURATION', { k: 'dur', value: vagueDur(u) }, 1);
  }));
  leadOf(pats, ['recent', 'coming', 'the', 'past']);

  // 14a. "recent quarters", "several quarters", "coming quarters", "future quarters".
  pats.push(mk(T.QPLURAL, `${B}(recent|several|the\\s+past|past|the\\s+last|the\\s+next|the\\s+coming|coming|future|upcoming)\\s+quarters${E}`, (m) => {
    const pre = m[1]!.toLowerCase();
    if (/coming|future|next/.test(pre)) return cand(m, 'DATE', { k: 'ref', value: 'FUTURE_REF' }, 1);
    return cand(m, 'DURATION', { k: 'dur', value: 'PXQ' }, 1);
  }, 3));
  // 14a'. "by mid-afternoon", "in mid-morning": that part of the day.
  pats.push(mk(T.MIDPART, `${B}mid[-\\s]?(morning|afternoon)(?:\\s+(yesterday|today))?${E}`, (m, text) => {
    if (!/\b(?:by|in|until|at|around|before|after|from|since)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
    return cand(m, 'TIME', { k: 'day', off: m[2]?.toLowerCase() === 'yesterday' ? -1 : 0, part: lex.part.get(m[1]!.toLowerCase())! }, 2);
  }, 0));
  // 14b. "the weeks ahead", "the months ahead" (TimeML: a vague duration, "the" and "ahead" inside);
  //      "decades-old", "centuries-old" (not an age: those name a number).
  pats.push(mk(T.PLURAL, `${B}the\\s+(?:(?:coming|next)\\s+)?(years|months|weeks|days|decades)\\s+ahead${E}`, (m) =>
    cand(m, 'DURATION', { k: 'dur', value: vagueDur(lex.unit.get(m[1]!.toLowerCase())! as Gran) }, 2)));
  leadOf(pats, ['the'], true);
  pats.push(mk(T.PLURAL, `${B}(years|months|weeks|decades|centuries)-old${E}`, (m) =>
    cand(m, 'DURATION', { k: 'dur', value: vagueDur(lex.unit.get(m[1]!.toLowerCase())! as Gran) }, 2), 0));
  followOf(pats, /-old/iy);
  // 14c. "6 in the morning", "4 o'clock in the afternoon", "10 o'clock".
  pats.push(mk(T.COLON, `${B}(\\d{1,2})(?::(\\d{2}))?(?:\\s+o['’]clock)?\\s+in\\s+the\\s+(morning|afternoon|evening)${E}|${B}(\\d{1,2})\\s+o['’]clock${E}`, (m) => {
    let h = +(m[1] ?? m[4]!);
    const mi = m[2] ? +m[2] : 0;
    if (h > 12 || mi > 59) return null;
    const part = m[3]?.toLowerCase();
    if (part && part !== 'morning' && h < 12) h += 12;
    if (part === 'morning' && h === 12) h = 0;
    return cand(m, 'TIME', { k: 'clock', h, mi, day: null }, 3);
  }, 0));
  followOf(pats, /(?::\d{2})?(?:\s+o['’]clock)?\s+in\s+the\s|\s+o['’]clock/iy);

  // 15. Clock times: "10 a.m.", "3:30 p.m. EST", "noon Thursday", "9 p.m. Wednesday".
  const dayRef = (s: string | undefined): Spec | null => {
    if (!s) return null;
    const t = s.toLowerCase().replace(/\.$/, '');
    if (t === 'today' || t === 'tonight') return { k: 'day', off: 0, part: null };
    if (t === 'yesterday') return { k: 'day', off: -1, part: null };
    if (t === 'tomorrow') return { k: 'day', off: 1, part: null };
    const md = /^([a-z]+)\.?\s*(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(t);
    if (md) {
      const mon = lex.month.get(md[1]!);
      const d = +md[2]!;
      if (mon && d >= 1 && d <= 31) return { k: 'md', m: mon, d, y: md[3] ? +md[3] : null };
    }
    const wd = lex.weekday.get(t);
    return wd ? { k: 'wd', wd, dir: null, part: null } : null;
  };
  pats.push(mk(T.AMPM, `${B}(?:${R.APPROX}\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*([ap])\\.?\\s?m(?:\\.|${E})(?:\\s*(${TZ}))?(?:,?\\s+(${DAYREF}))?`, (m) => {
    let h = +m[1]!;
    const mi = m[2] ? +m[2] : 0;
    if (h < 1 || h > 12 || mi > 59) return null;
    if (m[3]!.toLowerCase() === 'p' && h < 12) h += 12;
    if (m[3]!.toLowerCase() === 'a' && h === 12) h = 0;
    return cand(m, 'TIME', { k: 'clock', h, mi, day: dayRef(m[5]) }, 3);
  }));
  leadOf(pats, [...(lex.file.approxModifiers ?? []), 'over', NUMLEAD]);
  // 24-hour clock with a zone: "1300 GMT", "0900 hours".
  pats.push(mk(T.ISO, `${B}([01]\\d|2[0-3])([0-5]\\d)\\s*(?:hours|hrs|GMT|UTC|Zulu|${TZ})${E}`, (m) => cand(m, 'TIME', { k: 'clock', h: +m[1]!, mi: +m[2]!, day: null }, 3), 0));
  pats.push(mk(T.COLON, `${B}(\\d{1,2}):(\\d{2})\\s*(?:hours?|hrs|${TZ})${E}`, (m) => {
    const h = +m[1]!, mi = +m[2]!;
    if (h > 23 || mi > 59) return null;
    return cand(m, 'TIME', { k: 'clock', h, mi, day: null }, 2);
  }, 0));
  followOf(pats, /:\d{2}\s*[a-z]/iy);
  pats.push(mk(T.NOON, `${B}(?<!high\\s)(noon|midnight|midday)(?:\\s+(${DAYREF}))?${E}`, (m) => {
    const w = m[1]!.toLowerCase();
    return cand(m, 'TIME', { k: 'clock', h: w === 'midnight' ? 24 : 12, mi: 0, day: dayRef(m[2]) }, 2);
  }));

  // 16. Sets: "every day", "each season", "daily", "twice a year" (→ "a year"), "on Mondays".
  pats.push(mk(T.EVERY, `${B}(?:every|each)\\s+(?:other\\s+|single\\s+)?(?:(${R.NUM})\\s+)?(${UNITWORDS}|weekend|morning|afternoon|evening|night|${R.WD}|${R.MON}|${R.SEASON})${E}`, (m) => {
    const w = m[2]!.toLowerCase().replace(/\.$/, '');
    const n = m[1] ? parseNumber(lex, m[1]) ?? 1 : 1;
    const unit = lex.unit.get(w);
    if (unit) return cand(m, 'SET', { k: 'dur', value: durValue(n * (unit === '2W' ? 2 : 1), (unit === '2W' ? 'W' : unit) as Gran) }, 2);
    const wd = lex.weekday.get(w);
    if (wd) return cand(m, 'SET', { k: 'dur', value: `XXXX-WXX-${wd}` }, 2);
    const mon = lex.month.get(w);
    if (mon) return cand(m, 'SET', { k: 'dur', value: `XXXX-${pad(mon)}` }, 2);
    const s = lex.season.get(w);
    if (s) return cand(m, 'SET', { k: 'dur', value: `XXXX-${s}` }, 2);
    if (w === 'weekend') return cand(m, 'SET', { k: 'dur', value: 'XXXX-WXX-WE' }, 2);
    const part = lex.part.get(w);
    if (part) return cand(m, 'SET', { k: 'dur', value: `XXXX-XX-XXT${part}` }, 2);
    return null;
  }, 0));
  pats.push(mk(T.SETW, `${B}(${R.SETW})${E}`, (m) => cand(m, 'SET', { k: 'dur', value: lex.set.get(m[1]!.toLowerCase())! }, 1)));
  pats.push(mk(T.PERUNIT, `(?<=(?:once|twice|thrice|times)\\s+)(?:a|an|per|each)\\s+(${UNITWORDS})${E}`, (m) => {
    const unit = lex.unit.get(m[1]!.toLowerCase());
    if (!unit) return null;
    return cand(m, 'SET', { k: 'dur', value: durValue(unit === '2W' ? 2 : 1, (unit === '2W' ? 'W' : unit) as Gran) }, 3);
  }));
  leadOf(pats, ['a', 'an', 'per', 'each'], true);
  pats.push(mk(T.PLURALWD, `(?<=\\bon\\s+)(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays|weekends)${E}`, (m) => {
    const w = m[1]!.toLowerCase().replace(/s$/, '');
    const wd = lex.weekday.get(w);
    return cand(m, 'SET', { k: 'dur', value: wd ? `XXXX-WXX-${wd}` : 'XXXX-WXX-WE' }, 2);
  }));

  // 17. PRESENT_REF / PAST_REF / FUTURE_REF words: "now", "currently", "recently", "the future".
  pats.push(mk(T.REF, `${B}(${R.REF})${E}(?!-)`, (m, text) => {
    const v = lex.ref.get(m[1]!.toLowerCase().replace(/\s+/g, ' ').replace('’', "'"));
    if (!v) return null;
    const w = m[1]!.toLowerCase();
    if (w === 'current' || w === 'recent' || w === 'future') {
      // Adjectives count only before a time-ish or state noun; skip "current account", "future tense".
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (/^\s+(?:account|affairs|events|and|or|tense|generations?|plans?|president|government|crisis|situation|leader|members?|policy|law|system|rules?|price|prices|rate|rates)\b/i.test(after)) return null;
      if (w === 'future' && !/^(?:the\s)?/i.test(m[0])) return null;
    }
    // "the future of our peoples", "the future looks bleak": a thing's fate, not a time.
    if (w === 'the future' && THE_FUTURE_NOUN.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return null;
    return cand(m, 'DATE', { k: 'ref', value: v }, 0);
  }));
  leadOf(pats, lex.ref.keys(), true);

  // 18. Holidays: "Christmas", "Thanksgiving Day", "New Year's Eve 1999".
  pats.push(mk(T.HOLIDAY, `${B}(?:(last|next|this)\\s+)?(${R.HOLIDAY})(?:,?\\s+(\\d{4}))?${E}`, (m) => {
    const name = m[2]!.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
    if (!isUpper(m[2]!)) return null;
    const md = lex.holiday.get(name);
    if (!md) return null;
    return cand(m, 'DATE', { k: 'holiday', md, y: m[3] ? +m[3] : null, dir: dirOf(m[1]) }, 2);
  }));
  leadOf(pats, ['last', 'next', 'this']);

  // 19. Anaphoric days: "the day before", "the day after", "that day".
  pats.push(mk(T.ANAPH, `${B}the\\s+(day|night|week|month|year)\\s+(before|after|earlier|later)${E}(?!\\s+(?!(?:it|he|she|they|we|i|you|there)\\b)[\\p{L}\\d])`, (m) => {
    const u = m[1]!.toLowerCase();
    const unit: Gran = u === 'week' ? 'W' : u === 'month' ? 'M' : u === 'year' ? 'Y' : 'D';
    const off = /before|earlier/i.test(m[2]!) ? -1 : 1;
    return cand(m, 'DATE', { k: 'anaph', unit, off, part: u === 'night' ? 'NI' : null }, 2);
  }));
  leadOf(pats, ['the'], true);

  return pats;
}

function durValue(n: number, u: string): string {
  const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));
  if (!Number.isInteger(n)) {
    // "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M, "a day and a half" = P1DT12H.
    const whole = Math.floor(n);
    if (u === 'Y') return whole ? `P${whole}Y${num((n - whole) * 12)}M` : `P${num(n * 12)}M`;
    if (u === 'H') return whole ? `PT${whole}H${num((n - whole) * 60)}M` : `PT${num(n * 60)}M`;
    if (u === 'D') return whole ? `P${whole}DT${num((n - whole) * 24)}H` : `PT${num(n * 24)}H`;
    if (u === 'W') return `P${num(n * 7)}D`;
    if (u === 'MIN') return `PT${Math.floor(n)}M${num((n - Math.floor(n)) * 60)}S`;
  }
  switch (u) {
    case 'S': return `PT${num(n)}S`;
    case 'MIN': return `PT${num(n)}M`;
    case 'H': return `PT${num(n)}H`;
    case 'DE': return `P${num(n * 10)}Y`;
    case 'CE': return `P${num(n * 100)}Y`;
    case 'ML': return `P${num(n * 1000)}Y`;
    default: return `P${num(n)}${u}`;
  }
}

function vagueDur(u: string): string {
  switch (u) {
    case 'S': return 'PTXS';
    case 'MIN': return 'PTXM';
    case 'H': return 'PTXH';
    case 'DE': return 'PXDE';
    case 'CE': return 'PXCE';
    case 'ML': return 'PXML';
    default: return `PX${u}`;
  }
}

/** All candidates from every pattern, then the longest non-overlapping ones, left to right. */
/** The token fields the tagger needs. */
export interface TokenLike {
  start: number;
  end: number;
  lower: string;
  kind: string;
}

export interface PatternSet {
  patterns: Pattern[];
  /** Word → indexes of the patterns it triggers. */
  byWord: Map<string, number[]>;
  /** Patterns triggered by number shapes. */
  numeric: number[];
  /**
   * A bit per (length, first letter, last letter) of the trigger words: most tokens are not triggers,
   * and one bit in an 8 kB table says so without probing the word map (which is cold in a pipeline).
   */
  gate: Uint8Array;
  /** A compound link after a match ("-to-" in "quarter-to-quarter"): the match is dropped. */
  compound: RegExp;
  /** The gate of every pattern's lead words together (see gate). */
  leadGate: Uint8Array;
}

/** The gate bit of a word (see PatternSet.gate); any collision only costs a map lookup. */
function gateBit(w: string): number {
  const n = w.length;
  return n === 0 ? 0 : ((n & 15) << 12) | ((w.charCodeAt(0) & 63) << 6) | (w.charCodeAt(n - 1) & 63);
}
/** gateHas for w.slice(s, e), without cutting it out. */
function gateHasRange(gate: Uint8Array, w: string, s: number, e: number): boolean {
  const n = e - s;
  const b = ((n & 15) << 12) | ((w.charCodeAt(s) & 63) << 6) | (w.charCodeAt(e - 1) & 63);
  return (gate[b >> 3]! & (1 << (b & 7))) !== 0;
}
const gateHas = (gate: Uint8Array, w: string): boolean => {
  const b = gateBit(w);
  return (gate[b >> 3]! & (1 << (b & 7))) !== 0;
};

export function indexPatterns(patterns: Pattern[], lex?: TimeLexicon): PatternSet {
  const byWord = new Map<string, number[]>();
  const numeric: number[] = [];
  patterns.forEach((p, i) => {
    for (const w of p.trig.words ?? []) {
      const list = byWord.get(w) ?? [];
      if (!list.includes(i)) list.push(i);
      byWord.set(w, list);
    }
    if (p.trig.num) numeric.push(i);
  });
  const gate = new Uint8Array(8192);
  for (const w of byWord.keys()) { const bit = gateBit(w); gate[bit >> 3]! |= 1 << (bit & 7); }
  const compound = new RegExp(`^-(?:${altOf(lex?.file.compoundLinks)})-`, 'i');
  const leadGate = new Uint8Array(8192);
  for (const p of patterns) for (const w of p.lead ?? []) { const bit = gateBit(w); leadGate[bit >> 3]! |= 1 << (bit & 7); }
  return { patterns, byWord, numeric, gate, compound, leadGate };
}

const OR_SO = /^\s+or\s+so(?![\p{L}\p{N}])/iu;
/** Before the second count of a range: "two to ", "12 to ", "the next 12 to ", "5-". */
const RANGE_PRE = /(?<![\p{L}\p{N}])((?:the\s+)?(?:next|past|last|coming|first)\s+)?(\d+|[a-z]+(?:-[a-z]+)?)(?:\s+to\s+|\s*[-–]\s*)$/iu;

// Scratch buffers for findCandidates (synchronous, so one set serves every call).
let START = new Int32Array(1024);
let START_TOK = new Int32Array(1024);
let FIRST = new Int32Array(512);
let TRIED = new Int32Array(64);
let HYPH = new Uint8Array(512);
function growStarts(): void {
  const a = new Int32Array(START.length * 2);
  a.set(START);
  START = a;
  const b = new Int32Array(START_TOK.length * 2);
  b.set(START_TOK);
  START_TOK = b;
}

/** All candidates from every pattern, then the longest non-overlapping ones, left to right. */
export function findCandidates(set: PatternSet, text: string, tokens: TokenLike[]): Candidate[] {
  const all: Candidate[] = [];
  const { patterns } = set;
  // Where a match may start: token starts, and just after a hyphen inside a token ("late-November").
  // Kept in scratch buffers reused from call to call: a document allocates none of them.
  let n = 0;
  if (FIRST.length < tokens.length + 1) FIRST = new Int32Array(2 * tokens.length + 2);
  // Which tokens hold a hyphen, from one scan of the text (cheaper than asking every token).
  if (HYPH.length < tokens.length) HYPH = new Uint8Array(2 * tokens.length);
  const hyph = HYPH;
  hyph.fill(0, 0, tokens.length);
  for (let h = text.indexOf('-'), ti = 0; h >= 0 && ti < tokens.length; h = text.indexOf('-', h + 1)) {
    while (ti < tokens.length && tokens[ti]!.end <= h) ti++;
    if (ti < tokens.length && tokens[ti]!.start <= h) hyph[ti] = 1;
  }
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    FIRST[ti] = n;
    if (n + 1 >= START.length) growStarts();
    START[n] = tok.start;
    START_TOK[n++] = ti;
    if (hyph[ti] === 1 && tok.kind !== 'punct') {
      for (let j = tok.lower.indexOf('-'); j >= 0; j = tok.lower.indexOf('-', j + 1)) {
        if (j + 1 < tok.lower.length) {
          if (n + 1 >= START.length) growStarts();
          START[n] = tok.start + j + 1;
          START_TOK[n++] = -1; // inside a token: always tried
        }
      }
    }
  }
  FIRST[tokens.length] = n;
  if (TRIED.length < patterns.length) TRIED = new Int32Array(patterns.length);
  TRIED.fill(-1, 0, patterns.length);
  const starts = START, startTok = START_TOK, firstStart = FIRST, tried = TRIED;
  const fire = (pi: number, ti: number) => {
    const p = patterns[pi]!;
    if (p.follow && hyph[ti] === 0) {
      p.follow.lastIndex = tokens[ti]!.end;
      if (p.follow.test(text) === p.followNot) return;
    }
    if (p.before && hyph[ti] === 0) {
      let j = ti - 1;
      if (tokens[j]?.lower === '-') j--;
      const b = tokens[j];
      if (!b) return;
      if (b.kind !== 'number') {
        const h = b.lower.lastIndexOf('-');
        if (!p.before.has(h >= 0 ? b.lower.slice(h + 1) : b.lower)) return;
      }
    }
    const lastK = firstStart[ti + 1]! - 1;
    const own = firstStart[ti]!;
    const lead = p.lead;
    for (let k = Math.max(firstStart[Math.max(ti - p.back, 0)]!, tried[pi]! + 1); k <= lastK; k++) {
      // Before its trigger, a match can only open with one of the pattern's lead words.
      if (lead && (k < own || p.leadStrict) && startTok[k]! >= 0) {
        const tok = tokens[startTok[k]!]!;
        if (tok.kind === 'number') {
          if (!lead.has(NUMLEAD)) continue;
        } else {
          const key = tokenLeadKey(tok.lower);
          if (!gateHas(set.leadGate, key) || !lead.has(key)) continue;
        }
      }
      p.re.lastIndex = starts[k]!;
      const m = p.re.exec(text);
      if (!m || m[0].length === 0) continue;
      const c = p.fn(m, text);
      if (!c) continue;
      // The first half of a compound such as "quarter-to-quarter" or "year-on-year" is not a time.
      if (text.charCodeAt(c.end) === 45 && set.compound.test(text.slice(c.end, c.end + 8))) continue;
      while (c.end > c.start && SPACE.test(text[c.end - 1]!)) c.end--;
      // A sentence's full stop after a full word ("22 March.") is not part of the span; "Sept." and "a.m." keep theirs.
      // Nor after "July", "June" or a run-together "3am" / "11.30pm".
      if (text[c.end - 1] === '.' && WORD_STOP.test(text.slice(Math.max(c.start, c.end - 12), c.end))) c.end--;
      // An adjectival timex ("the two-week trip", "the third-quarter loss") leaves the determiner out.
      const det = ADJ_DET.exec(text.slice(c.start, c.end));
      if (det && LETTER_NEXT.test(text.slice(c.end, c.end + 3)) && c.type !== 'SET') c.start += det[0].length;
      // "the next year or so", "a week or so": the hedge belongs to the expression (TimeBank tags it inside).
      if ((c.spec.k === 'rel' || c.spec.k === 'dur' || c.spec.k === 'shift') && c.type !== 'SET') {
        const so = OR_SO.exec(text.slice(c.end, c.end + 12));
        if (so) c.end += so[0].length;
      }
      if (c.end > c.start) all.push(c);
    }
    if (lastK > tried[pi]!) tried[pi] = lastK;
  };
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    if (tok.kind === 'punct' || tok.kind === 'symbol') continue;
    const lw = tok.lower;
    const hit = gateHas(set.gate, lw) ? set.byWord.get(lw) : undefined;
    if (hit) for (const pi of hit) fire(pi, ti);
    if (hyph[ti] === 1) {
      // Each part between hyphens, gated before it is cut out of the token.
      for (let s0 = 0; s0 <= lw.length;) {
        let e0 = lw.indexOf('-', s0);
        if (e0 < 0) e0 = lw.length;
        if (e0 > s0 && gateHasRange(set.gate, lw, s0, e0)) {
          const h = set.byWord.get(lw.slice(s0, e0));
          if (h) for (const pi of h) fire(pi, ti);
        }
        s0 = e0 + 1;
      }
    }
    if (tok.kind === 'number') {
      for (const pi of set.numeric) if (patterns[pi]!.trig.num!.test(lw)) fire(pi, ti);
    }
  }
  // Drop anything inside a URL or e-mail address.
  const urls: [number, number][] = [];
  const urlRe = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/gi;
  let u: RegExpExecArray | null;
  if (text.includes('://') || text.includes('www.') || text.includes('@')) {
    while ((u = urlRe.exec(text)) !== null) urls.push([u.index, u.index + u[0].length]);
  }
  const kept = urls.length ? all.filter((c) => !urls.some(([s, e]) => c.start < e && s < c.end)) : all;
  kept.sort((a, b) => (b.end - b.start) - (a.end - a.start) || b.prio - a.prio || a.start - b.start);
  const out: Candidate[] = [];
  const taken: [number, number][] = [];
  for (const c of kept) {
    if (taken.some(([s, e]) => c.start < e && s < c.end)) continue;
    taken.push([c.start, c.end]);
    out.push(c);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resolution

/** A resolved calendar point with a granularity. */
export interface Point {
  p: Ymd;
  g: Gran;
}

export type Tense = 'past' | 'future' | null;

export interface ResolveCtx {
  /** Base date (publication or speech date), or null. */
  base: Ymd | null;
  tense: Tense;
  /** The previous resolved point in the text, or null. */
  prev: Point | null;
  /** The previous day-precise point in the text ("the next morning" after "in 2009, … on March 3"). */
  prevDay?: Point | null;
  /** For a clock time with no day of its own: the nearby day the text is talking about, if any. */
  clockDay?: Point | null;
}

export interface Resolved {
  value: string | null;
  anchor: TimeAnchor;
  point: Point | null;
}

export function fmtPoint(pt: Point): string {
  const { p, g } = pt;
  switch (g) {
    case 'Y': return fmtYear(p.y);
    case 'Q': return `${fmtYear(p.y)}-Q${Math.floor((p.m - 1) / 3) + 1}`;
    case 'M': return fmtMonth(p.y, p.m);
    case 'W': return fmtWeek(p);
    case 'D': return fmtDay(p);
    case 'DE': return fmtYear(p.y).slice(0, 3);
    case 'CE': return fmtYear(p.y).slice(0, 2);
  }
}

function shift(p: Ymd, n: number, unit: Gran): Ymd {
  switch (unit) {
    case 'D': return addDays(p, n);
    case 'W': return addDays(p, 7 * n);
    case 'M': return addMonths(p, n);
    case 'Q': return addMonths(p, 3 * n);
    case 'Y': return addMonths(p, 12 * n);
    case 'DE': return addMonths(p, 120 * n);
    case 'CE': return addMonths(p, 1200 * n);
  }
}

const GRAN_RANK: Record<Gran, number> = { D: 0, W: 1, M: 2, Q: 3, Y: 4, DE: 5, CE: 6 };
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function monthYear(base: Ymd, m: number, dir: Dir, tense: Tense): number {
  if (dir === 'this') return base.y;
  if (dir === 'last') return m < base.m ? base.y : base.y - 1;
  if (dir === 'next') return m > base.m ? base.y : base.y + 1;
  if (tense === 'future') return m >= base.m ? base.y : base.y + 1;
  if (tense === null && m > base.m && m - base.m <= 2) return base.y;
  if (tense === null && m < base.m && m + 12 - base.m <= 2) return base.y + 1;
  return m <= base.m ? base.y : base.y - 1;
}

/** A resolved value with no point ("P3Y", "PAST_REF", or nothing). */
function none(value: string | null): Resolved {
  return { value, anchor: 'none', point: null };
}
/** A resolved point, written with its granularity (and a part-of-day or clock suffix). */
function at(pt: Point, anchor: TimeAnchor, suffix = ''): Resolved {
  return { value: fmtPoint(pt) + suffix, anchor, point: pt };
}

/** Resolves one spec. `anchor` says what a relative value was resolved against. */
export function resolveSpec(spec: Spec, ctx: ResolveCtx, baseAnchor: TimeAnchor): Resolved {
  const base = ctx.base;
  switch (spec.k) {
    case 'abs': {
      const v = spec.value;
      let point: Point | null = null;
      if (v) {
        const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
        const mo = /^(\d{4})-(\d{2})$/.exec(v);
        const y = /^(\d{4})$/.exec(v);
        if (d) point = { p: { y: +d[1]!, m: +d[2]!, d: +d[3]! }, g: 'D' };
        else if (mo) point = { p: { y: +mo[1]!, m: +mo[2]!, d: 1 }, g: 'M' };
        else if (y) point = { p: { y: +y[1]!, m: 1, d: 1 }, g: 'Y' };
      }
      return { value: v, anchor: 'none', point };
    }
    case 'dur':
    case 'ref':
      return none(spec.value);
    case 'md': {
      if (spec.y !== null) {
        if (!valid(spec.y, spec.m, spec.d)) return none(null);
        return at({ p: { y: spec.y, m: spec.m, d: spec.d }, g: 'D' }, 'none');
      }
      if (!base) return none(spec.d <= 31 ? `XXXX-${pad(spec.m)}-${pad(spec.d)}` : null);
      const cands = [base.y - 1, base.y, base.y + 1]
        .filter((y) => valid(y, spec.m, spec.d))
        .map((y) => ({ y, m: spec.m, d: spec.d }));
      if (!cands.length) return none(null);
      const dist = (p: Ymd) => (p.y - base.y) * 372 + (p.m - base.m) * 31 + (p.d - base.d);
      // The nearest such date, unless the tense points the other way: a past verb by more than ~6 weeks
      // ("the fiscal year ended Jan. 31" in an October paper), a future one by more than ~3 months.
      let best = cands.reduce((a, b) => (Math.abs(dist(b)) < Math.abs(dist(a)) ? b : a));
      if (spec.hard) {
        best = cands.find((p) => p.y === base.y) ?? best;
        if (ctx.tense === 'past') best = [...cands].reverse().find((p) => dist(p) <= 0) ?? best;
        if (ctx.tense === 'future') best = cands.find((p) => dist(p) >= 0) ?? best;
        return at({ p: best, g: 'D' }, baseAnchor);
      }
      if (ctx.tense === 'past' && dist(best) > 45) best = [...cands].reverse().find((p) => dist(p) <= 1) ?? best;
      if (ctx.tense === 'future' && dist(best) < -93) best = cands.find((p) => dist(p) >= 0) ?? best;
      return at({ p: best, g: 'D' }, baseAnchor);
    }
    case 'month': {
      if (!base) return none(`XXXX-${pad(spec.m)}`);
      return at({ p: { y: monthYear(base, spec.m, spec.dir, ctx.tense), m: spec.m, d: 1 }, g: 'M' }, baseAnchor);
    }
    case 'monthY': {
      if (!base) return none(`XXXX-${pad(spec.m)}`);
      return at({ p: { y: base.y + spec.yOff, m: spec.m, d: 1 }, g: 'M' }, baseAnchor);
    }
    case 'wd': {
      const suffix = spec.part ? `T${spec.part}` : '';
      if (spec.rel && ctx.prevDay) {
        // "down 4.5% from the previous Friday" after a Friday: the one before that day, not before publication.
        const from = ctx.prevDay.p;
        const fw = weekday(from);
        const p = spec.dir === 'last' ? addDays(from, -(((fw - spec.wd + 6) % 7) + 1)) : addDays(from, ((spec.wd - fw + 6) % 7) + 1);
        return at({ p, g: 'D' }, 'previous', suffix);
      }
      if (!base) return none(`XXXX-WXX-${spec.wd}${suffix}`);
      const bw = weekday(base);
      let p: Ymd;
      // The publication day's own weekday, with no "last"/"next", is that day ("said Friday" in Friday's paper).
      if (spec.dir === null && spec.wd === bw) p = base;
      else if (spec.dir === 'this') p = addDays(base, spec.wd - bw);
      else if (spec.dir === 'last') p = addDays(base, -(((bw - spec.wd + 6) % 7) + 1));
      else if (spec.dir === 'next' || ctx.tense === 'future') p = addDays(base, ((spec.wd - bw + 6) % 7) + 1);
      else if (ctx.tense === null && ((spec.wd - bw + 7) % 7 === 1 || (spec.wd - bw + 7) % 7 === 2)) p = addDays(base, (spec.wd - bw + 7) % 7);
      else p = addDays(base, -((bw - spec.wd + 7) % 7));
      return at({ p, g: 'D' }, baseAnchor, suffix);
    }
    case 'day': {
      if (!base) return none(null);
      return at({ p: addDays(base, spec.off), g: 'D' }, baseAnchor, spec.part ? `T${spec.part}` : '');
    }
    case 'rel': {
      if (!base) return none(null);
      if (spec.unit === 'WE') {
        // "the weekend" early in the week, in the past tense, is the one just gone.
        const back = spec.off === 0 && ctx.tense !== 'future' && weekday(base) <= 3 ? -1 : 0;
        const p = shift(base, spec.off + back, 'W');
        return { value: `${fmtWeek(p)}-WE`, anchor: baseAnchor, point: { p, g: 'W' } };
      }
      return at({ p: shift(base, spec.off, spec.unit), g: spec.unit }, baseAnchor);
    }
    case 'season': {
      if (spec.y !== null) return none(`${fmtYear(spec.y)}-${spec.s}`);
      if (!base) return none(`XXXX-${spec.s}`);
      const start = SEASON_START[spec.s] ?? 1;
      let y = base.y;
      if (spec.dir === 'last') y = start < base.m ? base.y : base.y - 1;
      else if (spec.dir === 'next') y = start > base.m ? base.y : base.y + 1;
      // "this winter" in February is the winter that began in December (TimeML dates winter by its December).
      else if (spec.dir === 'this' || spec.dir === 'the') y = spec.s === 'WI' && base.m <= 3 && ctx.tense !== 'future' ? base.y - 1 : base.y;
      // "the law was passed in the fall" (said in March): a season not yet begun this year is last year's.
      else y = ctx.tense === 'future' ? (start >= base.m ? base.y : base.y + 1) : start <= base.m ? base.y : base.y - 1;
      if (spec.dir === 'the' && ctx.tense === 'past' && spec.s !== 'WI' && start > base.m) y = base.y - 1;
      return { value: `${fmtYear(y)}-${spec.s}`, anchor: baseAnchor, point: { p: { y, m: start, d: 1 }, g: 'Y' } };
    }
    case 'quarter': {
      let y: number | null = spec.y;
      let relY = false;
      if (y !== null && y < 0) { relY = true; y = base ? base.y + (y + 10000) : null; }
      if (y === null && !base) return none(spec.q ? `XXXX-${spec.half ? 'H' : 'Q'}${spec.q}` : null);
      if (spec.half) {
        const hy = y ?? base!.y;
        const h = spec.q ?? (base ? (base.m <= 6 ? 1 : 2) : 1);
        return { value: `${fmtYear(hy)}-H${h}`, anchor: spec.y !== null && !relY ? 'none' : baseAnchor, point: { p: { y: hy, m: h === 1 ? 1 : 7, d: 1 }, g: 'Y' } };
      }
      let p: Ymd;
      if (y !== null && spec.q !== null) p = { y, m: (spec.q - 1) * 3 + 1, d: 1 };
      else if (spec.q !== null) {
        // The latest quarter with that number that has begun by the base date.
        const qm = (spec.q - 1) * 3 + 1;
        p = { y: qm <= base!.m ? base!.y : base!.y - 1, m: qm, d: 1 };
        // …unless the words look ahead ("sales will rise in the third quarter"): the next one to begin.
        if (ctx.tense === 'future' && !spec.off && qm > base!.m) p = { y: base!.y, m: qm, d: 1 };
        if (spec.off) p = shift(p, spec.off * 4, 'Q');
      } else {
        // "this/the current quarter" is the current one; "the quarter", "the latest quarter", "the
        // year-ago quarter" in the first two months of a quarter mean the one just reported (ended).
        const b = base!;
        const cur = { y: b.y, m: Math.floor((b.m - 1) / 3) * 3 + 1, d: 1 };
        p = shift(cur, spec.off, 'Q');
        // "the latest quarter" and "the year-ago quarter" are always one that has ended.
        if (spec.off === 0 && !spec.current && ((b.m - 1) % 3 <= 1 || spec.yearAgo || spec.latest)) p = shift(cur, -1, 'Q');
      }
      // "the 1988 quarter": the quarter in question (the previous one named, else the one just reported) in that year.
      if (y !== null && spec.q === null && !relY) p = { y, m: ctx.prev?.g === 'Q' ? ctx.prev.p.m : p.m, d: 1 };
      if (spec.yearAgo) p = shift(p, -1, 'Y');
      return at({ p, g: 'Q' }, spec.y !== null && !relY && !spec.yearAgo ? 'none' : baseAnchor);
    }
    case 'shift': {
      if (spec.from === 'dct' && ctx.prev?.g === 'Q' && spec.unit === 'Y' && Math.abs(spec.n) === 1) {
        // "a year ago" next to a quarter compares that quarter with the same one a year before
        // (counted from the publication year, so that a second "a year ago" does not go back twice).
        const py = base && ctx.prev.p.y < base.y ? base.y + spec.n : ctx.prev.p.y + spec.n;
        return at({ p: { y: py, m: ctx.prev.p.m, d: 1 }, g: 'Q' }, 'previous');
      }
      if (spec.from === 'prev' && ctx.prev?.g === 'Q' && spec.unit === 'Y' && spec.n === -1 && base && ctx.prev.p.y < base.y) {
        // "a year earlier" after a year-ago quarter is still that comparison, not one more year back.
        return at({ p: { y: base.y - 1, m: ctx.prev.p.m, d: 1 }, g: 'Q' }, 'previous');
      }
      const from = spec.from === 'prev' && ctx.prev ? ctx.prev : base ? { p: base, g: 'D' as Gran } : null;
      if (!from) return none(null);
      const anchor: TimeAnchor = spec.from === 'prev' && ctx.prev ? 'previous' : baseAnchor;
      const g: Gran = spec.from === 'prev' && from.g === 'Q' && spec.unit === 'Y'
        ? 'Q'
        : GRAN_RANK[from.g] > GRAN_RANK[spec.unit] ? from.g : spec.unit;
      return at({ p: shift(from.p, spec.n, spec.unit), g }, anchor);
    }
    case 'anaph': {
      let from = ctx.prev ?? (base ? { p: base, g: 'D' as Gran } : null);
      if (from && ctx.prevDay && GRAN_RANK[from.g] > GRAN_RANK[spec.unit]) from = ctx.prevDay;
      if (!from) return none(null);
      const anchor: TimeAnchor = ctx.prev ? 'previous' : baseAnchor;
      if (GRAN_RANK[from.g] > GRAN_RANK[spec.unit]) return { value: null, anchor, point: null };
      return at({ p: shift(from.p, spec.off, spec.unit), g: spec.unit }, anchor, spec.part ? `T${spec.part}` : '');
    }
    case 'clock': {
      const hh = `T${pad(spec.h)}:${pad(spec.mi)}`;
      if (spec.day) {
        const r = resolveSpec(spec.day, { ...ctx, tense: ctx.tense }, baseAnchor);
        if (!r.value || !r.point) return { value: r.value ? r.value.replace(/T.*$/, '') + hh : null, anchor: r.anchor, point: r.point };
        return { value: fmtDay(r.point.p) + hh, anchor: r.anchor, point: r.point };
      }
      // A clock time with no day of its own is on the day the text is talking about: a nearby
      // day-precise time if there is one, else the publication day.
      if (ctx.clockDay) return at({ p: ctx.clockDay.p, g: 'D' }, 'previous', hh);
      if (!base) return none(`XXXX-XX-XX${hh}`);
      return at({ p: base, g: 'D' }, baseAnchor, hh);
    }
    case 'holiday': {
      // "MM-DD", "MM-WDn" (n-th weekday; L = last), either with "+k" days ("11-TH4+1": Black Friday),
      // or "EA+k" / "EA-k": k days from Western Easter Sunday.
      const ea = /^EA([+-]\d+)?$/.exec(spec.md);
      const [ms, dsk] = (ea ? ['04', 'EA'] : spec.md.split('-')) as [string, string];
      const [ds, plus] = dsk.split('+') as [string, string | undefined];
      const m = +ms;
      const dayOf = (y: number): Ymd => {
        if (ea) return addDays(easter(y), +(ea[1] ?? 0));
        if (plus) return addDays(nthWeekday(y, m, { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 }[ds.slice(0, 2)] ?? 1, ds.slice(2) === 'L' ? -1 : +ds.slice(2)), +plus);
        const fixed = /^\d+$/.test(ds);
        if (fixed) return { y, m, d: Math.min(+ds, daysInMonth(y, m)) };
        const wdCode = ds.slice(0, 2);
        const nth = ds.slice(2) === 'L' ? -1 : +ds.slice(2);
        const wd = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 }[wdCode] ?? 1;
        return nthWeekday(y, m, wd, nth);
      };
      if (spec.y !== null) return at({ p: dayOf(spec.y), g: 'D' }, 'none');
      if (!base) return none(/^\d+$/.test(ds) ? `XXXX-${ms}-${ds}` : null);
      const y = monthYear(base, m, spec.dir, ctx.tense);
      return at({ p: dayOf(y), g: 'D' }, baseAnchor);
    }
  }
}
