/** The time stage's word lists (data/time/lexicon.json) compiled into lookups and regex fragments. */

export interface TimeLexiconFile {
  months: Record<string, number>;
  monthTypos: Record<string, number>;
  weekdays: Record<string, number>;
  weekdayAbbrevNeedPeriod: string[];
  numbers: Record<string, number>;
  vagueNumbers: string[];
  ordinals: Record<string, number>;
  units: Record<string, string>;
  seasons: Record<string, string>;
  partsOfDay: Record<string, string>;
  holidays: Record<string, string>;
  refs: Record<string, string | null>;
  sets: Record<string, string>;
  quantityModifiers: string[];
  /** Approximators kept inside an expression's extent ("almost two years ago", "around 7:15 p.m."). */
  approxModifiers?: string[];
  pointModifiers: string[];
  /** Words that mark the future when they govern an expression (will, 'll, plans…). */
  futureCues: string[];
  /** Future cues that only count before "to" (plans to, expected to, set to). */
  futureCuesNeedTo: string[];
  /** Verbs and adjectives that, before "to" + verb, point to the future ("decided to admit"). */
  catenatives: string[];
  /** Present-tense verbs that, governing a date, announce a scheduled event ("the Senate votes Monday"). Multi-word entries match on their last word. */
  scheduledPresent?: string[];
  /** Past-tense forms that are not regular -ed forms (said, met, began…). */
  pastCues: string[];
  /** Dates that name an event when the next word says so ("the Sept. 11 attacks" = 2001-09-11). */
  eventDates?: { month: number; day: number; year: number; nextWords: string[] }[];
  /** Words after a bare four-digit number that show it is a count, not a year. */
  notYearAfter: string[];
  /** Links of a compound whose first half is not a time: "quarter-to-quarter", "year-on-year". */
  compoundLinks?: string[];
  /** Words after "the future" that make it a thing's fate, not a time ("the future of", "the future looks"). */
  futureNounAfter?: string[];
  /** Words after which a bare plural unit is a duration ("for years", "follows months of talks"). */
  bareUnitAfter?: string[];
}

export interface TimeLexicon {
  file: TimeLexiconFile;
  month: Map<string, number>;
  monthOrTypo: Map<string, number>;
  weekday: Map<string, number>;
  number: Map<string, number>;
  vague: Set<string>;
  ordinal: Map<string, number>;
  unit: Map<string, string>;
  season: Map<string, string>;
  part: Map<string, string>;
  holiday: Map<string, string>;
  ref: Map<string, string | null>;
  set: Map<string, string>;
  future: Set<string>;
  /** Last word of a scheduled-present phrase → the words that must precede it (each split into words; [] for none). */
  scheduled: Map<string, string[][]>;
  futureNeedTo: Set<string>;
  catenative: Set<string>;
  past: Set<string>;
  notYearAfter: Set<string>;
  re: {
    MON: string; MONT: string; WD: string; NUM: string; VAGUE: string; ORD: string; UNIT: string; SEASON: string;
    PART: string; HOLIDAY: string; REF: string; SETW: string; QMOD: string; APPROX: string;
  };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Alternation, longest first, with spaces matching any run of whitespace and hyphens optional-space. */
export function alt(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => esc(w).replace(/ /g, '\\s+').replace(/['’]/g, "['’]"))
    .join('|');
}

const lowerMap = <T>(o: Record<string, T>) => new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

export function compileLexicon(f: TimeLexiconFile): TimeLexicon {
  const month = lowerMap(f.months);
  const monthOrTypo = new Map([...month, ...lowerMap(f.monthTypos)]);
  const weekday = lowerMap(f.weekdays);
  const needPeriod = new Set(f.weekdayAbbrevNeedPeriod);
  const number = lowerMap(f.numbers);
  const units = lowerMap(f.units);
  const wdWords = [...weekday.keys()].map((w) => (needPeriod.has(w) ? `${esc(w)}\\.` : w.length <= 5 && !w.endsWith('day') ? `${esc(w)}\\.?` : esc(w)));
  const monWords = (m: Map<string, number>) => [...m.keys()].filter((k) => k.length > 3 || k === 'may').map(esc)
    .concat([...m.keys()].filter((k) => k.length <= 3 && k !== 'may').map((k) => `${esc(k)}\\.?`));
  const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const ones = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const NUMW = `(?:${tens.join('|')})(?:[-\\s](?:${ones.join('|')}))?|${alt([...number.keys()].filter((k) => !tens.includes(k)))}`;
  return {
    file: f,
    month,
    monthOrTypo,
    weekday,
    number,
    vague: new Set(f.vagueNumbers.map((s) => s.toLowerCase())),
    ordinal: lowerMap(f.ordinals),
    unit: units,
    season: lowerMap(f.seasons),
    part: lowerMap(f.partsOfDay),
    holiday: lowerMap(f.holidays),
    ref: lowerMap(f.refs),
    set: lowerMap(f.sets),
    future: new Set(f.futureCues.map((s) => s.toLowerCase())),
    scheduled: (() => {
      const m = new Map<string, string[][]>();
      for (const e of f.scheduledPresent ?? []) {
        const ws = e.toLowerCase().split(/\s+/);
        const last = ws.pop()!;
        m.set(last, [...(m.get(last) ?? []), ws]);
      }
      return m;
    })(),
    futureNeedTo: new Set((f.futureCuesNeedTo ?? []).map((s) => s.toLowerCase())),
    catenative: new Set((f.catenatives ?? []).map((s) => s.toLowerCase())),
    past: new Set(f.pastCues.map((s) => s.toLowerCase())),
    notYearAfter: new Set(f.notYearAfter.map((s) => s.toLowerCase())),
    re: {
      MON: `(?:${monWords(month).sort((a, b) => b.length - a.length).join('|')})`,
      MONT: `(?:${monWords(monthOrTypo).sort((a, b) => b.length - a.length).join('|')})`,
      WD: `(?:${wdWords.sort((a, b) => b.length - a.length).join('|')})`,
      NUM: `(?:\\d+(?:\\.\\d+)?|${NUMW})`,
      VAGUE: `(?:${alt(f.vagueNumbers)})`,
      ORD: `(?:${alt(Object.keys(f.ordinals))}|\\d{1,2}(?:st|nd|rd|th))`,
      UNIT: `(?:${alt(units.keys())})`,
      SEASON: `(?:${alt(Object.keys(f.seasons))})`,
      PART: `(?:${alt(Object.keys(f.partsOfDay))})`,
      HOLIDAY: `(?:${alt(Object.keys(f.holidays))})`,
      REF: `(?:${alt(Object.keys(f.refs))})`,
      SETW: `(?:${alt(Object.keys(f.sets))})`,
      QMOD: `(?:${alt(f.quantityModifiers)})`,
      // "over" counts as an approximator only before "a"/"an" ("over a week", "just over an hour").
      APPROX: `(?:${alt(f.approxModifiers ?? [])}|over(?=\\s+an?\\s))`,
    },
  };
}

/** A number written in digits or words ("24", "twenty-four", "a", "a dozen"), or null. */
export function parseNumber(lex: TimeLexicon, s: string): number | null {
  const t = s.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const direct = lex.number.get(t);
  if (direct !== undefined) return direct;
  const m = /^([a-z]+)[-\s]([a-z]+)$/.exec(t);
  if (m) {
    const a = lex.number.get(m[1]!);
    const b = lex.number.get(m[2]!);
    if (a !== undefined && b !== undefined && a >= 20 && b < 10) return a + b;
  }
  return null;
}
