import type { Doc, Token } from '../document/document.js';
import type { Figure, FigureKind, FigureQualifier, Span } from '../types.js';
import WORDS from '../../data/figures/words.json' with { type: 'json' };

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const STARTS_CAPITALISED = /^\p{Lu}\p{Ll}/u;
const STARTS_UPPER = /^\p{Lu}/u;

type Phrase = string[];

/** What the figures stage needs, loaded once (see load.ts) and passed in. */
export interface FiguresResources {
  units: Map<string, number>;
  tens: Map<string, number>;
  scales: Map<string, number>;
  /** "dozens" → [24, 99]. */
  vague: Array<[Phrase, [number, number]]>;
  qualifiers: Array<[Phrase, Exclude<FigureQualifier, null>]>;
  /** Cues after the number ("1,000 people were killed") and before it ("killed 1,000 people"). */
  after: Array<[Phrase, FigureKind]>;
  before: Array<[Phrase, FigureKind]>;
  shotKilled: Phrase[];
  shotWounded: Phrase[];
  counted: Phrase[];
  /** Singular person nouns: "a man was shot and killed" counts 1. */
  persons: Set<string>;
  personAdjectives: Set<string>;
  cumulative: Phrase[];
  sourcePhrases: Phrase[];
  sourceNouns: Set<string>;
  /** Words that may stand between a count and its cue ("1,000 people were reportedly killed"). */
  between: Set<string>;
  /** The shooter's own death: "killing himself", "took his own life" (one killed; the reflexive is what is counted). */
  selfKilled: Phrase[];
  /** Nouns for two people: "a young couple". */
  pairs: Set<string>;
  /** Capitalised words after a cue that name a time, not a person: "killed Christmas Eve". */
  timeWords: Set<string>;
  /** Words after a number that make it no count of people: units, ages, times ("shot 3 times"). */
  notCountAfter: Set<string>;
  /** Words that may open an aside between a count and its cue. */
  asideStart: Set<string>;
  /** Words that can start a "shot" phrase (kinds.json `shot`). */
  shotStart: Set<string>;
  /** Adjectives that say what happened to the one person they describe: "an injured woman". */
  adjectiveKinds: Map<string, FigureKind>;
}

interface NumExpr {
  a: number; // first token (qualifier included)
  b: number; // last token
  value: number;
  min: number;
  max: number;
  qualifier: FigureQualifier;
}

/** Determiners after "of" that make a count a part of a group: "two of the victims". */
const PARTITIVE_DET = new Set<string>(WORDS.partitiveDet);
const OBJECTS = new Set<string>(WORDS.objects);
/** Objects that count one person after a cue: "killing him", "shot her", "killed his friend". */
const SINGLE_OBJECT = new Set<string>(WORDS.singleObject);
/** "The boy shot himself": the object is the subject, counted once (at the reflexive). */
const REFLEXIVES = new Set<string>(WORDS.reflexives);
/** Determiners that open one more person in a list: "a man and a woman", "his wife and another man". */
const CONJ_DET = new Set<string>(WORDS.conjDet);
/** What may open an aside between a count and its cue. */
const ASIDE_OPEN = new Set([',', '--', '—', '–', '(']);
const DASHES = new Set(['--', '—', '–']);
/** Kinds a named person after a cue can be counted as: "shot and killed John Smith", "arrested John Smith". */
const NAMED_OBJECT_KINDS = new Set<FigureKind>(['killed', 'wounded', 'kidnapped', 'arrested']);
/** After "4 shot": punctuation or a preposition makes "shot" the cue ("4 Shot, 2 Killed In …", "5 shot in …"). */
const HEADLINE_NEXT = /^([,.;:!?]|in|at|on|near|outside|inside|after|during|overnight|and|In|At|On|Near|Outside|Inside|After|During|Overnight|And)$/;
/** Before a bare age, words after which the age is not a person of its own ("a 6-year-old girl" is read at "a"). */
const BARE_AGE_BLOCK = new Set<string>(WORDS.bareAgeBlock);
/** Cues that tell the wounding itself (not a later condition): "four of them were shot" counts the shot. */
const WOUND_EVENT = new Set<string>(WORDS.woundEvent);
const PASSIVE_AUX = new Set<string>(WORDS.passiveAux);
const MONEY = new Set<string>(WORDS.money);
const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/;

// Phrase lists indexed by their first (0) or last (-1) word, built once per list (resources are loaded once).
const INDEX = [new WeakMap<object, Map<string, Array<[Phrase, unknown]>>>(), new WeakMap<object, Map<string, Array<[Phrase, unknown]>>>()];
function byWord<T>(list: Array<[Phrase, T]>, at: 0 | -1): Map<string, Array<[Phrase, T]>> {
  const cache = INDEX[at === 0 ? 0 : 1]!;
  let m = cache.get(list) as Map<string, Array<[Phrase, T]>> | undefined;
  if (!m) {
    m = new Map();
    for (const e of list) {
      const w = at === 0 ? e[0][0]! : e[0][e[0].length - 1]!;
      if (!m.has(w)) m.set(w, []);
      m.get(w)!.push(e);
    }
    cache.set(list, m as Map<string, Array<[Phrase, unknown]>>);
  }
  return m;
}
/** Words that can start a figure: number words, qualifiers, vague quantities, "a", "his", … (built once). */
const TRIGGERS = new WeakMap<FiguresResources, Set<string>>();
function triggers(res: FiguresResources): Set<string> {
  let t = TRIGGERS.get(res);
  if (!t) {
    t = new Set(['a', 'an', 'one', 'the', 'between', 'another', ...SINGLE_OBJECT, ...res.units.keys(), ...res.tens.keys()]);
    for (const [p] of res.qualifiers) t.add(p[0]!);
    for (const [p] of res.vague) t.add(p[0]!);
    TRIGGERS.set(res, t);
  }
  return t;
}
const COUNTED = new WeakMap<Phrase[], Array<[Phrase, boolean]>>();
function countedList(list: Phrase[]): Array<[Phrase, boolean]> {
  let l = COUNTED.get(list);
  if (!l) { l = list.map((p) => [p, true] as [Phrase, boolean]); COUNTED.set(list, l); }
  return l;
}

/** The figures stage: counts of killed, wounded, displaced, … with qualifier, what is counted and who says so. Pure. */
export function runFigures(doc: Doc, res: FiguresResources): void {
  doc.figures = new FigureFinder(doc, res).run();
}

class FigureFinder {
  private readonly toks: Token[];
  private readonly used: Uint8Array;
  /** Tokens that name or describe one person ("man", "17-year-old", "injured"). */
  private readonly personish: Uint8Array;

  /** Last token of a person's name (from the actors stage) → its first token. */
  private readonly nameEnds = new Map<number, number>();
  /** Token → the last token of the age it starts ("17-year-old", "17 year old"), or -1. */
  private readonly ages: Int32Array;
  /** First token of a person's name → its last token. */
  private readonly nameStarts = new Map<number, number>();

  constructor(private readonly doc: Doc, private readonly res: FiguresResources) {
    this.toks = doc.tokens;
    this.used = new Uint8Array(this.toks.length);
    this.personish = new Uint8Array(this.toks.length);
    for (let k = 0; k < this.toks.length; k++) {
      const w = this.toks[k]!.lower;
      if (this.res.persons.has(w) || w.endsWith('-old') || this.res.adjectiveKinds.has(w)) this.personish[k] = 1;
      if (w === 'old' && k > 0 && /(^|-)(year|month|week)s?$/.test(this.toks[k - 1]!.lower)) this.personish[k] = 1;
    }
    for (const m of doc.mentions) if (m.type === 'PERSON' && m.kind === 'name' && m.tokenEnd > m.tokenStart) this.nameStarts.set(m.tokenStart, m.tokenEnd - 1);
    this.ages = new Int32Array(this.toks.length).fill(-1);
    for (let k = 0; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      // Only digits, number words and "-year"/"-old" forms can start an age.
      if (t.kind === 'number' || t.lower.includes('-') || this.res.units.has(t.lower) || this.res.tens.has(t.lower)) this.ages[k] = this.computeAgeEnd(k);
    }
    for (const m of doc.mentions) if (m.type === 'PERSON' && m.kind === 'name' && m.tokenEnd > m.tokenStart) this.nameEnds.set(m.tokenEnd - 1, m.tokenStart);
  }

  run(): Figure[] {
    const out: Figure[] = [];
    for (const s of this.doc.sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        if (this.used[i]) continue;
        const f = this.figureAt(i, s.tokenStart, s.tokenEnd);
        if (f) {
          out.push(f.figure);
          for (let k = f.a; k <= f.b; k++) this.used[k] = 1;
          i = f.b;
        }
      }
    }
    return out.sort((x, y) => x.start - y.start);
  }

  private match(i: number, p: Phrase, hi: number): boolean {
    if (i + p.length > hi) return false;
    for (let n = 0; n < p.length; n++) if (this.toks[i + n]!.lower !== p[n]) return false;
    return true;
  }

  /** Longest phrase of `list` that starts at token i. */
  private phraseAt<T>(i: number, list: Array<[Phrase, T]>, hi: number): [number, T] | null {
    const t = this.toks[i];
    if (!t || i >= hi) return null;
    const cands = byWord(list, 0).get(t.lower);
    if (cands) for (const [p, v] of cands) if (this.match(i, p, hi)) return [p.length, v];
    return null;
  }

  /** Longest phrase of `list` that ends at token j. */
  private phraseEndingAt<T>(j: number, list: Array<[Phrase, T]>, lo: number): [number, T] | null {
    const t = this.toks[j];
    if (!t || j < lo) return null;
    const cands = byWord(list, -1).get(t.lower);
    if (cands) for (const [p, v] of cands) if (j - p.length + 1 >= lo && this.match(j - p.length + 1, p, j + 1)) return [p.length, v];
    return null;
  }

  /** Can a count start at token i? (A cheap test before the full parse.) */
  private mayStartNumber(i: number): boolean {
    const t = this.toks[i]!;
    if (t.kind === 'number') return true;
    if (t.kind !== 'word') return false;
    const w = t.lower;
    if (w === 'a' || w === 'an' || w === 'between' || this.res.units.has(w) || this.res.tens.has(w)) return true;
    if (byWord(this.res.qualifiers, 0).has(w) || byWord(this.res.vague, 0).has(w)) return true;
    const dash = w.indexOf('-');
    return dash > 0 && this.res.tens.has(w.slice(0, dash));
  }

  // ------------------------------------------------------------ numbers

  /** A plain number at token i (digits, words, "1.5 million", "a dozen"), as [value, last token]. */
  private plainNumber(i: number, hi: number): [number, number] | null {
    const t = this.toks[i];
    if (!t) return null;
    let value: number;
    let j = i;
    if (t.kind === 'number') {
      if (!/^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$/.test(t.text)) return null;
      value = Number(t.text.replace(/,/g, ''));
    } else if (t.lower === 'a' || t.lower === 'an') {
      const n = this.toks[i + 1];
      if (!n || i + 1 >= hi) return null;
      if (n.lower === 'dozen') return [12, i + 1];
      if (n.lower === 'hundred' || n.lower === 'thousand' || n.lower === 'million') return [this.res.scales.get(n.lower)!, i + 1];
      return null;
    } else {
      const w = this.wordNumber(i, hi);
      if (!w) return null;
      [value, j] = w;
    }
    // Scale words: "1.5 million", "two hundred thousand".
    while (j + 1 < hi) {
      const sc = this.res.scales.get(this.toks[j + 1]!.lower);
      if (sc === undefined || (sc < 1000 && t.kind === 'number' && this.toks[j + 1]!.lower !== 'hundred')) break;
      if (this.toks[j + 1]!.lower === 'k' || this.toks[j + 1]!.lower === 'm') { if (this.toks[j + 1]!.start !== this.toks[j]!.end) break; }
      value *= sc;
      j++;
    }
    if (!Number.isFinite(value)) return null;
    return [Math.round(value * 1000) / 1000, j];
  }

  /** "twenty-five", "three hundred and twelve", "eleven". */
  private wordNumber(i: number, hi: number): [number, number] | null {
    let total = 0, current = 0, j = i - 1, any = false;
    for (let k = i; k < hi; k++) {
      const w = this.toks[k]!.lower;
      const parts = w.split('-');
      if (parts.length === 2 && this.res.tens.has(parts[0]!) && this.res.units.has(parts[1]!)) {
        current += this.res.tens.get(parts[0]!)! + this.res.units.get(parts[1]!)!;
      } else if (this.res.units.has(w) && (w !== 'score' && w !== 'dozen' || any)) current += this.res.units.get(w)!;
      else if (this.res.tens.has(w)) current += this.res.tens.get(w)!;
      else if (any && w === 'hundred') current = (current || 1) * 100;
      else if (any && (w === 'thousand' || w === 'million' || w === 'billion')) { total += (current || 1) * this.res.scales.get(w)!; current = 0; }
      else if (any && w === 'and' && k + 1 < hi && (this.res.units.has(this.toks[k + 1]!.lower) || this.res.tens.has(this.toks[k + 1]!.lower.split('-')[0]!))) continue;
      else break;
      any = true;
      j = k;
    }
    return any ? [total + current, j] : null;
  }

  /** A count with its qualifier, range or vagueness, starting at token i. */
  private numberAt(i: number, hi: number): NumExpr | null {
    let a = i;
    let qualifier: FigureQualifier = null;
    const q = this.phraseAt(i, this.res.qualifiers, hi);
    let j = i;
    if (q) { qualifier = q[1]; j = i + q[0]; }
    // "between 10 and 20"
    if (this.toks[j]?.lower === 'between') {
      const x = this.plainNumber(j + 1, hi);
      if (x && this.toks[x[1] + 1]?.lower === 'and') {
        const y = this.plainNumber(x[1] + 2, hi);
        if (y && y[0] > x[0]) return { a, b: y[1], value: x[0], min: x[0], max: y[0], qualifier: 'range' };
      }
      return null;
    }
    const v = this.phraseAt(j, this.res.vague, hi);
    if (v) {
      let b = j + v[0] - 1;
      if (this.toks[b + 1]?.lower === 'of' && b + 2 < hi) b++;
      const [mn, mx] = v[1];
      return { a, b, value: mn, min: mn, max: mx, qualifier: qualifier ?? (mn === mx ? null : 'at_least') };
    }
    const x = this.plainNumber(j, hi);
    if (!x) return null;
    if (q && j === i && x[1] < i) return null;
    let [value, b] = x;
    let min = value, max = value;
    // Ranges: "10 to 15", "10-15", "10 or 12".
    const sep = this.toks[b + 1];
    if (sep && (sep.text === '-' || sep.text === '–' || sep.lower === 'to' || sep.lower === 'or') && b + 2 < hi) {
      const y = this.plainNumber(b + 2, hi);
      if (y && y[0] > value) { max = y[0]; b = y[1]; qualifier = 'range'; }
    }
    if (qualifier === 'at_least' || qualifier === 'more_than') max = qualifier === 'more_than' ? Math.max(value + 1, max) : max;
    if (qualifier === 'more_than') min = value + 1;
    if (qualifier === 'fewer_than') { max = value; min = 0; }
    if (qualifier === 'up_to') { max = value; min = 0; }
    if (qualifier === 'at_least') { min = value; max = value; }
    if (qualifier === 'more_than') max = min;
    if (qualifier === 'about') { min = value; max = value; }
    if (qualifier === 'range') { min = value; }
    if (qualifier && q === null) a = i;
    return { a, b, value, min: qualifier === 'more_than' || qualifier === 'fewer_than' || qualifier === 'up_to' ? min : min, max, qualifier };
  }

  /** Does the number stand for something other than a count of people (money, a year, an age, a time)? */
  private notACount(n: NumExpr, lo: number): boolean {
    const prev = this.toks[n.a - 1];
    const next = this.toks[n.b + 1];
    if (prev && MONEY.has(prev.lower)) return true;
    if (prev && prev.text === ':' && this.toks[n.a - 2]?.kind === 'number') return true; // "1:51" (a clock or a video length)
    if (next && next.start === this.toks[n.b]!.end && next.kind === 'word') return true;
    // "Smith, 24 was shot": a number with a singular verb is an age; "2501 West Street" an address.
    if (next && n.value > 1 && (next.lower === 'was' || next.lower === 'is' || next.lower === 'has')) return true;
    if (next && (next.lower === 'a' || next.lower === 'an' || next.lower === 'the')) return true; // "Aug. 16 A man died" 
    if (next && next.kind === 'word' && STARTS_CAPITALISED.test(next.text) && !this.phraseAt(n.b + 1, countedList(this.res.counted), n.b + 2)
      && !this.phraseAt(n.b + 1, this.res.after, n.b + 2) && !this.shotAt(n.b + 1, n.b + 2)
      && !(this.toks[n.b + 2] && !this.mayStartNumber(n.b + 1) && this.phraseAt(n.b + 2, countedList(this.res.counted), n.b + 3))) return true; // "20s", "3rd"
    if (next && this.res.notCountAfter.has(next.lower)) return true;
    if (next && /^(year|hour|day|week|month|mile|foot|inch|minute|second)/.test(next.lower) && next.text.startsWith('-')) return true;
    if (prev && MONTHS.test(prev.lower) && prev.kind === 'word' && STARTS_UPPER.test(prev.text)) return true;
    if (next && MONTHS.test(next.lower) && STARTS_UPPER.test(next.text)) return true;
    const t = this.toks[n.b]!;
    if (t.kind === 'number' && /^\d{4}$/.test(t.text) && +t.text >= 1800 && +t.text <= 2100) return true;
    if (prev && (prev.lower === 'no.' || prev.lower === 'no' || prev.text === '#')) return true;
    if (prev && prev.text === ',' && next && next.text === ',' && n.value < 120 && this.toks[n.a - 2]
      && (STARTS_UPPER.test(this.toks[n.a - 2]!.text) || this.toks[n.b + 2]?.lower === 'who')) return true; // "John Smith, 23,", "a man, 19, who"
    if (next && (next.text === ':' || next.text === '.') && this.toks[n.b + 2]?.kind === 'number') return true; // times, decimals
    void lo;
    return false;
  }

  // ------------------------------------------------------------ figures

  private figureAt(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    const t = this.toks[i]!;
    if (t.kind === 'punct' || t.kind === 'symbol') return null;
    if ((t.lower === 'he' || t.lower === 'she') && this.toks[i + 1] && (/^(was|has|had|died)$/.test(this.toks[i + 1]!.lower)
      || (/^(later|also|eventually|subsequently|then)$/.test(this.toks[i + 1]!.lower) && /^(died|dies)$/.test(this.toks[i + 2]?.lower ?? '')))) {
      // "He was shot and killed": one person.
      return this.oneAfter(i, i, null, false, lo, hi);
    }
    const self = this.selfKilled(i, lo, hi);
    if (self) return self;
    if (this.nameEnds.has(i)) {
      const one = this.namedOne(i, lo, hi);
      if (one) return one;
    }
    if (this.nameStarts.has(i) || this.ageEnd(i, hi) >= 0) {
      const obj = this.namedObject(i, lo, hi);
      if (obj) return obj;
    }
    // "… and 6-year-old girl was shot", "2-year-old Joseph Bankston was shot": an age with no determiner opens one person.
    // (Not after a comma: "a child, eight years old, …" describes someone already named.)
    if (this.ageEnd(i, hi) >= 0 && !BARE_AGE_BLOCK.has(this.toks[i - 1]?.lower ?? '') && this.toks[i - 1]?.kind !== 'number' && this.toks[i - 1]?.text !== ',') {
      const one = this.singular(i, lo, hi, true);
      if (one) return one;
    }
    if (t.kind === 'word' && !triggers(this.res).has(t.lower) && t.lower.indexOf('-') < 0) return null;
    if (t.lower === 'another' || (t.lower === 'the' && this.toks[i + 1]?.lower === 'other')) return this.anotherOne(i, lo, hi);
    // "a man was shot and killed": one person.
    if (t.lower === 'the') return this.personSoon(i, hi) ? this.singular(i, lo, hi) : null;
    if ((t.lower === 'a' || t.lower === 'an' || t.lower === 'one') && !this.isNumberStart(i, hi)) {
      return this.personSoon(i, hi) ? this.singular(i, lo, hi) : null;
    }
    if (SINGLE_OBJECT.has(t.lower)) return this.singleObject(i, lo, hi);

    if (!this.mayStartNumber(i)) return null;
    const n = this.numberAt(i, hi);
    if (!n || this.notACount(n, lo)) return null;
    // What is counted: "1,000 people", "three police officers".
    let counted: [number, number] | null = null;
    let k = n.b + 1;
    for (let adj = 0; adj < 3 && k < hi; adj++) {
      const c = this.phraseAt(k, countedList(this.res.counted), hi);
      if (c) { counted = [k, k + c[0] - 1]; k += c[0]; break; }
      const w = this.toks[k]!;
      // "two 16-year-old boys"
      const ae = this.ageEnd(k, hi);
      if (ae >= 0 && n.value > 1 && this.phraseAt(ae + 1, countedList(this.res.counted), hi) && !this.res.persons.has(this.toks[ae + 1]!.lower)) { k = ae + 1; continue; }
      if (w.kind === 'word' && (this.res.personAdjectives.has(w.lower) || STARTS_UPPER.test(w.text) || /-/.test(w.text)) && !this.phraseAt(k, this.res.after, hi)) { k++; continue; }
      break;
    }
    // A cue before the count: "killed 1,000 people", "displaced some 146,000", "death toll rose to 12".
    let kind: FigureKind | null = null;
    let cueA = -1, cueB = -1;
    let bef = this.phraseEndingAt(n.a - 1, this.res.before, lo);
    // "killing the two suspects", "wounding all four"
    let detGap = 0;
    if (!bef && /^(the|all|its|their|his|her)$/.test(this.toks[n.a - 1]?.lower ?? '')) { bef = this.phraseEndingAt(n.a - 2, this.res.before, lo); detGap = 1; }
    if (bef && (bef[1] !== 'troops' || (counted && this.isTroopNoun(counted)))) {
      kind = bef[1]; cueA = n.a - detGap - bef[0]; cueB = n.a - 1 - detGap;
      if (kind === 'killed' && this.toks[cueA]!.lower === 'leaving') {
        // "leaving three dead / injured": the cue follows.
        kind = null; cueA = cueB = -1;
      }
    }
    // "Three men and one woman were shot": 4.
    let from = counted ? counted[1] + 1 : n.b + 1;
    let conjEnd = -1;
    if (counted && (n.qualifier === null || n.qualifier === 'about')) {
      const cj = this.conjuncts(counted[1], hi);
      if (cj.add) { n.value += cj.add; n.min += cj.add; n.max += cj.add; from = cj.end + 1; conjEnd = cj.end; }
    }
    // "shooting three relatives to death": the shot are dead.
    if (kind === 'wounded' && this.toks[from]?.lower === 'to' && this.toks[from + 1]?.lower === 'death' && from + 1 < hi) {
      kind = 'killed'; conjEnd = from + 1;
    }
    if (!kind) {
      // A cue after: "1,000 people were killed", "12 dead", "3 deaths", "146,000 refugees".
      let unknown = 0;
      for (let m = from, steps = 0; m < hi && steps < 8; m++, steps++) {
        const w = this.toks[m]!;
        const shot = m > n.b + 1 || HEADLINE_NEXT.test(this.toks[m + 1]?.text ?? '.') ? this.shotAt(m, hi) : null;
        if (shot) {
          if (this.transitive(m + shot[0], hi)) break;
          kind = shot[1]; cueA = m; cueB = m + shot[0] - 1; break;
        }
        const af = this.phraseAt(m, this.res.after, hi);
        if (af) {
          if (this.transitive(m + af[0], hi)) break;
          // "2 men indicted in the shooting death of …": the death is another's, the count is of the accused.
          if (/^deaths?$/.test(this.toks[m]!.lower) && this.toks.slice(Math.max(from, m - 3), m).some((t) => t.lower === 'in')) break;
          kind = af[1]; cueA = m; cueB = m + af[0] - 1; break;
        }
        const hosp = m > from ? this.hospitalCue(m, hi) : -1;
        if (hosp > m) { kind = this.diedThere(hosp, hi) ? 'killed' : 'wounded'; cueA = m; cueB = hosp; break; }
        if (w.lower === 'ages' || w.lower === 'aged' || (w.lower === 'between' && this.toks[m + 1]?.lower === 'ages')) {
          // "three males ages 17, 18 and 22, were shot", "four boys between ages 12 and 16 were wounded"
          let c = m + 1;
          while (c < hi && c < m + 12 && (this.toks[c]!.kind === 'number' || /^(,|and|ages|to|or)$/.test(this.toks[c]!.lower))) c++;
          if (c > m + 1) { m = c - 1; steps--; continue; }
        }
        if (w.lower === 'including') {
          // "4 people including a 21-year-old girl were injured": step over who is included.
          let c = m + 1;
          while (c < hi && c < m + 8 && (CONJ_DET.has(this.toks[c]!.lower) || this.toks[c]!.lower === 'and' || this.personish[c]
            || this.res.personAdjectives.has(this.toks[c]!.lower) || this.phraseAt(c, countedList(this.res.counted), hi)
            || (this.mayStartNumber(c) && this.numberAt(c, hi)))) c++;
          if (c > m + 1) { m = c - 1; steps--; continue; }
        }
        if (ASIDE_OPEN.has(w.text)) {
          // "Fifteen people, including children, were shot", "Two victims, a 25-year-old man and a 26-year-old man,
          // died": step over the aside.
          const c = this.asideEnd(m, hi);
          if (c > m) { m = c; steps--; continue; }
        }
        if (w.kind !== 'word' || (this.mayStartNumber(m) && this.numberAt(m, hi))) break;
        if (this.res.between.has(w.lower) || (/ly$/.test(w.lower) && w.lower.length > 4)) continue;
        // "one of the men inside was pronounced dead": what is counted may come after "of the".
        if (counted === null && this.phraseAt(m, countedList(this.res.counted), hi)) { counted = [m, m]; continue; }
        if (++unknown > 1) break;
      }
      if (kind && counted === null && cueA === n.b + 1 && ['troops', 'refugees'].includes(kind)) {
        // "146,000 refugees", "200 troops", "3 deaths": the cue is also what is counted.
        counted = [cueA, cueB];
      }
    }
    if (!kind && counted) {
      // The counted noun is itself the kind: "146,000 refugees", "200 troops", "12 hostages".
      const own = this.phraseAt(counted[0], this.res.after, counted[1] + 1);
      if (own && (own[1] !== 'troops' || this.isTroopNoun(counted))) { kind = own[1]; cueA = counted[0]; cueB = counted[1]; }
    }
    if (!kind) return null;
    // "Two of the victims remain in critical condition", "Eleven of the injured": a part of the wounded, not their
    // number ("One of them died" stays a count of the dead).
    // "Four of them were shot" is an event that counts the shot.
    if (kind === 'wounded' && this.toks[n.b + 1]?.lower === 'of' && PARTITIVE_DET.has(this.toks[n.b + 2]?.lower ?? '')
      && !(cueA > n.b && WOUND_EVENT.has(this.toks[cueA]!.lower))) return null;
    // "3 fatalities", "2 killed": fine. "troops" counted by something that is a casualty cue stays a casualty.
    const a = Math.min(n.a, cueA);
    const b = Math.max(n.b, cueB, counted ? counted[1] : -1, conjEnd);
    return { figure: this.build(a, b, kind, n.value, n.min, n.max, n.qualifier, counted, lo, hi), a, b };
  }

  /** A verb used with an object ("a gunman killed six people", "shot his grandfather"): the count is the agent's. */
  private transitive(m: number, hi: number): boolean {
    const t = this.toks[m];
    if (!t || m >= hi) return false;
    // "was shot 3 times": how often, not whom.
    if (this.mayStartNumber(m)) { const n = this.numberAt(m, hi); if (n && /^times?$/.test(this.toks[n.b + 1]?.lower ?? '')) return false; }
    if (OBJECTS.has(t.lower) || this.res.persons.has(t.lower) || REFLEXIVES.has(t.lower) || this.ageEnd(m, hi) >= 0) return true;
    if (t.kind === 'word' && STARTS_CAPITALISED.test(t.text) && !MONTHS.test(t.lower) && !/day$/.test(t.lower) && !HEADLINE_NEXT.test(t.text)
      && !this.res.timeWords.has(t.lower)) return true;
    return this.numberAt(m, hi) !== null;
  }

  private isNumberStart(i: number, hi: number): boolean {
    const t = this.toks[i]!;
    if (t.lower === 'one') {
      const nx = this.toks[i + 1];
      if (nx && this.res.adjectiveKinds.has(nx.lower) && !this.personish[i + 2]) return true; // "one dead, two hurt"
      return !!nx && !this.res.persons.has(nx.lower) && !this.res.personAdjectives.has(nx.lower) && !/year-old$/.test(nx.lower);
    }
    return this.numberAt(i, hi) !== null;
  }

  private isTroopNoun(c: [number, number]): boolean {
    const w = this.toks[c[1]]!.lower;
    return ['troops', 'soldiers', 'fighters', 'militants', 'personnel', 'mercenaries', 'servicemen', 'marines', 'paratroopers', 'reservists', 'combatants', 'rebels', 'militiamen'].includes(w);
  }

  /** "shot dead", "shot and killed", "shot" (wounded unless the person later died). */
  private shotAt(m: number, hi: number): [number, FigureKind] | null {
    if (!this.res.shotStart.has(this.toks[m]!.lower)) return null;
    for (const p of this.res.shotKilled) if (this.match(m, p, hi)) return [p.length, 'killed'];
    for (const p of this.res.shotWounded) if (this.match(m, p, hi)) {
      // "was shot … and later died"
      for (let k = m + p.length; k < hi; k++) {
        const w = this.toks[k]!.lower;
        if (w === 'died' || w === 'dead' || w === 'killed' || w === 'dies') return [p.length, 'killed'];
        if (this.numberAt(k, hi)) break;
      }
      return [p.length, 'wounded'];
    }
    return null;
  }

  /** A person noun or an age within the next five tokens (a cheap test before `singular`). */
  private personSoon(i: number, hi: number): boolean {
    for (let k = i + 1; k < hi && k <= i + 5; k++) if (this.personish[k]) return true;
    return false;
  }

  /** "killed his friend", "killing him", "one of them died": a count of one after a cue, or "one of …" before one. */
  private singleObject(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    const t = this.toks[i]!;
    const bef = this.phraseEndingAt(i - 1, this.res.before, lo);
    if (!bef || bef[1] === 'troops') return null;
    let b = i;
    if (t.lower === 'his' || t.lower === 'her' || t.lower === 'their') {
      // "killed his 5-year-old daughter"
      let k = i + 1;
      while (k < hi && k <= i + 3 && !this.res.persons.has(this.toks[k]!.lower)) k++;
      if (k >= hi || !this.res.persons.has(this.toks[k]!.lower)) return null;
      b = k;
      if (t.lower === 'their' && /s$/.test(this.toks[k]!.lower)) return null;
    } else if (t.lower === 'them' || t.lower === 'themselves') return null;
    const a = i - bef[0];
    const reflexive = t.lower === 'himself' || t.lower === 'herself';
    // "shot his partner and their two children": 3.
    const cj = reflexive ? { add: 0, end: b } : this.conjuncts(b, hi);
    const v = 1 + cj.add;
    const [kind, end] = this.toDeath(bef[1], cj.end, hi);
    return { figure: this.build(a, end, kind, v, v, v, null, b > i || reflexive ? [b, b] : null, lo, hi), a, b: end };
  }

  /** The last token of an age at k ("17-year-old", "17-year old", "17 year old", "three-year old"), or -1. */
  private ageEnd(k: number, hi: number): number {
    if (k < 0 || k >= hi || k >= this.ages.length) return -1;
    const e = this.ages[k]!;
    return e >= 0 && e < hi ? e : -1;
  }

  private computeAgeEnd(k: number): number {
    const hi = this.toks.length;
    const w = this.toks[k];
    if (!w || k >= hi) return -1;
    if (/(year|month|week)s?-old$/.test(w.lower)) return k;
    const n1 = this.toks[k + 1]?.lower ?? '';
    if (/(^|-)(year|month|week)s?$/.test(w.lower) && /\d|-/.test(w.lower) && n1 === 'old' && k + 1 < hi) return k + 1;
    const isNum = w.kind === 'number' || this.res.units.has(w.lower) || this.res.tens.has(w.lower.split('-')[0]!);
    if (!isNum) return -1;
    if (/^-?(year|month|week)s?-old$/.test(n1) && k + 1 < hi) return k + 1;
    if (/^(year|month|week)s?$/.test(n1) && this.toks[k + 2]?.lower === 'old' && k + 2 < hi) return k + 2;
    return -1;
  }

  /** After a determiner at i: the person noun (or the age that stands for one) it introduces, with "injured"/"dead" if said. */
  private personHead(i: number, hi: number): { k: number; adjKind: FigureKind | null } | null {
    let k = i + 1;
    let guard = 0;
    let age = -1;
    let adjKind: FigureKind | null = null;
    while (k < hi && guard++ < 4) {
      const w = this.toks[k]!;
      const ae = this.ageEnd(k, hi);
      if (ae >= 0) { age = ae; k = ae + 1; continue; }
      if (this.res.adjectiveKinds.has(w.lower) && !adjKind) { adjKind = this.res.adjectiveKinds.get(w.lower)!; k++; continue; }
      // "a teen boy", "an infant son", "a security guard": the last person noun is the head.
      if (this.res.persons.has(w.lower) && k + 1 < hi && this.res.persons.has(this.toks[k + 1]!.lower)) { k++; continue; }
      if (this.res.personAdjectives.has(w.lower) && !this.res.persons.has(w.lower) || w.text === '-' || (w.kind === 'word' && STARTS_UPPER.test(w.text) && !this.res.persons.has(w.lower))) { k++; continue; }
      if (w.kind === 'number' && this.toks[k + 1]?.text === '-') { k += 2; continue; }
      break;
    }
    const p = this.toks[k];
    // "a 17-year-old shot and killed by …": the age stands for the person.
    if ((!p || k >= hi || !this.res.persons.has(p.lower)) && age >= 0) k = age;
    else if (!p || k >= hi || !this.res.persons.has(p.lower)) return null;
    return { k, adjKind };
  }

  /**
   * People joined to a count by "and" (or a list, "a man, a woman and a boy"), after the token j that ends it:
   * "a man and a woman" = 2, "three men and one woman" = 4. Returns what they add and their last token.
   */
  private conjuncts(j: number, hi: number, first = false): { add: number; end: number } {
    let add = 0, end = j;
    for (let guard = 0; guard < 6; guard++) {
      const sep = this.toks[end + 1];
      if (!sep || end + 2 >= hi) break;
      const isAnd = sep.lower === 'and';
      if (!isAnd && sep.text !== ',') break;
      let q = end + 2;
      if (!isAnd && this.toks[q]?.lower === 'and') q++;
      const t = this.toks[q];
      if (!t || q >= hi) break;
      let got: { v: number; e: number } | null = null;
      // "and their two children" (not "and her 8-year-old daughter": an age, not a count)
      if (/^(his|her|their)$/.test(t.lower) && this.toks[q + 1] && this.mayStartNumber(q + 1) && !CONJ_DET.has(this.toks[q + 1]!.lower) && this.ageEnd(q + 1, hi) < 0) q++;
      if (CONJ_DET.has(this.toks[q]!.lower)) {
        const h = this.personHead(q, hi);
        if (h && !h.adjKind) got = { v: 1, e: h.k };
      } else if (isAnd && this.res.persons.has(this.toks[q]!.lower) && !this.res.persons.has(this.toks[q + 1]?.lower ?? '')) {
        got = { v: 1, e: q }; // "a father and son"
      } else if (this.mayStartNumber(q)) {
        const n = this.numberAt(q, hi);
        if (n && !n.qualifier) {
          // "and two young daughters", "and their two infant daughters", "and two 16-year-old boys"
          let cs = n.b + 1;
          for (let g = 0; g < 2 && cs < hi; g++) {
            if (this.phraseAt(cs, countedList(this.res.counted), hi)) break;
            const ae = this.ageEnd(cs, hi);
            if (ae >= 0) cs = ae + 1;
            else if (this.res.personAdjectives.has(this.toks[cs]!.lower) || this.res.persons.has(this.toks[cs]!.lower)) cs++;
            else break;
          }
          const c = this.phraseAt(cs, countedList(this.res.counted), hi);
          if (c) {
            const ce = cs + c[0] - 1;
            if (this.toks[ce]!.lower !== 'others' && this.toks[ce]!.lower !== 'more') got = { v: n.value, e: ce };
          }
        }
      }
      if (!got) break;
      add += got.v;
      end = got.e;
      if (isAnd || this.toks[q - 1]?.lower === 'and') break;
    }
    // A list must end in "and": "a man, a woman" alone is an apposition, not two people.
    if (add && !this.toks.slice(j + 1, end + 1).some((t) => t.lower === 'and')) return { add: 0, end: j };
    // "Two victims, a man and a woman, died": a list opened and closed by commas is an apposition.
    // (Not when j ends the list's first member: "a 19-year-old man, a 22-year-old man and a boy, all from …".)
    if (add && !first && this.toks[j + 1]?.text === ',' && this.toks[end + 1]?.text === ',') return { add: 0, end: j };
    return { add, end };
  }

  /** "shot his brother to death": a wounding cue followed by "to death" after its object counts the dead. */
  private toDeath(kind: FigureKind, end: number, hi: number): [FigureKind, number] {
    if (kind === 'wounded' && this.toks[end + 1]?.lower === 'to' && this.toks[end + 2]?.lower === 'death' && end + 2 < hi) return ['killed', end + 2];
    return [kind, end];
  }

  /** "to a Charleston-area hospital", "at an area hospital": the last token of a hospital after "to"/"at", or -1. */
  private hospitalCue(m: number, hi: number): number {
    const w = this.toks[m]!.lower;
    if (w !== 'to' && w !== 'at') return -1;
    for (let c = m + 1; c < hi && c <= m + 4; c++) {
      const t = this.toks[c]!;
      if (/^hospitals?$/.test(t.lower)) return c;
      if (t.kind !== 'word') return -1;
    }
    return -1;
  }

  /** "… taken to the hospital, where he died / was pronounced dead / later died": the person did not survive. */
  private diedThere(end: number, hi: number): boolean {
    let where = false;
    for (let k = end + 1; k < hi && k <= end + 10; k++) {
      const w = this.toks[k]!.lower;
      if (w === 'where' || w === 'later' || w === 'and') where = true;
      else if (where && (w === 'died' || w === 'dead' || w === 'dies')) return true;
      else if (this.mayStartNumber(k) && this.numberAt(k, hi)) return false;
    }
    return false;
  }

  /** An aside opened at m (", a 25-year-old man,", " -- including a child --", "(ages 3 and 4)"): its closing token, or -1. */
  private asideEnd(m: number, hi: number): number {
    const open = this.toks[m];
    if (!open || !ASIDE_OPEN.has(open.text)) return -1;
    const nx = this.toks[m + 1];
    if (!nx || m + 1 >= hi) return -1;
    if (!(this.res.asideStart.has(nx.lower) || this.ageEnd(m + 1, hi) >= 0 || this.mayStartNumber(m + 1))) return -1;
    const close = open.text === '(' ? ')' : open.text;
    let person = false;
    for (let c = m + 1; c < hi && c <= m + 12; c++) {
      const t = this.toks[c]!;
      if (t.text === close || (close !== ',' && open.text !== '(' && DASHES.has(t.text))) return person || this.res.asideStart.has(nx.lower) ? c : -1;
      if (/^[.;:!?]$/.test(t.text) || (t.text === ',' && close !== ',' && open.text !== '(')) return -1;
      if (this.personish[c] || this.phraseAt(c, countedList(this.res.counted), hi)) person = true;
    }
    return -1;
  }

  /** "A man was shot and killed", "a 23-year-old woman died", "killed a man", "a man and a woman were killed". */
  private singular(i: number, lo: number, hi: number, bare = false): { figure: Figure; a: number; b: number } | null {
    // `bare`: the phrase starts at i with no determiner ("6-year-old girl was shot").
    const h = this.personHead(bare ? i - 1 : i, hi);
    if (!h) return null;
    let k = h.k;
    const adjKind = h.adjKind;
    // "an injured woman", "a dead man"
    if (adjKind) return { figure: this.build(i, k, adjKind, 1, 1, 1, null, [k, k], lo, hi), a: i, b: k };
    const cj = this.conjuncts(k, hi, true);
    // "a young couple" is two people.
    const value = (this.res.pairs.has(this.toks[k]!.lower) ? 2 : 1) + cj.add;
    const counted: [number, number] = [k, k];
    k = cj.end;
    // Cue before: "killed a man".
    const bef = this.phraseEndingAt(i - 1, this.res.before, lo);
    if (bef && bef[1] !== 'troops') {
      const a = i - bef[0];
      const [kind, end] = this.toDeath(bef[1], k, hi);
      return { figure: this.build(a, end, kind, value, value, value, null, counted, lo, hi), a, b: end };
    }
    // Cue after: "a man was shot and killed".
    return this.oneAfter(i, k, counted, this.toks[i - 1]?.text === ',', lo, hi, value);
  }

  /** A name (or an age and a name) right after a cue: "shot and killed Matthew Regula", "fatally shot 7-year-old Iris Rodriguez". */
  private namedObject(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    const bef = this.phraseEndingAt(i - 1, this.res.before, lo);
    if (!bef || !NAMED_OBJECT_KINDS.has(bef[1])) return null;
    let value = 0, end = -1, j = i;
    for (let guard = 0; guard < 4; guard++) {
      const ae = this.ageEnd(j, hi);
      if (ae >= 0) j = ae + 1;
      if (this.res.timeWords.has(this.toks[j]?.lower ?? '')) break;
      let ne = this.nameStarts.get(j);
      if (ne === undefined && ae >= 0) {
        // After an age, capitalised words are a name even when the actors stage did not take them for one.
        let c = j;
        while (c < hi && c < j + 3 && this.toks[c]!.kind === 'word' && STARTS_CAPITALISED.test(this.toks[c]!.text)) c++;
        if (c > j) ne = c - 1;
      }
      if (ne === undefined || ne >= hi) break;
      value++;
      end = ne;
      // "Jacinta Walker, 18, and Aveion Bolden, 20"
      let e = ne;
      if (this.toks[e + 1]?.text === ',' && this.toks[e + 2]?.kind === 'number' && this.toks[e + 3]?.text === ',') { e += 3; if (this.toks[e + 1]?.lower !== 'and') { end = e - 1; break; } }
      if (this.toks[e + 1]?.lower === 'and' && e + 2 < hi) { j = e + 2; continue; }
      if (this.toks[e + 1]?.text === ',' && this.toks[e + 2]?.lower === 'and' && e + 3 < hi) { j = e + 3; continue; }
      break;
    }
    if (!value) return null;
    const a = i - bef[0];
    return { figure: this.build(a, end, bef[1], value, value, value, null, null, lo, hi), a, b: end };
  }

  /** "wounding four men and killing another", "injured one and killed the other": one more person after a cue. */
  private anotherOne(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    if (this.personSoon(i, hi)) { const one = this.singular(i, lo, hi); if (one) return one; }
    const bef = this.phraseEndingAt(i - 1, this.res.before, lo);
    if (!bef || bef[1] === 'troops') {
      // "one man is dead and another is injured"
      if (this.toks[i]!.lower === 'another') return this.oneAfter(i, i, null, false, lo, hi);
      return null;
    }
    const b = this.toks[i]!.lower === 'the' ? i + 1 : i;
    const nx = this.toks[b + 1];
    if (nx && b + 1 < hi && nx.kind === 'word' && !/^(and|or|but|in|at|on|with|as|before|after|during|while|when|who)$/.test(nx.lower)) return null;
    const a = i - bef[0];
    return { figure: this.build(a, b, bef[1], 1, 1, 1, null, null, lo, hi), a, b };
  }

  /** The shooter's own death: "before killing himself", "took his own life" (one killed). */
  private selfKilled(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    const p = this.phraseAt(i, countedList(this.res.selfKilled), hi);
    if (!p) return null;
    const b = i + p[0] - 1;
    let r = b;
    while (r > i && !/^(himself|herself|his|her)$/.test(this.toks[r]!.lower)) r--;
    return { figure: this.build(i, b, 'killed', 1, 1, 1, null, [r, r], lo, hi), a: i, b };
  }


  /** The cue that follows one person (tokens i..k): "… was shot and killed", "… died", "… was wounded". */
  private oneAfter(i: number, k: number, counted: [number, number] | null, apposition: boolean, lo: number, hi: number, value = 1): { figure: Figure; a: number; b: number } | null {
    for (let m = k + 1, steps = 0; m < hi && steps < 7; m++, steps++) {
      const w = this.toks[m]!;
      if (steps === 0 && ASIDE_OPEN.has(w.text)) {
        // "Erica Robinson, a 26-year-old resident, was killed"; "One person, a 19-year-old man, died".
        const c = this.asideEnd(m, hi);
        if (c > m) { m = c; continue; }
      }
      if (w.text === ',' && steps === 0 && !apposition) break;
      if (w.text === ',' && steps === 0) continue; // "The victims, a man and a woman, died
      // "a man in his 40s was shot", "a woman in her late teens"
      if (w.lower === 'in' && /^(his|her|their)$/.test(this.toks[m + 1]?.lower ?? '')) {
        let c = m + 2;
        if (/^(early|mid|late)$/.test(this.toks[c]?.lower ?? '')) c++;
        // "40s" is read as "40" + "s"
        if (/^\d0$/.test(this.toks[c]?.text ?? '') && /^'?s$/.test(this.toks[c + 1]?.lower ?? '') && c + 1 < hi) { m = c + 1; continue; }
        if (/^(\d0s|\d0's|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/.test(this.toks[c]?.lower ?? '') && c < hi) { m = c; continue; }
      }
      const shot = this.shotAt(m, hi);
      if (shot && this.transitive(m + shot[0], hi)) return null;
      // "The man shot at two officers": he fired; "was shot at his home" is passive.
      if (shot && this.toks[m + shot[0]]?.lower === 'at' && !this.toks.slice(k + 1, m).some((t) => PASSIVE_AUX.has(t.lower))) return null;
      if (shot) return { figure: this.build(i, m + shot[0] - 1, shot[1], value, value, value, null, counted, lo, hi), a: i, b: m + shot[0] - 1 };
      const hosp = this.hospitalCue(m, hi);
      if (hosp > m) return { figure: this.build(i, hosp, this.diedThere(hosp, hi) ? 'killed' : 'wounded', value, value, value, null, counted, lo, hi), a: i, b: hosp };
      const af = this.phraseAt(m, this.res.after, hi);
      if (af) {
        if (af[1] === 'troops' || af[1] === 'refugees' || this.transitive(m + af[0], hi)) return null;
        return { figure: this.build(i, m + af[0] - 1, af[1], value, value, value, null, counted, lo, hi), a: i, b: m + af[0] - 1 };
      }
      if (w.kind !== 'word' || !(this.res.between.has(w.lower) || /ly$/.test(w.lower) || STARTS_UPPER.test(w.text) || ['died', 'found', 'pronounced', 'later', 'reported', 'from', 'of'].includes(w.lower))) break;
    }
    return null;
  }

  /** A person named by the actors stage, then "was shot and killed" / "died": a count of one. */
  private namedOne(i: number, lo: number, hi: number): { figure: Figure; a: number; b: number } | null {
    const first = this.nameEnds.get(i);
    if (first === undefined || first < lo) return null;
    let j = i, value = 1;
    for (let guard = 0; guard < 4; guard++) {
      // "Julian Bryant, 22, died": step over the age.
      if (this.toks[j + 1]?.text === ',' && this.toks[j + 2]?.kind === 'number' && this.toks[j + 3]?.text === ',') {
        j += 3;
        // "Tony Johnson, 28, who lived on the block, was pronounced dead"
        if (this.toks[j + 1]?.lower === 'who') { const c = this.asideEnd(j, hi); if (c > j) j = c; }
      } else {
        // "Erica Robinson, a 26-year-old West Haven resident, was killed"
        const c = this.asideEnd(j + 1, hi);
        if (c > j) j = c;
      }
      // "Genesis Tyler and Rita Langworthy were shot dead", "Jane Doe, 32, and John Doe, 3, died"
      if (this.toks[j + 1]?.lower === 'and' && j + 2 < hi && this.nameStarts.has(j + 2) && this.nameStarts.get(j + 2)! < hi) {
        j = this.nameStarts.get(j + 2)!;
        value++;
        continue;
      }
      break;
    }
    const nx = this.toks[j + 1];
    if (!nx || !(nx.lower === 'was' || nx.lower === 'has' || nx.lower === 'died' || nx.lower === 'had'
      || (value > 1 && (nx.lower === 'were' || nx.lower === 'have')))) return null;
    return this.oneAfter(first, j, null, false, lo, hi, value);
  }

  private build(a: number, b: number, kind: FigureKind, value: number, min: number, max: number, qualifier: FigureQualifier,
    counted: [number, number] | null, lo: number, hi: number): Figure {
    const start = this.toks[a]!.start, end = this.toks[b]!.end;
    const src = this.sourceFor(start, end, lo, hi);
    return {
      start, end, text: this.doc.text.slice(start, end),
      kind, value, min, max, qualifier,
      counted: counted ? this.doc.text.slice(this.toks[counted[0]]!.start, this.toks[counted[1]]!.end) : null,
      cumulative: this.cumulative(lo, hi),
      source: src.source, sourceMention: src.mention,
    };
  }

  private cumulative(lo: number, hi: number): boolean {
    for (let k = lo; k < hi; k++) {
      for (const p of this.res.cumulative) {
        if (!this.match(k, p, hi)) continue;
        // "since April", "since 2011", "since the start" — not "since arriving at the hospital".
        if (p.length === 1 && p[0] === 'since') {
          const nx = this.toks[k + 1];
          if (!nx || !(nx.kind === 'number' || STARTS_UPPER.test(nx.text) || /^(the|last|early|late|mid|then)$/.test(nx.lower))) continue;
        }
        return true;
      }
    }
    return false;
  }

  /** Who the figure is attributed to: the speaker of the quote that holds it, else "according to …" / "figures from …". */
  private sourceFor(start: number, end: number, lo: number, hi: number): { source: string | null; mention: Span | null } {
    for (const q of this.doc.quotes) {
      if (q.start <= start && end <= q.end && (q.speaker || q.speakerMention)) return { source: q.speaker, mention: q.speakerMention };
    }
    for (let k = lo; k < hi; k++) {
      for (const p of this.res.sourcePhrases) {
        if (!this.match(k, p, hi)) continue;
        let e = k + p.length;
        const s = e;
        while (e < hi && this.toks[e]!.kind !== 'punct' && e - s < 8) e++;
        if (e === s) continue;
        const ms = this.toks[s]!.start, me = this.toks[e - 1]!.end;
        return { source: this.resolve(ms, me), mention: { start: ms, end: me, text: this.doc.text.slice(ms, me) } };
      }
    }
    return { source: null, mention: null };
  }

  private resolve(s: number, e: number): string | null {
    const id = this.doc.services.resolve(s, e);
    if (id) return id;
    let best: string | null = null;
    for (const m of this.doc.mentions) if (m.start >= s && m.end <= e) { best = m.entity; break; }
    return best;
  }
}
