import type { Doc, MentionRef, QuoteMarkSpan, Token } from '../document/document.js';
import type { EntityType, Quote, Span } from '../types.js';
import WORDS from '../../data/quotes/words.json' with { type: 'json' };

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const STARTS_CAPITALISED = /^\p{Lu}\p{Ll}/u;
const DOTTED_CAPS = /^\p{Lu}[\p{Lu}.]+$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;
const ALL_UPPER = /^\p{Lu}+$/u;
const ING_WORD = /^\p{L}{3,}ing$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const STARTS_UPPER = /^\p{Lu}/u;

export type CueClass = 'speech' | 'belief' | 'perception';
export type CueTense = 'base' | 'present' | 'past' | 'participle' | 'gerund';

export interface CueInfo {
  lemma: string;
  cls: CueClass;
  tense: CueTense;
  /** Second word of a phrasal cue ("call for", "point out"), else null. */
  particle: string | null;
  /** Introduces or closes a direct quotation only ("X continued: “…”"), never reported speech. */
  directOnly?: boolean;
}

/** What the quotes stage needs, loaded once (see load.ts) and passed in. */
export interface QuotesResources {
  /** Cue forms ("said", "calls for") → lemma, class (speech / belief / perception) and tense. */
  cues: Map<string, CueInfo>;
  /** First words of the phrasal cues ("called" of "called for"), in every form. */
  phrasalFirst: Set<string>;
  /** "according to", … as lower-case token lists. */
  sourcePhrases: string[][];
  /** Nouns of "in a statement", "in an interview". */
  statementNouns: Set<string>;
  /** Heads of nominals that name an organisation or a document, not a person ("the ministry", "the report"). */
  organisationHeads: Set<string>;
  /** First words of an opening phrase before the subject ("Hours later,"); data/quotes/cues.json. */
  openingWords?: Set<string>;
  /** Number words, never a speaker's name ("Twenty-seven"); data/quotes/cues.json. */
  numberWords?: Set<string>;
  /** Lower-case first names → the sex they usually mark (data/quotes/first-names.json); optional. */
  firstNames?: Map<string, 'm' | 'f'>;
  /** Head nouns of one-person descriptions ("spokeswoman", "lawyer", "candidate"; data/quotes/nominals.json); optional. */
  personNouns?: Set<string>;
  /** Title abbreviations → the person noun they stand for ("sen" → senator). */
  titleAbbreviations?: Map<string, string>;
  /** Person heads that mark a sex ("spokeswoman" → f). */
  personNounSex?: Map<string, 'm' | 'f'>;
}

// Closed-class English words the stage needs to read clause structure (grammar, not knowledge).
const PRONOUNS = new Set<string>(WORDS.pronouns);
const DETS = new Set<string>(WORDS.dets);
const AUX = new Set<string>(WORDS.aux);
const FUNCTION = new Set<string>(WORDS.function);
const STOP_AFTER = new Set<string>(WORDS.stopAfter);
const CONNECT = new Set<string>(WORDS.connect);
const OBJECT_VERBS = new Set<string>(WORDS.objectVerbs);
const PREPS = new Set<string>(WORDS.preps);
const TIME_WORDS = new Set<string>(WORDS.timeWords);
const NEG = new Set<string>(WORDS.neg);
const HONORIFIC = new Map<string, number>([['mr', 2], ['mrs', -2], ['ms', -2], ['miss', -2], ['sir', 2], ['lady', -2], ['madam', -2]]);
const GENDERED = new Map<string, number>([['he', 1], ['him', 1], ['his', 1], ['himself', 1], ['she', -1], ['her', -1], ['hers', -1], ['herself', -1]]);
/** What a speaker pronoun can stand for; "they" an organisation or group, not one person nor a country's name. */
const PRONOUN_WANT = new Map<string, 'PERSON' | 'NONPERSON' | 'GROUP' | 'ANY'>([['he', 'PERSON'], ['she', 'PERSON'], ['i', 'PERSON'], ['it', 'NONPERSON'], ['they', 'GROUP'], ['we', 'ANY']]);
/** Speech verbs whose "to …" complement is still something said: "urged them to leave". */
const TO_VERBS = new Set<string>(WORDS.toVerbs);
const MODALS = new Set<string>(WORDS.modals);
const NOUNISH = new Set<string>(WORDS.nounish);
const SUBORD = new Set<string>(WORDS.subord);
const POSSESSIVE_DETS = new Set<string>(WORDS.possessiveDets);
const PROGRESSIVE = new Set<string>(WORDS.progressive);
const CONTENT_BAD_START = new Set<string>(WORDS.contentBadStart);
/** Words after which a gerund cue continues the clause's subject: "began by saying", "while noting". */
const GERUND_LEAD = new Set<string>(WORDS.gerundLead);
const SEP = new Set([',', '—', '–', ':', '-', '--', ';']);
/** Prepositions that tie a description to whom it belongs: "a spokesperson for the ministry", "the head of the union". */
const OWNER_PREPS = new Set<string>(WORDS.ownerPreps);
const INDEFINITE = new Set<string>(WORDS.indefinite);
const DAYS = new Set<string>(WORDS.days);
const PART_OF_DAY = new Set<string>(WORDS.partOfDay);
const TIME_NOUNS = new Set<string>(WORDS.timeNouns);
/** Words that open a time phrase before its noun: "last year", "in the past", "a month", "earlier this week". */
const TIME_LEAD = new Set<string>(WORDS.timeLead);
/** A manner adverb ("softly", "matter-of-factly"), not a noun that happens to end in -ly ("family", "ally"). */
const ADVERB = /^(?!(?:family|ally|assembly|rally|supply|monopoly|bully|anomaly|belly|jelly|lily|fly|holly|italy|july|reply)$)[\p{L}-]{3,}ly$/u;
const END_PUNCT = new Set(['.', '!', '?', '…']);
const QUOTE_CHARS = new Set(['"', '“', '”', '‘', '’', '«', '»', "'", '„', '`']);

interface Draft {
  start: number;
  end: number;
  direct: boolean;
  speakerTok: [number, number] | null;
  cueTok: [number, number] | null;
  /** A quote-mark span that continues or is continued by another paragraph's. */
  chain: number;
  paragraph: number;
  /** Speaker given by a continuation or an earlier part rather than by its own cue. */
  inheritFrom: number | null;
}

const isCap = (t: Token | undefined): boolean => !!t && t.kind === 'word' && STARTS_UPPER.test(t.text);
const isWord = (t: Token | undefined): boolean => !!t && (t.kind === 'word' || t.kind === 'number');
const isQuoteTok = (t: Token | undefined): boolean => !!t && QUOTE_CHARS.has(t.text);

/** The quotes stage: direct, mixed and reported quotes with cue, speaker and date. Pure: no I/O. */
export function runQuotes(doc: Doc, res: QuotesResources): void {
  const q = new QuoteFinder(doc, res);
  doc.quotes = q.run();
}

class QuoteFinder {
  private readonly toks: Token[];
  /** A number written as a word ("twenty", "twenty-seven"): "Twenty-seven said …" is no name. */
  private isNumberWord(lower: string): boolean {
    const parts = lower.split('-');
    return parts.length <= 2 && !!this.res.numberWords?.has(parts[0]!) && (parts.length === 1 || /^\w+$/.test(parts[1]!));
  }
  private readonly usedCue = new Set<number>();
  private readonly drafts: Draft[] = [];
  /** Token index → the depth-0 quote-mark span that holds it (for quick "is it quoted?" checks). */
  private readonly inMarks: Int32Array;
  /** Token index → the actor mention that covers it, or -1. */
  private readonly mentionOf: Int32Array;

  constructor(private readonly doc: Doc, private readonly res: QuotesResources) {
    this.toks = doc.tokens;
    this.srcFirst = new Set(res.sourcePhrases.map((p) => p[0]!));
    this.inMarks = new Int32Array(this.toks.length).fill(-1);
    this.mentionOf = new Int32Array(this.toks.length).fill(-1);
    doc.mentions.forEach((m, n) => {
      if (m.tokenEnd - m.tokenStart < 1 || this.toks[m.tokenStart]?.start !== m.start) return;
      for (let t = m.tokenStart; t < m.tokenEnd && t < this.toks.length; t++) if (this.mentionOf[t] === -1) this.mentionOf[t] = n;
    });
    const marks = doc.quoteMarks;
    let k = 0;
    for (let m = 0; m < marks.length; m++) {
      const s = marks[m]!;
      if (s.depth !== 0) continue;
      while (k < this.toks.length && this.toks[k]!.end <= s.start) k++;
      for (let t = k; t < this.toks.length && this.toks[t]!.start < s.end; t++) this.inMarks[t] = m;
    }
  }

  run(): Quote[] {
    this.directQuotes();
    this.reportedQuotes();
    return this.finish();
  }

  // ---------------------------------------------------------------- cues

  /** The cue at token i (with its particle), or null. */
  private cueAt(i: number): { info: CueInfo; end: number } | null {
    const t = this.toks[i];
    if (!t || t.kind !== 'word') return null;
    const nxt = this.toks[i + 1];
    if (nxt && nxt.kind === 'word' && this.res.phrasalFirst.has(t.lower)) {
      const ph = this.res.cues.get(`${t.lower} ${nxt.lower}`);
      if (ph) return { info: ph, end: i + 1 };
    }
    const c = this.res.cues.get(t.lower);
    if (!c || c.particle) return null;
    return { info: c, end: i };
  }

  private speechCueAt(i: number): { info: CueInfo; end: number } | null {
    const c = this.cueAt(i);
    if (!c || c.info.cls !== 'speech') return null;
    const t = this.toks[i]!;
    if (STARTS_UPPER.test(t.text) && t.i > 0 && this.toks[i - 1]!.sentence === t.sentence) return null; // "United States", "Post"
    const prev = this.toks[i - 1];
    if (prev && (DETS.has(prev.lower) && prev.lower !== 'that' || prev.text === "'s" || prev.text === '’s')) return null; // a noun: "the report"
    const nxt = this.toks[c.end + 1];
    if ((c.info.tense === 'present' || c.info.tense === 'base') && nxt && MODALS.has(nxt.lower)) return null; // "his remarks will …"
    return c;
  }

  /** A present-tense cue that is also a common noun ("states", "remarks") needs a name or pronoun as subject. */
  private nounishOk(k: number, info: CueInfo, sp: [number, number]): boolean {
    if (!NOUNISH.has(info.lemma) || (info.tense !== 'present' && info.tense !== 'base')) return true;
    const h = this.toks[sp[1]]!;
    const nxt = this.toks[k + 1];
    if (!nxt || nxt.kind === 'punct') return false; // "the Fifth Amendment claims," is a noun
    if (info.tense === 'base') return PRONOUNS.has(h.lower) && h.lower !== 'he' && h.lower !== 'she' && h.lower !== 'it';
    return PRONOUNS.has(h.lower) || isCap(h) || this.mentionAt(sp[1]) !== null;
  }

  // ---------------------------------------------------------------- speakers

  /** A noun phrase that ends at token j (not before token lo), as [first, last] tokens. */
  private npEndingAt(j: number, lo: number): [number, number] | null {
    const t = this.toks[j];
    if (!t || j < lo || t.kind !== 'word') return null;
    const m = this.mentionAt(j);
    if (m && m[0] >= lo) {
      // "Rep. Tom Cole of Oklahoma", "Donald Hartley of Madison": the person, not the place.
      const of = this.toks[m[0] - 1]?.lower;
      if ((of === 'of' || of === 'from') && m[0] - 2 >= lo) {
        const pm = this.mentionOf[m[0] - 2]!;
        if (pm >= 0 && this.doc.mentions[pm]!.type === 'PERSON' && this.doc.mentions[pm]!.kind !== 'pronoun') {
          const r = this.doc.mentions[pm]!;
          return [r.tokenStart, r.tokenEnd - 1];
        }
      }
      return m;
    }
    if (PRONOUNS.has(t.lower)) return [j, j];
    if (isCap(t)) {
      let k = j;
      while (k - 1 >= lo) {
        const p = this.toks[k - 1]!;
        if (isCap(p) && !FUNCTION.has(p.lower)) { k--; continue; }
        if (CONNECT.has(p.lower) && k - 2 >= lo && isCap(this.toks[k - 2]) && p.lower !== 'and') { k--; continue; }
        if (k - 2 >= lo && this.abbreviationDot(k - 1) && this.toks[k - 2]!.text.length === 1) { k--; continue; } // "Leonard E. Burman"
        break;
      }
      while (k < j && FUNCTION.has(this.toks[k]!.lower)) k++;
      if (FUNCTION.has(this.toks[k]!.lower) && k === j) return null;
      return [k, j];
    }
    // A cue form after a determiner is a noun: "The report, released Tuesday, says …".
    if (FUNCTION.has(t.lower) || (this.res.cues.has(t.lower) && !(j - 1 >= lo && DETS.has(this.toks[j - 1]!.lower))) || TIME_WORDS.has(t.lower)) return null;
    let k = j;
    let steps = 0;
    while (k - 1 >= lo && steps < 5) {
      const p = this.toks[k - 1]!;
      if (DETS.has(p.lower)) { k--; break; }
      if (p.text === "'s" || p.text === '’s') { k--; continue; }
      if ((p.kind === 'word' || p.kind === 'number') && !FUNCTION.has(p.lower) && !this.res.cues.has(p.lower)) { k--; steps++; continue; }
      break;
    }
    return [k, j];
  }

  /** The actor mention (from the actors stage) that covers token j, as tokens. */
  private mentionAt(j: number): [number, number] | null {
    const m = this.mentionOf[j]!;
    if (m < 0) return null;
    const r = this.doc.mentions[m]!;
    return [r.tokenStart, r.tokenEnd - 1];
  }

  /** The speaker of a cue at token c, looking left: "Haftar said", "the ministry, which …, said". */
  private speakerBefore(c: number, lo: number): [number, number] | null {
    let j = c - 1;
    const gerund = this.cueAt(c)?.info.tense === 'gerund';
    // "has strongly denied", "the state incorrectly stated", "has long said": auxiliaries and adverbs before the cue.
    while (j >= lo && (AUX.has(this.toks[j]!.lower) || gerund && PROGRESSIVE.has(this.toks[j]!.lower) || (!isCap(this.toks[j]) && (ADVERB.test(this.toks[j]!.lower) || this.toks[j]!.lower === 'long')))) j--;
    // "Clinton on Tuesday said", "Trump Tuesday said", "the campaign on Monday night said": a day between subject and cue.
    if (j > lo && DAYS.has(this.toks[j]!.lower) || (j - 1 > lo && PART_OF_DAY.has(this.toks[j]!.lower) && DAYS.has(this.toks[j - 1]!.lower))) {
      if (!DAYS.has(this.toks[j]!.lower)) j--;
      j--;
      if (j > lo && this.toks[j]!.lower === 'on') j--;
      while (j >= lo && AUX.has(this.toks[j]!.lower)) j--;
    } else if (j > lo && (TIME_NOUNS.has(this.toks[j]!.lower) || (this.toks[j]!.lower === 'later' || this.toks[j]!.lower === 'ago') && TIME_NOUNS.has(this.toks[j - 1]?.lower ?? ''))) {
      // "who last year threatened", "X last week said", "who has in the past described", "Fiorina a month later announced".
      let i = j;
      if (!TIME_NOUNS.has(this.toks[i]!.lower)) i--;
      i--;
      while (i > lo && TIME_LEAD.has(this.toks[i]!.lower)) i--;
      if (i < j - 1 && i >= lo) {
        j = i;
        while (j >= lo && AUX.has(this.toks[j]!.lower)) j--;
      }
    }
    if (j < lo) return null;
    // "Barkley, who said …": the relative pronoun stands for the noun phrase before the comma.
    if ((this.toks[j]!.lower === 'who' || this.toks[j]!.lower === 'which') && j - 1 >= lo) {
      return this.toks[j - 1]!.text === ',' ? (j - 2 >= lo ? this.npBeforeParen(j - 2, lo) : null) : this.npEndingAt(j - 1, lo);
    }
    if (this.toks[j]!.text === ')') {
      // "Sen. David Perdue (R-Ga.) said"
      let k = j - 1;
      while (k >= lo && k > j - 12 && this.toks[k]!.text !== '(') k--;
      if (k <= lo || this.toks[k]!.text !== '(') return null;
      j = k - 1;
    }
    const d = this.toks[j]!.text;
    if (d === ',' || d === '—' || d === '--' || d === '–') {
      // An apposition or relative clause between the subject and its verb ("X, the head of Y, said", "X -- a Y -- said").
      // "Woodrow Benford, 58, who lives outside Minneapolis, says": the leftmost name before a comma wins.
      let nearest: [number, number] | null = null;
      let named: [number, number] | null = null;
      for (let k = j - 1; k >= Math.max(lo, j - 30); k--) {
        const t = this.toks[k]!;
        if ((END_PUNCT.has(t.text) && !this.abbreviationDot(k) && !this.commaDot(k)) || isQuoteTok(t)) break;
        if (t.text !== d) continue;
        // "Joseph R. Biden Jr., who …, said": the period of a name's suffix.
        const e0 = this.toks[k - 1]?.text === '.' && isCap(this.toks[k - 2]) && this.toks[k - 2]!.text.length <= 3 && this.toks[k - 2]!.end === this.toks[k - 1]!.start ? k - 2 : k - 1;
        let np = this.npBeforeParen(e0, lo);
        if (!np || DAYS.has(this.toks[np[1]]!.lower) || TIME_WORDS.has(this.toks[np[1]]!.lower)) continue; // "On Tuesday, X, …, said"
        // "In October, Mr. Paulson, who …, told", "who was to travel to Columbus, Ohio, …, said": a noun phrase after a
        // preposition is an adjunct, not the subject.
        if (np[0] > lo && PREPS.has(this.toks[np[0] - 1]!.lower) && this.toks[np[0] - 1]!.lower !== 'of' && this.toks[np[0] - 1]!.lower !== 'by') continue;
        // "The UN envoy for Libya, Ghassan Salame, said": the description, not the place it names, stands first.
        const owned = this.withOwner(np, lo);
        if (owned && owned !== np) { np = owned; nearest ??= np; continue; }
        nearest ??= np;
        if (isCap(this.toks[np[1]]) || this.mentionAt(np[1]) || PRONOUNS.has(this.toks[np[1]]!.lower)) named = np;
      }
      if (!named && nearest) {
        // "his top aide, Tad Devine, said": a nominal followed by the name it describes.
        const inner = this.npBeforeParen(j - 1, nearest[1] + 2);
        const m = inner ? this.mentionOf[inner[1]]! : -1;
        if (inner && m >= 0 && this.doc.mentions[m]!.type === 'PERSON' && this.doc.mentions[m]!.kind !== 'pronoun') return inner;
        // "The minister of the economy, Mr. Guajardo Villarreal, argues": a titled name the actors stage did not mark.
        if (inner && m < 0 && isCap(this.toks[inner[1]]) && inner[0] - 2 >= 0 && this.abbreviationDot(inner[0] - 1)) return [inner[0] - 2, inner[1]];
      }
      return named ?? nearest;
    }
    return this.withOwner(this.npBeforeParen(j, lo), lo);
  }

  /** "A spokesperson for the company said": the description before "for"/"of"/"with" speaks, not its owner. */
  private withOwner(np: [number, number] | null, lo: number): [number, number] | null {
    if (!np) return np;
    // Past a title before the name: "A spokesperson for Finance Minister Bill Morneau".
    let a = np[0];
    while (a - 1 > lo && a > np[0] - 4 && (isCap(this.toks[a - 1]) && !FUNCTION.has(this.toks[a - 1]!.lower) || this.abbreviationDot(a - 1))) a--;
    if (a - 2 < lo || !(OWNER_PREPS.has(this.toks[a - 1]!.lower) || this.toks[a - 1]!.lower === 'in')) return np;
    const inner = this.npEndingAt(a - 2, lo);
    const h = inner ? this.toks[inner[1]]! : null;
    if (!inner || !h || !this.personNoun(h.lower) || (isCap(h) && inner[0] === inner[1] && inner[0] > lo)) return np;
    return [inner[0], np[1]];
  }

  /** A person noun, singular or plural ("diplomat", "diplomats", "spokespeople"): the singular it stands for, or null. */
  private personNoun(w: string): string | null {
    const nouns = this.res.personNouns;
    if (!nouns) return null;
    if (nouns.has(w)) return w;
    if (w.endsWith('ies') && nouns.has(w.slice(0, -3) + 'y')) return w.slice(0, -3) + 'y';
    if (w.endsWith('men') && nouns.has(w.slice(0, -3) + 'man')) return w.slice(0, -3) + 'man';
    if (w.endsWith('s') && nouns.has(w.slice(0, -1))) return w.slice(0, -1);
    return null;
  }

  /** A noun phrase ending at j, stepping over a parenthesis: "Rep. Trey Gowdy (R-S.C.)". */
  private npBeforeParen(j: number, lo: number): [number, number] | null {
    if (this.toks[j]?.text === ')') {
      let k = j - 1;
      while (k >= lo && k > j - 12 && this.toks[k]!.text !== '(') k--;
      if (k <= lo || this.toks[k]!.text !== '(') return null;
      j = k - 1;
    }
    return this.npEndingAt(j, lo);
  }

  /** The speaker after a cue at token c: "said Karlsson", "said the rookie defenceman", "said he". */
  private speakerAfter(c: number, hi: number): [number, number] | null {
    const j = c + 1;
    const t = this.toks[j];
    if (!t || j >= hi || t.kind !== 'word') return null;
    if (PRONOUNS.has(t.lower) && t.lower !== 'it' && t.lower !== 'you') return [j, j];
    if (TIME_WORDS.has(t.lower) || (FUNCTION.has(t.lower) && !DETS.has(t.lower))) return null;
    let k = j;
    while (k < hi && k - j < 10) {
      const u = this.toks[k]!;
      if (u.kind !== 'word' && u.kind !== 'number' && u.text !== "'s" && u.text !== '’s' && u.text !== '-' && u.text !== '.') break;
      // "said Mr. Burman", "said Sen. John Smith": the period of a short capitalised abbreviation is part of the name.
      if (u.text === '.' && !(k > j && this.abbreviationDot(k))) break;
      if (k > j && (u.lower === 'of' || u.lower === 'from') && !(isCap(this.toks[k + 1]) || this.toks[k + 1]?.lower === 'the')) break;
      if (k > j && u.lower === 'from') { k++; continue; }
      if (k > j && STOP_AFTER.has(u.lower)) break;
      if (k > j && PRONOUNS.has(u.lower)) break; // "told the National Post he has …"
      if (k > j && !isCap(u) && ADVERB.test(u.lower)) break; // "said Smith softly"
      k++;
    }
    if (k === j) return null;
    // "said softly", "said twice", "said live on TV": a manner or time word, no speaker.
    if (k - 1 === j && !isCap(t) && !this.canSpeakAlone(t)) return null;
    return [j, k - 1];
  }

  /** "The top doctor, Dr. Jane Smith, said …": a short noun phrase ending in a person noun describes the speaker. */
  private describesSpeaker(cs: Span): boolean {
    const a = this.firstTokAt(cs.start), b = this.lastTokBefore(cs.end);
    if (a < 0 || b < a || b - a > 6 || !DETS.has(this.toks[a]!.lower)) return false;
    for (let i = a; i <= b; i++) if (this.toks[i]!.kind !== 'word' && this.toks[i]!.text !== "'s" && this.toks[i]!.text !== '’s') return false;
    return this.personNoun(this.toks[b]!.lower) !== null;
  }

  /** A phrase after an inverted cue that can be who spoke: a name, a pronoun, or a head that can speak ("…, said the same" is none). */
  private speakerLike(sp: [number, number]): boolean {
    const h = this.toks[sp[1]]!;
    return isCap(h) || this.mentionOf[sp[1]]! >= 0 || PRONOUNS.has(h.lower) || this.canSpeakAlone(h) || this.personNoun(h.lower) !== null;
  }

  /** A lone lower-case word that can name who spoke: a person noun, an organisation head, or a plural ("officials"). */
  private canSpeakAlone(t: Token): boolean {
    const w = t.lower;
    return t.kind === 'word' && (this.res.personNouns?.has(w) === true || this.res.organisationHeads.has(w) || (/[^s]s$/.test(w) && !ADVERB.test(w)));
  }

  // ---------------------------------------------------------------- direct quotes

  private directQuotes(): void {
    const marks = this.doc.quoteMarks;
    let chain = 0;
    let chainOf = -1;
    for (let m = 0; m < marks.length; m++) {
      const s = marks[m]!;
      if (s.depth !== 0) continue;
      const text = this.doc.text;
      let a = s.start;
      let b = s.end;
      while (a < b && /\s/u.test(text[a]!)) a++;
      while (b > a && /[\s,;:]/u.test(text[b - 1]!)) b--;
      if (b <= a) continue;
      const first = this.firstTokAt(a);
      const last = this.lastTokBefore(b);
      if (first < 0 || last < first) continue;
      const words = this.countWords(first, last);
      const para = this.toks[first]!.paragraph;
      if (!s.continued) { chain++; }
      chainOf = chain;
      const openTok = this.lastTokBefore(s.open + 1);
      let before = this.attributionBefore(openTok - 1, para);
      // "The New York Times reports:" closing the paragraph before: the quotation set off below is what it says.
      const pt = this.toks[openTok - 1];
      if (!before && pt && pt.text === ':' && pt.paragraph === para - 1 && this.inMarks[openTok - 1] === -1) before = this.attributionBefore(openTok - 1, para - 1);
      const after = s.close >= 0 ? this.attributionAfter(s.close, para) : null;
      // "Sam Lau, the party's spokesman, said in a statement. “There are no ballots to recount.”": a sentence that ends
      // in a speech cue and adjuncts, with nothing said, introduces the quotation after it.
      if (!before && !after && !s.continued) before = this.cueEndingSentence(openTok - 1, para);
      const fragment = !s.continued && this.isFragment(s, openTok - 1, before !== null);
      let governed = false;
      if (fragment) {
        // A quoted phrase inside a sentence: part of a mixed quote when a cue governs it; kept alone only
        // when it reads as a whole utterance.
        const endsUtterance = /[.!?,]$/u.test(text.slice(a, b));
        if (!(words >= 8 && endsUtterance)) continue;
        if (after) continue; // "… has been "life-changing," she said": the reported pass takes the sentence.
        // "The Times said that its editors had “carefully reviewed … and concluded …”": the cue earlier in the
        // sentence governs the quotation; its speaker speaks.
        before = this.governingCue(openTok);
        // The cue stays free: the reported pass may still take the whole clause ("that its editors had “…”"), which
        // then wins over this part of it.
        governed = before !== null;
      }
      if (words < 3 && !before && !after) continue;
      if (words < 3 && after && s.close >= 0) {
        // "“Judge,” Brafman said, “I have never …”": a word or two before an interrupting attribution belongs to the
        // quotation that follows; alone it is no quote.
        const nx = marks.slice(m + 1).find((x) => x.depth === 0);
        if (nx && nx.open > s.close && nx.open - s.close < 60 && this.toks[this.firstTokAt(nx.open)]?.paragraph === para) continue;
      }
      if (before && !after && s.close >= 0 && !s.continues && !/[.!?…]$/u.test(text.slice(a, b))) {
        // "he said "budget reforms" would pay for them": the quotation is part of a reported clause.
        const nx = this.toks[this.firstTokAt(s.close + 1)];
        if (nx && nx.paragraph === para && (nx.kind === 'word' || nx.kind === 'number') && !this.speechCueAt(nx.i)) continue;
      }
      const att = before ?? after;
      if (att?.cue && !governed) for (let i = att.cue[0]; i <= att.cue[1]; i++) this.usedCue.add(i);
      this.drafts.push({
        start: a, end: b, direct: true,
        speakerTok: att?.speaker ?? null, cueTok: att?.cue ?? null,
        chain: chainOf, paragraph: para, inheritFrom: null,
      });
    }
  }

  /** A sentence ending at token `dot` (its period, in paragraph `para` or the one before) in a speech cue and adjuncts only. */
  private cueEndingSentence(dot: number, para: number): { speaker: [number, number] | null; cue: [number, number] } | null {
    const d = this.toks[dot];
    if (!d || d.text !== '.' || d.paragraph < para - 1 || this.inMarks[dot] !== -1) return null;
    const lo = this.sentenceStartTok(dot);
    for (let k = dot - 1; k >= Math.max(lo + 1, dot - 9); k--) {
      if (this.inMarks[k] !== -1 || this.toks[k]!.text === ',') return null;
      const cue = this.speechCueAt(k);
      if (!cue || cue.info.tense === 'gerund' || cue.info.tense === 'base') continue;
      // (Not the cue of a quotation before: "“…,” he said. “…”" is a continuation, no new attribution.)
      if (this.usedCue.has(k) || !this.isTail(cue.end + 1, dot, cue.info.lemma)) return null;
      for (let n = lo; n < k; n++) if (this.inMarks[n] !== -1) return null;
      const sp = this.withTitle(this.nameStart(this.speakerBefore(k, lo), lo), lo);
      return sp ? { speaker: sp, cue: [k, cue.end] } : null;
    }
    return null;
  }

  /** A speech cue earlier in the sentence of the quotation opening at token `open`, with its speaker, or null. */
  private governingCue(open: number): { speaker: [number, number] | null; cue: [number, number] } | null {
    const lo = this.sentenceStartTok(open);
    for (let k = open - 1; k >= Math.max(lo, open - 25); k--) {
      if (this.inMarks[k] !== -1 || this.toks[k]!.text === ';') return null;
      const cue = this.speechCueAt(k);
      if (!cue || this.usedCue.has(k) || cue.info.directOnly) continue;
      const prev = this.toks[k - 1];
      const sp = cue.info.tense === 'gerund' && prev?.text === ','
        ? this.namedSubjectAt(lo, k)
        : this.withTitle(this.nameStart(this.speakerBefore(k, lo), lo), lo);
      return sp ? { speaker: sp, cue: [k, cue.end] } : null;
    }
    return null;
  }

  private countWords(a: number, b: number): number {
    let n = 0;
    for (let i = a; i <= b; i++) if (isWord(this.toks[i])) n++;
    return n;
  }

  /** Index of the first token starting at or after offset. */
  private firstTokAt(offset: number): number {
    let lo = 0, hi = this.toks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.toks[mid]!.start < offset) lo = mid + 1; else hi = mid; }
    return lo < this.toks.length ? lo : -1;
  }

  /** Index of the last token ending at or before offset. */
  private lastTokBefore(offset: number): number {
    let lo = 0, hi = this.toks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.toks[mid]!.end <= offset) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }

  /** Is the quote a phrase inside a clause (preceded by an ordinary word), not an utterance? */
  private isFragment(s: QuoteMarkSpan, prevTok: number, attributedBefore: boolean): boolean {
    if (attributedBefore) return false;
    const p = this.toks[prevTok];
    if (!p || p.paragraph !== this.toks[prevTok + 1]?.paragraph) return false;
    if (p.end <= this.doc.paragraphs[p.paragraph]!.start) return false;
    if (END_PUNCT.has(p.text) || p.text === ':' || isQuoteTok(p) || p.text === '(') return false;
    void s;
    return true;
  }

  /** "Haftar said: “…”", "He called for “…”", "she said that “…”", "According to X, “…”". */
  private attributionBefore(p: number, para: number): { speaker: [number, number] | null; cue: [number, number] | null } | null {
    const t = this.toks[p];
    if (!t || t.paragraph !== para) return null;
    let j = p;
    if (t.text === ',' || t.text === ':' || t.text === '—' || t.text === '–') j--;
    else if (t.lower === 'that') j--;
    const c = this.toks[j];
    if (!c || c.paragraph !== para) return null;
    // The cue right before (or its particle).
    for (const k of [j, j - 1]) {
      const cue = this.speechCueAt(k);
      if (cue && cue.end === j && !this.usedCue.has(k) && this.inMarks[k] === -1) {
        const lo = this.sentenceStartTok(k);
        let sp = this.speakerBefore(k, lo) ?? this.speakerAfter(cue.end, j + 1);
        // "Clinton posted a comment of her own, saying, “…”": the clause's subject speaks.
        if (!sp && cue.info.tense === 'gerund' && k - 1 > lo) sp = this.namedSubjectAt(lo, k);
        return { speaker: sp, cue: [k, cue.end] };
      }
    }
    if (t.lower === 'that') {
      // "The commission says on its website that “…”", "Smith said in a statement Monday that “…”".
      const lo = this.sentenceStartTok(j);
      for (let k = j; k >= Math.max(lo, j - 12); k--) {
        if (this.inMarks[k] !== -1 || (END_PUNCT.has(this.toks[k]!.text) && !this.abbreviationDot(k)) || this.toks[k]!.text === ',') break;
        const cue = this.speechCueAt(k);
        if (!cue || this.usedCue.has(k)) continue;
        if (cue.end < j && !PREPS.has(this.toks[cue.end + 1]!.lower) && !OBJECT_VERBS.has(cue.info.lemma)) break;
        const sp = this.speakerBefore(k, lo);
        return sp ? { speaker: sp, cue: [k, cue.end] } : null;
      }
      return null;
    }
    if (t.text !== ':' && t.text !== ',') return null;
    // A cue earlier in the clause: "Haftar said in an interview with RIA:".
    const lo = this.sentenceStartTok(j);
    for (let k = j; k >= Math.max(lo, j - 15); k--) {
      if (this.inMarks[k] !== -1 || (END_PUNCT.has(this.toks[k]!.text) && !this.abbreviationDot(k))) break;
      const cue = this.speechCueAt(k);
      if (cue && !this.usedCue.has(k)) {
        // "Said Dorothy Poynter, who grew up with Ali, “We were all so proud of him.”"
        if (k === lo && cue.info.tense === 'past' && t.text === ',') {
          const sp = this.speakerAfter(cue.end, j + 1);
          if (sp) return { speaker: sp, cue: [k, cue.end] };
        }
        if (t.text === ',' && !this.onlyAdjuncts(cue.end + 1, j, cue.info.lemma)) return null;
        // "Ryan's campaign shrugged off the comments, telling reporters, “…”": a gerund's speaker is the clause's subject.
        if (cue.info.tense === 'gerund' && !PROGRESSIVE.has(this.toks[k - 1]?.lower ?? '')) {
          const subj = this.speakerBefore(k, lo) && this.toks[k - 1]?.text !== ',' ? this.speakerBefore(k, lo) : this.namedSubjectAt(lo, k);
          return { speaker: subj, cue: [k, cue.end] };
        }
        return { speaker: this.speakerBefore(k, lo) ?? this.speakerAfter(cue.end, j + 1), cue: [k, cue.end] };
      }
      const sp = this.sourcePhraseAt(k);
      if (sp) {
        const np = this.speakerAfter(k + sp - 1, j + 1);
        return { speaker: np, cue: [k, k + sp - 1] };
      }
    }
    // "Smith: “…”"
    if (t.text === ':') {
      const np = this.npEndingAt(j, lo);
      if (np && np[0] === lo && isCap(this.toks[np[1]])) return { speaker: np, cue: null };
      // "President Clinton released the following statement: “…”": the clause's named subject speaks.
      const subj = this.namedSubjectAt(lo, j);
      if (subj && subj[1] < j - 1) {
        const w = this.toks[subj[0]]!.lower;
        const m = this.mentionOf[subj[1]]!;
        const actor = m >= 0 && this.doc.mentions[m]!.type !== 'LOC' && this.doc.mentions[m]!.type !== 'FACILITY';
        if (actor || (subj[0] === subj[1] && (w === 'he' || w === 'she' || w === 'they'))) return { speaker: subj, cue: null };
      }
    }
    return null;
  }

  /** Only prepositional/time adjuncts between tokens a and b (exclusive)? */
  private onlyAdjuncts(a: number, b: number, lemma = ''): boolean {
    if (a >= b) return true;
    // "telling the crowd,", "told reporters,": a short addressee of a verb that takes one.
    if (OBJECT_VERBS.has(lemma) && b - a <= 4) {
      let ok = true;
      for (let i = a; i < b; i++) if (!isWord(this.toks[i]) && this.toks[i]!.text !== "'s" && this.toks[i]!.text !== '’s') ok = false;
      if (ok) return true;
    }
    return PREPS.has(this.toks[a]!.lower) || OBJECT_VERBS.has(this.toks[a - 1]?.lower ?? '');
  }

  private sentenceStartTok(i: number): number {
    const s = this.doc.sentences[this.toks[i]!.sentence];
    const p = this.doc.paragraphs[this.toks[i]!.paragraph]!;
    let lo = s ? s.tokenStart : i;
    // A sentence may start before the paragraph when splitting failed: stay within the paragraph.
    while (lo < i && this.toks[lo]!.start < p.start) lo++;
    return lo;
  }

  /** "“…,” he said", "“…,” said Karlsson", "“…,” UN mediator Ghassan Salame said on Thursday". */
  private attributionAfter(close: number, para: number): { speaker: [number, number] | null; cue: [number, number] | null } | null {
    let i = this.firstTokAt(close + 1);
    if (i < 0) return null;
    while (isQuoteTok(this.toks[i]) && this.toks[i]!.start <= close + 1) i++; // ” or the second ' of ''
    const st = this.toks[i];
    if (!st || st.paragraph !== para) return null;
    if (st.text === ',' || st.text === '—' || st.text === '–') i++;
    // "“…,” according to Health Minister Christine Elliott."
    const src = this.sourcePhraseAt(i);
    if (src) {
      const sp = this.speakerAfter(i + src - 1, this.toks.length);
      return sp && this.toks[sp[0]]!.paragraph === para ? { speaker: sp, cue: [i, i + src - 1] } : null;
    }
    let lim = i + 12;
    for (let k = i; k < Math.min(this.toks.length, lim); k++) {
      const t = this.toks[k]!;
      if (t.text === '(' && k > i) {
        // "“…,” Rep. Gwen Moore (D-Wis.) said": a parenthesis after the name is stepped over.
        let c = k + 1;
        while (c < Math.min(this.toks.length, k + 10) && this.toks[c]!.text !== ')' && this.toks[c]!.paragraph === para) c++;
        if (this.toks[c]?.text === ')') { lim += c - k; k = c; continue; }
      }
      if (t.paragraph !== para || (END_PUNCT.has(t.text) && !this.abbreviationDot(k) && !this.commaDot(k)) || isQuoteTok(t) || t.text === ';') return null;
      if (this.inMarks[k] !== -1) return null;
      const cue = this.speechCueAt(k);
      if (cue) {
        if (k === i) {
          const sp = this.speakerAfter(cue.end, this.toks.length);
          return sp ? { speaker: sp, cue: [k, cue.end] } : null;
        }
        const sp = this.withTitle(this.speakerBefore(k, i), i);
        if (!sp) return null;
        // Only a title or description may stand before the name: "UN mediator Ghassan Salame said".
        for (let n = i; n < sp[0]; n++) if (!(isWord(this.toks[n]) || this.abbreviationDot(n)) || FUNCTION.has(this.toks[n]!.lower) && !DETS.has(this.toks[n]!.lower)) return null;
        return { speaker: sp, cue: [k, cue.end] };
      }
      if (t.text === ',' && k > i) return this.appositionAttribution(i, k, para);
    }
    return null;
  }

  /**
   * "“…,” Brent Bozell III, founder of the Media Research Center, told Breitbart News": a name (tokens i..comma-1),
   * an apposition closed by a comma or dash, then the cue. The name speaks, not the cue's object.
   */
  private appositionAttribution(i: number, comma: number, para: number): { speaker: [number, number]; cue: [number, number] } | null {
    const np = this.npEndingAt(comma - 1, i);
    // "Leonard E. Burman": initials and their periods before the name the actors stage marked.
    while (np && np[0] > i && (isCap(this.toks[np[0] - 1]) || this.abbreviationDot(np[0] - 1))) np[0]--;
    // A name, or a description of one person: "“…,” one witness, who asked not to be named, told CBC".
    if (!np || np[0] !== i || !(isCap(this.toks[np[1]]) || this.mentionAt(np[1]) || this.personNoun(this.toks[np[1]]!.lower))) return null;
    for (let k = comma + 1; k < Math.min(this.toks.length, comma + 40); k++) {
      const t = this.toks[k]!;
      if (t.paragraph !== para || (END_PUNCT.has(t.text) && !this.abbreviationDot(k) && !this.commaDot(k)) || isQuoteTok(t) || t.text === ';' || this.inMarks[k] !== -1) return null;
      if (t.text !== ',' && t.text !== '—' && t.text !== '–') continue;
      let c = k + 1;
      while (c < this.toks.length && AUX.has(this.toks[c]!.lower)) c++;
      const cue = this.speechCueAt(c);
      if (cue && cue.info.tense !== 'gerund') return { speaker: np, cue: [c, cue.end] };
    }
    return null;
  }

  private sourcePhraseAt(k: number): number {
    const w = this.toks[k]?.lower;
    if (w === undefined || !this.srcFirst.has(w)) return 0;
    for (const ph of this.res.sourcePhrases) {
      let ok = true;
      for (let n = 0; n < ph.length; n++) if (this.toks[k + n]?.lower !== ph[n]) { ok = false; break; }
      if (ok) return ph.length;
    }
    return 0;
  }

  // ---------------------------------------------------------------- reported speech

  private reportedQuotes(): void {
    for (const s of this.doc.sentences) {
      let a = s.tokenStart;
      const b = s.tokenEnd; // exclusive
      if (b - a < 4) continue;
      let lastSpeaker: [number, number] | null = null;
      let taken = a; // tokens before this are already part of a quote of this sentence
      for (let k = a; k < b; k++) {
        const tk = this.toks[k]!;
        if (tk.kind !== 'word' || this.inMarks[k] !== -1 || this.usedCue.has(k)) continue;
        if (!this.res.cues.has(tk.lower) && !this.res.phrasalFirst.has(tk.lower) && !this.srcFirst.has(tk.lower)) continue;
        const srcLen = this.sourcePhraseAt(k);
        if (srcLen) {
          const r = this.accordingTo(k, srcLen, a, b);
          if (r) { lastSpeaker = r; taken = b; }
          continue;
        }
        const cue = this.speechCueAt(k);
        if (!cue || k < taken || cue.info.directOnly) continue;
        const t = this.toks[k]!;
        const prev = this.toks[k - 1];
        const progressive = cue.info.tense === 'gerund' && prev !== undefined && PROGRESSIVE.has(prev.lower);
        // "… and said", "… and then says": the clause's subject speaks.
        // "… but now said", "… and then says".
        const andCue = cue.info.tense !== 'gerund' && cue.info.tense !== 'base' && prev !== undefined
          && (prev.lower === 'and' || (AUX.has(prev.lower) && (this.toks[k - 2]?.lower === 'and' || this.toks[k - 2]?.lower === 'but')));
        if (!progressive && (cue.info.tense === 'gerund' || andCue)) {
          // ", adding that …", ", saying …", "and added …": the clause's subject speaks again.
          // "… issued a statement Friday saying that …": a gerund "saying that" also after a noun.
          const sayingThat = cue.info.lemma === 'say' && this.toks[cue.end + 1]?.lower === 'that';
          if (!prev || (!SEP.has(prev.text) && !andCue && !GERUND_LEAD.has(prev.lower) && !sayingThat)) continue;
          const content = this.contentAfter(k, cue.end, cue.info, b);
          const speaker = lastSpeaker ?? this.lastSpeakerInSentence(a, k) ?? this.subjectAt(a, k);
          if (content && speaker) {
            this.push(content, speaker, [k, cue.end], false);
            taken = this.lastTokBefore(content.end) + 1;
          }
          continue;
        }
        if (cue.info.tense === 'base' && prev && (prev.lower === 'to' || NEG.has(prev.lower))) continue;
        if (prev && (NEG.has(prev.lower) && prev.lower !== 'to')) continue;
        const lo = Math.max(a, taken);
        // The separator before the cue, also inside closing quote marks: "…a ''misguided approach,'' said Mr. Burman".
        const sepPrev = this.beforeClosingQuote(k) ?? prev;
        // Inverted at the end: "…, said one GOP source in the room."
        if (sepPrev && SEP.has(sepPrev.text) && k - 1 > lo && cue.info.tense !== 'gerund' && !this.namedSubjectWithApposition(k, lo)) {
          const inv = this.speakerAfter(cue.end, b);
          if (inv && this.speakerLike(inv) && !OBJECT_VERBS.has(cue.info.lemma) && this.isTail(inv[1] + 1, b, cue.info.lemma)) {
            const cs = this.trimSpan(this.toks[lo]!.start, sepPrev.start);
            if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs)) {
              this.push(cs, inv, [k, cue.end], false);
              lastSpeaker = inv;
              taken = b;
              continue;
            }
          }
        }
        let sp = this.withTitle(this.nameStart(this.speakerBefore(k, lo), lo), lo);
        if (sp && !this.nounishOk(k, cue.info, sp)) sp = null;
        // "X, who … threatened …, said he would fight": the relative clause's speaker is the main clause's subject.
        if (!sp && lastSpeaker && prev?.text === ',' && k - 1 === lo && cue.info.tense !== 'gerund') sp = lastSpeaker;
        // Content after: "X said (that) …".
        if (sp) {
          const content = this.contentAfter(k, cue.end, cue.info, b);
          const spStart = sp[0];
          const sepTok = this.toks[spStart - 1];
          // "…, he said" or a mixed quote closing before the speaker: "…a “change agent,” Cole said".
          const closing = this.beforeClosingQuote(spStart);
          const sepBefore = closing && SEP.has(closing.text) ? closing : sepTok;
          const contentBefore = sepBefore && SEP.has(sepBefore.text) && spStart - 1 > lo;
          if (content && !(contentBefore && this.isTail(cue.end + 1, b, cue.info.lemma))) {
            this.push(content, sp, [k, cue.end], false);
            lastSpeaker = sp;
            taken = this.lastTokBefore(content.end) + 1;
            continue;
          }
          // Content before: "…, he said." / "…, the ministry said in a statement." / "…, he says, …".
          if (contentBefore) {
            const cs = this.trimSpan(this.toks[lo]!.start, sepBefore.start);
            if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs) && !this.describesSpeaker(cs)) {
              this.push(cs, sp, [k, cue.end], false);
              lastSpeaker = sp;
              // Parenthetical: "…, he says, and are mostly …".
              let n = cue.end + 1;
              while (n < b && PREPS.has(this.toks[n]!.lower)) n = this.skipPhrase(n, b);
              if (n < b && this.toks[n]!.text === ',' && n + 1 < b) {
                const rest = this.trimSpan(this.toks[n + 1]!.start, this.toks[b - 1]!.end);
                if (rest && this.countWordsIn(rest) >= 3 && !this.mostlyQuoted(rest)) this.push(rest, sp, [k, cue.end], false);
              }
              taken = b;
              continue;
            }
            // "Voters, Clinton suggested, don't have to worry …", "After all, she argued, Obama got …": a short opening,
            // then the speaker as a parenthetical; what was said is the rest of the sentence.
            let n = cue.end + 1;
            if (OBJECT_VERBS.has(cue.info.lemma)) { const o = this.speakerAfter(cue.end, b); if (o) n = o[1] + 1; } // "Trump told CNN, …"
            while (n < b && PREPS.has(this.toks[n]!.lower)) n = this.skipPhrase(n, b);
            if (cs && !this.mostlyQuoted(cs) && n < b && this.toks[n]!.text === ',' && n + 1 < b && this.toks[spStart - 1]!.text === ',') {
              const rest = this.trimSpan(this.toks[n + 1]!.start, this.toks[b - 1]!.end);
              if (rest && this.countWordsIn(rest) >= 4 && !this.mostlyQuoted(rest) && !this.cueAt(n + 1)) {
                this.push(rest, sp, [k, cue.end], false);
                lastSpeaker = sp;
                taken = b;
                continue;
              }
            }
          }
        } else if (sepPrev && SEP.has(sepPrev.text) && k - 1 > lo) {
          // Inverted: "…, said John Smith."
          const sp2 = OBJECT_VERBS.has(cue.info.lemma) ? null : this.speakerAfter(cue.end, b);
          if (sp2 && this.speakerLike(sp2) && t.lower !== 'saying' && this.isTail(sp2[1] + 1, b, cue.info.lemma)) {
            const cs = this.trimSpan(this.toks[lo]!.start, sepPrev.start);
            if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs)) {
              this.push(cs, sp2, [k, cue.end], false);
              lastSpeaker = sp2;
              taken = b;
            }
          }
        }
      }
      void a;
      a = b;
    }
  }

  /** The span of what was said after the cue, to the sentence's end (or to ", adding …"). */
  private contentAfter(k: number, cueEnd: number, info: CueInfo, b: number): Span | null {
    let n = cueEnd + 1;
    if (n >= b) return null;
    // Skip the addressee of "told RIA", "told reporters", "warned them".
    if (OBJECT_VERBS.has(info.lemma)) {
      const t = this.toks[n]!;
      if (t.kind === 'word' && !FUNCTION.has(t.lower) || PRONOUNS.has(t.lower) || ['him', 'her', 'them', 'us', 'me'].includes(t.lower)) {
        const np = this.speakerAfter(cueEnd, b);
        n = np ? np[1] + 1 : n + 1;
      }
    }
    // Skip adjuncts ("in a statement", "on Thursday") when "that" follows them.
    let m = n;
    let guard = 0;
    while (m < b && guard++ < 6 && PREPS.has(this.toks[m]!.lower)) m = this.skipPhrase(m, b);
    if (m < b && this.toks[m]!.text === ',' && m > n) m++;
    if (m < b && this.toks[m]!.lower === 'that') n = m + 1;
    else if (m > n && m < b) n = m;
    else if (this.toks[n]?.lower === 'that') n++;
    if (n < b && (this.toks[n]!.text === ':' || this.toks[n]!.text === ',' || this.toks[n]!.text === '—')) n++;
    if (n >= b) return null;
    // "said in a statement, adding that …": the content belongs to the next cue.
    const nc = this.cueAt(n);
    if (nc && nc.info.cls === 'speech' && nc.info.tense === 'gerund' && !nc.info.directOnly) return null;
    // "X, a pollster who advises the PAC, said …": what follows the object is the main verb, not what was said.
    if (nc && nc.info.cls === 'speech' && (nc.info.tense === 'past' || nc.info.tense === 'present') && this.toks[n - 1]?.text === ',') return null;
    if (this.toks[n]!.lower === 'to' && !TO_VERBS.has(info.lemma)) return null;
    if (CONTENT_BAD_START.has(this.toks[n]!.lower) && !(this.toks[n]!.lower === 'it' && /^(is|was|will|would|has|had|could|can|may|might|should|must|does|did|'s|’s|wo|won't|isn't|wasn't|doesn't|didn't)$/.test(this.toks[n + 1]?.lower ?? ''))) return null;
    if (isQuoteTok(this.toks[n]) && this.quoteRunsToEnd(n, b)) return null;
    // Stop at ", adding", "and added", ", saying" (another quote of the same speaker).
    let e = b;
    for (let i = n + 1; i < b; i++) {
      const t = this.toks[i]!;
      if ((t.text === ',' || t.lower === 'and') && this.inMarks[i] === -1) {
        const c = this.cueAt(i + 1);
        if (c && c.info.cls === 'speech' && !c.info.directOnly && (c.info.tense === 'gerund' || (t.lower === 'and' && c.info.tense === 'past'))) { e = i; break; }
        // "X, who last year threatened …, said he would …": a relative clause ends where the main verb comes.
        if (c && c.info.cls === 'speech' && t.text === ',' && (c.info.tense === 'past' || c.info.tense === 'present') && this.relativeBefore(k)) { e = i; break; }
      }
    }
    const span = this.trimSpan(this.toks[n]!.start, this.toks[e - 1]!.end);
    if (!span || this.countWordsIn(span) < 3 || this.mostlyQuoted(span)) return null;
    void k;
    return span;
  }

  /** Is the cue at k inside a relative clause ("X, who … threatened")? A "who"/"which" a few words before it. */
  private relativeBefore(k: number): boolean {
    for (let i = k - 1; i >= Math.max(0, k - 6); i--) {
      const w = this.toks[i]!.lower;
      if (w === 'who' || w === 'which') return this.toks[i - 1]?.text === ',';
      if (END_PUNCT.has(this.toks[i]!.text) || this.toks[i]!.text === ',') return false;
    }
    return false;
  }

  /** A quotation opens at token n and runs (nearly) to the sentence's end: a direct quote, not a mixed one. */
  private quoteRunsToEnd(n: number, b: number): boolean {
    const at = this.toks[n]!.start;
    const m = this.doc.quoteMarks.find((q) => q.open === at && q.depth === 0);
    if (!m) return true;
    if (m.close < 0) return true;
    const after = this.firstTokAt(m.close + 1);
    return after < 0 || after >= b - 2;
  }

  /** Skips a prepositional or time phrase starting at n: "in an interview with Russian news agency RIA". */
  private skipPhrase(n: number, b: number): number {
    let i = n + 1;
    while (i < b) {
      const t = this.toks[i]!;
      if (t.kind !== 'word' && t.kind !== 'number' && t.text !== "'s" && t.text !== '’s' && t.text !== '-') break;
      if (t.lower === 'that') break;
      if (this.res.cues.get(t.lower)?.cls === 'speech' && !isCap(t)) break;
      // A new clause starts: "said on Friday he met …", "said in a statement the company …".
      if (PRONOUNS.has(t.lower) && t.lower !== 'it') break;
      const p = this.toks[i - 1]!;
      if (DETS.has(t.lower) && i - 1 > n && !PREPS.has(p.lower) && p.lower !== 'with' && p.lower !== 'of' && p.lower !== 'and') break;
      i++;
      if (i - n > 10) break;
    }
    return i;
  }

  /** Only a short adjunct after the cue ("in a statement", "on Thursday", "told reporters") to the sentence end? */
  private isTail(n: number, b: number, lemma: string): boolean {
    let i = n;
    if (i >= b) return true;
    if (END_PUNCT.has(this.toks[i]!.text) && !this.abbreviationDot(i)) return true;
    if (this.toks[i]!.text === ',' || this.toks[i]!.text === '(' || this.toks[i]!.text === '—' || this.toks[i]!.text === '–') return true;
    let words = 0;
    for (; i < b; i++) {
      const t = this.toks[i]!;
      if (END_PUNCT.has(t.text) && !this.abbreviationDot(i)) break;
      if (t.lower === 'that') return false;
      if (t.text === ',') break;
      words++;
    }
    return words <= 8 && (PREPS.has(this.toks[n]!.lower) || TIME_WORDS.has(this.toks[n]!.lower)) || (words <= 3 && OBJECT_VERBS.has(lemma));
  }

  private accordingTo(k: number, len: number, a: number, b: number): [number, number] | null {
    const np = this.speakerAfter(k + len - 1, b);
    if (!np) return null;
    const after = np[1] + 1;
    if (k > a && this.toks[k - 1]!.text === ',') {
      const cs = this.trimSpan(this.toks[a]!.start, this.toks[k - 1]!.start);
      if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs)) {
        this.push(cs, np, [k, k + len - 1], false);
        return np;
      }
    } else if (after < b && this.toks[after]!.text === ',') {
      const cs = this.trimSpan(this.toks[after + 1]!.start, this.toks[b - 1]!.end);
      if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs)) {
        this.push(cs, np, [k, k + len - 1], false);
        return np;
      }
    } else if (k === a || (k === a + 1 && this.toks[a]!.text === '(')) {
      // "According to early results of exit polls conducted for the AP by Edison Research, voters …": a long
      // source opening the sentence runs to its first comma.
      let c = after;
      while (c < b && c < after + 30 && this.toks[c]!.text !== ',' && this.inMarks[c] === -1 && !(END_PUNCT.has(this.toks[c]!.text) && !this.abbreviationDot(c))) c++;
      if (c < b && this.toks[c]!.text === ',' && c + 1 < b) {
        const cs = this.trimSpan(this.toks[c + 1]!.start, this.toks[b - 1]!.end);
        if (cs && this.countWordsIn(cs) >= 3 && !this.mostlyQuoted(cs)) {
          this.push(cs, np, [k, k + len - 1], false);
          return np;
        }
      }
    }
    return null;
  }

  private lastSpeakerInSentence(a: number, k: number): [number, number] | null {
    // Drafts are not in text order (direct quotes come first), so every one is looked at: the latest speaker
    // between a and k wins.
    let best: [number, number] | null = null;
    for (const q of this.drafts) {
      if (q.speakerTok && q.speakerTok[0] >= a && q.speakerTok[1] < k && (!best || q.speakerTok[0] > best[0])) best = q.speakerTok;
    }
    return best;
  }

  /**
   * The first content token of the main clause in tokens [a, k): past an opening phrase ending in a comma ("On
   * Thursday, …", "When Wallace died in 1998, …") and leading function words. Null when there is none.
   */
  private clauseStart(a: number, k: number): number | null {
    // A dateline: "WASHINGTON — …", "OTTAWA (AP) — …".
    const t0 = this.toks[a];
    if (t0 && t0.kind === 'word' && t0.text.length >= 2 && t0.text === t0.text.toUpperCase() && t0.text !== t0.lower) {
      let c = a;
      while (c < k && c < a + 8 && (this.toks[c]!.kind !== 'word' || DOTTED_CAPS.test(this.toks[c]!.text)) && !/^[—–-]{1,2}$/.test(this.toks[c]!.text)) c++;
      if (c > a && c < k - 1 && /^[—–-]{1,2}$/.test(this.toks[c]!.text)) a = c + 1;
    }
    const w = this.toks[a]?.lower ?? '';
    // An opening phrase: "When …,", "On Tuesday,", "Facing criticism,", "Hours later,".
    if (SUBORD.has(w) || PREPS.has(w)) {
      let c = a;
      while (c < k && this.toks[c]!.text !== ',') c++;
      if (c >= k) return null;
      a = c + 1;
    } else if (this.mentionOf[a] === -1 && (ING_WORD.test(w) || !!this.res.openingWords?.has(w))) {
      // Only when a comma closes it soon: "Meanwhile Trump said" keeps its subject.
      let c = a;
      while (c < k && c < a + 8 && this.toks[c]!.text !== ',') c++;
      if (c < k && this.toks[c]!.text === ',') a = c + 1;
    } else if (DETS.has(w) || w === 'but' || w === 'and' || this.toks[a]?.kind === 'number') {
      // "But a few days later, Trump …", "Two weeks ago, she …": a short time phrase closed by a comma.
      let c = a;
      let time = false;
      while (c < k && c < a + 7 && this.toks[c]!.text !== ',') {
        const l = this.toks[c]!.lower;
        if (TIME_NOUNS.has(l) || DAYS.has(l) || l === 'later' || l === 'ago' || l === 'hours' || l === 'minutes') time = true;
        if (this.mentionOf[c]! >= 0 || this.res.cues.has(l)) { time = false; break; }
        c++;
      }
      if (time && c < k && this.toks[c]!.text === ',') a = c + 1;
    }
    let j = a;
    while (j < k && (FUNCTION.has(this.toks[j]!.lower) && !DETS.has(this.toks[j]!.lower) || this.toks[j]!.text === ',')) j++;
    return j;
  }

  /**
   * A named subject opening the clause, title included: "Former Secretary of State Madeleine Albright posted …" gives
   * "Madeleine Albright" (the last actor mention in the capitalised run), "He posted …" gives "He".
   */
  private namedSubjectAt(a: number, k: number): [number, number] | null {
    const j = this.clauseStart(a, k);
    if (j === null) return null;
    const t = this.toks[j];
    if (!t || j >= k) return null;
    if (PRONOUNS.has(t.lower) && t.lower !== 'it' && t.lower !== 'you') return [j, j];
    if (!isCap(t) || this.res.cues.has(t.lower)) return null;
    let e = j;
    if (this.res.cues.has(t.lower) || /ing$/.test(t.lower)) return null; // "Speaking to reporters, …"
    // "Band member Flea": a lower-case title word between capitalised ones stays in the run.
    // "Democratic presidential nominee Hillary Clinton": two lower-case words, the second a person noun, likewise.
    const lowTitle = (n: number) => this.toks[n]?.kind === 'word' && !FUNCTION.has(this.toks[n]!.lower) && !isCap(this.toks[n]);
    while (e + 1 < k) {
      if (isCap(this.toks[e + 1]) || this.abbreviationDot(e + 1) || (CONNECT.has(this.toks[e + 1]!.lower) || lowTitle(e + 1)) && isCap(this.toks[e + 2])) { e++; continue; }
      if (e + 3 < k && lowTitle(e + 1) && lowTitle(e + 2) && this.res.personNouns?.has(this.toks[e + 2]!.lower) && isCap(this.toks[e + 3])) { e += 2; continue; }
      break;
    }
    let best: [number, number] | null = null;
    for (let n = j; n <= e; n++) {
      const m = this.mentionAt(n);
      if (m && m[1] <= e) { best = m; n = m[1]; }
    }
    return best ?? [j, e];
  }

  /** The period of a title abbreviation inside a name ("Dr. David Williams", "Sen. Ted Cruz"), not a sentence end. */
  private abbreviationDot(k: number): boolean {
    const t = this.toks[k]!, p = this.toks[k - 1];
    const n = this.toks[k + 1];
    return t.text === '.' && !!p && isCap(p) && p.text.length <= 4 && p.end === t.start && isCap(n) && n!.sentence === t.sentence;
  }

  /** Tokens [a, b) are a title between two names: person nouns, organisation heads, capitalised words ("campaign manager"). */
  private titleRun(a: number, b: number): boolean {
    let noun = false;
    for (let k = a; k < b; k++) {
      const t = this.toks[k]!;
      if (t.kind !== 'word') return false;
      if (this.res.personNouns?.has(t.lower)) { noun = true; continue; }
      if (this.res.organisationHeads.has(t.lower) || isCap(t)) continue;
      return false;
    }
    return noun;
  }

  /** The period of an abbreviation before a comma ("of Ashton, Md., who …", "Calif.,"): no sentence end. */
  private commaDot(k: number): boolean {
    const t = this.toks[k]!, p = this.toks[k - 1], n = this.toks[k + 1];
    return t.text === '.' && !!p && isCap(p) && p.text.length <= 5 && p.end === t.start && n?.text === ',' && n.paragraph === t.paragraph;
  }

  /** "Van Voorhis" when the actors stage marked only "Voorhis": capitalised words and particles right before a name join it. */
  private nameStart(sp: [number, number] | null, lo: number): [number, number] | null {
    if (!sp || this.mentionOf[sp[0]]! < 0) return sp;
    let k = sp[0];
    while (k - 1 >= lo && k > sp[0] - 3) {
      const p = this.toks[k - 1]!;
      // (A sentence's first word only when it is a known first name: "Ivanka Trump said" with "Trump" marked.)
      if (isCap(p) && !FUNCTION.has(p.lower) && !this.cueAt(k - 1) && this.mentionOf[k - 1] === -1 && p.sentence === this.toks[k]!.sentence && (k - 1 > lo || this.res.firstNames?.has(p.lower))) { k--; continue; }
      break;
    }
    return k === sp[0] ? sp : [k, sp[1]];
  }

  /** "Mr. Van Voorhis", "Sen. Smith": a short capitalised abbreviation with its period before the name joins it. */
  private withTitle(sp: [number, number] | null, lo: number): [number, number] | null {
    if (!sp || sp[0] - 2 < lo) return sp;
    const dot = this.toks[sp[0] - 1]!, ttl = this.toks[sp[0] - 2]!;
    if (dot.text === '.' && ttl.end === dot.start && isCap(ttl) && ttl.text.length <= 4) return [sp[0] - 2, sp[1]];
    return sp;
  }

  /** The token before the closing quote marks that end right before token k (k-1 when none close there). */
  private beforeClosingQuote(k: number): Token | null {
    let j = k - 1;
    if (!isQuoteTok(this.toks[j]) || !this.doc.quoteMarks.some((q) => q.close >= 0 && this.toks[j]!.start >= q.close && this.toks[j]!.start <= q.close + 1)) return null;
    while (j > 0 && isQuoteTok(this.toks[j]) && this.toks[j]!.start >= this.toks[k - 1]!.start - 1) j--;
    return this.toks[j] ?? null;
  }

  /** "Congressman Chris Collins, a Trump supporter, said …": the cue's subject is a name opening the clause. */
  private namedSubjectWithApposition(k: number, lo: number): boolean {
    const sp = this.speakerBefore(k, lo);
    if (!sp || sp[0] - lo > 3 || this.toks[sp[1] + 1]?.text !== ',') return false;
    for (let t = lo; t < sp[0]; t++) if (!isCap(this.toks[t]) && this.toks[t]!.text !== '.') return false; // titles: "Congressman", "Rep.
    const m = this.mentionOf[sp[1]]!;
    return m >= 0 && this.doc.mentions[m]!.kind !== 'pronoun' && (this.doc.mentions[m]!.type === 'PERSON' || this.doc.mentions[m]!.type === 'ORG');
  }

  /** The sentence's subject when it opens the sentence: "Police arrested …, saying …". */
  private subjectAt(a: number, k: number): [number, number] | null {
    const j = this.clauseStart(a, k);
    if (j === null) return null;
    const m = this.mentionAt(j);
    if (m && m[1] < k) return m;
    if (PRONOUNS.has(this.toks[j]?.lower ?? '')) return [j, j];
    // "Mr. Obama made …, announcing": the title and its period open the name.
    if (this.toks[j + 1]?.text === '.' && isCap(this.toks[j]) && this.toks[j]!.text.length <= 4) {
      const n = this.mentionAt(j + 2);
      if (n && n[1] < k) return [j, n[1]];
    }
    // "The billionaire businessman began by …, saying": a determiner opens a description up to its head noun;
    // "A few minutes later they reversed themselves, … and said": else a pronoun in the clause.
    if (DETS.has(this.toks[j]?.lower ?? '')) {
      for (let e = j + 1; e < Math.min(k, j + 6); e++) {
        const t = this.toks[e]!;
        if (t.kind !== 'word' || FUNCTION.has(t.lower) || this.res.cues.has(t.lower)) break;
        const nm = this.mentionAt(e);
        if (nm && nm[1] < k && (nm[1] + 1 >= k || !isCap(this.toks[nm[1] + 1]))) {
          // "The Republican National Committee": a name after the determiner, with the head noun that may follow it.
          let f = nm[1];
          while (f + 1 < k && this.toks[f + 1]!.kind === 'word' && (this.res.personNouns?.has(this.toks[f + 1]!.lower) || this.res.organisationHeads.has(this.toks[f + 1]!.lower))) f++;
          return [j, f];
        }
        const head = (w: string) => this.res.personNouns?.has(w) || this.res.organisationHeads.has(w);
        if (head(t.lower)) {
          while (e + 1 < k && this.toks[e + 1]!.kind === 'word' && head(this.toks[e + 1]!.lower)) e++; // "billionaire businessman"
          return [j, e];
        }
      }
      for (let e = j + 1; e < Math.min(k, j + 8); e++) {
        const w = this.toks[e]!.lower;
        if (w === 'he' || w === 'she' || w === 'they' || w === 'we') return [e, e];
      }
      return null;
    }
    if (isCap(this.toks[j])) {
      // "Democratic presidential nominee Hillary Clinton chimed in …, saying": the name in a titled run.
      const named = this.namedSubjectAt(a, k);
      if (named && named[0] >= j && this.mentionOf[named[1]]! >= 0) return named;
      let e = j;
      while (e + 1 < k && isCap(this.toks[e + 1])) e++;
      return [j, e];
    }
    return null;
  }

  private trimSpan(s: number, e: number): Span | null {
    const text = this.doc.text;
    while (s < e && /[\s,;:—–-]/u.test(text[s]!)) s++;
    while (e > s && /[\s,;:—–.-]/u.test(text[e - 1]!)) e--;
    if (e <= s) return null;
    return { start: s, end: e, text: text.slice(s, e) };
  }

  private countWordsIn(sp: Span): number {
    let n = 0;
    for (let i = this.firstTokAt(sp.start); i >= 0 && i < this.toks.length && this.toks[i]!.start < sp.end; i++) if (isWord(this.toks[i])) n++;
    return n;
  }

  /** Is most of the span inside quotation marks (a direct quote, handled already)? */
  private mostlyQuoted(sp: Span): boolean {
    let inside = 0, all = 0;
    for (let i = this.firstTokAt(sp.start); i >= 0 && i < this.toks.length && this.toks[i]!.start < sp.end; i++) {
      all++;
      if (this.inMarks[i] !== -1) inside++;
    }
    if (all === 0) return true;
    if (inside / all < 0.8) return false;
    // Quoted, but as a fragment no direct quote took: keep it.
    return this.drafts.some((d) => d.direct && d.start < sp.end && sp.start < d.end);
  }

  private push(sp: Span, speaker: [number, number] | null, cue: [number, number], direct: boolean): void {
    for (let i = cue[0]; i <= cue[1]; i++) this.usedCue.add(i);
    const para = this.toks[this.firstTokAt(sp.start)]!.paragraph;
    this.drafts.push({ start: sp.start, end: sp.end, direct, speakerTok: speaker, cueTok: cue, chain: -1, paragraph: para, inheritFrom: null });
  }

  // ---------------------------------------------------------------- speakers, dates, output

  private finish(): Quote[] {
    const drafts = this.drafts.sort((x, y) => x.start - y.start || x.end - y.end);
    // Drop drafts that overlap an earlier kept one.
    const kept: Draft[] = [];
    for (const d of drafts) {
      const prev = kept[kept.length - 1];
      if (prev && d.start < prev.end) {
        if (d.end - d.start > prev.end - prev.start && !prev.direct) kept[kept.length - 1] = d;
        continue;
      }
      kept.push(d);
    }
    // A quotation running over several paragraphs: every part gets the speaker found for any part.
    const byChain = new Map<number, Draft>();
    for (const d of kept) if (d.direct && d.speakerTok && !byChain.has(d.chain)) byChain.set(d.chain, d);
    const out: Quote[] = [];
    const published = this.doc.article.published ? this.doc.article.published.slice(0, 10) : null;
    let last: { quote: Quote; paragraph: number } | null = null;
    const resolved = new Map<Draft, string | null>();
    let prevNamed: Draft | null = null;
    for (const d of kept) {
      if (!d.speakerTok) continue;
      let id = this.quotePronoun(d, prevNamed, resolved, kept) ?? this.resolveSpeaker(d.speakerTok, kept);
      // A named speaker the actors stage left without an entity, or merged into another person ("Ivanka Trump" into
      // "Donald Trump"): an entity of its own, from the mention.
      if (!id || this.otherFirstName(d.speakerTok, id) || this.otherSurname(d.speakerTok, id)) id = this.speakerEntity(d.speakerTok) ?? id;
      // "Sen. Sherrod Brown of Ohio" resolved to Ohio: the name before "of"/"from" speaks.
      else if (id && /^(LOC|GPE|FACILITY)$/.test(this.entityTypeOf(id) ?? '')) {
        const sp = d.speakerTok;
        for (let k = sp[0] + 1; k < sp[1]; k++) {
          const w = this.toks[k]!.lower;
          if ((w === 'of' || w === 'from') && isCap(this.toks[k - 1])) { id = this.speakerEntity([sp[0], k - 1]) ?? id; break; }
        }
      }
      resolved.set(d, id);
      if (id && !PRONOUNS.has(this.toks[d.speakerTok[1]]!.lower)) prevNamed = d;
    }
    let fwd: Draft | null = null;
    for (const d of kept) {
      let speaker: string | null = null;
      let speakerMention: Span | null = null;
      let cue: Span | null = null;
      let date: string | null = null;
      if (d.cueTok) cue = this.spanTok(d.cueTok[0], d.cueTok[1]);
      if (d.speakerTok) {
        speakerMention = this.spanTok(d.speakerTok[0], d.speakerTok[1]);
        speaker = resolved.get(d) ?? null;
      } else if (d.direct && byChain.has(d.chain) && d.chain >= 0) {
        const src = byChain.get(d.chain)!;
        speaker = resolved.get(src) ?? null;
        if (src.cueTok) date = this.dateFor(this.spanTok(src.cueTok[0], src.cueTok[1]), published);
      } else if (d.direct && (fwd = this.speakerLaterInParagraph(d, kept))) {
        // "“A.” “B,” she said.": a floating quote takes the speaker named for the next quote of its paragraph.
        speaker = resolved.get(fwd) ?? null;
        if (fwd.cueTok) date = this.dateFor(this.spanTok(fwd.cueTok[0], fwd.cueTok[1]), published);
      } else if (d.direct && last && d.paragraph - last.paragraph <= 2) {
        // A floating quote continues the previous speaker, unless the narrative brought in another person since
        // ("“…,” Smith said. Jane Doe, a nurse, has worked there for 20 years. “…”": Doe).
        // The attribution of the last quote and its apposition ("“…,” said Alan Cobb, a senior Trump adviser who …")
        // belong to that quote, not to the narrative since.
        let from = last.quote.end;
        for (const sp of [last.quote.speakerMention, last.quote.cue]) {
          if (!sp || sp.start < last.quote.end) continue;
          const st = this.doc.sentences[this.toks[this.firstTokAt(sp.start)]?.sentence ?? -1];
          const e = st ? this.toks[st.tokenEnd - 1]!.end : sp.end;
          from = Math.max(from, Math.min(e, d.start));
        }
        const since = this.nearestActor(d.start, 'PERSON', kept, null, true, undefined, from);
        speaker = since && since !== last.quote.speaker && last.quote.speaker && this.entityTypeOf(last.quote.speaker) === 'PERSON' ? since : last.quote.speaker;
        date = last.quote.date;
      } else if (d.direct) {
        // No recent speaker: the person named last before it, outside quoted words.
        speaker = this.nearestActor(d.start, 'PERSON', kept, null, true);
      }
      if (cue) date = this.dateFor(cue, published);
      else if (date === null) date = published;
      const q: Quote = { start: d.start, end: d.end, text: this.doc.text.slice(d.start, d.end), direct: d.direct, speaker, speakerMention, cue, date };
      out.push(q);
      if (speaker || speakerMention) last = { quote: q, paragraph: d.paragraph };
    }
    return out;
  }

  /**
   * "“…,” Cole said. “…,” he said.": a he/she speaker right after a quote with a named speaker of the same sex is
   * that speaker, unless another person is named outside quotes in between.
   */
  private quotePronoun(d: Draft, prev: Draft | null, resolved: Map<Draft, string | null>, kept: Draft[]): string | null {
    const sp = d.speakerTok!;
    const w = this.toks[sp[0]]!.lower;
    if (sp[0] !== sp[1] || (w !== 'he' && w !== 'she') || !prev || !prev.speakerTok) return null;
    const id = resolved.get(prev);
    if (!id) return null;
    if (this.entityTypeOf(id) !== 'PERSON') {
      // "Cruz openly admitted that …. “…,” he said" with "Cruz" typed a place: a name the knowledge base does not
      // know, speaking, is taken up by the pronoun all the same.
      const ent = this.doc.entities.find((x) => x.id === id);
      const h = this.toks[prev.speakerTok[1]]!;
      if (!ent || ent.kb !== null || ent.type === 'GROUP' || !isCap(h) || this.res.organisationHeads.has(h.lower) || ACRONYM.test(h.text)) return null;
    }
    const g = this.genders().get(id);
    if (g && g !== (w === 'he' ? 'm' : 'f')) return null;
    const from = this.toks[prev.speakerTok[1]]!.end, to = this.toks[sp[0]]!.start;
    if (to - from > 400 || d.paragraph - prev.paragraph > 1) return null;
    const genders = this.genders();
    const want = w === 'he' ? 'm' : 'f';
    for (const m of this.doc.mentions) {
      if (m.start < from || m.end > to || m.type !== 'PERSON' || m.kind === 'pronoun' || m.entity === id) continue;
      if (this.inMarks[m.tokenStart] !== -1) continue;
      // A person of the other sex ("“…,” Cole said. Hillary Clinton's plan … “…,” he said") or named inside what was
      // reported is no rival antecedent.
      const g2 = genders.get(m.entity);
      if (g2 && g2 !== want) continue;
      if (kept.some((k) => !k.direct && k.start <= m.start && m.end <= k.end)) continue;
      return null;
    }
    return id;
  }

  /** Entities this stage made for speakers, by the lower-case words a later mention may use ("o'neill", "mclenney"). */
  private readonly madeByWord = new Map<string, string>();

  /**
   * "Ivanka Trump" resolved to "Donald Trump": the speaker phrase gives a full name whose first name (a known one,
   * data/quotes/first-names.json) is not the entity's.
   */
  private otherFirstName(sp: [number, number], id: string): boolean {
    const names = this.res.firstNames;
    if (!names) return false;
    const ent = (this.entityById ??= new Map(this.doc.entities.map((x) => [x.id, x]))).get(id);
    if (!ent || ent.type !== 'PERSON') return false;
    let a = sp[0];
    while (a < sp[1] && !isCap(this.toks[a])) a++;
    while (a < sp[1] && this.abbreviationDot(a + 1)) a += 2; // "Sen. Ted Cruz"
    const first = this.toks[a]!;
    if (a >= sp[1] || !isCap(this.toks[a + 1]) || !names.has(first.lower)) return false;
    const ef = ent.name.split(/\s+/)[0]!.toLowerCase();
    return ef !== first.lower && names.has(ef) && !ent.name.toLowerCase().split(/\s+/).includes(first.lower);
  }

  /**
   * "Chief Justice Roberts" resolved to "Robert DeNiro": the speaker phrase ends in a capitalised name word that
   * neither the person's name nor any of its mentions contains.
   */
  private otherSurname(sp: [number, number], id: string): boolean {
    const head = this.toks[this.toks[sp[1]]?.text === "'s" || this.toks[sp[1]]?.text === '’s' ? sp[1] - 1 : sp[1]]!;
    if (!isCap(head) || PRONOUNS.has(head.lower) || head.lower === 'i' || this.personNoun(head.lower) !== null) return false;
    const ent = (this.entityById ??= new Map(this.doc.entities.map((x) => [x.id, x]))).get(id);
    if (!ent || ent.type !== 'PERSON') return false;
    const w = head.lower.replace(/’/g, "'");
    // (The entity's name only: a mention wrongly joined to the person carries the word too.)
    const words = this.nameWords ??= new Map(this.doc.entities.map((x) => [x.id, new Set(x.name.toLowerCase().split(/[\s-]+/))]));
    const ws = words.get(id);
    if (ws?.has(w) || ws?.has(head.lower)) return false;
    return !ent.name.toLowerCase().replace(/’/g, "'").split(/[\s-]+/).includes(w);
  }

  /**
   * An entity for a capitalised speaker phrase that has none: "McLenney said", "Christian News Service reported",
   * "according to NYPD Commissioner James O'Neill". The phrase must be a name: capitalised words (particles and
   * title abbreviations allowed), not a common noun capitalised only as the sentence's first word ("Police said",
   * "Officials said") nor a plural ("Democrats said"). An organisation when the name has a determiner ("The Hill"),
   * an organisation head ("Service") or is an acronym; else a person. A bare surname takes the fuller name written
   * earlier ("James O'Neill … O'Neill said").
   */
  private speakerEntity(sp: [number, number]): string | null {
    let a = sp[0];
    const b = this.toks[sp[1]]?.text === "'s" || this.toks[sp[1]]?.text === '’s' ? sp[1] - 1 : sp[1];
    let org = false;
    if (this.toks[a]!.lower === 'the') { org = true; a++; }
    // Title words before the name: "Mr. Smith", "Commissioner James O'Neill", "spokesman John Smith".
    while (a < b && isCap(this.toks[a]) && (this.abbreviationDot(a + 1) || (this.res.personNouns?.has(this.toks[a]!.lower) && isCap(this.toks[a + 1])))) a += this.abbreviationDot(a + 1) ? 2 : 1;
    // "Virginia AFL-CIO President Doris Crouse-Mays": a person noun in the run ends the title before the name.
    // (Only capitalised words: "A spokesperson for Finance Minister Bill Morneau" describes someone else.)
    for (let k = b - 1; k > a; k--) if (isCap(this.toks[k]) && this.res.personNouns?.has(this.toks[k]!.lower) && isCap(this.toks[k + 1])) { if (![...Array(k - a).keys()].every((n) => isCap(this.toks[a + n]) || this.abbreviationDot(a + n))) return null; a = k + 1; break; }
    if (a > b) return null;
    const head = this.toks[b]!;
    // "Del." of "said Del. Stacey Plaskett" when the sentence splitter cut after the abbreviation.
    const dot = this.toks[b + 1];
    if (!isCap(head) || PRONOUNS.has(head.lower) || head.lower === 'i' || (dot?.text === '.' && dot.start === head.end && head.text.length <= 4 && isCap(this.toks[b + 2]))) return null;
    // Not a name: a number word ("Twenty-seven"), a gerund or participle opening the sentence ("Having").
    if (a === b && (/\d/.test(head.text) || this.isNumberWord(head.lower) || /(ing|ed)$/.test(head.lower))) return null;
    let caps = 0;
    for (let k = a; k <= b; k++) {
      const t = this.toks[k]!;
      if (isCap(t)) {
        if (FUNCTION.has(t.lower) || DETS.has(t.lower) || TIME_WORDS.has(t.lower) || this.res.cues.has(t.lower)) return null;
        caps++;
        continue;
      }
      if (this.abbreviationDot(k) || (CONNECT.has(t.lower) && t.lower !== 'and' && t.lower !== '&' && k > a && k < b) || t.text === '-') continue;
      return null;
    }
    const orgWord = (k: number) => this.res.organisationHeads.has(this.toks[k]!.lower);
    if (caps === 1) {
      const w = head.lower;
      // A common noun capitalised to open the sentence, a plural, a place or a group word.
      if ((this.sentenceStartTok(b) === a && (this.personNoun(w) !== null || orgWord(b))) || (/[^s]s$/.test(w) && !ALL_UPPER.test(head.text))) return null;
      if (this.personNoun(w) !== null) return null;
    }
    for (let k = a; k <= b; k++) if (orgWord(k)) org = true;
    if (caps === 1 && ACRONYM.test(head.text)) org = true; // "NYPD", "CNN"
    const key = head.lower.replace(/’/g, "'");
    const made = this.madeByWord.get(key);
    if (made) return made;
    let name = this.spanTok(a, b).text;
    if (caps === 1 && !org) {
      // The fuller name written earlier: "Commissioner James O’Neill" before "O'Neill said".
      const sur = head.text.replace(/['’]/g, "['’]").replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '[' || c === ']' ? c : `\\${c}`));
      const re = new RegExp(`(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,2}${sur}(?![\\p{L}])`, 'gu');
      let m: RegExpExecArray | null;
      let full: string | null = null;
      const before = this.doc.text.slice(Math.max(0, this.toks[a]!.start - 3000), this.toks[a]!.start);
      // (The pattern runs only when the surname was written before.)
      const plain = head.text.replace(/['’]/g, '');
      if (before.replace(/['’]/g, '').includes(plain)) while ((m = re.exec(before))) full = m[0];
      if (full) {
        const ws = full.split(/\s+/);
        while (ws.length > 1 && (this.res.personNouns?.has(ws[0]!.toLowerCase()) || /\.$/.test(ws[0]!) && ws[0]!.length <= 4 && ws.length > 2 || FUNCTION.has(ws[0]!.toLowerCase()) || DETS.has(ws[0]!.toLowerCase()))) ws.shift();
        if (ws.length > 1 && this.res.firstNames?.has(ws[0]!.toLowerCase())) name = ws.join(' ');
      }
    }
    const type: EntityType = org ? 'ORG' : 'PERSON';
    const ids = new Set(this.doc.entities.map((x) => x.id));
    let n = this.doc.entities.length + 1;
    while (ids.has(`E${n}`)) n++;
    const id = `E${n}`;
    const span = this.spanTok(a, b);
    this.doc.entities.push({ id, name, type, kb: null, country: null, roles: [], mentions: [span] });
    const ref: MentionRef = { ...span, entity: id, type, kind: 'name', tokenStart: a, tokenEnd: b + 1 };
    const ms = this.doc.mentions;
    let at = ms.length;
    while (at > 0 && ms[at - 1]!.start > ref.start) at--;
    ms.splice(at, 0, ref);
    // Mention indices from `at` on move up by one; the new mention's tokens point to it where no mention did.
    const mo = this.mentionOf;
    for (let t = 0; t < mo.length; t++) if (mo[t]! >= at) mo[t]! += 1;
    for (let t = a; t <= b && t < mo.length; t++) if (mo[t] === -1) mo[t] = at;
    this.madeByWord.set(key, id);
    // The caches take the new entity in place (rebuilding them for every new speaker costs more than the rest).
    this.nameWords?.set(id, new Set(name.toLowerCase().split(/[\s-]+/)));
    this.entityTypes?.set(id, type);
    this.entityById?.set(id, { name, type });
    if (this.genderCache && type === 'PERSON') {
      const g = this.res.firstNames?.get(name.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, ''));
      if (g) this.genderCache.set(id, g);
    }
    return id;
  }

  /**
   * Entity types as a speaker's antecedent sees them: the actors stage's, except that a name led by a known first name
   * ("Dante Chinni", typed ORG) is a person, and a "person" whose name holds an organisation head and no first name
   * ("Clinton Campaign Reportedly Scrambling", "Justice Department") is not.
   */
  private speakerType(e: { name: string; type: string }): string {
    const names = this.res.firstNames;
    {
      let t: string = e.type;
      const ws = e.name.toLowerCase().split(/\s+/);
      const first = !!names?.has(ws[0]!.replace(/\.$/, ''));
      const orgWord = ws.some((w) => this.res.organisationHeads.has(w));
      // "House Republican Thomas Massie": a known first name and a capitalised last word end the name.
      const orig = e.name.split(/\s+/);
      const endsInName = ws.length >= 2 && !!names?.has(ws[ws.length - 2]!) && STARTS_CAPITALISED.test(orig[orig.length - 1]!) && !this.res.organisationHeads.has(ws[ws.length - 1]!);
      if (t !== 'PERSON' && t !== 'LOC' && t !== 'GPE' && (ws.length >= 2 && ws.length <= 3 && first && !orgWord && ws.every((w, i) => i === 0 || STARTS_UPPER.test(orig[i]!)) || endsInName)) t = 'PERSON';
      else if (t === 'PERSON' && !first && orgWord) t = 'ORG';
      return t;
    }
  }

  /** An entity's type as a speaker's antecedent sees it (speakerType), worked out when first asked. */
  private entityTypeOf(id: string): string | undefined {
    const types = this.entityTypes ??= new Map();
    let t = types.get(id);
    if (t === undefined) {
      const byId = this.entityById ??= new Map(this.doc.entities.map((x) => [x.id, x]));
      const e = byId.get(id);
      if (!e) return undefined;
      t = this.speakerType(e);
      types.set(id, t);
    }
    return t;
  }

  private entityById: Map<string, { name: string; type: string }> | null = null;

  /** The next direct quote of d's paragraph, when it follows with no other words between and names its speaker. */
  private speakerLaterInParagraph(d: Draft, kept: Draft[]): Draft | null {
    const i = kept.indexOf(d);
    const n = kept[i + 1];
    if (!n || !n.direct || !n.speakerTok || n.paragraph !== d.paragraph) return null;
    // Only quote marks, spaces and sentence punctuation between the two quotations.
    const gap = this.doc.text.slice(d.end, n.start);
    if (gap.length > 12 || LETTER_OR_DIGIT.test(gap)) return null;
    return n;
  }

  private spanTok(a: number, b: number): Span {
    const s = this.toks[a]!.start, e = this.toks[b]!.end;
    return { start: s, end: e, text: this.doc.text.slice(s, e) };
  }

  /**
   * The entity a speaker phrase names. Pronouns go to the nearest compatible named actor outside quoted and
   * reported words (so that "…after the death of Jordan Lafond. “…,” she said" finds the speaker, not Lafond);
   * names and nominals go to the actors stage; a surname the actors stage left alone is matched on entity names;
   * a definite person nominal ("the rookie defenceman") is the nearest person named outside quotes.
   */
  private resolveSpeaker(sp: [number, number], kept: Draft[]): string | null {
    const s = this.toks[sp[0]]!.start, e = this.toks[sp[1]]!.end;
    const head = this.toks[sp[1]]!;
    if (sp[0] === sp[1] && PRONOUN_WANT.has(head.lower)) {
      const sex = head.lower === 'he' ? 'm' : head.lower === 'she' ? 'f' : null;
      const want = PRONOUN_WANT.get(head.lower)!;
      return this.nearestActor(s, want, kept, sex, true, undefined, 0, sex ? head.lower : null) ?? (want === 'GROUP' ? null : this.doc.services.resolve(s, e));
    }
    // "her campaign manager", "his top aide": someone other than the possessor, unnamed here unless the article
    // named a person with that role ("his lawyer, Mark Brown, …").
    if (POSSESSIVE_DETS.has(this.toks[sp[0]]!.lower) && !isCap(head)) {
      const w = head.lower;
      return this.res.personNouns?.has(w) ? this.personByRole(w, s, kept, new Set(), false) : null;
    }
    // "the spokeswoman", "the Republican presidential candidate", "a lawyer for the family": one person described.
    const nom = this.personNominal(sp);
    if (nom) return nom.indefinite ? null : this.personByRole(nom.head, s, kept, nom.exclude);
    const id = this.resolve(sp);
    if (id) return id;
    if (isCap(head)) {
      const words = this.nameWords ??= new Map(this.doc.entities.map((x) => [x.id, new Set(x.name.toLowerCase().split(/[\s-]+/))]));
      const ent = this.doc.entities.find((x) => x.type === 'PERSON' && words.get(x.id)!.has(head.lower))
        ?? this.doc.entities.find((x) => words.get(x.id)!.has(head.lower));
      if (ent) return ent.id;
    }
    if (head.kind === 'word' && !isCap(head)) {
      // "police said", "the ministry said": the latest actor whose name has the same head ("Toronto Police Service").
      const byHead = this.latestEntityWithWord(head.lower, s);
      if (byHead) return byHead;
    }
    // Another definite description ("the retired neurosurgeon", "the real estate mogul"): an epithet for the person
    // named last.
    if (this.toks[sp[0]]!.lower === 'the' && sp[1] > sp[0] && head.kind === 'word' && !isCap(head)
      && !this.res.organisationHeads.has(head.lower) && !/s$/.test(head.lower)) {
      return this.nearestActor(s, 'PERSON', kept, null, true);
    }
    return null;
  }

  /**
   * A speaker phrase that describes one person: its head (the noun before "for"/"of"/"with"/"at", else the last word) is
   * a person noun written in lower case ("the spokeswoman", "a lawyer for the family", "the Christie supporter"), or a
   * capitalised one after a determiner ("the Arizona Republican"). Actors named inside it are not the speaker.
   */
  private personNominal(sp: [number, number]): { head: string; indefinite: boolean; exclude: Set<string> } | null {
    const nouns = this.res.personNouns;
    if (!nouns) return null;
    let h = sp[1];
    for (let k = sp[0] + 1; k <= sp[1]; k++) if (OWNER_PREPS.has(this.toks[k]!.lower) || this.toks[k]!.lower === 'in') { h = k - 1; break; }
    const ht = this.toks[h]!;
    const first = this.toks[sp[0]]!.lower;
    const det = first === 'the' || INDEFINITE.has(first);
    let word = ht.lower.replace(/^\d+-/, '');
    // "Diplomats in Geneva", "two officials": several people, unnamed.
    const plural = !nouns.has(word) && this.personNoun(word) !== null;
    if (plural) word = this.personNoun(word)!;
    // "Diplomats in Geneva said": capitalised only as the sentence's first word (unless an entity bears the name:
    // "Republicans said").
    const names = this.nameWords ??= new Map(this.doc.entities.map((x) => [x.id, new Set(x.name.toLowerCase().split(/[\s-]+/))]));
    const sentenceInitial = plural && h === sp[0] && this.sentenceStartTok(h) === h && ![...names.values()].some((ws) => ws.has(ht.lower));
    if (!nouns.has(word) || (isCap(ht) && !(det && h > sp[0]) && !sentenceInitial)) return null;
    // "the vice president", "the prime minister": a two-word head when it is one.
    if (h > sp[0] && nouns.has(`${this.toks[h - 1]!.lower} ${word}`)) word = `${this.toks[h - 1]!.lower} ${word}`;
    // "Premier Doug Ford", "spokesman John Smith": the head is a name, handled as one.
    const exclude = new Set<string>();
    for (const m of this.doc.mentions) {
      if (m.tokenEnd <= sp[0] || m.tokenStart > sp[1] || m.kind === 'pronoun') continue;
      if (m.tokenStart <= h && h < m.tokenEnd) return null; // the head is part of a name ("Prime Minister")
      exclude.add(m.entity);
    }
    // A surname the actors stage did not mark here: "the Christie supporter".
    const words = this.nameWords ??= new Map(this.doc.entities.map((x) => [x.id, new Set(x.name.toLowerCase().split(/[\s-]+/))]));
    for (let k = sp[0]; k <= sp[1]; k++) {
      if (k === h || !isCap(this.toks[k])) continue;
      for (const [id, ws] of words) if (ws.has(this.toks[k]!.lower)) exclude.add(id);
    }
    return { head: word, indefinite: plural || INDEFINITE.has(first), exclude };
  }

  /**
   * The person a definite description stands for: the latest person named before `pos` (outside quotes) whom the
   * article gave that role (title, apposition, the actors stage's roles), else the nearest person subject.
   */
  private personByRole(head: string, pos: number, kept: Draft[], exclude: Set<string>, fallback = true): string | null {
    const roles = this.roleWords();
    // The person last named with that role ("the spokeswoman" after "Jane Smith, a spokeswoman for …"; "the vice
    // president" after "Vice President Joe Biden").
    for (let i = this.doc.mentions.length - 1; i >= 0; i--) {
      const m = this.doc.mentions[i]!;
      if (m.end > pos || m.type !== 'PERSON' || m.kind === 'pronoun' || exclude.has(m.entity)) continue;
      if (this.inMarks[m.tokenStart] !== -1) continue;
      if (roles.get(m.entity)?.has(head)) return m.entity;
    }
    if (!fallback) return null;
    // Else the person the narrative is about: the nearest subject.
    const sex = this.res.personNounSex?.get(head.split(' ').pop()!) ?? null;
    return this.nearestActor(pos, 'PERSON', kept, sex, true, exclude);
  }

  private roleCache: Map<string, Set<string>> | null = null;

  /** Role words the article gives each person: "Premier Doug Ford", "Jane Smith, a spokeswoman for …", the actors' roles. */
  private roleWords(): Map<string, Set<string>> {
    if (this.roleCache) return this.roleCache;
    const out = new Map<string, Set<string>>();
    const nouns = this.res.personNouns ?? new Set<string>();
    const abbr = this.res.titleAbbreviations;
    const add = (id: string, w: string) => {
      let k = w.toLowerCase().replace(/\.$/, '');
      k = abbr?.get(k) ?? k;
      if (!nouns.has(k)) return;
      let set = out.get(id);
      if (!set) out.set(id, set = new Set());
      set.add(k);
    };
    for (const e of this.doc.entities) {
      if (e.type !== 'PERSON') continue;
      for (const r of e.roles) {
        const ws = r.split(/\s+/);
        ws.forEach((w, i) => { add(e.id, w); if (i > 0) add(e.id, `${ws[i - 1]} ${w}`); });
      }
    }
    for (const m of this.doc.mentions) {
      if (m.type !== 'PERSON' || m.kind === 'pronoun' || m.kind === 'nominal') continue;
      // Words of the mention itself and a title run just before it: "Health Minister Christine Elliott".
      for (let k = m.tokenStart; k < m.tokenEnd; k++) add(m.entity, this.toks[k]!.text);
      // The run stops at a function word or another name: "President Obama and Donald Trump" gives Trump nothing.
      for (let k = m.tokenStart - 1; k >= Math.max(0, m.tokenStart - 4); k--) {
        const t = this.toks[k]!;
        if (t.text === '.' && k === m.tokenStart - 1) continue; // "Sen. Ted Cruz"
        if (t.kind !== 'word' || FUNCTION.has(t.lower) || DETS.has(t.lower) || (this.mentionOf[k]! >= 0 && this.doc.mentions[this.mentionOf[k]!]!.entity !== m.entity)) break;
        if (!isCap(t) && !nouns.has(t.lower)) break; // "the president portrayed Mr. Trump": a verb ends the title run
        add(m.entity, t.text);
        if (this.toks[k + 1]?.kind === 'word') add(m.entity, `${t.text} ${this.toks[k + 1]!.text}`);
      }
      // An apposition: "Jane Smith, a spokeswoman for the ministry, said"; "Smith, the city's mayor".
      if (this.toks[m.tokenEnd]?.text !== ',') continue;
      const sent = this.toks[m.tokenStart]!.sentence;
      // Only a noun phrase: "Smith, who said the president …" gives Smith no role.
      const open = this.toks[m.tokenEnd + 1];
      if (!open || !(DETS.has(open.lower) || nouns.has(open.lower) || /^\d/.test(open.text))) continue;
      for (let k = m.tokenEnd + 1; k < Math.min(this.toks.length, m.tokenEnd + 10); k++) {
        const t = this.toks[k]!;
        if (t.sentence !== sent || t.kind !== 'word' && t.kind !== 'number' || OWNER_PREPS.has(t.lower) || (k > m.tokenEnd + 1 && FUNCTION.has(t.lower))) break;
        if (!isCap(t)) add(m.entity, t.lower.replace(/^\d+-/, ''));
      }
    }
    this.roleCache = out;
    return out;
  }

  /** The entity, mentioned by name before `pos`, whose name contains `word` (case-insensitive). */
  private latestEntityWithWord(word: string, pos: number): string | null {
    if (word.length < 4 || PRONOUNS.has(word)) return null;
    const names = this.nameWords ??= new Map(this.doc.entities.map((x) => [x.id, new Set(x.name.toLowerCase().split(/[\s-]+/))]));
    for (let i = this.doc.mentions.length - 1; i >= 0; i--) {
      const m = this.doc.mentions[i]!;
      if (m.end > pos || m.kind === 'pronoun') continue;
      if (names.get(m.entity)?.has(word)) return m.entity;
    }
    return null;
  }

  private nameWords: Map<string, Set<string>> | null = null;
  private readonly srcFirst: Set<string>;
  private entityTypes: Map<string, string> | null = null;
  private genderCache: Map<string, 'm' | 'f'> | null = null;

  /**
   * What the article itself says of each person's sex: an honorific before a name ("Mr.", "Mrs.", "Ms."), or
   * a pronoun that takes up the name at once ("Lonechild said she …", "Smith, who said his …").
   */
  private genders(): Map<string, 'm' | 'f'> {
    if (this.genderCache) return this.genderCache;
    const votes = new Map<string, number>();
    const vote = (id: string, v: number) => votes.set(id, (votes.get(id) ?? 0) + v);
    for (const m of this.doc.mentions) {
      if (m.type !== 'PERSON' || m.kind === 'pronoun' || m.kind === 'nominal') continue;
      // "Ms. Brainard": the period is a token of its own.
      const bt = this.toks[m.tokenStart - 1]?.text === '.' && this.toks[m.tokenStart - 1]!.start === this.toks[m.tokenStart - 2]?.end ? m.tokenStart - 2 : m.tokenStart - 1;
      const before = this.toks[bt]?.lower.replace(/\.$/, '');
      if (before && HONORIFIC.has(before)) vote(m.entity, HONORIFIC.get(before)!);
      // The first pronoun within a few words after the name, in the same sentence.
      const sent = this.toks[m.tokenStart]!.sentence;
      for (let k = m.tokenEnd; k < Math.min(this.toks.length, m.tokenEnd + 4); k++) {
        const t = this.toks[k]!;
        if (t.sentence !== sent || this.inMarks[k] !== -1) break;
        const g = GENDERED.get(t.lower);
        if (g) { vote(m.entity, g); break; }
        if (isCap(t) && k > m.tokenEnd) break;
      }
    }
    // A role that marks the sex, as strong as an honorific and stronger than a first name: "Jane Doe, a spokeswoman for
    // …", "his wife, Anne", "spokeswoman Jane Doe", the actors' roles (not a word of the person's own name: "Billie
    // Jean King" is no king). Only for people without an honorific or a pronoun near the name.
    const sexed = this.res.personNounSex;
    if (sexed?.size) {
      const voted = new Set<string>();
      const roleVote = (id: string, w: string, name: string) => {
        const g = sexed.get(w);
        if (!g || voted.has(id) || votes.has(id) || name.toLowerCase().split(/[\s-]+/).includes(w)) return;
        voted.add(id);
        vote(id, g === 'm' ? 2 : -2);
      };
      const byId = new Map(this.doc.entities.map((x) => [x.id, x]));
      for (const e of this.doc.entities) if (e.type === 'PERSON') for (const r of e.roles) for (const w of r.toLowerCase().split(/\s+/)) roleVote(e.id, w, e.name);
      for (const m of this.doc.mentions) {
        // Only for people the article has not already given a sex (an honorific, a pronoun near the name).
        if (m.type !== 'PERSON' || m.kind === 'pronoun' || m.kind === 'nominal' || votes.has(m.entity)) continue;
        const e = byId.get(m.entity);
        if (!e) continue;
        for (let k = m.tokenStart - 1; k >= Math.max(0, m.tokenStart - 3); k--) {
          const t = this.toks[k]!;
          if (t.kind !== 'word') break;
          roleVote(m.entity, t.lower, e.name);
        }
        if (this.toks[m.tokenEnd]?.text !== ',') continue;
        const open = this.toks[m.tokenEnd + 1];
        if (!open || !(DETS.has(open.lower) || sexed.has(open.lower))) continue;
        for (let k = m.tokenEnd + 1; k < Math.min(this.toks.length, m.tokenEnd + 9); k++) {
          const t = this.toks[k]!;
          if (t.kind !== 'word' || OWNER_PREPS.has(t.lower)) break;
          roleVote(m.entity, t.lower, e.name);
        }
      }
    }
    // The first name: "Hillary Clinton" is a woman. It outweighs one pronoun near the name, which may belong to
    // someone else ("… his opponent, Hillary Clinton. He said"), but not an honorific or two such pronouns.
    const names = this.res.firstNames;
    if (names) {
      for (const e of this.doc.entities) {
        if (e.type !== 'PERSON') continue;
        const g = names.get(e.name.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, ''));
        if (g) vote(e.id, g === 'm' ? 1.5 : -1.5);
      }
    }
    this.genderCache = new Map();
    for (const [id, v] of votes) if (v !== 0) this.genderCache.set(id, v > 0 ? 'm' : 'f');
    return this.genderCache;
  }

  /** The nearest named actor of a compatible type before `pos`, outside quotation marks and quote contents. */
  private nearestActor(pos: number, want: 'PERSON' | 'NONPERSON' | 'GROUP' | 'ANY', kept: Draft[], sex: 'm' | 'f' | null = null, subjectFirst = false, exclude?: Set<string>, from = 0, pronoun: string | null = null): string | null {
    const mentions = this.doc.mentions;
    const sentence = this.toks[this.firstTokAt(pos)]?.sentence ?? 0;
    const genders = sex ? this.genders() : null;
    // subjectFirst: the sentence nearest before `pos` with a compatible actor gives its first one, the likely
    // subject ("Ed Brookover spoke to reporters after meeting Trump's backers. He says …" → Brookover).
    // A possessor ("Holt's colleague Matt Lauer") is the subject only when the sentence has no other candidate.
    // An opening phrase does not hold the subject: "After meeting Trump, Smith said …" → Smith.
    let cand: string | null = null;
    let main: string | null = null;
    let possessor: string | null = null;
    let candSentence = -1;
    let clause = -1;
    // "Billie Jean King remembered Ali. She witnessed the fight at Madison Square Garden. “…,” she said": a sentence
    // whose subject is the same pronoun carries the same person on; the names in it are not the antecedent.
    const posSentence = sentence;
    let checked = -1, samePronoun = false;
    let prevSeen: MentionRef | null = null;
    // Mentions are in text order: start from the last one that begins before `pos`.
    let lo = 0, hi = mentions.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (mentions[mid]!.start < pos) lo = mid + 1; else hi = mid; }
    for (let i = lo - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.end > pos) continue;
      if (m.start < from) break;
      const ms = this.toks[m.tokenStart]?.sentence ?? 0;
      if ((cand !== null || possessor !== null) && ms !== candSentence) return main ?? cand ?? possessor;
      if (pronoun && ms !== checked) {
        checked = ms;
        const st = this.doc.sentences[ms];
        const j = st && ms !== posSentence ? this.clauseStart(this.sentenceStartTok(m.tokenStart), st.tokenEnd) : null;
        samePronoun = j !== null && this.toks[j]?.lower === pronoun && this.inMarks[j] === -1;
      }
      if (samePronoun) continue;
      const laterPerson = prevSeen && prevSeen.tokenStart >= m.tokenEnd && (this.toks[prevSeen.tokenStart]?.sentence ?? -1) === ms ? prevSeen : null;
      prevSeen = m;
      if (sentence - ms > 6) break;
      if (m.kind === 'pronoun' || m.kind === 'nominal' || m.kind === 'demonym' || exclude?.has(m.entity)) continue;
      if (this.inMarks[m.tokenStart] !== -1) continue;
      if (kept.some((d) => d.start <= m.start && m.end <= d.end)) continue;
      const t = this.entityTypeOf(m.entity);
      if (!t || t === 'LOC' || t === 'FACILITY') continue;
      if (want === 'PERSON' ? t !== 'PERSON' : want === 'NONPERSON' ? t === 'PERSON' : want === 'GROUP' ? t !== 'ORG' && t !== 'GROUP' : false) continue;
      if (genders && sex) {
        const g = genders.get(m.entity);
        if (g && g !== sex) continue;
      }
      if (!subjectFirst) return m.entity;
      const after = this.toks[m.tokenEnd]?.text;
      // "Clinton campaign manager Robby Mook released …": a name before a title and another person's name modifies it.
      if (laterPerson && laterPerson.tokenStart - m.tokenEnd <= 4 && laterPerson.tokenStart > m.tokenEnd && this.titleRun(m.tokenEnd, laterPerson.tokenStart)) { possessor ??= m.entity; candSentence = ms; continue; }
      if (ms !== candSentence) {
        const sent = this.doc.sentences[ms];
        clause = sent ? this.clauseStart(this.sentenceStartTok(m.tokenStart), sent.tokenEnd) ?? -1 : -1;
      }
      if (after === "'s" || after === '’s') possessor = m.entity;
      else {
        cand = m.entity;
        if (m.tokenStart >= clause) main = m.entity;
      }
      candSentence = ms;
    }
    return main ?? cand ?? possessor;
  }

  private resolve(sp: [number, number]): string | null {
    const s = this.toks[sp[0]]!.start, e = this.toks[sp[1]]!.end;
    if (sp[1] > sp[0]) {
      // Several actors in the phrase: the person speaks, not the place or party after "of" ("Rep. Tom Cole of
      // Oklahoma") nor a possessor ("Carter's press secretary, Peter Cook"; "Breitbart's editor Matthew Boyle").
      let person: string | null = null;
      let n = 0;
      for (const m of this.doc.mentions) {
        if (m.start < s || m.end > e || m.kind === 'pronoun') continue;
        n++;
        const after = this.toks[m.tokenEnd];
        const possessor = !!after && (after.text === "'s" || after.text === '’s') && m.tokenEnd <= sp[1];
        if (m.type === 'PERSON' && !possessor) person = m.entity;
      }
      if (n > 1 && person) return person;
    }
    const id = this.doc.services.resolve(s, e);
    if (id) return id;
    // The last actor mention inside the speaker's phrase ("UN mediator Ghassan Salame", "United Nations figures").
    let best: string | null = null;
    for (const m of this.doc.mentions) if (m.start >= s && m.end <= e) best = m.entity;
    if (best) return best;
    for (const m of this.doc.mentions) if (m.start < e && s < m.end) return m.entity;
    return null;
  }

  private dateFor(cue: Span, published: string | null): string | null {
    const t = this.doc.services.timeFor(cue.start, cue.end);
    // A day on or before publication ("said on Thursday"); a later or vaguer time is not when it was said.
    if (t && t.value && t.type === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(t.value) && (!published || t.value <= published)) return t.value;
    return published;
  }
}
