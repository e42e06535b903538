/**
 * The clause-level event coder: finds triggers (verbs, event nouns, predicate adjectives) in each
 * sentence, reads the clause around them (voice, subject, object, prepositional target, possessor,
 * light verb) and returns raw events with token ranges. `index.ts` links them to entities, dates,
 * places and figures. Pure and synchronous.
 */
import type { Doc, Token } from '../document/document.js';
import type { EventsResources } from './index.js';
import { ploverOf, shiftedCameo, type CameoPattern, type Lexicon, type TriggerEntry, type VerbForm } from './lexicon.js';
import WORDS from '../../data/events/words.json' with { type: 'json' };

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const ALL_UPPER = /^\p{Lu}+$/u;

/** A token range [s, e) of `doc.tokens`. */
export interface TokRange {
  s: number;
  e: number;
}

export interface RawEvent {
  sentence: number;
  /** Trigger tokens [trig, trigEnd). */
  trig: number;
  trigEnd: number;
  /** Governing light verb of a nominal event ("launched an offensive"), or null. */
  light: number | null;
  entry: TriggerEntry;
  type: string | null;
  mode: string | null;
  cameo: string | null;
  nominal: boolean;
  passive: boolean;
  actor: TokRange | null;
  target: TokRange | null;
  /** How the actor was found (for linking): subject | by | possessor | modifier | coordinated. */
  actorHow: string | null;
  /** Object of the trigger (content of a speech act, or the thing acted on). */
  object: TokRange | null;
  /** Event span in tokens [spanS, spanE). */
  spanS: number;
  spanE: number;
  /** Verb group start (auxiliaries, adverbs, control verbs before the trigger). */
  group: number;
  modality: Set<string>;
  /** Index (in the sentence's list) of the speech event this one is the content of. */
  absorbedBy: RawEvent | null;
  /** The subject is an event noun ("The offensive has killed…"): token of that noun. */
  eventSubject: number | null;
  /** Inside a relative clause, a subordinate clause or a participial adjunct: not the sentence's main event. */
  embedded?: boolean;
}

const PUNCT_BOUNDARY = new Set([';', ':', '“', '”', '"', '—', '–', '--', '[', ']', '‘', '’']);
const QUOTE_TOKENS = new Set(['“', '”', '"', '‘', '’', "'"]);
const ABSORB_BOUNDARY = new Set<string>(WORDS.absorbBoundary);
const COORD = new Set<string>(WORDS.coord);
/** Nationality adjectives ("Turkish", "Syrian", "Chinese", "Israeli"). */
const NATIONALITY = /^[a-z]+(?:ish|ian|ean|ese|i)$/;
const ADJ_SUFFIX = /(?:ed|al|ic|ive|ian|ish|ese|ful|ary|ous|ant|ent|ble|less|ern|ing|ist|i)$/;

function isCap(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = t.text[0]!;
  return ch !== ch.toLowerCase();
}

/** Words after which a plural is a noun rather than a verb ("Arab states to"). */
const NOUN_FOLLOWERS = new Set([',', '.', 'to', 'and', 'or', 'of', 'in', 'on', 'for', 'with', 'from', ')', 'at', 'over', 'against']);

/** Subject pronouns ("told Lebanon it would …"). */
const SUBJECT_PRONOUNS = new Set<string>(WORDS.subjectPronouns);

export class SentenceReader {
  readonly toks: Token[];
  private readonly name: Uint8Array;
  private readonly adv: Uint8Array;
  private wordSet: Set<string> | null = null;
  constructor(
    readonly doc: Doc,
    readonly res: EventsResources,
    readonly s0: number,
    readonly s1: number,
    readonly sentence: number,
  ) {
    this.toks = doc.tokens;
    this.name = new Uint8Array(Math.max(0, s1 - s0)).fill(2);
    this.adv = new Uint8Array(Math.max(0, s1 - s0)).fill(2);
    this.over = this.invertedNames();
  }

  /** Token overrides for inverted official names ("Korea, Republic of", "Congo, The Democratic Republic of the"):
   *  the comma reads as a hyphen and the words after it as name words, so the name is one noun phrase. */
  private readonly over: Map<number, Token> | null;

  private invertedNames(): Map<number, Token> | null {
    let out: Map<number, Token> | null = null;
    const heads = this.res.lexicon.invertedNameHeads;
    if (!heads.size) return null;
    for (let c = this.s0 + 1; c < this.s1 - 2; c++) {
      const t = this.toks[c]!;
      if (t.text !== ',' || !isCap(this.toks[c - 1]!)) continue;
      // a capitalised run with a head word, then "of" (and "the", or a capitalised name)
      let j = c + 1;
      let head = false;
      while (j < this.s1 && j - c <= 6) {
        const u = this.toks[j]!;
        if (u.lower === 'of') break;
        if (!(isCap(u) || u.lower === "'s" || u.lower === '’s')) break;
        if (heads.has(u.lower)) head = true;
        j++;
      }
      if (!head || j >= this.s1 || this.toks[j]!.lower !== 'of') continue;
      let e = j + 1;
      if (e < this.s1 && this.toks[e]!.lower === 'the') e++;
      else while (e < this.s1 && isCap(this.toks[e]!) && e - j <= 3) e++;
      out ??= new Map();
      out.set(c, { ...t, text: '-', lower: '-' });
      for (let k = c + 1; k < e; k++) {
        this.name[k - this.s0] = 1;
        // "of" / "the" inside the name are name words, not a preposition or determiner
        const w = this.toks[k]!;
        if (w.lower === 'of' || w.lower === 'the') out.set(k, { ...w, lower: `${w.lower}_` });
      }
      c = e - 1;
    }
    return out;
  }

  tok(i: number): Token | null {
    if (i < this.s0 || i >= this.s1) return null;
    return this.over?.get(i) ?? this.toks[i]!;
  }

  low(i: number): string {
    return this.tok(i)?.lower ?? '';
  }

  isWord(i: number): boolean {
    const t = this.tok(i);
    return !!t && (t.kind === 'word' || t.kind === 'number');
  }

  isAdverb(i: number): boolean {
    const c = this.adv[i - this.s0];
    if (c !== undefined && c !== 2) return c === 1;
    const l = this.low(i);
    const v = this.res.lexicon.adverbs.has(l) || (l.length > 4 && l.endsWith('ly') && !this.res.lexicon.notAdverbs.has(l) && /^[a-z]+$/.test(l));
    if (i >= this.s0 && i < this.s1) this.adv[i - this.s0] = v ? 1 : 0;
    return v;
  }

  /** Is the token a sentence-internal proper-name word? (cached) */
  isName(i: number): boolean {
    const c = this.name[i - this.s0];
    if (c !== undefined && c !== 2) return c === 1;
    const v = this.isNameRaw(i);
    if (i >= this.s0 && i < this.s1) this.name[i - this.s0] = v ? 1 : 0;
    return v;
  }

  private cuesHere: Lexicon['conditionCues'] | null = null;
  /** The lexicon's condition cues that occur in this sentence (computed once). */
  get conditionCues(): Lexicon['conditionCues'] {
    if (this.cuesHere === null) {
      // (most sentences hold no cue's first word: no joined text needed)
      const ws = this.words;
      const cues = this.res.lexicon.conditionCues;
      let any = false;
      for (const c of cues) if (ws.has(c.key)) any = true;
      this.cuesHere = any ? cues.filter((c) => ws.has(c.key) && this.joined.includes(c.padded)) : [];
    }
    return this.cuesHere;
  }

  private joinedText: string | null = null;
  /** The sentence's lower-case words joined by spaces, with a space at each end. */
  get joined(): string {
    if (this.joinedText === null) {
      const w: string[] = [];
      for (let i = this.s0; i < this.s1; i++) w.push(this.toks[i]!.lower);
      this.joinedText = ` ${w.join(' ')} `;
    }
    return this.joinedText;
  }

  /** Words of the sentence (lower case, and without a plural s), for quick pattern rejection. */
  get words(): Set<string> {
    if (!this.wordSet) {
      this.wordSet = new Set();
      for (let i = this.s0; i < this.s1; i++) {
        const l = this.toks[i]!.lower;
        this.wordSet.add(l);
        if (l.endsWith('s')) this.wordSet.add(l.slice(0, -1));
        if (l.endsWith('es')) this.wordSet.add(l.slice(0, -2));
      }
    }
    return this.wordSet;
  }

  isNameRaw(i: number): boolean {
    const t = this.tok(i);
    if (!t || t.kind !== 'word' || !isCap(t)) return false;
    if (i === this.s0 || QUOTE_TOKENS.has(this.low(i - 1))) {
      // sentence-initial capital: a name only when not a known function word
      const L = this.res.lexicon;
      return !(L.determiners.has(t.lower) || L.prepositions.has(t.lower) || L.intros.has(t.lower) || L.pronouns.has(t.lower) || L.boundaries.has(t.lower));
    }
    return true;
  }

  /** A word that can start or continue a noun phrase. */
  npWord(i: number): boolean {
    const t = this.tok(i);
    if (!t) return false;
    if (t.text === "'s" || t.text === '’s' || t.text === '-' || t.text === '(' || t.text === ')') return true;
    if (t.kind !== 'word' && t.kind !== 'number') return false;
    const L = this.res.lexicon;
    if (this.isName(i)) return true;
    // "Arab states to …": a plural reporting-verb form after a name, with no object after it, is a noun
    const pluralNoun = i > this.s0 && /[^s]s$/.test(t.lower) && (this.isName(i - 1) || t.lower === 'states') && NOUN_FOLLOWERS.has(this.low(i + 1));
    return !(L.objectBreakers.has(t.lower) || this.isReporting(i) && !pluralNoun || L.auxiliaries.has(t.lower) && !L.determiners.has(t.lower) || L.boundaries.has(t.lower));
  }

  /** A reporting verb ("said", "told"), not a name ("United States"). */
  isReporting(i: number): boolean {
    const t = this.tok(i);
    // "the Gulf states severed ties": "states" is a noun unless "that" follows
    if (!t || !this.res.lexicon.reportingVerbs.has(t.lower) || isCap(t) || t.lower === 'states' && this.low(i + 1) !== 'that') return false;
    // after a determiner or a preposition (not "to") it is a noun: "a state of emergency", "the secretary of state"
    const p = this.low(i - 1);
    return !(this.res.lexicon.determiners.has(p) || p !== 'to' && this.res.lexicon.prepositions.has(p));
  }

  /** Hard clause boundary for reading roles. */
  isBoundary(i: number): boolean {
    const t = this.tok(i);
    if (!t) return true;
    if (PUNCT_BOUNDARY.has(t.text) || t.text === '.' || t.text === '!' || t.text === '?') return true;
    if (t.text === '-' && this.doc.text[t.start - 1] === ' ') return true; // "KYIV, March 3 (Reuters) - …"
    if (t.text === ')' && this.low(i + 1) === '-') return true;
    const L = this.res.lexicon;
    return L.boundaries.has(t.lower) || this.isReporting(i) || t.lower === 'that';
  }

  // ------------------------------------------------------------ noun phrases

  /** After the comma at `c`: names, commas and "the" only, up to "and" / "or" and a name ("…, Rohan, Fornost and Bree"). */
  nameListAhead(c: number): boolean {
    for (let j = c + 1; j < this.s1 && j < c + 16; j++) {
      const l = this.low(j);
      if ((l === 'and' || l === 'or') && this.isName(j - 1)) return this.isName(j + 1) || l === 'and' && this.low(j + 1) === 'the' && this.isName(j + 2);
      if (!(this.isName(j) || l === ',' || l === 'the')) return false;
    }
    return false;
  }

  /** Noun phrase starting at `p` (skipping an opening quote), or null. */
  npForward(p: number, max = 12, stopAtOf = false): TokRange | null {
    const L0 = this.res.lexicon.determiners;
    while (p < this.s1 && QUOTE_TOKENS.has(this.low(p))) p++;
    if (!this.npWord(p) || this.low(p) === "'s" || this.low(p) === ')') return null;
    let e = p;
    let depth = 0;
    while (e < this.s1 && e - p < max) {
      const t = this.tok(e)!;
      if (t.text === '(') depth++;
      else if (t.text === ')') {
        if (depth === 0) break;
        depth--;
      } else if (t.text === '.' && e > p && this.res.lexicon.titleAbbreviations.has(this.low(e - 1)) && this.tok(e + 1) && isCap(this.tok(e + 1)!)) {
        // "Mr. Abbas", "Gen. Haftar": the abbreviation's full stop is inside the name
      } else if (depth === 0 && t.text === ',' && e > p && this.isName(e - 1) && this.nameListAhead(e)) {
        // a list of names: "with Mordor, Rohan, Fornost and Bree"
      } else if (depth === 0) {
        if (t.lower === 'of') {
          const n = this.tok(e + 1);
          if (stopAtOf || !n || !(this.isName(e + 1) || this.res.lexicon.determiners.has(n.lower) || ADJ_SUFFIX.test(n.lower) || n.kind === 'number' || /^[a-z]{3,}s$/.test(n.lower) && !this.res.verbs.has(n.lower))) break;
        } else if (t.lower === 'and' || t.lower === 'or') {
          if (!this.isName(e + 1) && !(this.low(e + 1) === 'the' && this.isName(e + 2))) break;
        } else if (!this.npWord(e) || e > p && this.res.lexicon.timeWords.has(t.lower)) break;
        else if (e > p && t.kind === 'word' && !isCap(t) && !L0.has(this.low(e - 1)) && this.low(e - 1) !== '-'
          && (t.lower.endsWith('ed') || this.res.verbs.has(t.lower) && (!this.res.nouns.has(t.lower) || this.isName(e - 1) && e - 1 > p - 1 && !ADJ_SUFFIX.test(this.low(e - 1))))
          && (this.isName(e - 1) || /s$/.test(this.low(e - 1)))
          // "Arab states to …", "Gulf states and …": a plural after a name, with no object after it, is a noun
          && !(/[^s]s$/.test(t.lower) && this.isName(e - 1) && NOUN_FOLLOWERS.has(this.low(e + 1)))) break;
      }
      e++;
    }
    while (e > p && (this.low(e - 1) === '(' || this.low(e - 1) === '-' || this.low(e - 1) === 'of' || this.low(e - 1) === 'and')) e--;
    return e > p ? { s: p, e } : null;
  }

  /** Noun phrase ending at token `q` (inclusive), read backwards; names and modifiers only. */
  npBackward(q: number, max = 8): TokRange | null {
    let s = q;
    if (s < this.s0 || !this.npWord(s)) return null;
    while (s - 1 >= this.s0 && q - s < max) {
      const t = this.tok(s - 1)!;
      if (t.text === "'s" || t.text === '’s' || t.text === '-' || this.isName(s - 1)) s--;
      else if (this.res.lexicon.determiners.has(t.lower)) {
        s--;
        break;
      } else if (t.kind === 'word' && this.npWord(s - 1) && !this.res.lexicon.prepositions.has(t.lower) && !this.isVerbLike(s - 1)) s--;
      else break;
    }
    return { s, e: q + 1 };
  }

  /** Words that look like verbs (known trigger forms, reporting verbs, -ed forms after a noun). */
  isVerbLike(i: number): boolean {
    const l = this.low(i);
    return this.res.lexicon.reportingVerbs.has(l) || this.res.verbs.has(l) && !this.res.nouns.has(l) || this.res.lexicon.auxiliaries.has(l);
  }

  /** Head token of a noun phrase: the word before "of" / "(" / a relative, else the last word. */
  head(r: TokRange): number {
    for (let i = r.s + 1; i < r.e; i++) {
      const l = this.low(i);
      if (l === 'of' || l === '(' || l === ',' || l === 'who' || l === 'which') return this.lastWord(r.s, i);
    }
    return this.lastWord(r.s, r.e);
  }

  lastWord(s: number, e: number): number {
    for (let i = e - 1; i >= s; i--) if (this.isWord(i)) return i;
    return s;
  }

  // ------------------------------------------------------------ verbs

  /** Start of the verb group before `k` (auxiliaries, adverbs, "attempting to", "agreed to"). */
  groupStart(k: number): number {
    const L = this.res.lexicon;
    let g = k;
    for (let steps = 0; steps < 10 && g - 1 >= this.s0; steps++) {
      const i = g - 1;
      const l = this.low(i);
      if (l === 'to') {
        // control verb before "to": attempting to, agreed to, is to
        const prev = this.tok(i - 1);
        // (a verb, an -ed / -ing / -s form, or a control adjective: not a noun, "a march in the capital to denounce")
        const pl = prev?.lower ?? '';
        const verbish = this.res.verbs.has(pl) || this.res.dictForms.has(pl) || L.auxiliaries.has(pl) || /(?:ed|ing|en)$/.test(pl) || L.controlWords.has(pl)
          || /s$/.test(pl) && (this.res.lexicon.controlWords.has(pl.slice(0, -1)) || this.res.lexicon.controlWords.has(pl.replace(/es$/, '')));
        if (prev && prev.kind === 'word' && verbish && !this.isName(i - 1) && !L.determiners.has(prev.lower) && !L.prepositions.has(prev.lower) && !this.res.nouns.has(prev.lower)) {
          g = i - 1;
          continue;
        }
        g = i;
        break;
      }
      if ((L.auxiliaries.has(l) && l !== "'s" && l !== '’s') || L.negations.has(l) || this.isAdverb(i)) {
        g = i;
        continue;
      }
      // "'s" as an auxiliary only after a pronoun ("it's")
      if ((l === "'s" || l === '’s') && L.pronouns.has(this.low(i - 1))) {
        g = i;
        continue;
      }
      break;
    }
    return g;
  }

  groupText(g: number, k: number): string {
    const out: string[] = [];
    for (let i = g; i < k; i++) out.push(this.low(i));
    return ` ${out.join(' ')} `;
  }

  /** Verb reading is possible at `k` (not after a determiner or preposition, not a name). */
  verbContext(k: number): boolean {
    const L = this.res.lexicon;
    const t = this.tok(k)!;
    if (k === this.s0 || QUOTE_TOKENS.has(this.low(k - 1)) && k - 1 === this.s0) return false;
    if (this.isName(k)) return false;
    const p = this.low(k - 1);
    // "told visiting Japanese officials": an -ing word right after a reporting verb is an adjective
    if (t.lower.endsWith('ing') && this.isReporting(k - 1)) return false;
    if (L.determiners.has(p) && p !== 'that' || p === "'s" || p === '’s') return false;
    if (L.prepositions.has(p) && p !== 'to' && !(p === 'by' && t.lower.endsWith('ing'))) return false;
    if (this.low(k + 1) === 'of' && !t.lower.endsWith('ed') && !this.res.verbs.get(t.lower)?.some((f) => f.entry.after[0] === 'of')) return false;
    // a plural right after a base-form verb is its object: "to stop attacks", "resume talks", "launch raids"
    if (/[^s]s$/.test(t.lower) && this.res.verbs.has(p) && !/(?:s|ed|ing)$/.test(p) && !L.auxiliaries.has(p) && !this.isName(k - 1)
      && (this.low(k - 2) === 'to' || L.auxiliaries.has(this.low(k - 2)) || L.negations.has(this.low(k - 2)))) return false;
    // "in Turkish jails", "the Syrian attacks": after a preposition or determiner and a nationality adjective, a noun
    if (this.isName(k - 1) && NATIONALITY.test(p)) {
      const pp = this.low(k - 2);
      if (L.determiners.has(pp) && pp !== 'that' || L.prepositions.has(pp)) return false;
    }
    return true;
  }

  /** Noun reading is likely at `k` (after a determiner, possessive, preposition, adjective or name). */
  nounContext(k: number): boolean {
    const L = this.res.lexicon;
    const p = this.low(k - 1);
    if (!p) return false;
    if (L.determiners.has(p) || p === "'s" || p === '’s' || L.prepositions.has(p) && p !== 'to') return true;
    const n = this.low(k + 1);
    if (this.isName(k - 1) || this.tok(k - 1)?.kind === 'number') {
      // "Russia attacks Ukraine", "Lyon promises to end…" (verbs) vs "Russian attacks on …", "Iran's threats." (nouns)
      const nt = this.tok(k + 1);
      return !nt || nt.kind !== 'word' || L.prepositions.has(n) && n !== 'to';
    }
    if (L.auxiliaries.has(p) || L.pronouns.has(p) || this.isAdverb(k - 1) || COORD.has(p) || L.boundaries.has(p) || p === 'that') return false;
    if (ADJ_SUFFIX.test(p) && !p.endsWith('ed') && !p.endsWith('ing')) return true;
    // a plain content word before: a compound noun ("peace talks")
    const prev = this.tok(k - 1)!;
    return prev.kind === 'word' && !this.res.verbs.has(p) && !(this.res.dictForms.has(p) && /(?:ed|s)$/.test(p)) && !L.reportingVerbs.has(p) && !L.objectBreakers.has(p);
  }

  /** First token after `k` within the clause (for obj= and tgt= searches). */
  clauseEnd(k: number, max = 14): number {
    let e = k;
    while (e < this.s1 && e - k < max) {
      const t = this.tok(e)!;
      if (t.text === ';' || t.text === '.' || t.text === ':' || t.text === '”' || t.text === '—') break;
      if (e > k && ABSORB_BOUNDARY.has(t.lower)) break;
      e++;
    }
    return e;
  }
}

// ------------------------------------------------------------ trigger matching

function followsWords(r: SentenceReader, k: number, words: string[]): boolean {
  for (let j = 0; j < words.length; j++) if (r.low(k + 1 + j) !== words[j]) return false;
  return true;
}

function precededBy(r: SentenceReader, k: number, words: string[]): boolean {
  for (let j = 0; j < words.length; j++) if (r.low(k - words.length + j) !== words[j]) return false;
  return true;
}

function objFound(r: SentenceReader, from: number, words: string[] | null): boolean {
  if (!words) return true;
  const end = r.clauseEnd(from, 10);
  for (let i = from; i < end; i++) {
    const l = r.low(i);
    if (words.includes(l)) return true;
  }
  return false;
}

/** For passives ("the curfew will be lifted"): an obj= word shortly before the verb. */
function objBefore(r: SentenceReader, k: number, words: string[]): boolean {
  let be = false;
  for (let i = k - 1; i >= Math.max(r.s0, k - 7); i--) {
    const l = r.low(i);
    if (r.res.lexicon.beForms.has(l)) be = true;
    if (words.includes(l)) return be || i === k - 1;
  }
  return false;
}

/** A token matches one of a pattern slot's words: the word, its -s / -es plural, or a plural word's singular
 *  (compared in place, without building the forms). */
function patternWordMatch(tok: string, alts: string[]): boolean {
  const n = tok.length;
  for (const w of alts) {
    const m = w.length;
    if (n === m) {
      if (tok === w) return true;
    } else if (n === m + 1) {
      if (tok.charCodeAt(m) === 115 && tok.startsWith(w)) return true;
    } else if (n === m + 2) {
      if (tok.charCodeAt(m) === 101 && tok.charCodeAt(m + 1) === 115 && tok.startsWith(w)) return true;
    } else if (n === m - 1 && w.charCodeAt(n) === 115 && w.startsWith(tok)) return true;
  }
  return false;
}

function patternScore(r: SentenceReader, k: number, after: number, pat: { pre: string[][]; post: string[][] }): number {
  const ws = r.words;
  for (const alts of pat.post) if (!alts.some((w) => ws.has(w))) return -1;
  for (const alts of pat.pre) if (!alts.some((w) => ws.has(w))) return -1;
  let i = after;
  const end = r.clauseEnd(after, 12);
  for (const alts of pat.post) {
    while (i < end && !patternWordMatch(r.low(i), alts)) i++;
    if (i >= end) return -1;
    i++;
  }
  let j = k - 1;
  const start = Math.max(r.s0, k - 8);
  for (let n = pat.pre.length - 1; n >= 0; n--) {
    while (j >= start && !patternWordMatch(r.low(j), pat.pre[n]!)) j--;
    if (j < start) return -1;
    j--;
  }
  return pat.pre.length + pat.post.length;
}

interface Hit {
  /** content words of the dictionary pattern that matched ("voiced opposition": opposition), else undefined */
  patWords?: string[];
  entry: TriggerEntry;
  form: VerbForm | null;
  trig: number;
  trigEnd: number;
  type: string | null;
  mode: string | null;
  cameo: string | null;
}

/** Curated verb entries that fit at `k`, best first (multi-word, then with a required object). */
function matchVerbs(r: SentenceReader, k: number, cands: VerbForm[]): Hit[] {
  const hits: Array<{ h: Hit; score: number; i: number }> = [];
  cands.forEach((f, i) => {
    const e = f.entry;
    if (!followsWords(r, k, e.after)) return;
    const after = k + 1 + e.after.length;
    if (!objFound(r, after, e.obj) && !(f.participle && e.obj && objBefore(r, k, e.obj))) return;
    hits.push({ h: { entry: e, form: f, trig: k, trigEnd: after, type: e.type, mode: e.mode, cameo: e.cameo }, score: e.after.length * 2 + (e.obj ? 1 : 0), i });
  });
  return hits.sort((a, b) => b.score - a.score || a.i - b.i).map((x) => x.h);
}

function matchDictionary(r: SentenceReader, k: number, cands: VerbForm[], bareAll = false): Hit | null {
  let best: Hit | null = null;
  let bestScore = -1;
  for (const f of cands) {
    const e = f.entry;
    if (!followsWords(r, k, e.after)) continue;
    const after = k + 1 + e.after.length;
    let code: string | null = null;
    let score = -1;
    let words: string[] | undefined;
    const cands: CameoPattern[] = [];
    if (e.patternIndex) {
      for (const w of r.words) {
        const ps = e.patternIndex.get(w);
        if (ps) for (const p of ps) if (!cands.includes(p)) cands.push(p);
      }
    }
    for (const p of cands) {
      // a pattern made only of prepositions ("- * (TO)") is too weak to code on its own
      if (!r.res.dictionaryBare && !p.content) continue;
      const sc = patternScore(r, k, after, p);
      if (sc > score) {
        score = sc;
        code = p.code;
        words = p.post.flat();
      }
    }
    if (code === null || score <= 0) {
      if (!e.cameo || !r.res.dictionaryBare && !bareAll && !r.res.lexicon.bareCameoRoots.has(e.cameo.slice(0, 2))) continue;
      code = e.cameo;
      score = 0;
    }
    const total = score * 2 + e.after.length;
    if (total > bestScore) {
      bestScore = total;
      const pl = ploverOf(code, r.res.cameoPlover);
      best = { entry: e, form: f, trig: k, trigEnd: after, type: pl?.type ?? null, mode: pl?.mode ?? null, cameo: code, patWords: score > 0 ? words : undefined };
    }
  }
  return best;
}

// ------------------------------------------------------------ roles

interface Subject {
  range: TokRange | null;
  how: string | null;
}

/** The subject of the verb group starting at `g` (see the README for the rules). */
function subjectOf(r: SentenceReader, g: number, prior: RawEvent[]): Subject {
  const L = r.res.lexicon;
  // purpose infinitive after a noun ("took part in a march in the capital to denounce the violence"): the subject of
  // the latest event before it in the sentence
  if (r.low(g) === 'to' && g - 1 >= r.s0 && r.isWord(g - 1) && r.res.nouns.has(r.low(g - 1)) === false && !r.isName(g - 1)
    && !(r.res.verbs.has(r.low(g - 1)) || r.res.dictForms.has(r.low(g - 1)) || L.auxiliaries.has(r.low(g - 1)) || /(?:ed|ing)$/.test(r.low(g - 1)))) {
    for (let i = prior.length - 1; i >= 0; i--) {
      const p = prior[i]!;
      if (p.trig < r.s0 || p.trigEnd > g) continue;
      const subj = p.passive ? p.target : p.actor;
      if (subj) return { range: subj, how: 'coordinated' };
      break;
    }
  }
  // a gerund after a preposition ("killed 20 rebels in fighting", "after meeting Tusk"): the subject of the event before
  // it in the clause
  if (r.low(g).endsWith('ing') && L.prepositions.has(r.low(g - 1)) && r.low(g - 1) !== 'to') {
    for (let i = prior.length - 1; i >= 0; i--) {
      const p = prior[i]!;
      if (p.nominal || p.trig < r.s0 || p.trigEnd > g) continue;
      let clear = true;
      for (let q = p.trigEnd; q < g; q++) if (r.isBoundary(q)) clear = false;
      if (!clear) break;
      const subj = p.passive ? p.target : p.actor;
      if (subj) return { range: subj, how: 'coordinated' };
      break;
    }
  }
  // coordinated verb phrase: "destroyed the country, killed X and overthrew Y"
  const before = r.low(g - 1);
  if (COORD.has(before) || before === ',') {
    let prev: RawEvent | undefined;
    for (let i = prior.length - 1; i >= 0 && !prev; i--) if (!prior[i]!.nominal && prior[i]!.trigEnd <= g && prior[i]!.trig >= r.s0) prev = prior[i];
    if (prev && prev.trigEnd >= g - 12 && (COORD.has(before) || r.low(prev.spanE) === ',' && prev.spanE === g - 1)) {
      const subj = prev.passive ? prev.target : prev.actor;
      if (subj || prev.eventSubject !== null) return { range: subj, how: 'coordinated' };
    }
  }
  let b = g - 1;
  for (;;) {
    while (b >= r.s0 && !r.isBoundary(b)) b--;
    const bl = r.low(b);
    // non-restrictive relative between subject and verb: "The LNA, which is backed by X, attacked"
    if ((bl === 'which' || bl === 'who') && r.low(b - 1) === ',' && r.low(timeBefore(r, g) - 1) === ',') {
      b -= 2;
      continue;
    }
    break;
  }
  // segments between the boundary and the verb group, split at commas outside parentheses
  const segs: TokRange[] = [];
  let s = b + 1;
  let depth = 0;
  for (let i = b + 1; i < g; i++) {
    const t = r.low(i);
    if (t === '(') depth++;
    else if (t === ')') depth = Math.max(0, depth - 1);
    else if (t === ',' && depth === 0) {
      if (i > s) segs.push({ s, e: i });
      s = i + 1;
    }
  }
  if (g > s) segs.push({ s, e: g });
  const bl = r.low(b);
  // "The Kremlin denied X and accused Kyiv": a verb right after "and" shares the clause's first subject
  if (COORD.has(before) && b >= r.s0 && r.isReporting(b)) return subjectOf(r, r.groupStart(b), prior);
  if (COORD.has(before) && segs.length) {
    const first = segs[0]!;
    for (let j = first.s + 1; j < g - 1; j++) {
      const jl = r.low(j);
      if (!r.isName(j) && (r.isReporting(j) || L.negatingVerbs.has(jl) || r.res.dictForms.has(jl) && (/ed$/.test(jl) || L.irregularPast.has(jl)) && !L.determiners.has(r.low(j - 1)))) {
        let st = first.s;
        while (st < j && (QUOTE_TOKENS.has(r.low(st)) || L.intros.has(r.low(st)) && segs.length === 1 && st === first.s && !r.isName(st))) st++;
        return j > st ? { range: { s: st, e: j }, how: 'coordinated' } : { range: null, how: null };
      }
    }
  }
  // "…, he told reporters after meeting Tusk": a gerund after a preposition takes the main clause's subject
  if (!segs.length && L.prepositions.has(bl) && r.low(g).endsWith('ing')) {
    for (let j = b - 1; j >= r.s0; j--) {
      if (r.isReporting(j)) {
        let q = j - 1;
        while (q >= r.s0 && r.isAdverb(q)) q--;
        const np = r.npBackward(q);
        if (np) return { range: np, how: 'subject' };
        break;
      }
      const prev = prior.find((x) => x.trig === j && !x.nominal);
      if (prev) return { range: prev.passive ? prev.target : prev.actor, how: 'coordinated' };
    }
  }
  if (!segs.length) {
    if (bl === 'who' || bl === 'which' || bl === 'that') {
      let q = b - 1;
      if (r.low(q) === ',') q--;
      const np = r.npBackward(q);
      return { range: np, how: 'relative' };
    }
    return { range: null, how: null };
  }
  let i = 0;
  const wordBoundary = b >= r.s0 && r.isWord(b) && !L.reportingVerbs.has(bl) && bl !== 'that' && bl !== 'which' && bl !== 'who';
  if (segs.length > 1) {
    if (wordBoundary) i = 1;
    // intro phrases before the subject: "As part of …,", "Speaking at a press conference,", "Bowing to pressure,"
    while (i < segs.length - 1 && (L.intros.has(r.low(segs[i]!.s)) || introPhrase(r, segs[i]!.s))) i++;
  }
  let seg = segs[i]!;
  // a list of names as the subject: "Mordor, Rohan, Fornost and Bree welcomed …" (segments of names only, the last
  // one "X and Y")
  if (segs.length - i >= 2) {
    const last = segs[segs.length - 1]!;
    const namesOnly = (sg: TokRange) => sg.e - sg.s <= 4 && Array.from({ length: sg.e - sg.s }, (_, q) => sg.s + q)
      .every((q) => r.isName(q) || r.low(q) === 'the' || r.low(q) === 'and' || r.low(q) === 'or');
    let coord = false;
    for (let q = last.s + 1; q < last.e - 1; q++) if ((r.low(q) === 'and' || r.low(q) === 'or') && r.isName(q - 1)) coord = true;
    if (coord && segs.slice(i).every(namesOnly)) seg = { s: seg.s, e: last.e };
  }
  // "Georgia said on Friday it had cut …": a time phrase after a reporting verb is not the subject
  if (b >= r.s0 && r.isReporting(b)) {
    let q = seg.s;
    if (r.low(q) === 'on' && L.monthsDays.has(r.low(q + 1))) q += 2;
    else if (L.timeWords.has(r.low(q))) q += 1;
    if (q > seg.s && q < seg.e) seg = { s: q, e: seg.e };
  }
  const first = r.low(seg.s);
  // "About 300 prisoners", "Over 5,000 farmers": a preposition before a number starts a quantity, not a phrase
  const quantity = r.tok(seg.s + 1)?.kind === 'number';
  // (a participle before a plain noun is an adjective: "Armed men attacked …")
  const adjectival = seg.e - seg.s >= 2 && /ed$/.test(first) && !L.prepositions.has(r.low(seg.s + 1)) && !L.determiners.has(r.low(seg.s + 1));
  if (L.participleLeads.has(first) && !adjectival || L.prepositions.has(first) && !r.isName(seg.s) && !quantity) return { range: null, how: null };
  // trim: trailing adverbs, and words that are clearly not part of the noun phrase
  let e = seg.e;
  while (e > seg.s && (r.isAdverb(e - 1) || r.low(e - 1) === ',')) e--;
  // "Germany on Friday formally recognized …": a time phrase between subject and verb is not the subject's
  const tb = timeBefore(r, e);
  if (tb < e && tb > seg.s) e = tb;
  let st = seg.s;
  while (st < e && QUOTE_TOKENS.has(r.low(st))) st++;
  if (e <= st) return { range: null, how: null };
  // a verb inside the segment means we are not looking at a plain noun phrase: keep its tail
  for (let j = e - 1; j > st; j--) {
    if (r.isReporting(j)) {
      st = j + 1;
      break;
    }
  }
  // "Syria has told Lebanon it will not withdraw": after a reporting verb's object, the pronoun is the subject
  if (e - st > 1 && SUBJECT_PRONOUNS.has(r.low(e - 1)) && r.isReporting(st - 1)) st = e - 1;
  // a reduced relative ends the noun phrase: "Government troops backed by tanks and helicopters"
  for (let j = st + 1; j < e - 1; j++) {
    const jl = r.low(j);
    if (r.low(j + 1) === 'by' && !r.isName(j) && (L.participleLeads.has(jl) || /[^e]ed$|en$/.test(jl))) {
      e = j;
      break;
    }
  }
  for (let j = e - 1; j > st; j--) {
    if (r.low(j) !== 'and' && r.low(j) !== 'but') continue;
    let verb = false;
    for (let q = st; q < j; q++) {
      const ql = r.low(q);
      if (!r.isName(q) && !L.determiners.has(r.low(q - 1)) && (r.res.verbs.has(ql) || r.res.dictForms.has(ql) && /(?:ed|ke|ot|ght)$/.test(ql)) && !r.res.nouns.has(ql)) verb = true;
    }
    if (verb) {
      st = j + 1;
      break;
    }
  }
  return e > st ? { range: { s: st, e }, how: 'subject' } : { range: null, how: null };
}

/** A participial or gerund intro phrase starts at `s` ("Speaking at …", "Bowing to …", "Backed by …"). */
function introPhrase(r: SentenceReader, s: number): boolean {
  const l = r.low(s);
  // a sentence-initial capital is not a name here ("Speaking at …")
  return !(r.isName(s) && s !== r.s0) && (r.res.lexicon.participleLeads.has(l) || l.length > 5 && l.endsWith('ing') || r.res.lexicon.prepositions.has(l));
}

/** The start of a time phrase ending right before `g` ("on Tuesday", "yesterday"), else `g`. */
function timeBefore(r: SentenceReader, g: number): number {
  let q = g;
  if (r.res.lexicon.monthsDays.has(r.low(q - 1)) && r.low(q - 2) === 'on') q -= 2;
  else if (r.res.lexicon.timeWords.has(r.low(q - 1))) q -= 1;
  return q;
}

/** A reciprocal act whose actor is coordinated ("Russia and China", "the foreign ministers of India and Pakistan") and
 *  that has no target, or only a place after a locative preposition ("met in Kathmandu"): the second conjunct is the
 *  target, the first the actor. */
function reciprocalSplit(r: SentenceReader, ev: { actor: TokRange | null; target: TokRange | null }): void {
  const a = ev.actor;
  if (!a) return;
  if (ev.target && !(r.res.lexicon.locativePreps.has(r.low(ev.target.s - 1)) && hasNameIn(r, ev.target))) return;
  for (let i = a.s + 1; i < a.e - 1; i++) {
    if (r.low(i) === 'and' && r.isName(i - 1) && (r.isName(i + 1) || r.res.lexicon.determiners.has(r.low(i + 1)))) {
      ev.target = { s: i + 1, e: a.e };
      ev.actor = { s: a.s, e: i };
      return;
    }
  }
}

/** Target after a preposition from `preps`, within the clause after `from`. */
function prepTarget(r: SentenceReader, from: number, preps: string[]): TokRange | null {
  if (!preps.length) return null;
  const end = r.clauseEnd(from, 12);
  for (let i = from; i < end; i++) {
    if (preps.includes(r.low(i)) && !infinitiveAt(r, i)) {
      const np = r.npForward(i + 1, 10, true);
      // "marched on Sunday": a time, not a party
      if (np && !isTimeNp(r, np)) return np;
    }
  }
  return null;
}

/** Prepositions whose named noun phrase can be a target ("in" and "at" too: CAMEO codes the country an event
 *  happens in as its target when no other party is named; tried without them, the PETRARCH2 dev set lost targets). */

function hasNameIn(r: SentenceReader, np: TokRange | null): boolean {
  if (!np) return false;
  for (let i = np.s; i < np.e; i++) if (r.isName(i) || r.res.lexicon.pronouns.has(r.low(i))) return true;
  return false;
}

/** The party a thing-object is about: the noun phrase of an on/against/of/to/for phrase right after it. */
function thingTarget(r: SentenceReader, obj: TokRange): TokRange | null {
  const p = r.low(obj.e);
  if (!r.res.lexicon.thingPreps.has(p)) return null;
  const np = r.npForward(obj.e + 1, 8, true);
  return np && !isTimeNp(r, np) ? np : null;
}

/** A prepositional phrase after `from`, in the clause, whose noun phrase holds a name. */
function namedPrepTarget(r: SentenceReader, from: number, extra: string[] = [], stopAt: Set<string> | null = null): TokRange | null {
  const end = r.clauseEnd(from, 10);
  for (let i = from; i < end; i++) {
    // (a locative phrase ends the search, unless a participle governs it: "the roads leading into Mordor")
    if (r.low(i) === ',' || stopAt?.has(r.low(i)) && !r.low(i - 1).endsWith('ing')) break;
    if (!r.res.lexicon.targetPreps.includes(r.low(i)) && !extra.includes(r.low(i))) continue;
    const np = r.npForward(i + 1, 8, true);
    if (np && !isTimeNp(r, np) && !infinitiveAt(r, i) && (hasNameIn(r, np) || r.res.lexicon.partyPreps.has(r.low(i)) && partyHead(r, np))) return np;
  }
  return null;
}

/** "to" + a verb ("refused to release the hostages"): an infinitive, not a prepositional phrase. */
function infinitiveAt(r: SentenceReader, i: number): boolean {
  if (r.low(i) !== 'to') return false;
  const n = r.low(i + 1);
  if (r.isName(i + 1) || r.res.lexicon.determiners.has(n) || !(r.res.verbs.has(n) || r.res.dictForms.has(n))) return false;
  // a word that is a noun too ("release") is a verb when an object follows it ("to release the hostages")
  const nn = r.low(i + 2);
  // (or a base form before a preposition: "to protest against the remarks", "to comply with")
  const baseBeforePrep = (!n.endsWith('s') || n.endsWith('ss')) && !/(?:ing|ed)$/.test(n) && r.res.lexicon.prepositions.has(nn) && nn !== 'of';
  return !r.res.nouns.has(n) || r.res.lexicon.determiners.has(nn) || r.isName(i + 2) || r.res.lexicon.pronouns.has(nn) || baseBeforePrep;
}

/** An object head that is a party itself (people, media, organisations): "freed the hostages", "shut down newspapers". */
function isPartyObject(L: Lexicon, h: string): boolean {
  return L.partyObjectWords.has(h) || L.partyObjectSuffixes.some((x) => h.endsWith(x));
}

/** Some word of the noun phrase names a party ("a convoy of government troops", "a police checkpoint"). */
function partyWordIn(r: SentenceReader, np: TokRange): boolean {
  for (let i = np.s; i < np.e; i++) {
    const l = r.low(i);
    if (r.res.lexicon.agentHeads.has(l) || r.res.lexicon.partyObjectWords.has(l)) return true;
  }
  return agentNounIn(r, np);
}

/** An agent noun of the CAMEO dictionary in the noun phrase, not as the modifier of an event noun ("a general
 *  strike" is no party; "rebel positions", "the former governor" are). */
function agentNounIn(r: SentenceReader, np: TokRange): boolean {
  for (let i = np.s; i < np.e; i++) {
    if (!r.res.lexicon.agentNouns.has(r.low(i))) continue;
    if (i + 1 < np.e && r.res.nouns.has(r.low(i + 1))) continue;
    return true;
  }
  return false;
}

/** Can the noun phrase be an event's target? A name or pronoun, a party word ("the rebels", "government buildings"),
 *  a person noun ("civilians", "protesters"), or a place or installation ("the town", "a checkpoint"). */
function plausibleTarget(r: SentenceReader, np: TokRange): boolean {
  const L = r.res.lexicon;
  if (hasNameIn(r, np) || partyWordIn(r, np)) return true;
  for (let i = np.s; i < np.e; i++) {
    const l = r.low(i);
    if (isPartyObject(L, l) || L.placeNouns.has(l) || L.protestSites.has(l) || L.nonActors.has(l) || L.mobilizedForces.has(l)) return true;
  }
  return agentNounIn(r, np);
}

/** The noun phrase names a party by its head ("the rebels", "the new government", "demonstrators"). */
function partyHead(r: SentenceReader, np: TokRange): boolean {
  const h = r.low(r.head(np));
  return r.res.lexicon.agentHeads.has(h) || isPartyObject(r.res.lexicon, h);
}

const POSSESSIVE_PRONOUNS = new Set<string>(WORDS.possessivePronouns);

function isTimeNp(r: SentenceReader, np: TokRange): boolean {
  for (let i = np.s; i < np.e; i++) if (r.res.lexicon.monthsDays.has(r.low(i))) return true;
  return false;
}

/** "outside the US embassy", "in front of the parliament", "at the embassy of Israel": the site's noun phrase
 *  (with its of-phrase), when its head is a seat of power (lexicon `protestSites`). */
function protestSite(r: SentenceReader, from: number): TokRange | null {
  const end = r.clauseEnd(from, 14);
  for (let i = from; i < end; i++) {
    const l = r.low(i);
    if (l !== 'outside' && l !== 'at' && l !== 'near' && l !== 'of' && l !== 'to' && l !== 'on' && l !== 'against') continue;
    const np = r.npForward(i + 1, 8, true);
    if (!np || !r.res.lexicon.protestSites.has(r.low(r.head(np)))) continue;
    if (r.low(np.e) === 'of') {
      const of = r.npForward(np.e + 1, 6, true);
      if (of) return { s: np.s, e: of.e };
    }
    return np;
  }
  return null;
}

function possessorIn(r: SentenceReader, np: TokRange): TokRange | null {
  for (let i = np.s + 1; i < np.e; i++) {
    if (r.low(i) === "'s" || r.low(i) === '’s') return r.npBackward(i - 1);
  }
  return null;
}

// ------------------------------------------------------------ modality (token cues)

function modalityOf(r: SentenceReader, ev: RawEvent): Set<string> {
  const L = r.res.lexicon;
  const m = new Set<string>();
  const gt = r.groupText(ev.group, ev.trig);
  const words = gt.trim().split(' ');
  if (words.some((w) => L.negations.has(w)) || gt.includes(' no longer ')) m.add('negated');
  if (ev.nominal && r.low(ev.trig - 1) === 'no') m.add('negated');
  for (const w of words) if (L.negatingVerbs.has(w)) m.add('negated');
  if (L.future.some((c) => gt.includes(c))) m.add('future');
  const modal = words.some((w) => w === 'would' || w === 'could' || w === 'might' || w === "'d" || w === '’d');
  // is the trigger inside an if/unless/on-condition clause, or does the sentence set a condition?
  let cond = false;
  for (const cue of r.conditionCues) {
    const first = cue.first;
    const c = cue.phrase;
    for (let i = r.s0; i < ev.trig; i++) {
      if (r.low(i) === first) {
        let clean = true;
        for (let j = i + 1; j < ev.trig; j++) if (r.low(j) === ';' || (r.low(j) === ',' && c !== 'on condition')) clean = false;
        if (clean) cond = true;
      }
    }
    if (modal) cond = true;
  }
  // "will / would / is to … if …": a condition after the trigger, in the same sentence
  if (!cond && (modal || words.includes('will') || words.includes('to') || words.includes("'ll"))) {
    for (let i = ev.trigEnd; i < r.s1; i++) {
      const l = r.low(i);
      if (l === ';' || l === '.' || l === '“' || l === '”') break;
      if (l === 'if' || l === 'unless') {
        cond = true;
        break;
      }
    }
  }
  if (cond) m.add('conditional');
  else if (modal || L.hypotheticalPhrases.some((c) => gt.includes(c)) || words.some((w) => w === 'may' || w === 'should')) m.add('hypothetical');
  if (words.includes('previously') || words.includes('formerly')) m.add('historical');
  // purpose infinitive ("launched an offensive to wrest control"): an aim, not a fact
  if (!ev.nominal && words[0] === 'to' && !ev.absorbedBy) m.add('hypothetical');
  return m;
}

// ------------------------------------------------------------ the coder

/** Every surface form of a noun, verb or dictionary trigger, per resources object (tests build their own). */
const TRIGGER_WORDS = new WeakMap<EventsResources, Set<string>>();
function triggerWordsOf(res: EventsResources): Set<string> {
  let s = TRIGGER_WORDS.get(res);
  if (!s) {
    s = new Set([...res.nouns.keys(), ...res.verbs.keys(), ...res.dictForms.keys()]);
    TRIGGER_WORDS.set(res, s);
  }
  return s;
}

function codeSentence(doc: Doc, res: EventsResources, si: number, readers?: Map<number, SentenceReader>): RawEvent[] {
  const sent = doc.sentences[si]!;
  const r = new SentenceReader(doc, res, sent.tokenStart, sent.tokenEnd, si);
  readers?.set(si, r);
  const out: RawEvent[] = [];
  const taken = new Set<number>();
  const dictMiss: number[] = [];
  const triggerWords = triggerWordsOf(res);
  for (let k = r.s0; k < r.s1; k++) {
    const t = doc.tokens[k]!;
    if (t.kind !== 'word' || taken.has(k)) continue;
    const l = t.lower;
    // most words are no trigger of any kind: skip them at once (one set lookup instead of three map lookups)
    if (!triggerWords.has(l)) continue;
    let hit: Hit | null = null;
    let nominal = false;
    let nounStart = k;
    const nounEntries = res.nouns.get(l);
    const verbForms = res.verbs.get(l);
    if (nounEntries) {
      // "aid workers", "protest leaders": an event noun that modifies a party noun is no event
      // (only where no verb can stand: after a determiner, number, possessive or preposition, or first in the sentence)
      const nx = r.low(k + 1);
      const pv = r.tok(k - 1);
      const noVerbSlot = !pv || pv.kind === 'number' || res.lexicon.numberWords.has(pv.lower) || res.lexicon.determiners.has(pv.lower) || pv.lower === "'s" || pv.lower === '’s'
        || res.lexicon.prepositions.has(pv.lower) || /(?:al|ian|ese|ish)$/.test(pv.lower) && !r.isReporting(k - 1);
      // (the party noun singular too: "a British aid worker")
      const nxs = `${nx}s`;
      if (noVerbSlot && (res.lexicon.agentHeads.has(nx) || res.lexicon.agentHeads.has(nxs) || nx.length > 3 && (isPartyObject(res.lexicon, nx) || isPartyObject(res.lexicon, nxs))) && !r.isName(k + 1)) continue;
    }
    const noun = nounEntries && (r.nounContext(k) || !verbForms || !r.verbContext(k));
    if (noun && nounEntries) {
      // longest multi-word noun first (sorted at load)
      const sorted = nounEntries;
      for (const e of sorted) {
        if (e.before.length && !precededBy(r, k, e.before)) continue;
        if (!e.before.length && sorted.some((o) => o.before.length && precededBy(r, k, o.before))) continue;
        hit = { entry: e, form: null, trig: k, trigEnd: k + 1, type: e.type, mode: e.mode, cameo: e.cameo };
        nounStart = k - e.before.length;
        nominal = true;
        break;
      }
      if (hit && isCap(t) && k !== r.s0 && !ALL_UPPER.test(t.text) && r.isName(k - 1)) hit = null; // part of a name ("Operation Storm")
    }
    let ev: RawEvent | null = hit && nominal ? readNominal(r, hit, nounStart, out) : null;
    // (also a compound after a determiner: "the peace talks", "its border clashes")
    const strongNoun = !!hit && nominal && (hit.entry.before.length > 0 || res.lexicon.determiners.has(r.low(nounStart - 1)) || r.low(nounStart - 1) === "'s" || r.low(nounStart - 1) === '’s'
      || nounStart - 2 >= r.s0 && res.lexicon.determiners.has(r.low(nounStart - 2)) && r.low(nounStart - 2) !== 'that' && r.nounContext(nounStart) && !r.isName(nounStart - 1));
    if (!ev && !strongNoun) {
      hit = null;
      nominal = false;
      const gerund = l.endsWith('ing') && res.lexicon.prepositions.has(r.low(k - 1)) && !r.isName(k);
      if (verbForms && (r.verbContext(k) || gerund)) {
        for (const h of matchVerbs(r, k, verbForms)) {
          ev = readVerbal(r, h, out);
          if (ev) break;
        }
      }
      if (!ev && dictionaryContext(r, k)) {
        const dict = res.dictForms.get(l);
        hit = dict ? matchDictionary(r, k, dict) : null;
        if (hit) ev = readVerbal(r, hit, out);
        if (!ev) dictMiss.push(k);
      }
    }
    if (!ev) continue;
    for (let j = ev.trig; j < ev.trigEnd; j++) taken.add(j);
    out.push(ev);
  }
  // absorption: content of speech acts, nouns inside a verb's object, verbs whose subject is an event noun
  for (let j = 0; j < out.length; j++) {
    const b = out[j]!;
    for (let i = j - 1; i >= 0; i--) {
      const a = out[i]!;
      if (a.absorbedBy) continue;
      const inObject = a.object && b.trig >= a.object.s && b.trig < a.object.e && !a.nominal;
      let sameClause = a.entry.speech && !a.nominal;
      if (sameClause) {
        for (let q = a.trigEnd; q < b.trig; q++) {
          const ql = r.low(q);
          if (ql === ';' || ABSORB_BOUNDARY.has(ql) || r.isReporting(q) && ql !== 'claim' || ql === ',' && COORD.has(r.low(q + 1))) {
            sameClause = false;
            break;
          }
        }
      }
      if (sameClause && b.entry.speech && !b.nominal) {
        for (let q = a.trigEnd; q < b.trig; q++) if (r.low(q) === 'and' || r.low(q) === 'but') sameClause = false;
      }
      if (inObject || sameClause) {
        b.absorbedBy = a;
        // the first act of the content, not its conditions: "demanded that Israel withdraw", "promised to attack"
        let direct = b.trig - a.trigEnd <= 6;
        let that = false;
        for (let q = a.trigEnd; q < b.trig && direct; q++) {
          const ql = r.low(q);
          if (ql === 'that') that = true;
          else if (ql === ',' || res.lexicon.boundaries.has(ql)) direct = false;
        }
        if (a.type && b.type && direct) {
          const change = res.lexicon.typeChanges[a.type]?.[b.type];
          // only the act itself changes the type ("promised to attack", "promised to resume raids")
          // a noun object changes the type only when it is itself a concession ("promised concessions"); an offered
          // ceasefire stays an AGREE (CAMEO 0356, intent to de-escalate)
          const inObj = b.nominal && b.type === 'CONCEDE' && a.object !== null && b.trig >= a.object.s && b.trig < a.object.e;
          const head = inObj ? a.trigEnd : b.nominal ? (b.light ?? -1) : b.trig;
          // (not when the noun's light verb is an event of its own: "pledged to stop attacks" is no threat)
          const lightIsEvent = b.nominal && b.light !== null && out.some((x) => x !== b && x.trig === b.light);
          if (change && !that && !lightIsEvent && !a.entry.obj && head >= a.trigEnd && head <= a.trigEnd + (r.low(a.trigEnd) === 'to' ? 2 : 1)) {
            a.cameo = shiftedCameo(b.cameo ?? a.cameo, change, res.lexicon.cameoShifts, res.cameoPlover);
            a.type = change;
            a.mode = null;
          }
          const cm = a.mode === null ? res.lexicon.complementModes[a.type]?.[b.type] : undefined;
          if (cm) a.mode = cm;
        }
        if (b.spanE > a.spanE && sameClause) a.spanE = Math.min(b.spanE, r.clauseEnd(a.trigEnd, 30));
        // "refused to negotiate with the rebels", "threatened to kill the hostages": the content's party
        // (also after a trigger ending in "to": "is ready to provide assistance to the flood victims")
        const toEnded = a.entry.after.length > 0 && a.entry.after[a.entry.after.length - 1] === 'to' && r.low(a.trigEnd - 1) === 'to';
        if (!a.target && !a.nominal && b.target && b.trig - a.trigEnd <= 5 && (r.low(a.trigEnd) === 'to' || toEnded || r.low(a.trigEnd) === 'on' && res.lexicon.monthsDays.has(r.low(a.trigEnd + 1)) && r.low(a.trigEnd + 2) === 'to')) a.target = b.target;
        break;
      }
    }
  }
  for (let j = 0; j < out.length; j++) {
    const b = out[j]!;
    if (b.absorbedBy || b.nominal || r.low(b.group - 1) !== ',' || !r.low(b.trig).endsWith('ing')) continue;
    for (let i = j - 1; i >= 0; i--) {
      const a = out[i]!;
      if (!a.absorbedBy && a.type === b.type && a.trig < b.trig) {
        b.absorbedBy = a;
        break;
      }
    }
  }
  for (let j = out.length - 1; j >= 0; j--) {
    const ev = out[j]!;
    if (ev.entry.source === 'dictionary' && !ev.actor && !ev.target && !ev.absorbedBy) out.splice(j, 1);
  }
  // a sentence with no event at all: the CAMEO dictionary once more, taking any block's default code (roots 02-20)
  // for a verb with an actor and a target (PETRARCH's own behaviour), in verb positions only
  if (dictMiss.length && !out.some((ev) => ev.type)) {
    // (only the words the first pass found in a dictionary verb position and could not code)
    for (const k of dictMiss) {
      const dict = res.dictForms.get(doc.tokens[k]!.lower);
      if (!dict || taken.has(k)) continue;
      const hit = matchDictionary(r, k, dict, true);
      if (!hit || !hit.type || hit.cameo?.startsWith('01')) continue;
      const ev = readVerbal(r, hit, out);
      if (ev && ev.actor && ev.target) {
        out.push(ev);
        break;
      }
    }
  }
  for (const ev of out) {
    if (ev.mode === null && ev.type && !ev.absorbedBy) ev.mode = modeFromCues(r, ev);
    // still none: the CAMEO table's mode for the event's code, when the table gives the same type
    if (ev.mode === null && ev.type && ev.cameo) {
      const pl = ploverOf(ev.cameo, res.cameoPlover);
      if (pl && pl.type === ev.type && pl.mode) ev.mode = pl.mode;
    }
    // violence by protesters, crowds or mobs is a riot (PLOVER 2.0 PROTEST riot, CAMEO 145)
    // (not violence against persons, CAMEO 18x / 20x: "the mob lynched the suspect" is an assault)
    // (a passive's actor is its by-phrase: "shops smashed by violent protesters")
    if (ev.type === 'ASSAULT' && ev.actor && (!ev.passive || ev.actorHow === 'by') && !/^(?:18|20)/.test(ev.cameo ?? '') && res.lexicon.riotActors.has(r.low(r.head(ev.actor)))) {
      ev.type = 'PROTEST';
      ev.mode = 'riot';
      ev.cameo = '145';
    }
    ev.modality = modalityOf(r, ev);
    const changes = ev.type ? res.lexicon.modalityTypeChanges[ev.type] : undefined;
    if (changes && !ev.absorbedBy) {
      // "refused": a negated future or hypothetical cooperative act ("said it would not negotiate") is a refusal
      const planned = ev.modality.has('future') || ev.modality.has('hypothetical');
      // (a negated intention noun, "had no intention of lifting the curfew", "no plans to …", is one too)
      const refusal = ev.modality.has('negated') && (planned || ev.nominal);
      // "intent": the actor states a plan ("Japan plans to send aid", "Japan said it would send aid"): CAMEO 03x
      const intent = planned && !refusal && !ev.modality.has('conditional') && statedIntent(r, ev);
      // "modal": the act is only possible (may / might / could / would in its verb group, not negated): "Norway may ban
      // the general", "said it could suspend relations" — for force and coercion, a threat (CAMEO 13x)
      const mg = ` ${r.groupText(ev.group, ev.trig).trim()} `;
      const modal = !ev.modality.has('negated') && / (?:may|might|could|would|'d|’d) /.test(mg);
      for (const m of ['refusal', 'intent', 'conditional', 'modal', 'future', 'hypothetical']) {
        const to = (m === 'refusal' ? refusal : m === 'intent' ? intent : m === 'modal' ? modal : ev.modality.has(m)) ? changes[m] : undefined;
        if (!to) continue;
        if (m === 'refusal') for (const x of ['negated', 'future', 'hypothetical']) ev.modality.delete(x);
        const keep = ev.mode && res.lexicon.typeModes[to]?.includes(ev.mode) ? ev.mode : null;
        const mode = keep ?? res.lexicon.complementModes[to]?.[ev.type!] ?? null;
        ev.cameo = shiftedCameo(ev.cameo, to, res.lexicon.cameoShifts, res.cameoPlover);
        ev.type = to;
        ev.mode = mode;
        break;
      }
    }
  }
  for (const ev of out) ev.embedded = embeddedAt(r, ev.light ?? (ev.nominal ? ev.trig : ev.group), ev);
  // a purpose infinitive after an event ("took to the streets to demand the president's resignation", "went on strike to
  // demand the dismissal of the minister"): it shares the event's actor, and its party is the event's target
  for (const ev of out) {
    if (ev.nominal || r.low(ev.group) !== 'to') continue;
    let host: RawEvent | undefined;
    for (const p of out) if (p !== ev && !p.absorbedBy && p.trigEnd <= ev.group && p.trig >= r.s0 && (!host || p.trig > host.trig)) host = p;
    if (!host || host.passive) continue;
    let clear = true;
    for (let q = host.trigEnd; q < ev.group; q++) if (r.isBoundary(q) || r.low(q) === ',') clear = false;
    if (!clear) continue;
    if (host.actor && (!ev.actor || ev.actor.e > host.trig)) ev.actor = host.actor;
    if (!host.target && ev.target && ev.entry.speech) host.target = possessorIn(r, ev.target) ?? ev.target;
  }
  // a target is a party or a place: "threatened to declare martial law", "demanded a new constitution" have none
  // (a thing's possessor or of-phrase may name one: "demanded the dismissal of the health minister")
  for (const ev of out) {
    if (!ev.target || plausibleTarget(r, ev.target)) continue;
    const t = ev.target;
    const owner = possessorIn(r, t);
    const of = r.low(t.e) === 'of' ? r.npForward(t.e + 1, 8, true) : null;
    ev.target = owner && plausibleTarget(r, owner) ? owner : of && plausibleTarget(r, of) ? of : null;
  }
  return out;
}

/** Subordinating words that open a clause which is not the main one. */
const SUBORDINATORS = new Set<string>(WORDS.subordinators);

/** Is the verb group starting at `g` inside a subordinate or relative clause, or a participial adjunct? */
function embeddedAt(r: SentenceReader, g: number, ev: RawEvent): boolean {
  // an event noun with no light verb is main only as the sentence's subject ("Nationwide curfew imposed …"):
  // no preposition or verb before it
  if (ev.nominal && ev.light === null) {
    for (let i = r.s0; i < ev.trig; i++) {
      const l = r.low(i);
      if (r.res.lexicon.prepositions.has(l) || r.isReporting(i) || l === ',' || r.res.verbs.has(l) && !r.isName(i)) return true;
    }
    return false;
  }
  const w = r.low(ev.light ?? ev.trig);
  if (w.endsWith('ing') && (r.low(g - 1) === ',' || g === r.s0)) return true;
  // a purpose infinitive ("to wrest control") is no main event
  if (r.low(g) === 'to') return true;
  for (let i = g - 1; i >= r.s0; i--) {
    const l = r.low(i);
    if (l === ',' || l === ';' || l === ':' || r.isReporting(i)) break;
    // "said (that) …": the content of a report is the main event (also "said on Monday that …", "said yesterday that")
    if (l === 'that' && (r.isReporting(i - 1) || r.res.lexicon.timeWords.has(r.low(i - 1)) && r.isReporting(i - 2)
      || r.low(i - 2) === 'on' && r.res.lexicon.monthsDays.has(r.low(i - 1)) && r.isReporting(i - 3) || reportedObjectThat(r, i))) break;
    if (SUBORDINATORS.has(l)) return true;
  }
  return false;
}

/** "told visiting officials that …", "assured Baghdad that …": a reporting verb and its object before "that" at `i`. */
function reportedObjectThat(r: SentenceReader, i: number): boolean {
  for (let q = i - 1; q >= Math.max(r.s0, i - 7); q--) {
    const l = r.low(q);
    if (l === ',' || l === ';' || SUBORDINATORS.has(l)) return false;
    if (r.isReporting(q) || r.res.lexicon.objectReportingVerbs.has(l)) return q < i - 1 && r.res.lexicon.objectReportingVerbs.has(l);
  }
  return false;
}

/** The actor states its own plan: an intent cue in the verb group ("plans to", "is ready to"), or a pronoun
 *  subject right after a reporting verb ("Japan said on Monday it would …"). */
function statedIntent(r: SentenceReader, ev: RawEvent): boolean {
  const gt = r.groupText(ev.group, ev.trig);
  if (r.res.lexicon.intentCues.some((c) => gt.includes(c))) return true;
  // the pronoun subject: the actor, or the word before the verb group when the subject was not read
  const p = ev.actor ? (ev.actor.e - ev.actor.s === 1 ? ev.actor.s : -1) : ev.group - 1;
  if (p < r.s0 || !r.res.lexicon.pronouns.has(r.low(p))) return false;
  for (let q = p - 1; q >= Math.max(r.s0, p - 6); q--) {
    const l = r.low(q);
    if (r.isReporting(q)) return true;
    if (l === ',' || l === ';' || r.res.verbs.has(l) && l !== 'that') return false;
  }
  return false;
}

/** A mode from cue words in the event's clause ("attacked with rockets" → heavy-weapons). */
function modeFromCues(r: SentenceReader, ev: RawEvent): string | null {
  const cues = r.res.lexicon.modeCues[ev.type!];
  if (!cues) return null;
  let index = MODE_CUE_INDEX.get(cues);
  if (!index) {
    index = new Map();
    cues.forEach(([, words], rank) => {
      for (const w of words) if (!index!.has(w)) index!.set(w, rank);
    });
    MODE_CUE_INDEX.set(cues, index);
  }
  const from = Math.min(ev.spanS, ev.actor?.s ?? ev.spanS);
  const to = ev.spanE;
  // the first mode in the list's order that has a cue word in the span (as before, one pass over the words)
  let best = Infinity;
  for (let i = from; i < to; i++) {
    const rank = index.get(r.low(i));
    if (rank !== undefined && rank < best) best = rank;
  }
  return best === Infinity ? null : cues[best]![0];
}

/** Per type's mode-cue list: cue word → rank of its mode (built on first use). */
const MODE_CUE_INDEX = new WeakMap<Array<[string, string[]]>, Map<string, number>>();

/** The CAMEO dictionary fallback reads only clear verb positions (its words are often nouns too). */
function dictionaryContext(r: SentenceReader, k: number): boolean {
  const L = r.res.lexicon;
  const t = r.tok(k)!;
  const l = t.lower;
  if (!r.res.dictForms.has(l) || isCap(t) || !r.res.dictionaryBare && L.dictionaryStoplist.has(l) || !r.verbContext(k)) return false;
  if (L.reportingVerbs.has(l) || L.lightVerbs.has(l) || L.participleLeads.has(l) || L.agentHeads.has(l) || L.auxiliaries.has(l) || L.prepositions.has(l)) return false;
  const p = r.low(k - 1);
  const prev = r.tok(k - 1);
  if (!prev) return false;
  // an -s form followed by a verb is a plural noun subject ("Tibetan exiles appealed", "rebel forces attacked")
  const n = r.low(k + 1);
  if (/[^s]s$/.test(l) && n && !r.isName(k + 1) && (r.res.verbs.has(n) || L.reportingVerbs.has(n) || /[^e]ed$/.test(n) && r.res.dictForms.has(n))) return false;
  if (L.pronouns.has(p) || L.auxiliaries.has(p) || L.negations.has(p) || r.isAdverb(k - 1) || p === ',' || p === ')' || p === 'and' || p === 'who' || p === 'which' || p === 'that'
    || r.isName(k - 1) || L.agentHeads.has(p)) return true;
  // a plural common noun before ("workers struck", "villagers fled")
  return prev.kind === 'word' && p.length > 3 && p.endsWith('s') && !p.endsWith('ss') && !L.determiners.has(p) && !L.objectBreakers.has(p)
    && !r.res.verbs.has(p) && !r.res.dictForms.has(p) && !L.reportingVerbs.has(p);
}

function subjectIsEventNoun(r: SentenceReader, subj: TokRange | null): number | null {
  if (!subj) return null;
  const h = r.head(subj);
  const l = r.low(h);
  const e = r.res.nouns.get(l);
  return e && e.some((x) => x.type !== null) ? h : null;
}

function spanEnd(r: SentenceReader, from: number): number {
  let e = from;
  while (e < r.s1 && e - from < 25) {
    const t = r.tok(e)!;
    if (t.text === ',' || t.text === ';' || t.text === '.' || t.text === ':' || t.text === '”' || t.text === '—' || t.text === '"') break;
    if (r.res.lexicon.boundaries.has(t.lower) && t.lower !== 'as' && t.lower !== 'since') break;
    if (r.isReporting(e) && t.lower !== 'according') break;
    // "condemned the raid and called for a strike": the next verb phrase is another event
    if ((t.lower === 'and' || t.lower === 'but') && e > from) {
      const n = r.low(e + 1);
      if (r.res.verbs.has(n) && !r.res.nouns.has(n) && !r.isName(e + 1) || r.isReporting(e + 1)) break;
    }
    e++;
  }
  return e;
}

function readVerbal(r: SentenceReader, hit: Hit, prior: RawEvent[]): RawEvent | null {
  const L = r.res.lexicon;
  const k = hit.trig;
  const e = hit.entry;
  const g = r.groupStart(k);
  const gt = r.groupText(g, k);
  const afterTo = gt.lastIndexOf(' to ');
  const tail = afterTo >= 0 ? gt.slice(afterTo + 3) : gt;
  const participle = !!hit.form?.participle || r.res.lexicon.sameParticiple.has(r.low(k));
  let passive = participle && tail.trim().split(' ').some((w) => L.beForms.has(w));
  const hasAux = gt.trim().split(' ').some((w) => L.auxiliaries.has(w));
  // bare participle: "…, backed by X" / "the port attacked by X"
  let byAt = -1;
  for (let i = hit.trigEnd; i < Math.min(r.s1, hit.trigEnd + 3); i++) {
    if (r.low(i) === 'by') {
      byAt = i;
      break;
    }
    // "shot dead by gunmen": a resultative between the participle and its by-phrase
    if (!r.isAdverb(i) && !r.res.lexicon.resultatives.has(r.low(i))) break;
  }
  const reduced = participle && !hasAux && (byAt >= 0 || r.low(g - 1) === ',' || r.low(g - 1) === '(') && !r.low(g - 1).match(/^(he|she|it|they|we|i)$/);
  // adjectival participle: "the imprisoned critic", "Norway: jailed activist …"
  if (participle && !hasAux && e.pos === 'v' && e.after.length === 0) {
    const p = r.low(g - 1);
    const n = r.tok(hit.trigEnd);
    // (also after a sentence-initial adjective in -ed: "Unidentified armed men attacked …")
    const atStart = g === r.s0 || p === ':' || L.determiners.has(p) || L.prepositions.has(p) && p !== 'by'
      || /ed$/.test(p) && !L.auxiliaries.has(p) && (g - 1 === r.s0 || L.determiners.has(r.low(g - 2)));
    if (atStart && n && n.kind === 'word' && !L.determiners.has(n.lower) && !L.prepositions.has(n.lower) && !L.pronouns.has(n.lower) && !r.isAdverb(hit.trigEnd)) return null;
  }
  if ((reduced || passive) && e.nopart) return null;
  if (reduced) {
    if (byAt >= 0) passive = true;
  }
  // headline passive: "Baby girl shot, killed" — a transitive participle with no auxiliary and no object
  if (!passive && participle && !hasAux && !e.intrans && e.pos === 'v' && e.after.length === 0 && !e.obj) {
    const n = r.low(hit.trigEnd);
    if (!n || n === ',' || n === '.' || n === 'and') passive = true;
  }
  if (e.pos === 'a') passive = false;
  let subj: Subject;
  if (reduced && passive) {
    let q = g - 1;
    if (r.low(q) === ',') q--;
    subj = { range: r.npBackward(q), how: 'subject' };
  } else subj = subjectOf(r, g, prior);
  if (e.subj) {
    if (!subj.range || !e.subj.includes(r.low(r.head(subj.range)))) return null;
  }
  const ev: RawEvent = {
    sentence: r.sentence, trig: k, trigEnd: hit.trigEnd, light: null, entry: e, type: hit.type, mode: hit.mode, cameo: hit.cameo,
    nominal: false, passive, actor: null, target: null, actorHow: null, object: null,
    spanS: k, spanE: Math.max(hit.trigEnd, spanEnd(r, hit.trigEnd)), group: g, modality: new Set(), absorbedBy: null, eventSubject: null,
  };
  let p = hit.trigEnd;
  while (p < r.s1 && r.isAdverb(p)) p++;
  // "rejected on Wednesday a UN plan", "attacked yesterday the town of …": a time phrase before the object
  if (r.low(p) === 'on' && r.res.lexicon.monthsDays.has(r.low(p + 1)) && r.low(p + 2) !== 'that' && !e.tgt.includes('on')) p += 2;
  else if ((r.low(p) === 'yesterday' || r.low(p) === 'today' || r.low(p) === 'overnight') && r.low(p + 1) !== 'that') p++;
  if (r.low(p) === ',' && p > hit.trigEnd) p = hit.trigEnd;
  // "ready to send troops" (a trigger ending in "to"): the infinitive is content, not an object
  const toInTrigger = e.after.length > 0 && e.after[e.after.length - 1] === 'to' && infinitiveAt(r, hit.trigEnd - 1);
  const obj = e.intrans || passive || toInTrigger ? null : r.npForward(p, 12, e.speech);
  ev.object = obj;
  if (passive) {
    ev.target = subj.range;
    if (byAt >= 0) {
      ev.actor = r.npForward(byAt + 1, 10);
      ev.actorHow = 'by';
    }
  } else {
    ev.actor = subj.range;
    ev.actorHow = subj.how;
    const viaPrep = prepTarget(r, hit.trigEnd, e.tgt);
    if (viaPrep) ev.target = viaPrep;
    else if (!obj && e.speech && (r.low(p) === 'that' || r.low(p) === 'on' && r.res.lexicon.monthsDays.has(r.low(p + 1)) && r.low(p + 2) === 'that' && (p += 2))) {
      // "demanded that Israel withdraw", "warned that the rebels would…": the party the content is about
      const np = r.npForward(p + 1, 8, true);
      if (np && !r.res.lexicon.pronouns.has(r.low(np.s))) ev.target = np;
    }
    else if (obj) {
      const objHead = r.low(r.head(obj));
      const patObj = hit.patWords?.some((w) => w === objHead || `${w}s` === objHead || w === `${objHead}s`) ?? false;
      // ("declared a state of emergency": the required word after "of" makes the object the thing too)
      const ofObj = !!e.obj && r.low(obj.e) === 'of' && e.obj.includes(r.low(obj.e + 1));
      if (e.obj && e.obj.includes(objHead) || patObj || ofObj) {
        // the required object is the thing acted on ("imposed a curfew on the city", "froze the assets of the
        // leaders", "cut off aid to the government"): the party is its possessor or the phrase after it; people
        // named by the object ("expelled the ambassador") are the target themselves
        ev.target = possessorIn(r, obj) ?? (r.res.lexicon.topicTypes.has(hit.type ?? '') ? null : thingTarget(r, obj));
        // troops moved are the actor's own: a mobilisation is aimed at the place or party named after them
        if (!ev.target && hit.type === 'MOBILIZE') ev.target = namedPrepTarget(r, obj.e, ['near', 'along']);
        else if (!ev.target && (L.agentHeads.has(objHead) || isPartyObject(r.res.lexicon, objHead) || hasNameIn(r, obj))) ev.target = obj;
      } else ev.target = obj;
      // a common-noun object ("restore ties with Gondor", "set up a centre in Tokyo"): the named party after it
      // (force or coercion against an object that names a party by an agent word, "attacked a convoy of government
      // troops in …": a place after a locative preposition is where, not whom; without such a word CAMEO codes the
      // place's country as the target, "struck bases in Somalia"; weapons fired "at Seoul" are no object)
      const physicalObject = ev.target === obj && (hit.type === 'ASSAULT' || hit.type === 'COERCE') && !e.obj && !patObj && !L.nonActors.has(objHead)
        && partyWordIn(r, obj);
      // (a party named by its head, "gave the rebels an ultimatum", "detained journalists in Tehran", is the target itself)
      const partyObject = ev.target === obj && (L.agentHeads.has(objHead) || L.partyObjectWords.has(objHead));
      if (!hasNameIn(r, ev.target)) {
        const eventObject = r.res.nouns.has(objHead);
        // "condemned the attack by Osgiliath soldiers", "rejected the proposal by Gondor": a named by-phrase after
        // the object is the party acted against, whatever the object's head
        const byNp = r.low(obj.e) === 'by' ? r.npForward(obj.e + 1, 8, true) : null;
        const ofNp = eventObject && (r.low(obj.e) === 'of' || r.low(obj.e) === 'by') ? r.npForward(obj.e + 1, 8, true)
          : byNp && hasNameIn(r, byNp) ? byNp : null;
        const named = ofNp ?? (partyObject ? null : namedPrepTarget(r, obj.e, eventObject ? ['by', 'of'] : [], physicalObject ? L.locativePreps : null));
        if (named) ev.target = named;
      }
    } else if (!e.tgt.length) ev.target = namedPrepTarget(r, hit.trigEnd, e.speech ? ['of'] : []); // "warned of X"
    if (!ev.target && !e.intrans) ev.target = namedPrepTarget(r, hit.trigEnd);
    // reciprocal acts ("Russia and China signed a deal", "Hamas and Fatah met", "Serbia and Kosovo resumed
    // negotiations"): the second party is the target
    const objEntry = obj ? r.res.nouns.get(r.low(r.head(obj)))?.[0] : undefined;
    if (ev.actor && (e.tgt.includes('with') || objEntry?.tgt.includes('with'))) reciprocalSplit(r, ev);
  }
  // "refused to recognize Israel", "agreed to meet Barak": a speech act's infinitive content names the party, even when
  // the infinitive is no event of its own (an event would hand its target over when absorbed)
  const toAt = infinitiveAt(r, hit.trigEnd) ? hit.trigEnd : toInTrigger ? hit.trigEnd - 1 : -1;
  if (!ev.target && !passive && e.speech && toAt >= 0) {
    const np = r.npForward(toAt + 2, 8, true);
    ev.target = np && !isTimeNp(r, np) && (hasNameIn(r, np) || partyHead(r, np)) ? np : namedPrepTarget(r, toAt + 2);
  }
  // a protest is aimed at the party whose seat it is held at: "protested outside the US embassy", "in front of parliament"
  if (!ev.target && hit.type === 'PROTEST') ev.target = protestSite(r, hit.trigEnd);
  // forces moved are the actor's own ("deployed tanks around the capital", "placed its army on alert", "reinforcements
  // were sent to the province"): a mobilisation is aimed at the place or party named after them, if any
  if (hit.type === 'MOBILIZE' && ev.target) {
    const forces = passive ? ev.target : obj && ev.target.s === obj.s ? obj : null;
    if (forces && L.mobilizedForces.has(r.low(r.head(forces)))) {
      if (passive && !ev.actor) ev.actor = forces;
      ev.target = namedPrepTarget(r, forces === obj ? forces.e : hit.trigEnd, ['around', 'near', 'along', 'into', 'to', 'toward', 'towards'])
        ?? prepTarget(r, forces === obj ? forces.e : hit.trigEnd, ['to', 'into', 'around', 'near', 'along', 'toward', 'towards']);
    }
  }
  // weapons and victims are not actors ("Shells struck the market", "Eleven people died")
  if (ev.actor && L.nonActors.has(r.low(r.head(ev.actor)))) {
    let named = false;
    for (let i = ev.actor.s; i < ev.actor.e; i++) if (i !== r.s0 && r.isName(i)) named = true;
    if (!named) ev.actor = null;
  }
  // the content of a speech act sets its mode: "called for the withdrawal" → REQUEST yield
  if (e.speech && obj && ev.mode === null && ev.type) {
    const content = r.res.nouns.get(r.low(r.head(obj)))?.[0];
    const cm = content?.type ? L.complementModes[ev.type]?.[content.type] : undefined;
    if (cm) ev.mode = cm;
  }
  // "released a statement", "released from hospital": not events
  for (const rg of [obj, prepTarget(r, hit.trigEnd, ['from'])]) {
    if (!rg) continue;
    // (unless the trigger asks for that very object: "handed over information to the investigators")
    for (let i = rg.s; i < Math.min(rg.e, rg.s + 4); i++) if (L.nonEventObjects.has(r.low(i)) && !e.obj?.includes(r.low(i))) return null;
  }
  const evSubj = passive ? null : subjectIsEventNoun(r, subj.range);
  if (evSubj !== null) ev.eventSubject = evSubj;
  else if (subj.how === 'coordinated') {
    let prev: RawEvent | undefined;
    for (let i = prior.length - 1; i >= 0 && !prev; i--) if (!prior[i]!.nominal && prior[i]!.trigEnd <= g) prev = prior[i];
    if (prev && prev.eventSubject !== null) ev.eventSubject = prev.eventSubject;
  }
  return ev;
}

function readNominal(r: SentenceReader, hit: Hit, nounStart: number, prior: RawEvent[]): RawEvent | null {
  const L = r.res.lexicon;
  const k = hit.trig;
  const e = hit.entry;
  let actor: TokRange | null = null;
  let how: string | null = null;
  // modifiers to the left: names ("NATO invasion"), adjectives, a possessive ("Haftar's offensive")
  let i = nounStart - 1;
  let nameEnd = -1;
  let nameStart = -1;
  while (i >= r.s0 && nounStart - i <= 5) {
    const t = r.tok(i)!;
    if (t.text === "'s" || t.text === '’s') {
      actor = r.npBackward(i - 1);
      how = 'possessor';
      i = actor ? actor.s - 1 : i - 1;
      break;
    }
    if (L.determiners.has(t.lower) || t.kind !== 'word' && t.text !== '-') break;
    if (L.prepositions.has(t.lower) || L.auxiliaries.has(t.lower) || L.reportingVerbs.has(t.lower) || L.pronouns.has(t.lower) || L.lightVerbs.has(t.lower)
      || r.res.verbs.has(t.lower) || r.res.dictForms.has(t.lower) && /(?:ed|s)$/.test(t.lower) && !ADJ_SUFFIX.test(t.lower) && !r.isName(i)) break;
    if (r.isName(i) && !L.intros.has(t.lower)) {
      if (nameEnd < 0) nameEnd = i + 1;
      else if (nameStart !== i + 1) break; // names must be one run
      nameStart = i;
    }
    i--;
  }
  if (!actor && nameEnd >= 0) {
    actor = { s: nameStart, e: nameEnd };
    how = 'modifier';
  }
  // "activists (went) on (hunger) strike": the protesters are the noun phrase before "on"
  if (!actor && e.type === 'PROTEST' && r.low(i) === 'on') {
    let q = i - 1;
    // "went on", "are on", "have been on (hunger) strike": skip the verb group
    while (q > r.s0 && q >= i - 3 && (L.onStrikeVerbs.has(r.low(q)) || L.auxiliaries.has(r.low(q)) || r.isAdverb(q))) q--;
    const np = r.npBackward(q);
    if (np) {
      actor = np;
      how = 'subject';
    }
  }
  // "a wave / series / barrage of …": look through the quantifier to the governing verb
  if (r.low(i) === 'of' && r.res.lexicon.quantifiers.has(r.low(i - 1))) {
    i -= 2;
    while (i >= r.s0 && (L.determiners.has(r.low(i)) || ADJ_SUFFIX.test(r.low(i)) && !r.res.verbs.has(r.low(i)) && !L.lightVerbs.has(r.low(i)))) i--;
  }
  // the word before the determiner / modifiers: a governing light verb?
  let lv = i;
  while (lv >= r.s0 && L.determiners.has(r.low(lv))) lv--;
  let light: number | null = null;
  let passive = false;
  let group = nounStart;
  // "took part in a march", "participated in the protest": the verb before "part in" / "participated in" governs
  if (lv - 1 >= r.s0 && r.low(lv) === 'in' && (r.low(lv - 1) === 'part' || /^participat/.test(r.low(lv - 1)))) {
    lv = r.low(lv - 1) === 'part' && lv - 2 >= r.s0 ? lv - 2 : lv - 1;
    light = lv;
    group = r.groupStart(lv);
  } else if (lv >= r.s0 && L.lightVerbs.has(r.low(lv)) && !r.isName(lv)) {
    light = lv;
    group = r.groupStart(lv);
    const gt = r.groupText(group, lv);
    passive = gt.trim().split(' ').some((w) => L.beForms.has(w)) && /ed$|[^i]n$/.test(r.low(lv));
  } else if (r.low(i) === 'to' || L.beForms.has(r.low(lv))) {
    // "to the offensive", "was an attack": no light verb
  }
  let target: TokRange | null = null;
  let p = hit.trigEnd;
  if (r.low(p) === 'by') {
    const np = r.npForward(p + 1, 8, true);
    if (np) {
      if (!actor) {
        actor = np;
        how = 'by';
      }
      p = np.e;
    }
  }
  // "the withdrawal of Israeli troops from the town", "the visit of the Dalai Lama": when "of" does not introduce the
  // noun's target (its tgt= list), the of-phrase is the one who acts
  if (r.low(p) === 'of' && !e.tgt.includes('of') && !r.res.lexicon.quantifiers.has(r.low(k))) {
    const np = r.npForward(p + 1, 8, true);
    if (np) {
      if (!actor) {
        actor = np;
        how = 'of';
      }
      p = np.e;
    }
  }
  // "its readiness to back the plan": an infinitive is the content, not a party
  const infinitive = r.low(p) === 'to' && !r.isName(p + 1) && !L.determiners.has(r.low(p + 1))
    && (r.res.verbs.has(r.low(p + 1)) || r.res.dictForms.has(r.low(p + 1))) && !r.res.nouns.has(r.low(p + 1));
  if (e.tgt.includes(r.low(p)) && !infinitive) target = r.npForward(p + 1, 10, true);
  else if (r.low(p) === 'in' && e.tgt.length) {
    // "an offensive in April on Tripoli"
    const q = r.npForward(p + 1, 4, true);
    if (q && e.tgt.includes(r.low(q.e))) target = r.npForward(q.e + 1, 10, true);
  }
  if (light !== null) {
    const subj = passive ? { range: null, how: null } : subjectOf(r, group, prior);
    if (subj.range) {
      actor = subj.range;
      how = subj.how;
    }
    if (passive) {
      const by = r.low(hit.trigEnd) === 'by' ? r.npForward(hit.trigEnd + 1, 8, true) : null;
      if (by) {
        actor = by;
        how = 'by';
      }
    }
  }
  // "clashes between the army and the rebels": the first party acts, the second is the target
  if (target && !actor && r.low(target.s - 1) === 'between' && r.low(target.e) === 'and') {
    const second = r.npForward(target.e + 1, 8, true);
    if (second) {
      actor = target;
      how = 'between';
      target = second;
    }
  }
  if (target) for (let q = target.s; q < Math.min(target.e, target.s + 4); q++) if (L.nonEventObjects.has(r.low(q))) return null;
  // "The recall of the ambassador was ordered by the foreign ministry": the by-phrase of the passive verb the noun
  // is the subject of
  if (light === null && (!actor || how === 'of')) {
    const from = target ? target.e : p;
    for (let q = from; q < Math.min(r.s1 - 2, from + 6); q++) {
      const ql = r.low(q);
      if (ql === ',' || ql === ';' || ql === '.') break;
      if (!L.beForms.has(ql)) continue;
      let v = q + 1;
      while (v < r.s1 && r.isAdverb(v)) v++;
      if (/(?:ed|en|wn|ne|t)$/.test(r.low(v)) && r.low(v + 1) === 'by') {
        const by = r.npForward(v + 2, 8, true);
        if (by) {
          if (how === 'of' && !target) target = actor;
          actor = by;
          how = 'by';
        }
      }
      break;
    }
  }
  const det = r.low(i);
  // "The Kremlin signalled its readiness to …": a possessive pronoun's owner is the subject of the verb governing
  // the noun, when that verb is not itself an event
  if (!actor && light === null && POSSESSIVE_PRONOUNS.has(det) && i - 1 >= r.s0 && r.isWord(i - 1) && !L.prepositions.has(r.low(i - 1))
    && !r.isName(i - 1) && !prior.some((x) => x.trig <= i - 1 && i - 1 < x.trigEnd)) {
    const subj = subjectOf(r, r.groupStart(i - 1), prior);
    if (subj.range) {
      actor = subj.range;
      how = 'subject';
    }
  }
  if (light !== null && actor && e.tgt.includes('with')) {
    const x = { actor, target };
    reciprocalSplit(r, x);
    actor = x.actor;
    target = x.target;
  }
  const indefinite = !['the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our'].includes(det);
  if (!actor && !target && light === null && !occurs(r, hit.trigEnd, indefinite)) return null;
  const start = light ?? nounStart;
  return {
    sentence: r.sentence, trig: nounStart, trigEnd: hit.trigEnd, light, entry: e, type: hit.type, mode: hit.mode, cameo: hit.cameo,
    nominal: true, passive, actor, target, actorHow: how, object: null,
    spanS: actor && how !== 'subject' && how !== 'coordinated' && how !== 'by' && actor.s < start ? actor.s : start,
    spanE: Math.max(hit.trigEnd, spanEnd(r, hit.trigEnd)), group, modality: new Set(), absorbedBy: null, eventSubject: null,
  };
}

/** The noun is the subject of an occurrence verb ("clashes erupted", "riots broke out"). */
function occurs(r: SentenceReader, from: number, indefinite: boolean): boolean {
  // skip one locative phrase: "internet shutdown in Norway begins"
  if (r.res.lexicon.locativePreps.has(r.low(from))) {
    const np = r.npForward(from + 1, 5, true);
    if (np) from = np.e;
  }
  for (let i = from; i < Math.min(r.s1, from + 4); i++) {
    const l = r.low(i);
    if (r.res.lexicon.occurrenceVerbs.has(l)) return true;
    // an indefinite event noun followed by a verb: "air strikes hit a market"
    if (i === from && indefinite && (r.res.verbs.has(l) || r.res.dictForms.has(l)) && !r.res.nouns.has(l) && !r.res.lexicon.auxiliaries.has(l)
      && !r.res.lexicon.prepositions.has(l) && !r.isName(i) && !l.endsWith('ing')) return true;
    if (!(r.res.lexicon.auxiliaries.has(l) || r.isAdverb(i) || l === 'have' || l === 'has')) return false;
  }
  return false;
}

/** Codes every sentence of the document. */
export function codeDocument(doc: Doc, res: EventsResources, readers?: Map<number, SentenceReader>): RawEvent[] {
  const out: RawEvent[] = [];
  for (let si = 0; si < doc.sentences.length; si++) out.push(...codeSentence(doc, res, si, readers));
  return out;
}
