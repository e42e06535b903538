/**
 * The actors stage: finds actor and place mentions (NER tagger + knowledge base + rules),
 * links them to the knowledge base, folds every mention of one actor into one entity
 * (surnames, acronyms, spelling variants and small typos, "the Tripoli government",
 * "Serraj's government", demonym + noun, a capital acting as its country), reads roles from
 * titles and appositions, and installs `doc.services.resolve` for pronouns and nominals.
 */
import type { Doc, MentionRef, Token } from '../document/document.js';
import type { Entity, EntityType } from '../types.js';
import { editDistance, kbRoles, normName, type KbEntry, type KbIndex } from './kb.js';
import { makeResolver } from './resolve.js';
import { isCommonOnly, sentenceContext, spansOf, tagSentence, type DocCaseSets, type FirstKeys, type Gazetteer, type NerModel } from './ner.js';
import WORDS from '../../data/actors/words.json' with { type: 'json' };

// Regular expressions used per token, made once (a literal in a loop makes a new RegExp object each time).
const RE_UPPER_START = /^\p{Lu}/u;
const RE_ACRONYM = /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,})$/u;
const RE_ONE_UPPER = /^\p{Lu}$/u;
const RE_HAS_LETTER = /\p{L}/u;
const RE_LOWER_START = /^\p{Ll}/u;
const RE_ARTICLE = /^(the|a|an)$/i;
const RE_AND_OR_COMMA = /^(and|,)$/i;
const RE_OF_THE_AND = /^(of|the|and)$/i;
const RE_ENDS_IN_DATE = /^\D*\d{4}-\d\d-\d\d$/;
const RE_ALL_UPPER = /^\p{Lu}+$/u;
const RE_ALL_UPPER_PUNCT = /^[\p{Lu}'’-]+$/u;
const RE_UPPER2 = /^\p{Lu}{2,}$/u;
const RE_HONORIFIC = /^(Mr|Mrs|Ms|Dr)$/;
const RE_NAME_LINK = /^(van|von|de|der|den|da|di|du|le|la|al|bin|ibn)$/;
const RE_TITLE_TAIL = /^(State|Minister|Secretary|General|Affairs|Defence|Defense)$/;
const RE_SCORE_LIKE = /^[\d.,:-]*\d[\d.,:-]*$/;
const RE_ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const RE_SCORECARD = /\b\d+-\d+-\d+-\d+\b|not out|\(\s*\d+(st|nd|rd|th)\s*\)|\b(?:lbw|c|b|st) \p{Lu}/u;
const RE_DASHED_NUMBERS = /\b\d+-\d+\b/;
const RE_INITIAL_NAME = /\b\p{Lu}\. \p{Lu}/u;
const RE_SCORE_LINE = /^\D+ \d+ \D+ \d+$/;
const RE_TEAMS_LINE = /^[^\d(]+ \d+ [^\d(]+ \d+( \(.*\))?$/;
const RE_DISMISSAL = /^(c|b|st|lbw)$/;
const RE_BOWLING = /^\d+(?:\.\d)?-\d+-\d+-\d+$/;
const RE_TITLE_CASE_WORD = /^\p{Lu}\p{Ll}/u;
const RE_DIGIT_START = /^\d/;
const RE_CAPS_WORD = /^[\p{Lu}.'-]+$/u;
const RE_VERSUS = /^(v|vs\.?)$/;
const RE_SHIRE = /shire$/;
const RE_DATELINE_WORD = /^\p{Lu}[\p{Lu}.'-]+$/u;
const RE_NOT_A_SPEAKER = /^(he|she|they|it|we|i|you|this|that|there|officials?|police)$/i;
const RE_PARTICLE_PREFIX = /^(?:al|el|ad|as|an|ar|at)[-\s]/i;
const RE_SPACES_OR_HYPHENS = /[\s-]+/;
const RE_SPACES = /\s+/;
const RE_DOTS = /\./g;
const RE_FIRST_WORD = /^\S+\s+/;

export interface ActorsLexicon {
  titles: string[];
  governmentNouns: string[];
  forceNouns: string[];
  nominals: Record<string, string[]>;
  locativePrepositions: string[];
  actorVerbs: string[];
  pronouns: Record<string, string>;
  nameParticles: string[];
  /** Month and weekday names (never a name on their own). */
  calendar?: string[];
  /** Last words that make a capitalised name an organisation ("Corp", "Brigade", "Party"). */
  orgSuffixes?: string[];
  /** Sport names that open a sports headline ("CRICKET - …"). */
  sports?: string[];
  /** Words that make a sentence a sports report (beat, innings, goals…). */
  sportsCues?: string[];
  /** Sports whose reports name people, not teams (tennis, golf…). */
  individualSports?: string[];
  /** Labels of results-table lines ("Scorers :", "Attendance :", "W L PCT"). */
  tableLabels?: string[];
  /** Words after a place name that make it an event ("U.S. Open", "World Cup"). */
  eventWords?: string[];
  /** Club-name first words ("Real", "Dynamo") and team-name last words ("United", "Rovers"). */
  clubPrefixes?: string[];
  clubSuffixes?: string[];
  /** Religious and ethnic words that are never an organisation alone ("Moslem", "Arab"). */
  groupAdjectives?: string[];
  /** First words that make a capitalised run an organisation ("Air France", "Deutsche Bank"). */
  orgPrefixes?: string[];
  /** Nouns right before a name that make it an organisation ("cables giant Pirelli"). */
  orgDescriptors?: string[];
  /** Nouns after "Name 's" that make Name an organisation ("Magna 's shares"). */
  orgAfterPossessive?: string[];
  /** Last words of place and building names ("Lincoln Park", "Paxton Public Library"): a first name does not make such a run a person. */
  placeHeads?: string[];
  /** Last words of venue names that are not also common surnames ("Road", "Stadium"): a run ending in one is a place, not a person. */
  venueHeads?: string[];
  /** Abbreviations that are never a name on their own ("GDP", "GMT", "CEO"). */
  notNames?: string[];
  /** One word / two words before a town in a team-sports story that make it a club ("joined Milan", "transferred to Milan"). */
  transferVerbs?: string[];
  transferPhrases?: string[];
  /** After a name: a verb before "it"/"its", a title (as written), a two-word title — each makes the name an organisation. */
  orgCueVerbs?: string[];
  orgCueTitles?: string[];
  orgCuePairs?: string[];
  /** Lower-case words inside a name spelled out before its acronym in parentheses. */
  acronymLinks?: string[];
}

/** What the actors stage needs, loaded once (see load.ts) and passed in. */
export interface ActorsResources {
  kb: KbIndex;
  gazetteer: Gazetteer;
  model: NerModel | null;
  lex: ActorsLexicon;
  loaded: boolean;
  /** Derived sets, built on first use. */
  cache?: LexCache;
}

export interface LexCache {
  titles: Set<string>;
  titleMax: number;
  singleTitles: string[];
  gov: Set<string>;
  force: Set<string>;
  loc: Set<string>;
  verbs: Set<string>;
  particles: Set<string>;
  nominal: Map<string, string>;
  calendar: Set<string>;
  orgSuffix: Set<string>;
  sports: Set<string>;
  sportsCues: Set<string>;
  individual: Set<string>;
  tableLabels: Set<string>;
  eventWords: Set<string>;
  clubPre: Set<string>;
  clubSuf: Set<string>;
  groupAdj: Set<string>;
  orgPre: Set<string>;
  orgDesc: Set<string>;
  orgPoss: Set<string>;
  placeHeads: Set<string>;
  venueHeads: Set<string>;
  notNames: Set<string>;
  transferVerbs: Set<string>;
  transferPhrases: Set<string>;
  orgCueVerbs: Set<string>;
  orgCueTitles: Set<string>;
  orgCuePairs: Set<string>;
  acronymLinks: Set<string>;
  /** Every word of a title, lower-cased ("secretary", "of", "state"). */
  titleWords: Set<string>;
  /** Memo of `nearTitle`. */
  nearTitle: Map<string, -1 | 0 | 1>;
}

export function lexCache(res: ActorsResources): LexCache {
  if (res.cache) return res.cache;
  const titles = new Set<string>();
  let titleMax = 1;
  for (const t of res.lex.titles) {
    const k = normName(t);
    titles.add(k);
    titleMax = Math.max(titleMax, k.split(' ').length);
  }
  const nominal = new Map<string, string>();
  for (const type of ['GPE', 'GROUP', 'ORG', 'PERSON']) for (const w of res.lex.nominals[type] ?? []) if (!nominal.has(w)) nominal.set(w, type);
  res.cache = {
    titles,
    titleMax,
    singleTitles: [...titles].filter((t) => !t.includes(' ') && t.length >= 5),
    gov: new Set(res.lex.governmentNouns),
    force: new Set(res.lex.forceNouns),
    loc: new Set(res.lex.locativePrepositions),
    verbs: new Set(res.lex.actorVerbs),
    particles: new Set(res.lex.nameParticles),
    nominal,
    calendar: new Set(res.lex.calendar ?? []),
    orgSuffix: new Set(res.lex.orgSuffixes ?? []),
    sports: new Set(res.lex.sports ?? []),
    sportsCues: new Set(res.lex.sportsCues ?? []),
    individual: new Set(res.lex.individualSports ?? []),
    tableLabels: new Set(res.lex.tableLabels ?? []),
    eventWords: new Set(res.lex.eventWords ?? []),
    clubPre: new Set(res.lex.clubPrefixes ?? []),
    clubSuf: new Set(res.lex.clubSuffixes ?? []),
    groupAdj: new Set(res.lex.groupAdjectives ?? []),
    orgPre: new Set(res.lex.orgPrefixes ?? []),
    orgDesc: new Set(res.lex.orgDescriptors ?? []),
    orgPoss: new Set(res.lex.orgAfterPossessive ?? []),
    placeHeads: new Set(res.lex.placeHeads ?? []),
    venueHeads: new Set(res.lex.venueHeads ?? []),
    notNames: new Set(res.lex.notNames ?? []),
    transferVerbs: new Set(res.lex.transferVerbs ?? []),
    transferPhrases: new Set(res.lex.transferPhrases ?? []),
    orgCueVerbs: new Set(res.lex.orgCueVerbs ?? []),
    orgCueTitles: new Set(res.lex.orgCueTitles ?? []),
    orgCuePairs: new Set(res.lex.orgCuePairs ?? []),
    acronymLinks: new Set(res.lex.acronymLinks ?? []),
    titleWords: new Set(res.lex.titles.flatMap((t) => t.toLowerCase().split(' '))),
    nearTitle: new Map(),
  };
  return res.cache;
}

/**
 * How near a word is to a one-word title ("Genersl" to "general"): 1 when one edit from some
 * title, 0 when it is one (and no title is one edit away), -1 otherwise. Kept per word.
 */
function nearTitle(c: LexCache, w: string): -1 | 0 | 1 {
  let r = c.nearTitle.get(w);
  if (r !== undefined) return r;
  r = c.singleTitles.some((t) => editDistance(t, w, 1) === 1) ? 1 : c.singleTitles.some((t) => t === w) ? 0 : -1;
  if (c.nearTitle.size > 50_000) c.nearTitle.clear();
  c.nearTitle.set(w, r);
  return r;
}

/** The gazetteer's classes for token i's lower case, from `gz` (the unit's, from `lo`) when it has them. */
function gazOf(res: ActorsResources, toks: Token[], gz: (string[] | undefined | null)[] | undefined, lo: number, i: number): string[] | undefined {
  const k = gz && i >= lo && i - lo < gz.length ? gz[i - lo] : null;
  return k === null ? res.gazetteer.get(toks[i]!.lower) : k;
}

/** Candidates overlapping tokens [a, b), in order. */
function overlapping(list: NameCandidate[], a: number, b: number): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const x of list) if (x.tStart < b && x.tEnd > a) out.push(x);
  return out;
}
function overlapsAny(list: NameCandidate[], a: number, b: number): boolean {
  for (const x of list) if (x.tStart < b && x.tEnd > a) return true;
  return false;
}
/** The first candidate covering token i. */
function coveringAt(list: NameCandidate[], i: number): NameCandidate | undefined {
  for (const x of list) if (x.tStart <= i && x.tEnd > i) return x;
  return undefined;
}
type Span = { start: number; end: number; type: string };
/** Whether a tagger span holds tokens [a, b). */
function nerCovers(ner: Span[], a: number, b: number): boolean {
  for (const x of ner) if (x.start <= a && x.end >= b) return true;
  return false;
}
function nerStartingAt(ner: Span[], i: number): Span | undefined {
  for (const x of ner) if (x.start === i) return x;
  return undefined;
}

/** A name mention found in the text, before clustering. CoNLL-style `ner` type for benchmarks. */
export interface NameCandidate {
  tStart: number;
  tEnd: number;
  ner: 'PER' | 'ORG' | 'LOC' | 'MISC';
  kb: KbEntry | null;
  kind: MentionRef['kind'];
  /** Entity type to give when no KB entry decides it. */
  type: EntityType;
  roles: string[];
  /** Link to this cluster key instead of by name (capital acting, possessive nominals). */
  forceKb?: KbEntry;
  /** For nominals like "Haftar's forces": the candidate index of the possessor. */
  possessor?: number;
  /** Typed ORG by what follows it ("Comelf said it"; see orgCues): the document's person names do not take it back. */
  orgCue?: boolean;
  /** A player by a cricket scorecard ("b Dharmasena", "Vass 7-0-29-0"): the document's organisations do not take it. */
  playerCue?: boolean;
}

const CONLL_OF: Record<EntityType, NameCandidate['ner']> = {
  PERSON: 'PER', ORG: 'ORG', GROUP: 'ORG', GPE: 'LOC', LOC: 'LOC', FACILITY: 'LOC', OTHER: 'MISC',
};
const TYPE_OF_NER: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', MISC: 'OTHER' };

const isCap = (t: Token) => {
  const ch = t.text.charCodeAt(0);
  return ch < 128 ? ch >= 65 && ch <= 90 : RE_UPPER_START.test(t.text);
};
const isAcronym = (s: string) => RE_ACRONYM.test(s);
const NORM = new WeakMap<Doc, string[]>();
/** Normalised token texts of a document, computed once. */
function norms(doc: Doc): string[] {
  let n = NORM.get(doc);
  if (!n) {
    // A token of ASCII letters and digits normalises to its lower case (the same string, looked up once).
    n = doc.tokens.map((t) => (isPlain(t.text) ? t.lower : normName(t.text)));
    NORM.set(doc, n);
  }
  return n;
}
function isPlain(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}
const POSS = new Set(["'s", '’s', "'", '’']);

/** The longest title (lexicon) ending at token j, as [startToken, endToken) or null. */
function titleEndingAt(doc: Doc, c: LexCache, j: number, lo: number): number {
  const nd = norms(doc);
  for (let n = Math.min(c.titleMax, j - lo + 1); n >= 1; n--) {
    if (c.titles.has(joinNorms(nd, j - n + 1, j + 1))) return j - n + 1;
  }
  return -1;
}
function titleStartingAt(doc: Doc, c: LexCache, i: number, hi: number): number {
  const nd = norms(doc);
  for (let n = Math.min(c.titleMax, hi - i); n >= 1; n--) {
    if (c.titles.has(joinNorms(nd, i, i + n))) return i + n;
  }
  return -1;
}
/** `nd.slice(a, b).join(' ')` without the array. */
function joinNorms(nd: string[], a: number, b: number): string {
  if (a < 0) return nd.slice(a, b).join(' ');
  const e = Math.min(b, nd.length);
  if (a >= e) return '';
  let k = nd[a]!;
  for (let x = a + 1; x < e; x++) k += ' ' + nd[x]!;
  return k;
}

/**
 * Longest KB alias match starting at token i within the sentence [i, hi). `first`, when the
 * tagger's context looked up token i's key already (word `w` of its sentence), saves that lookup.
 */
function kbMatchAt(doc: Doc, kb: KbIndex, i: number, hi: number, first?: FirstKeys, w = -1): { end: number; hits: KbEntry[] } | null {
  let key = '';
  let best: { end: number; hits: KbEntry[] } | null = null;
  const nd = norms(doc);
  let j = i;
  if (first && w >= 0 && first.seen[w] && i < hi) {
    const h = first.hits[w];
    if (h) best = { end: i + 1, hits: h };
    if (!first.prefix[w]) return best;
    key = nd[i]!;
    j = i + 1;
  } else if (i < hi && !kb.mayStart(nd[i]!)) return null;
  for (; j < Math.min(hi, i + kb.maxWords); j++) {
    const n = nd[j]!;
    if (!n) break;
    key = key ? key + ' ' + n : n;
    const hits = kb.byAlias.get(key);
    if (hits) best = { end: j + 1, hits };
    if (!kb.prefixes.has(key)) break;
  }
  return best;
}

/** KB entry for a name that is not an exact alias: drop a leading title, then allow small typos. */
function fuzzyKb(kb: KbIndex, c: LexCache, words: string[]): KbEntry | null {
  const norm = words.map(normName);
  const full = norm.join(' ');
  const exact = kb.byAlias.get(full);
  if (exact) return exact[0]!;
  const last = norm[norm.length - 1]!;
  if (norm.length >= 2) {
    const max = Math.min(2, Math.floor(full.length / 8));
    for (const e of kb.byLastWord.get(last.slice(0, 4)) ?? []) {
      const names = nameKeys(e);
      for (let k = 0; k < names.keys.length; k++) {
        if (names.words[k] === norm.length && editDistance(names.keys[k]!, full, 2) <= max) return e;
      }
    }
  }
  return null;
}

/** Finds and types the name mentions of a document (NER + KB + rules). Exported for benchmarks. */
export function findNames(doc: Doc, res: ActorsResources): NameCandidate[] {
  const c = lexCache(res);
  const { kb } = res;
  const toks = doc.tokens;
  const out: NameCandidate[] = [];
  const units = taggingUnits(doc);
  // A sports story (its first unit is a sports headline, "CRICKET - …"): every unit is a sports report.
  const docSports = units.length > 0 && sportsHeadline(doc, c, units[0]![0], units[0]![1]);
  // Tennis, golf, athletics…: people, not teams.
  const t0 = units.length ? doc.tokens[units[0]![0]] : undefined;
  const individual = docSports && !!t0 && (c.individual.has(t0.lower) || c.individual.has(t0.lower + ' ' + (doc.tokens[t0.i + 1]?.lower ?? '')));
  const docLower = (wanted: string[]) => caseOf(doc, units, wanted);
  for (const [lo, hi] of units) {
    if (hi <= lo) continue;
    // Words for the tagger: an initial and its period are one word ("P. Simmons").
    const words: string[] = [];
    const lowers: string[] = [];
    const wordNorms: string[] = [];
    const wordTok: number[] = [];
    const nd = norms(doc);
    for (let i = lo; i < hi; i++) {
      const t = toks[i]!;
      const n = toks[i + 1];
      wordTok.push(i);
      wordNorms.push(nd[i]!);
      if (n && i + 1 < hi && n.text === '.' && n.start === t.end && t.text.length <= 2 && RE_ONE_UPPER.test(t.text)) {
        words.push(t.text + '.');
        lowers.push(t.lower + '.');
        i++;
        continue;
      }
      words.push(t.text);
      lowers.push(t.lower);
    }
    wordTok.push(hi);
    // Word of each token (-1 for the full stop joined to an initial), and the KB keys the context looks up.
    const tokWord = new Int32Array(hi - lo).fill(-1);
    for (let w = 0; w < words.length; w++) tokWord[wordTok[w]! - lo] = w;
    const first: FirstKeys = { seen: new Uint8Array(words.length), hits: new Array<KbEntry[] | null>(words.length).fill(null), prefix: new Uint8Array(words.length) };
    const raw = new Array<string[] | undefined | null>(words.length).fill(null);
    const ctx = sentenceContext(words, res.gazetteer, kb, wordNorms, lowers, first, raw, docLower);
    // The gazetteer's answer for each token's lower case, where the context looked it up (null: not).
    const gz = new Array<string[] | undefined | null>(hi - lo).fill(null);
    for (let w = 0; w < words.length; w++) if (raw[w] !== null && lowers[w] === toks[wordTok[w]!]!.lower) gz[wordTok[w]! - lo] = raw[w];
    const tags = res.model ? tagSentence(res.model, ctx) : words.map(() => 'O');
    // Tagger spans over tokens (built by push, so that every unit's array has the same element kind).
    const ner: Span[] = [];
    for (const x of spansOf(tags)) ner.push({ start: wordTok[x.start]!, end: wordTok[x.end]!, type: x.type });
    adjustSpans(doc, res, c, ner, lo, hi);
    // KB matches (longest first), capitalised start.
    const kbm: { start: number; end: number; e: KbEntry }[] = [];
    for (let i = lo; i < hi; i++) {
      const t = toks[i]!;
      if (!isCap(t) && !(ctx.allCaps && RE_HAS_LETTER.test(t.text))) continue;
      const m = kbMatchAt(doc, kb, i, hi, first, tokWord[i - lo]!);
      if (!m) continue;
      // A title is not a name even when a dictionary lists it ("Secretary of State").
      if (c.titles.has(joinNorms(nd, i, m.end))) continue;
      const e = m.hits[0]!;
      const single = m.end - i === 1;
      const common = (gazOf(res, toks, gz, lo, i) ?? []).includes('common');
      const nerAgrees = nerCovers(ner, i, m.end);
      const fromCore = e.source === 'core.jsonl' || e.source === 'countries.jsonl' || e.source === 'capitals.jsonl' || !e.source?.startsWith('Phoenix') && e.source !== 'phoenix.tsv';
      if (single && !fromCore && !nerAgrees) continue;
      if (single && common && i === lo && !nerAgrees) continue;
      if ((ctx.allCaps || ctx.titleCase) && !nerAgrees && single && isCommonOnly(res.gazetteer.get(t.lower) ?? [])) continue;
      // Lower-case words inside a match only for hand-written aliases ("Tripoli government").
      if (e.source !== 'core.jsonl' && !ctx.allCaps && toks.slice(i, m.end).some((x) => RE_LOWER_START.test(x.text) && !c.particles.has(normName(x.text)))) continue;
      let start = i;
      // A misspelt title before a known person ("Genersl Haftar") belongs to the mention.
      const pv = toks[i - 1];
      if (e.type === 'PERSON' && pv && i - 1 >= lo && isCap(pv) && !c.titles.has(norms(doc)[i - 1]!)) {
        if (nearTitle(c, norms(doc)[i - 1]!) === 1) start = i - 1;
        // A misspelt first name before a known surname ("Recept Tayyip Erdogan").
        else if (fuzzyKb(kb, c, toks.slice(i - 1, m.end).map((x) => x.text)) === e) start = i - 1;
      }
      // A dictionary name that opens with a title ("Prince Norodom Ranariddh"): the title is not part of the mention.
      if (e.type === 'PERSON' && m.end - start >= 2 && c.titles.has(norms(doc)[start]!)) start++;
      kbm.push({ start, end: m.end, e });
      i = m.end - 1;
    }
    // Merge: a KB match wins over NER spans it overlaps unless an NER span strictly contains it.
    const taken = new Uint8Array(hi - lo);
    const cands: NameCandidate[] = [];
    for (const m of kbm) {
      const container = ner.find((x) => x.start <= m.start && x.end >= m.end && x.end - x.start > m.end - m.start);
      if (container) {
        // "Genersl Haftar", "Recept Tayyip Erdogan": the NER span links by its remainder / fuzzily.
        continue;
      }
      for (let k = m.start; k < m.end; k++) taken[k - lo] = 1;
      cands.push({ tStart: m.start, tEnd: m.end, ner: CONLL_OF[m.e.type], kb: m.e, kind: isAcronym(toks[m.start]!.text) && m.end - m.start === 1 ? 'acronym' : 'name', type: m.e.type, roles: [] });
    }
    for (const x of ner) {
      let a = x.start;
      let b = x.end;
      let clash = false;
      for (let k = a; k < b; k++) if (taken[k - lo]) clash = true;
      if (clash) continue;
      // Leading articles are not part of a name.
      while (a < b && RE_ARTICLE.test(toks[a]!.text)) a++;
      const roles: string[] = [];
      // Leading demonyms and titles: "Turkish President Recept Tayyip Erdogan", "Libyan Field Marshal".
      let titled = false;
      // The tail of a title that began before the span ("Secretary of State John Kornblum" tagged from "State").
      for (let k = Math.max(lo, a - 3); k < a && b - a > 1 && c.titleWords.has(toks[a - 1]!.lower); k++) {
        const te = titleStartingAt(doc, c, k, b);
        if (te > a && te < b) {
          roles.push(doc.text.slice(toks[k]!.start, toks[te - 1]!.end));
          titled = true;
          a = te;
          break;
        }
      }
      for (;;) {
        if (a < b && b - a > 1 && kb.demonyms.has(norms(doc)[a]!)) {
          cands.push({ tStart: a, tEnd: a + 1, ner: 'MISC', kb: null, kind: 'demonym', type: 'OTHER', roles: [] });
          a++;
          continue;
        }
        const te = a < b ? titleStartingAt(doc, c, a, b) : -1;
        if (te < 0) break;
        roles.push(doc.text.slice(toks[a]!.start, toks[te - 1]!.end));
        titled = true;
        a = te;
        if (a < b && RE_AND_OR_COMMA.test(toks[a]!.text)) a++;
      }
      if (a >= b) continue;
      // A trailing title is not part of an organisation's name ("State Department Spokesperson").
      if (x.type !== 'PER' && b - a > 1) {
        const ts = titleEndingAt(doc, c, b - 1, a + 1);
        if (ts > a && !RE_OF_THE_AND.test(toks[ts - 1]!.text)) b = ts;
      }
      if (!toks.slice(a, b).some(isCap) && !ctx.allCaps) continue;
      // Months and weekdays are times, not names ("May 15" neither).
      if (c.calendar.has(toks[a]!.lower) && (b - a === 1 || toks.slice(a + 1, b).every((t) => t.kind === 'number'))) continue;
      // A common word or a pronoun opening a sentence or a quotation is not a name ("We", "Meanwhile").
      if (b - a === 1) {
        const pv = toks[a - 1];
        const opening = a === lo || !pv || pv.kind === 'punct';
        const cls = gazOf(res, toks, gz, lo, a) ?? [];
        if (opening && (isCommonOnly(cls) || (res.lex.pronouns[toks[a]!.lower] && !cls.length)) && !kb.byAlias.has(toks[a]!.lower)) continue;
      }
      if (titled) x.type = 'PER';
      // Right after a lower-case title ("State Department spokesman Glyn Davies"): a person's name of two or three words.
      else if (x.type !== 'PER' && b - a >= 2 && b - a <= 3 && a > lo && lowerStart(toks[a - 1]!.text) && c.titles.has(toks[a - 1]!.lower) && !kb.byAlias.has(joinNorms(norms(doc), a, b)) && !c.orgSuffix.has(toks[b - 1]!.text)) x.type = 'PER';
      const words = toks.slice(a, b).map((t) => t.text);
      let e: KbEntry | null = null;
      // A demonym alone is no place or organisation ("Azeri territory"), unless it is also a name.
      if (b - a === 1 && x.type !== 'MISC' && kb.demonyms.has(norms(doc)[a]!) && !kb.byAlias.has(norms(doc)[a]!)) x.type = 'MISC';
      if (x.type === 'MISC') {
        if (b - a === 1 && kb.demonyms.has(norms(doc)[a]!)) {
          cands.push({ tStart: a, tEnd: b, ner: 'MISC', kb: null, kind: 'demonym', type: 'OTHER', roles });
        } else cands.push({ tStart: a, tEnd: b, ner: 'MISC', kb: null, kind: 'name', type: 'OTHER', roles });
        continue;
      }
      e = fuzzyKb(kb, c, toks.slice(a, b).map((t) => t.text));
      let kind: MentionRef['kind'] = isAcronym(words[words.length - 1]!) && b - a === 1 ? 'acronym' : 'name';
      if (!e && b - a >= 2) {
        // A misspelt title before a known name ("Genersl Haftar"): link by the remainder, keep the span.
        const first = normName(toks[a]!.text);
        if (isCap(toks[a]!) && nearTitle(c, first) === 1) {
          e = fuzzyKb(kb, c, toks.slice(a + 1, b).map((t) => t.text));
          if (!e) {
            cands.push({ tStart: a, tEnd: b, ner: 'PER', kb: null, kind: 'name', type: 'PERSON', roles, possessor: -2 });
            continue;
          }
        }
      }
      const type: EntityType = e ? e.type : x.type === 'LOC' ? locType(res.gazetteer, words) : TYPE_OF_NER[x.type]!;
      if (e && x.type === 'PER' && e.type !== 'PERSON') e = null;
      cands.push({ tStart: a, tEnd: b, ner: e ? CONLL_OF[e.type] : (x.type as NameCandidate['ner']), kb: e, kind, type: e ? e.type : type, roles });
    }
    cands.sort((p, q) => p.tStart - q.tStart);
    // A lone capital letter is not a name ("N / A").
    for (let k = cands.length - 1; k >= 0; k--) if (cands[k]!.tEnd - cands[k]!.tStart === 1 && !cands[k]!.kb && RE_ONE_UPPER.test(toks[cands[k]!.tStart]!.text)) cands.splice(k, 1);
    ampersands(doc, res, cands, lo, hi);
    knownPlaces(doc, res, cands, lo, hi, gz);
    events(doc, c, cands, hi);
    firstNames(doc, res, cands, lo, hi, gz);
    venues(doc, res, cands);
    orgContext(doc, res, c, cands, lo, hi);
    orgCues(doc, res, cands);
    sportsTeams(doc, res, c, cands, lo, hi, docSports, individual);
    if (docSports && !individual) transfers(doc, res, cands);
    competitors(doc, res, c, cands);
    listPeople(doc, res, cands, lo, hi);
    resultTeams(doc, cands, lo, hi);
    // Common abbreviations are no names ("GDP", "GMT", "CEO", "ERA").
    for (let k = cands.length - 1; k >= 0; k--) {
      const x = cands[k]!;
      if (x.tEnd - x.tStart === 1 && !x.kb && c.notNames.has(toks[x.tStart]!.text)) cands.splice(k, 1);
    }
    out.push(...cands);
  }
  documentConsistency(doc, res, out, units);
  return out;
}

function datelineAt(doc: Doc, lo: number, units: [number, number][]): boolean {
  const u = units.find((r) => r[0] === lo);
  if (!u) return false;
  return RE_ENDS_IN_DATE.test(doc.text.slice(doc.tokens[u[0]]!.start, doc.tokens[u[1] - 1]!.end));
}

/**
 * What the document writes, for the words of one all-caps or Title Case line (`wanted`, lower
 * case): which it writes in lower case, and which capitalised (not all in capitals) inside a
 * sentence of a line that is not itself in Title Case. One pass over the tokens, only for such lines.
 */
function caseOf(doc: Doc, units: [number, number][], wanted: string[]): DocCaseSets {
  const want = new Set(wanted);
  const out: DocCaseSets = { lower: new Set(), midCap: new Set() };
  const toks = doc.tokens;
  for (const [lo, hi] of units) {
    let any = false;
    for (let i = lo; i < hi && !any; i++) any = want.has(toks[i]!.lower);
    if (!any) continue;
    let words = 0;
    let caps = 0;
    for (let i = lo; i < hi; i++) {
      const t = toks[i]!;
      if (t.kind !== 'word') continue;
      words++;
      if (isCap(t)) caps++;
    }
    const titleLine = words >= 5 && caps >= words - 1;
    for (let i = lo; i < hi; i++) {
      const t = toks[i]!;
      if (t.kind !== 'word' || !want.has(t.lower)) continue;
      if (t.text === t.lower) out.lower.add(t.lower);
      else if (i > lo && !titleLine && isCap(t) && t.text !== t.text.toUpperCase()) out.midCap.add(t.lower);
    }
  }
  return out;
}

/** The words a document writes in lower case (built once per document). */
const LOWER_IN_DOC = new WeakMap<Doc, Set<string>>();
function lowerInDoc(doc: Doc): Set<string> {
  let s = LOWER_IN_DOC.get(doc);
  if (!s) {
    s = new Set();
    for (const t of doc.tokens) if (t.kind === 'word' && t.text === t.lower) s.add(t.lower);
    LOWER_IN_DOC.set(doc, s);
  }
  return s;
}

/**
 * One story names one person one way: a word of a person's full name used alone later (or
 * earlier) is that person ("Alexander Lebed" … "Lebed"), also where the tagger missed it.
 * (A majority vote over each string's types was tried: no gain on CoNLL testa.)
 */
function documentConsistency(doc: Doc, res: ActorsResources, out: NameCandidate[], units: [number, number][]): void {
  const toks = doc.tokens;
  const text = (x: NameCandidate) => toks.slice(x.tStart, x.tEnd).map((t) => t.text).join(' ');
  const parts = new Set<string>();
  for (const x of out) {
    if (x.ner !== 'PER' || x.tEnd - x.tStart < 2 || lexCache(res).orgSuffix.has(toks[x.tEnd - 1]!.text)) continue;
    for (let k = x.tStart; k < x.tEnd; k++) {
      const t = toks[k]!;
      if (t.kind === 'word' && t.text.length > 2 && isCap(t) && !RE_ALL_UPPER.test(t.text)) parts.add(t.text.toUpperCase());
    }
  }
  // A scorecard's player is a person wherever the story names them alone.
  const players = new Set<string>();
  for (const x of out) if (x.playerCue && x.tEnd - x.tStart === 1) players.add(toks[x.tStart]!.text);
  // A name that its context made an organisation ("Comelf said it") is no person's name part.
  for (const x of out) if (x.orgCue && x.tEnd - x.tStart === 1) parts.delete(toks[x.tStart]!.text.toUpperCase());
  // Tails of full names ("Suu Kyi" of "Aung San Suu Kyi"): a cand the tagger cut short
  // ("Kyi") grows to the tail the story used before.
  const tails = new Set<string>();
  for (const x of out) {
    if (x.ner !== 'PER' || x.tEnd - x.tStart < 3) continue;
    for (let k = x.tStart + 1; k <= x.tEnd - 2; k++) tails.add(toks.slice(k, x.tEnd).map((t) => t.text).join(' '));
  }
  if (tails.size) {
    for (const x of out) {
      if (x.kb || x.kind === 'demonym') continue;
      for (let k = Math.max(0, x.tStart - 2); k < x.tStart; k++) {
        if (!tails.has(toks.slice(k, x.tEnd).map((t) => t.text).join(' '))) continue;
        if (out.some((y) => y !== x && y.tEnd > k && y.tStart < x.tStart)) break;
        x.tStart = k;
        x.ner = 'PER';
        x.type = 'PERSON';
        break;
      }
      if (x.tEnd - x.tStart >= 2 && tails.has(toks.slice(x.tStart, x.tEnd).map((t) => t.text).join(' '))) {
        x.ner = 'PER';
        x.type = 'PERSON';
      }
    }
  }
  const covered = new Uint8Array(toks.length);
  for (const x of out) for (let k = x.tStart; k < x.tEnd; k++) covered[k] = 1;
  const unitStart = new Set(units.map((u) => u[0]));
  const added: NameCandidate[] = [];
  for (const x of out) {
    if (x.tEnd - x.tStart !== 1 || x.ner === 'PER' || x.kind === 'demonym' || x.ner === 'MISC') continue;
    // A country or a core entry stays itself, unless the story names a person of that surname
    // and this mention stands as a person's would: not after a locative preposition or an article,
    // nor before "'s" + a government noun ("Jordan said", not "in Jordan", "Jordan 's government").
    if (x.kb && (x.kb.source === 'core.jsonl' || x.kb.source === 'countries.jsonl')) {
      const pv = toks[x.tStart - 1];
      const nx = toks[x.tEnd];
      const nx2 = toks[x.tEnd + 1];
      const c = lexCache(res);
      if (x.kb.type !== 'GPE' || !pv || !nx || !parts.has(toks[x.tStart]!.text.toUpperCase())) continue;
      if (c.loc.has(pv.lower) || pv.lower === 'the' || isCap(pv) || !(c.verbs.has(nx.lower) || (POSS.has(nx.text) && !!nx2 && !c.gov.has(nx2.lower) && !c.force.has(nx2.lower)))) continue;
    }
    if (parts.has(toks[x.tStart]!.text.toUpperCase())) {
      x.ner = 'PER';
      x.type = 'PERSON';
      x.kb = null;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i] || !isCap(t) || !parts.has(t.text.toUpperCase())) continue;
    const cls = res.gazetteer.get(t.lower) ?? [];
    // A common word opening a sentence is a name only when the story never writes it in lower case ("Wang was arrested").
    if (unitStart.has(i) && isCommonOnly(cls) && lowerInDoc(doc).has(t.lower)) continue;
    // Not inside a longer capitalised run the tagger left out on purpose (in an all-caps
    // headline every word is capitalised: "O'BRIEN SPRING TWIN UPSETS").
    const caps = RE_ALL_UPPER_PUNCT.test(t.text);
    if (caps && isCommonOnly(cls)) continue;
    const prevCap = !!toks[i - 1] && isCap(toks[i - 1]!) && !covered[i - 1] && toks[i - 1]!.kind === 'word' && !unitStart.has(i);
    const nextCap = !!toks[i + 1] && isCap(toks[i + 1]!) && toks[i + 1]!.kind === 'word';
    if (!caps && (prevCap || nextCap)) continue;
    added.push({ tStart: i, tEnd: i + 1, ner: 'PER', kb: null, kind: 'name', type: 'PERSON', roles: [] });
  }
  // Organisations: a company's short name ("Magna" after "Magna International Inc") and a
  // one-word organisation the context made sure of are ORG wherever else they stand alone.
  const orgs = new Set<string>();
  const c = lexCache(res);
  for (const x of out) {
    if (x.ner !== 'ORG' || x.kind === 'acronym' && x.kb) continue;
    const first = toks[x.tStart]!;
    if (res.kb.demonyms.has(norms(doc)[x.tStart]!) || first.text.length < 2) continue;
    if (x.tEnd - x.tStart === 1 && !x.kb) orgs.add(first.text);
    else if (x.tEnd - x.tStart >= 2 && c.orgSuffix.has(toks[x.tEnd - 1]!.text) && isCap(first) && !(res.gazetteer.get(first.lower) ?? []).some((k) => k === 'common' || k === 'country' || k === 'city')) orgs.add(first.text);
  }
  if (orgs.size) {
    for (const x of out) {
      if (x.tEnd - x.tStart !== 1 || x.ner === 'ORG' || x.ner === 'MISC' || x.kb || x.kind === 'demonym' || x.roles.length || !orgs.has(toks[x.tStart]!.text) || players.has(toks[x.tStart]!.text)) continue;
      if (x.ner === 'LOC' && unitStart.has(x.tStart) && datelineAt(doc, x.tStart, units)) continue;
      // A place after a locative preposition stays a place ("At Leicester").
      if (x.ner === 'LOC' && toks[x.tStart - 1] && c.loc.has(toks[x.tStart - 1]!.lower)) continue;
      x.ner = 'ORG';
      x.type = 'ORG';
    }
    for (const x of added) covered[x.tStart] = 1;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (covered[i] || !orgs.has(t.text) || !isCap(t)) continue;
      if (unitStart.has(i) && isCommonOnly(res.gazetteer.get(t.lower) ?? []) && lowerInDoc(doc).has(t.lower)) continue;
      if ((toks[i - 1] && isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word' && !unitStart.has(i)) || (toks[i + 1] && isCap(toks[i + 1]!) && toks[i + 1]!.kind === 'word')) continue;
      added.push({ tStart: i, tEnd: i + 1, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    }
  }
  if (added.length) out.push(...added);
  out.sort((p, q) => p.tStart - q.tStart);
}

/**
 * "Douglas & Lomason", "Procter & Gamble": capitalised words joined by "&" are one organisation;
 * a lone demonym-like word the tagger called an organisation ("Palestinian", "Moslem") is not one.
 */
function ampersands(doc: Doc, res: ActorsResources, cands: NameCandidate[], lo: number, hi: number): void {
  const toks = doc.tokens;
  // "Air France", "Deutsche Bank": an organisation's first word before capitalised words.
  const c = lexCache(res);
  for (let i = lo; i + 1 < hi; i++) {
    if (!c.orgPre.has(toks[i]!.text) || (i > lo && isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word')) continue;
    let e = i + 1;
    while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
    if (e === i + 1 || e - i > 5) continue;
    const over = overlapping(cands, i, e);
    if (over.some((x) => x.tStart < i || x.tEnd > e || (x.kb && x.tEnd - x.tStart === e - i))) continue;
    for (const x of over) cands.splice(cands.indexOf(x), 1);
    cands.push({ tStart: i, tEnd: e, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    cands.sort((p, q) => p.tStart - q.tStart);
    i = e - 1;
  }
  for (let i = lo + 1; i + 1 < hi; i++) {
    if (toks[i]!.text !== '&' || !isCap(toks[i - 1]!) || !isCap(toks[i + 1]!)) continue;
    let a = i - 1;
    while (a > lo && isCap(toks[a - 1]!) && toks[a - 1]!.kind === 'word') a--;
    while (a < i - 1 && (c.calendar.has(toks[a]!.lower) || RE_HYPHEN_ADJ.test(toks[a]!.text))) a++;
    let e = i + 2;
    while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
    if (e - a > 6) continue;
    const over = overlapping(cands, a, e);
    if (over.some((x) => x.tStart < a || x.tEnd > e || (x.kb && x.tEnd - x.tStart > 1))) continue;
    for (const x of over) cands.splice(cands.indexOf(x), 1);
    cands.push({ tStart: a, tEnd: e, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    cands.sort((p, q) => p.tStart - q.tStart);
    i = e;
  }
  for (const x of cands) {
    if ((x.ner !== 'ORG' && x.ner !== 'PER') || x.kb || x.tEnd - x.tStart !== 1 || x.roles.length) continue;
    const cls = res.gazetteer.get(toks[x.tStart]!.lower) ?? [];
    if (x.ner === 'PER' && cls.some((k) => k === 'first' || k === 'last' || k === 'kbfirst' || k === 'kblast' || k === 'person')) continue;
    if (cls.includes('demonym') || res.kb.demonyms.has(norms(doc)[x.tStart]!) || lexCache(res).groupAdj.has(toks[x.tStart]!.lower)) {
      x.ner = 'MISC';
      x.type = 'OTHER';
    }
  }
}

/**
 * A lone capitalised word the tagger left out that the gazetteer knows only as a country,
 * region or city ("a Texas trader", "Texas billionaire Ross Perot") is a place.
 */
function knownPlaces(doc: Doc, res: ActorsResources, cands: NameCandidate[], lo: number, hi: number, gz?: (string[] | undefined | null)[]): void {
  const toks = doc.tokens;
  let added = false;
  for (let i = lo + 1; i < hi; i++) {
    const t = toks[i]!;
    if (!isCap(t) || t.kind !== 'word' || RE_ALL_UPPER.test(t.text)) continue;
    if (isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word') continue;
    // The whole run of capitalised words (one to three) must be the place ("Kuala Lumpur").
    let e = i + 1;
    while (e < hi && e - i < 4 && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
    if (e - i > 3) continue;
    let key = t.lower;
    for (let k = i + 1; k < e; k++) key += ' ' + toks[k]!.lower;
    const cls = e === i + 1 ? gazOf(res, toks, gz, lo, i) : res.gazetteer.get(key);
    if (!cls || !cls.some((k) => k === 'country' || k === 'region' || k === 'city' || k === 'gcity')) continue;
    if (cls.some((k) => k === 'common' || k === 'first' || k === 'last' || k === 'person' || k === 'org' || k === 'team' || k === 'kbfirst' || k === 'kblast' || k === 'demonym')) continue;
    if (overlapsAny(cands, i, e)) continue;
    cands.push({ tStart: i, tEnd: e, ner: 'LOC', kb: null, kind: 'name', type: 'GPE', roles: [] });
    added = true;
    i = e - 1;
  }
  if (added) cands.sort((p, q) => p.tStart - q.tStart);
}

/** A place before an event word is part of an event's name, not a place ("U.S. Open", "Hong Kong Open"). */
function events(doc: Doc, c: LexCache, cands: NameCandidate[], hi: number): void {
  const toks = doc.tokens;
  for (const x of cands) {
    if (x.ner !== 'LOC' && x.ner !== 'ORG') continue;
    let e = x.tEnd;
    while (e < hi && toks[e]!.kind === 'word' && c.eventWords.has(toks[e]!.text)) e++;
    const endsInEvent = x.tEnd - x.tStart > 1 && c.eventWords.has(toks[x.tEnd - 1]!.text);
    if (e === x.tEnd && !endsInEvent) continue;
    if (x.ner === 'ORG' && !endsInEvent) continue;
    x.tEnd = e;
    x.ner = 'MISC';
    x.type = 'OTHER';
    x.kb = null;
    x.kind = 'name';
  }
}

/**
 * A known first name before a capitalised word is a person's name ("Mark Butcher", "Tom Moody")
 * where the tagger found nothing, or only a part, or called it something else without a KB link.
 */
/** The words after a first name may finish a person's name (no acronym, country, organisation, team or demonym). */

/**
 * Transfers in a team-sports story ("joined Milan from Torino", "transferred to Milan", "loaned to
 * … Atalanta", "played for Nice"): a town the player joins, leaves or plays for is a club.
 */
function transfers(doc: Doc, res: ActorsResources, cands: NameCandidate[]): void {
  const toks = doc.tokens;
  const L = lexCache(res);
  const club = (x: NameCandidate | undefined) => {
    if (!x || x.ner !== 'LOC' || (x.kb && x.kb.type === 'GPE' && !x.kb.place)) return;
    if ((res.gazetteer.get(toks.slice(x.tStart, x.tEnd).map((t) => t.lower).join(' ')) ?? []).includes('country')) return;
    x.ner = 'ORG';
    x.type = 'ORG';
    x.kb = null;
  };
  for (let k = 0; k < cands.length; k++) {
    const x = cands[k]!;
    const p1 = toks[x.tStart - 1];
    const p2 = toks[x.tStart - 2];
    if (!p1) continue;
    const verb = L.transferVerbs.has(p1.lower) || (!!p2 && L.transferPhrases.has(p2.lower + ' ' + p1.lower));
    if (!verb) continue;
    club(x);
    // "… joined Espanyol of Barcelona from Nantes": the club it came from too.
    for (let q = k + 1; q < cands.length && cands[q]!.tStart - x.tEnd <= 4; q++) {
      const y = cands[q]!;
      if (toks[y.tStart - 1]?.lower === 'from') club(y);
    }
  }
}

/**
 * A results line of a race ("3. Tristan Hoffman ( Netherlands ) TVM same time", "4. Marco Lietti
 * ( Italy ) MG-Technogym 1:16"): the capitalised name between the rider's country in parentheses
 * and the time is the rider's team.
 */
function resultTeams(doc: Doc, cands: NameCandidate[], lo: number, hi: number): void {
  const toks = doc.tokens;
  // The rank may open the unit ("3 .") or end the one before it.
  const ranked = (toks[lo]!.kind === 'number' && toks[lo + 1]?.text === '.') || (lo >= 2 && toks[lo - 1]!.text === '.' && toks[lo - 2]!.kind === 'number' && toks[lo - 2]!.paragraph === toks[lo]!.paragraph);
  if (hi - lo < 4 || !ranked) return;
  for (let i = lo + 1; i + 1 < hi; i++) {
    if (toks[i]!.text !== ')') continue;
    let e = i + 1;
    while (e < hi && toks[e]!.kind === 'word' && isCap(toks[e]!)) e++;
    if (e === i + 1 || e - i > 4) break;
    const n = toks[e];
    const timeNext = !n || n.kind === 'number' || isDigit(n.text.charCodeAt(0)) || n.lower === 'same' || n.lower === 'all' || n.lower === 's.t.';
    if (!timeNext || cands.some((x) => x.tStart < e && x.tEnd > i + 1 && (x.kb || x.ner === 'ORG'))) break;
    for (let k = cands.length - 1; k >= 0; k--) if (cands[k]!.tStart < e && cands[k]!.tEnd > i + 1) cands.splice(k, 1);
    cands.push({ tStart: i + 1, tEnd: e, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    cands.sort((p, q) => p.tStart - q.tStart);
    break;
  }
}

/**
 * A list of people ("Ponting , Michael Slater , Darren Lehmann , Mark Waugh"): a capitalised word
 * standing alone between commas (or opening the line before one) in a list whose neighbouring
 * items are people the story named is a person too, when it is no common word or known place.
 */
function listPeople(doc: Doc, res: ActorsResources, cands: NameCandidate[], lo: number, hi: number): void {
  const toks = doc.tokens;
  const at = (k: number) => cands.find((x) => x.tStart <= k && x.tEnd > k);
  const sep = (k: number) => k < lo || k >= hi || toks[k]!.text === ',' || toks[k]!.lower === 'and';
  const added: NameCandidate[] = [];
  for (let i = lo; i < hi; i++) {
    const t = toks[i]!;
    if (!(i + 1 >= hi || toks[i + 1]!.text === ',' || toks[i + 1]!.lower === 'and') || !sep(i - 1) || !isCap(t) || t.kind !== 'word' || RE_UPPER2.test(t.text) || at(i)) continue;
    const cls = res.gazetteer.get(t.lower) ?? [];
    if (cls.includes('common') || cls.some((k) => k === 'city' || k === 'country' || k === 'region' || k === 'gcity' || k === 'demonym')) continue;
    // The items on either side (two of them at least, or one and the line's edge).
    const prev = i - 2 >= lo ? at(i - 2) : undefined;
    const next = i + 2 < hi ? at(i + 2) : undefined;
    const per = (x: NameCandidate | undefined) => !!x && x.ner === 'PER' && x.tEnd - x.tStart >= 2;
    const prevOk = per(prev);
    const nextOk = per(next) && per(i + 5 < hi ? at(next!.tEnd + 1) : undefined);
    if (!(prevOk && (per(next) || i + 1 >= hi)) && !(i === lo && nextOk) && !(prevOk && per(next))) continue;
    added.push({ tStart: i, tEnd: i + 1, ner: 'PER', kb: null, kind: 'name', type: 'PERSON', roles: [] });
  }
  if (added.length) {
    cands.push(...added);
    cands.sort((p, q) => p.tStart - q.tStart);
  }
}

/** A person-typed name of two or more words that ends in a venue word ("Grace Road", "Kosevo Stadium") is a place. */
function venues(doc: Doc, res: ActorsResources, cands: NameCandidate[]): void {
  const heads = lexCache(res).venueHeads;
  if (!heads.size) return;
  for (const x of cands) {
    if (x.ner !== 'PER' || x.kb || x.tEnd - x.tStart < 2 || x.roles.length || !heads.has(doc.tokens[x.tEnd - 1]!.text)) continue;
    x.ner = 'LOC';
    x.type = 'FACILITY';
  }
}

function firstNameRunOk(res: ActorsResources, toks: Token[], i: number, e: number): boolean {
  const last = toks[e - 1]!.text;
  const c = lexCache(res);
  if (c.placeHeads.has(last) || c.orgSuffix.has(last)) return false;
  for (let k = i + 1; k < e; k++) {
    const r = toks[k]!;
    if (RE_UPPER2.test(r.text) || (res.gazetteer.get(r.lower) ?? []).some((cl) => cl === 'country' || cl === 'org' || cl === 'team') || res.kb.demonyms.has(r.lower)) return false;
  }
  return true;
}

/**
 * Whether a first-name span [i, e) replaces the candidates it overlaps: not when a person span
 * already holds it, nor a KB link, a longer span or a demonym; a span the tagger ran in from a
 * title ("Secretary of State John Kornblum" → "State John Kornblum") gives way.
 */
function firstNameWins(res: ActorsResources, toks: Token[], over: NameCandidate[], i: number, e: number): boolean {
  for (const x of over) if (x.ner === 'PER' && x.tStart <= i && x.tEnd >= e) return false;
  for (const x of over) {
    if (x.kb || x.tEnd > e || x.kind === 'demonym' || (x.tStart < i && (x.ner === 'PER' || !lexCache(res).titles.has(toks[i - 1]!.lower) && !RE_TITLE_TAIL.test(toks[i - 1]!.text)))) return false;
  }
  return true;
}

function firstNames(doc: Doc, res: ActorsResources, cands: NameCandidate[], lo: number, hi: number, gz?: (string[] | undefined | null)[]): void {
  const toks = doc.tokens;
  for (let i = lo; i + 1 < hi; i++) {
    const t = toks[i]!;
    if (!isCap(t) || t.kind !== 'word' || RE_UPPER2.test(t.text)) continue;
    const cls = gazOf(res, toks, gz, lo, i);
    if (!cls || cls.includes('common') || cls.includes('country') || cls.includes('city')) continue;
    // A first name, or the first word of a KB person's name ("Wasim", "Lubomir") before exactly one
    // more word that is a surname ("last", "kblast") or no known word at all.
    if (!cls.includes('first')) {
      if (!cls.includes('kbfirst') || cls.some((k) => k !== 'kbfirst' && k !== 'kblast') || lexCache(res).titles.has(t.lower)) continue;
      const n = toks[i + 1]!;
      const n2 = toks[i + 2];
      if (!isCap(n) || n.kind !== 'word' || RE_UPPER2.test(n.text) || (n2 && isCap(n2) && n2.kind === 'word')) continue;
      const ncls = res.gazetteer.get(n.lower);
      if (ncls && !ncls.every((k) => k === 'last' || k === 'kblast' || k === 'kbfirst' || k === 'first')) continue;
      // Not a place's name ("Chiang Mai").
      const both = t.lower + ' ' + n.lower;
      if ((res.gazetteer.get(both) ?? []).length || res.kb.byAlias.has(joinNorms(norms(doc), i, i + 2))) continue;
    }
    // After another capitalised word only when that word is a demonym or a title ("Australian Tom Moody").
    if (i > lo && isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word' && !RE_HONORIFIC.test(toks[i - 1]!.text) && !res.kb.demonyms.has(toks[i - 1]!.lower) && !lexCache(res).titles.has(toks[i - 1]!.lower)) continue;
    let e = i + 1;
    while (e < hi && toks[e]!.kind === 'word' && (isCap(toks[e]!) || (RE_NAME_LINK.test(toks[e]!.text) && toks[e + 1] && isCap(toks[e + 1]!)))) e++;
    if (e === i + 1 || e - i > 4) continue;
    if (!firstNameRunOk(res, toks, i, e)) continue;
    const over = overlapping(cands, i, e);
    if (!firstNameWins(res, toks, over, i, e)) continue;
    for (const x of over) cands.splice(cands.indexOf(x), 1);
    cands.push({ tStart: i, tEnd: e, ner: 'PER', kb: null, kind: 'name', type: 'PERSON', roles: [] });
    i = e - 1;
  }
  cands.sort((p, q) => p.tStart - q.tStart);
}


/**
 * Organisations by what follows them: "Comelf said it …", "Cofinec CEO Stephen Frater",
 * "Petofi general manager …", "Douglas & Lomason , which …", "Comelf , based in …". An unlinked
 * name the tagger took for a person's, without a title, becomes ORG (and the document's other
 * mentions of a one-word name follow, see documentConsistency).
 */
function orgCues(doc: Doc, res: ActorsResources, cands: NameCandidate[]): void {
  const toks = doc.tokens;
  const L = lexCache(res);
  for (const x of cands) {
    if (x.ner !== 'PER' || x.kb || x.roles.length || x.kind !== 'name') continue;
    const a = toks[x.tEnd];
    const b = toks[x.tEnd + 1];
    if (!a || !b) continue;
    const cue =
      (L.orgCueVerbs.has(a.lower) && (b.lower === 'it' || b.lower === 'its')) ||
      L.orgCueTitles.has(a.text) ||
      L.orgCuePairs.has(a.lower + ' ' + b.lower) ||
      (a.text === ',' && (b.lower === 'which' || b.lower === 'based'));
    if (!cue) continue;
    x.ner = 'ORG';
    x.type = 'ORG';
    x.orgCue = true;
  }
}

/**
 * Organisations by their context: after a descriptor noun ("cables giant Pirelli", "news
 * agency Tanjug", "chain Ruch") or before "'s shares", "'s chairman"… An unlinked name the tagger
 * typed otherwise (or missed, one capitalised word) becomes ORG.
 */
function orgContext(doc: Doc, res: ActorsResources, c: LexCache, cands: NameCandidate[], lo: number, hi: number): void {
  const toks = doc.tokens;
  // Whether the unit has "'s shares", "'s chairman"… at all (else only a descriptor before can count).
  let possOrg = false;
  for (let k = lo + 1; k < hi && k + 1 < toks.length && !possOrg; k++) possOrg = POSS.has(toks[k]!.text) && c.orgPoss.has(toks[k + 1]!.lower);
  for (let i = lo + 1; i < hi; i++) {
    const t = toks[i]!;
    if (!isCap(t) || t.kind !== 'word') continue;
    const pv = toks[i - 1]!;
    if (!possOrg && !(lowerStart(pv.text) && c.orgDesc.has(pv.lower))) continue;
    const n1 = toks[i + 1];
    const n2 = toks[i + 2];
    const x = coveringAt(cands, i);
    if (x && x.tStart !== i) continue;
    const end = x ? x.tEnd : i + 1;
    const a1 = toks[end];
    const a2 = toks[end + 1];
    const before = RE_LOWER_START.test(pv.text) && c.orgDesc.has(pv.lower);
    const after = !!a1 && !!a2 && end < hi && POSS.has(a1.text) && c.orgPoss.has(a2.lower);
    void n1;
    void n2;
    if (!before && !after) continue;
    if (x) {
      if (x.kb || x.ner === 'ORG' || x.kind === 'demonym' || x.roles.length) continue;
      if (x.ner === 'PER' && x.tEnd - x.tStart > 1) continue;
      x.ner = 'ORG';
      x.type = 'ORG';
    } else {
      const cls = res.gazetteer.get(t.lower) ?? [];
      if (isCommonOnly(cls) || c.calendar.has(t.lower) || res.kb.demonyms.has(t.lower) || c.titles.has(t.lower)) continue;
      cands.push({ tStart: i, tEnd: i + 1, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
      cands.sort((p, q) => p.tStart - q.tStart);
    }
  }
}

/** A country (or a home nation): in sports reports a national side keeps the country's type. */
function isCountry(res: ActorsResources, cand: NameCandidate, words: string): boolean {
  if (cand.kb?.id.startsWith('country:')) return true;
  return (res.gazetteer.get(words.toLowerCase()) ?? []).includes('country');
}

/**
 * "Anthony Hill ( Australia ) beat …", "2. Merlene Ottey ( Jamaica ) 10.94": a competitor's name
 * with the country in brackets is a person.
 */
function competitors(doc: Doc, res: ActorsResources, c: LexCache, cands: NameCandidate[]): void {
  const toks = doc.tokens;
  for (const x of cands) {
    const a = toks[x.tEnd];
    const b = toks[x.tEnd + 1];
    const d = toks[x.tEnd + 2];
    if (x.tEnd - x.tStart < 2 || x.tEnd - x.tStart > 4 || x.kb || x.ner === 'PER' || x.kind === 'demonym' || a?.text !== '(' || !b || d?.text !== ')') continue;
    if (!(res.gazetteer.get(b.lower) ?? []).includes('country') && !res.kb.byAlias.get(normName(b.text))?.[0]?.id.startsWith('country:')) continue;
    if (toks.slice(x.tStart, x.tEnd).some((t) => RE_LOWER_START.test(t.text) || c.orgSuffix.has(t.text) || (res.gazetteer.get(t.lower) ?? []).some((k) => k === 'city' || k === 'team' || k === 'country'))) continue;
    x.ner = 'PER';
    x.type = 'PERSON';
  }
}

/**
 * Sports reports: a city or region that plays is a team, an organisation ("Milwaukee beat
 * Minnesota", "Surrey 320-5", "Partizan 6 Becej 0", results and standings lines). A unit is a
 * sports unit when it opens with a sport name and a dash, when it is a results/standings line (a
 * name followed by a number, numbers and few lower-case words), or when it has three sports cue
 * words. There, places that are not countries and not after a locative preposition become ORG.
 */
function sportsHeadline(doc: Doc, c: LexCache, lo: number, hi: number): boolean {
  const toks = doc.tokens;
  const t0 = toks[lo]!;
  return hi - lo > 2 && (c.sports.has(t0.lower) || (!!toks[lo + 1] && c.sports.has(t0.lower + ' ' + toks[lo + 1]!.lower))) && toks.slice(lo + 1, lo + 4).some((t) => t.text === '-');
}

const isDigit = (ch: number) => ch >= 48 && ch <= 57;
/** Characters a score or count may open with. */
const NUMERIC_START = /^[\d.,:-]/;
const NOT_LOWER = new Set<string>(WORDS.notLower);
/** Whether a string opens with a lower-case letter. */
function lowerStart(s: string): boolean {
  const ch = s.charCodeAt(0);
  if (ch < 128) return ch >= 97 && ch <= 122;
  return RE_LOWER_START.test(s);
}

function sportsTeams(doc: Doc, res: ActorsResources, c: LexCache, cands: NameCandidate[], lo: number, hi: number, docSports = false, individual = false): void {
  const toks = doc.tokens;
  // A dateline ("LONDON 1996-08-30") is not a results line.
  if (individual) return;
  let cues = 0;
  for (let i = lo; i < hi; i++) if (c.sportsCues.has(toks[i]!.lower)) cues++;
  // Not a sports unit: no sports story, no cue word, no sports headline.
  if (!docSports && cues === 0 && !sportsHeadline(doc, c, lo, hi)) return;
  const line = doc.text.slice(toks[lo]!.start, toks[hi - 1]!.end);
  if (isDigit(line.charCodeAt(line.length - 1)) && RE_ENDS_IN_DATE.test(line)) return;
  let numbers = 0;
  let lower = 0;
  let nameThenNumber = false;
  for (let i = lo; i < hi; i++) {
    const t = toks[i]!;
    // Scores and counts, not dates ("1996-08-30").
    if ((t.kind === 'number' || (NUMERIC_START.test(t.text) && RE_SCORE_LIKE.test(t.text))) && !RE_ISO_DATE.test(t.text)) numbers++;
    else if (t.kind === 'word' && lowerStart(t.text) && !NOT_LOWER.has(t.lower)) lower++;
    if (i + 1 < hi && isCap(t) && t.kind === 'word') {
      const n = toks[i + 1]!;
      if ((n.kind === 'number' || isDigit(n.text.charCodeAt(0))) && !RE_ISO_DATE.test(n.text) && !c.calendar.has(t.lower)) nameThenNumber = true;
    }
  }
  for (const x of cands) {
    const n = toks[x.tEnd];
    if (n && (n.kind === 'number' || isDigit(n.text.charCodeAt(0))) && !RE_ISO_DATE.test(n.text)) nameThenNumber = true;
  }
  const table = nameThenNumber && numbers >= 2 && lower <= 2 && (docSports || cues > 0);
  if (!docSports && !table && cues < 3 && !sportsHeadline(doc, c, lo, hi)) return;
  // "Preston 2 Chester 1": a score line; "Brentford 4 3 1 0 9 3 10": a standings line. Their
  // names are teams, even ones the tagger took for people. Bowling figures ("4-43",
  // "10-1-45-2") and "not out" mark a scorecard line, whose names are players.
  const scorecard = (RE_SCORECARD.test(line) || (RE_DASHED_NUMBERS.test(line) && RE_INITIAL_NAME.test(line))) && !RE_SCORE_LINE.test(line);
  const teamsLine = !scorecard && (RE_TEAMS_LINE.test(line) || (numbers >= 6 && lower === 0));
  // Table labels are not names ("Scorers :", "Attendance : 15,000", "W L PCT").
  for (let k = cands.length - 1; k >= 0; k--) {
    const x = cands[k]!;
    if (x.kb && x.kb.source !== 'phoenix.tsv') continue;
    if (toks.slice(x.tStart, x.tEnd).every((t) => c.tableLabels.has(t.lower) || t.kind !== 'word')) cands.splice(k, 1);
  }
  const coveredAt = (k: number) => cands.some((x) => x.tStart <= k && x.tEnd > k);
  // Cricket scorecards: the fielder and bowler after "c", "b", "st", "lbw" are players
  // ("S. Waugh b Muralitharan 22", "I. Healy c Ranatunga b Muralitharan 8").
  if (scorecard) {
    for (let i = lo; i + 1 < hi; i++) {
      if (!RE_DISMISSAL.test(toks[i]!.text) || !isCap(toks[i + 1]!) || toks[i + 1]!.kind !== 'word') continue;
      const m = cands.find((x) => x.tStart <= i + 1 && x.tEnd > i + 1);
      if (m) {
        if (m.tStart === i + 1 && !m.kb && m.ner !== 'PER') { m.ner = 'PER'; m.type = 'PERSON'; }
        if (m.tStart === i + 1 && !m.kb) m.playerCue = true;
        continue;
      }
      let e = i + 1;
      while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
      cands.push({ tStart: i + 1, tEnd: e, ner: 'PER', kb: null, kind: 'name', type: 'PERSON', roles: [], playerCue: true });
    }
    // Bowling figures after a name ("Vass 7-0-29-0"): a player.
    for (const x of cands) {
      const n = toks[x.tEnd];
      if (x.kb || !n || !RE_BOWLING.test(n.text)) continue;
      x.ner = 'PER';
      x.type = 'PERSON';
      x.playerCue = true;
    }
    cands.sort((p, q) => p.tStart - q.tStart);
  }
  // Results lines: an uncovered capitalised run right before a score is a team ("Somerset 83 and
  // 174"); a venue opening the line before a colon is a place ("Chester-le-Street : …").
  for (let i = lo; i < hi; i++) {
    if (!isCap(toks[i]!) || toks[i]!.kind !== 'word' || coveredAt(i) || (i > lo && isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word')) continue;
    let e = i;
    while (e < hi && ((isCap(toks[e]!) && toks[e]!.kind === 'word') || (e > i && toks[e]!.text === '-' && toks[e + 1] && toks[e]!.end === toks[e + 1]!.start)) && !coveredAt(e)) e++;
    const n = toks[e];
    if (!n || e - i > 4) continue;
    const words = toks.slice(i, e).map((t) => t.lower).join(' ');
    const cls = res.gazetteer.get(words) ?? [];
    if (c.calendar.has(toks[i]!.lower) || (isCommonOnly(cls) && !(teamsLine && RE_TITLE_CASE_WORD.test(toks[i]!.text))) || toks.slice(i, e).every((t) => c.tableLabels.has(t.lower))) continue;
    const country = cls.includes('country');
    if ((i === lo || (i === lo + 1 && toks[lo]!.lower === 'at')) && n.text === ':') {
      cands.push({ tStart: i, tEnd: e, ner: 'LOC', kb: null, kind: 'name', type: 'LOC', roles: [] });
    } else if ((n.kind === 'number' || RE_DIGIT_START.test(n.text)) && table) {
      cands.push({ tStart: i, tEnd: e, ner: country ? 'LOC' : 'ORG', kb: null, kind: 'name', type: country ? 'GPE' : 'ORG', roles: [] });
    }
  }
  // A fixtures line in capitals: "KANSAS CITY AT DETROIT" is a team and the place it plays at.
  const at = toks.slice(lo, hi).findIndex((t) => t.text === 'AT');
  if (at > 0 && lo + at + 1 < hi && toks.slice(lo, hi).every((t, k) => k === at || (t.kind === 'word' && RE_CAPS_WORD.test(t.text)))) {
    for (let k = cands.length - 1; k >= 0; k--) cands.splice(k, 1);
    cands.push({ tStart: lo, tEnd: lo + at, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    cands.push({ tStart: lo + at + 1, tEnd: hi, ner: 'LOC', kb: null, kind: 'name', type: 'GPE', roles: [] });
    return;
  }
  // Club names: "Real Madrid", "Dynamo Moscow", "Queens Park Rangers", "Ross County".
  for (let i = lo; i < hi; i++) {
    if (!isCap(toks[i]!) || toks[i]!.kind !== 'word' || (i > lo && isCap(toks[i - 1]!) && toks[i - 1]!.kind === 'word')) continue;
    let e = i;
    while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
    if (e - i < 2 || e - i > 4) continue;
    const pre = c.clubPre.has(toks[i]!.text) || c.clubPre.has(toks[i]!.text + ' ' + toks[i + 1]!.text);
    const suf = c.clubSuf.has(toks[e - 1]!.text) || (e - i > 2 && c.clubSuf.has(toks[e - 2]!.text + ' ' + toks[e - 1]!.text));
    if (!pre && !suf) continue;
    const over = overlapping(cands, i, e);
    if (over.some((x) => x.tStart < i || x.tEnd > e || (x.kb && x.kb.source !== 'phoenix.tsv' && x.tEnd - x.tStart === e - i))) continue;
    for (const x of over) cands.splice(cands.indexOf(x), 1);
    cands.push({ tStart: i, tEnd: e, ner: 'ORG', kb: null, kind: 'name', type: 'ORG', roles: [] });
    cands.sort((p, q) => p.tStart - q.tStart);
    i = e - 1;
  }
  // "May 18 v Worcestershire": the opponent after "v" is a team even where the tagger found nothing.
  for (let i = lo; i + 1 < hi; i++) {
    if (!RE_VERSUS.test(toks[i]!.lower) || !isCap(toks[i + 1]!)) continue;
    const m = cands.findIndex((x) => x.tStart <= i + 1 && x.tEnd > i + 1);
    // A lone unlinked word the tagger called MISC is the opponent too.
    if (m >= 0 && (cands[m]!.ner !== 'MISC' || cands[m]!.kb || cands[m]!.kind === 'demonym')) continue;
    if (m >= 0) cands.splice(m, 1);
    let e = i + 1;
    while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
    const cls = res.gazetteer.get(toks.slice(i + 1, e).map((t) => t.lower).join(' ')) ?? [];
    const country = cls.includes('country');
    cands.push({ tStart: i + 1, tEnd: e, ner: country ? 'LOC' : 'ORG', kb: null, kind: 'name', type: country ? 'GPE' : 'ORG', roles: [] });
  }
  cands.sort((p, q) => p.tStart - q.tStart);
  for (const x of cands) {
    if (x.kind === 'demonym' || x.ner === 'MISC' || x.ner === 'ORG') continue;
    const words = toks.slice(x.tStart, x.tEnd).map((t) => t.text).join(' ');
    if (x.ner === 'PER' && teamsLine && !x.kb) {
      // a team: fall through
    } else if (x.ner === 'PER') {
      if (scorecard || individual) continue;
      // A lone word that names a place is a club, not a person ("Worcestershire", "Kent 108-3");
      // in a results line so is a lone unknown word ("Brentford 4 3 1").
      if (x.tEnd - x.tStart !== 1 || x.kb || x.roles.length) continue;
      const w = toks[x.tStart]!;
      const cls = res.gazetteer.get(w.lower) ?? [];
      const placeWord = RE_SHIRE.test(w.lower) || cls.some((k) => k === 'city' || k === 'gcity' || k === 'region' || k === 'pplace' || k === 'place' || k === 'team');
      const v = toks[x.tStart - 1];
      const opponent = !!v && x.tStart > lo && (v.lower === 'v' || v.lower === 'vs' || v.lower === 'vs.');
      if (!placeWord && !opponent && !(table && !cls.some((k) => k === 'first' || k === 'last' || k === 'kbfirst' || k === 'kblast' || k === 'person'))) continue;
    } else if (isCountry(res, x, words)) continue;
    let p = x.tStart - 1;
    if (p > lo && toks[p]!.lower === 'the') p--;
    const pv = toks[p];
    if (pv && p >= lo && c.loc.has(pv.lower)) continue;
    // A venue in brackets ("( at Lord 's , London )", "London ( The Oval ) :").
    let open = false;
    for (let k = x.tStart - 1; k >= lo; k--) {
      if (toks[k]!.text === ')') break;
      if (toks[k]!.text === '(') {
        open = toks[k + 1]?.lower === 'at';
        break;
      }
    }
    if (open) continue;
    if (x.tStart === lo && toks[x.tEnd]?.text === '(') {
      let k = x.tEnd;
      while (k < hi && toks[k]!.text !== ')') k++;
      if (toks[k + 1]?.text === ':' || k + 1 >= hi) continue;
    }
    // A venue opening a results line ("Bristol : Gloucestershire 183 …").
    if ((x.tStart === lo || (x.tStart === lo + 1 && toks[lo]!.lower === 'at')) && toks[x.tEnd]?.text === ':') continue;
    x.ner = 'ORG';
    x.type = 'ORG';
    x.kb = null;
    x.kind = 'name';
  }
}

const SPEECH_AFTER_NAME = new Set<string>(WORDS.speechAfterName);

/**
 * Rules over the tagger's spans: trim numbers and punctuation at the edges; an initial and a
 * capitalised word is a person ("M. Butcher"); an unknown capitalised word before a speech or
 * action verb is a person ("Hoddle said").
 */
const RE_SCORE = /^\d{1,3}$/;
const RE_HYPHEN_ADJ = /^\p{Lu}\p{L}*-(?:controlled|based|owned|run|backed|led|born|made|funded|linked|dominated|held|listed|registered|sponsored|ruled|occupied|administered|speaking|allied|aligned|supported|financed|bound|built)$/u;
const RE_ACRONYM_DEF = /^[A-Z][A-Z&]{1,8}$/;

/**
 * An acronym defined in parentheses ("National Association of Purchasing Management ( NAPM )",
 * "London International Financial Futures and Options Exchange ( LIFFE )"): the capitalised run
 * before it whose first word begins with the acronym's first letter, whose last word begins with
 * its last, and whose initials hold its letters in order, is one name; the tagger's spans inside
 * it give way. Its type is the KB's for the run or the acronym, else ORG.
 */
function definedAcronyms(doc: Doc, res: ActorsResources, ner: { start: number; end: number; type: string }[], lo: number, hi: number): void {
  const toks = doc.tokens;
  const L = lexCache(res);
  for (let i = lo + 2; i + 1 < hi; i++) {
    if (toks[i - 1]!.text !== '(' || toks[i + 1]!.text !== ')') continue;
    const a = toks[i]!.text;
    if (!RE_ACRONYM_DEF.test(a)) continue;
    const letters = a.replace(/&/g, '');
    const end = i - 1;
    const last = toks[end - 1]!;
    if (!isCap(last) || last.text.charAt(0) !== letters.charAt(letters.length - 1)) continue;
    // Walk back over capitalised words and links; try each start whose word opens with the first letter.
    let best = -1;
    const caps: number[] = [];
    for (let k = end - 1; k >= lo && end - k <= 12; k--) {
      const t = toks[k]!;
      if (t.kind === 'word' && isCap(t)) caps.unshift(k);
      else if (!L.acronymLinks.has(t.lower) || k === end - 1) break;
      else continue;
      if (t.text.charAt(0) !== letters.charAt(0) || caps.length < 2) continue;
      // Initials of the run hold the letters in order, the first and last matched.
      let p = 0;
      for (const q of caps) if (p < letters.length && toks[q]!.text.charAt(0) === letters.charAt(p)) p++;
      if (p === letters.length && caps.length <= letters.length + 2) {
        best = k;
        if (caps.length === letters.length) break;
      }
    }
    if (best < 0) continue;
    const e = res.kb.byAlias.get(joinNorms(norms(doc), best, end))?.[0] ?? res.kb.byAlias.get(norms(doc)[i]!)?.[0];
    const type = e ? (e.type === 'PERSON' ? 'PER' : e.type === 'GPE' || e.type === 'LOC' || e.type === 'FACILITY' ? 'LOC' : e.type === 'OTHER' ? 'MISC' : 'ORG') : 'ORG';
    if (type === 'PER') continue;
    for (let j = ner.length - 1; j >= 0; j--) {
      const x = ner[j]!;
      if (x.end <= best || x.start >= end) continue;
      if (x.start >= best && x.end <= end) ner.splice(j, 1);
      else if (x.start < best && x.end <= end) x.end = best;
      else if (x.start >= best && x.end > end) x.start = end;
      else ner.splice(j, 1);
    }
    ner.push({ start: best, end, type });
    if (!ner.some((x) => x.start === i)) ner.push({ start: i, end: i + 1, type });
  }
}

function adjustSpans(doc: Doc, res: ActorsResources, c: LexCache, ner: { start: number; end: number; type: string }[], lo: number, hi: number): void {
  const toks = doc.tokens;
  for (const x of ner) {
    // A month or weekday, or a "Family-controlled" / "Paris-based" adjective, does not open a longer
    // name ("August National Association of …", "Family-controlled Douglas & Lomason"); not a person's ("August Busch").
    while (x.end - x.start >= 2 && x.type !== 'PER' && toks[x.start + 1]!.kind === 'word' && isCap(toks[x.start + 1]!) && (c.calendar.has(toks[x.start]!.lower) || RE_HYPHEN_ADJ.test(toks[x.start]!.text))) x.start++;
    // Names do not end in lower-case words ("UN envoy" is a name and a title).
    while (x.end > x.start + 1 && RE_LOWER_START.test(toks[x.end - 1]!.text) && !c.particles.has(toks[x.end - 1]!.lower)) x.end--;
    while (x.end > x.start + 1 && toks[x.end - 1]!.kind !== 'word' && !(toks[x.end - 1]!.text === '.' && x.end - 1 > x.start)) x.end--;
    while (x.end > x.start + 1 && toks[x.start]!.kind !== 'word') x.start++;
  }
  // A score between two names is no part of a name ("Port Vale 2 Oxford 0", "Harlequins 75
  // Gloucester"): the span splits at a bare number that stands between capitalised words.
  for (let j = 0, n = ner.length; j < n; j++) {
    const x = ner[j]!;
    for (let k = x.start + 1; k < x.end - 1; k++) {
      if (!RE_SCORE.test(toks[k]!.text) || !isCap(toks[k - 1]!) || !isCap(toks[k + 1]!) || toks[k + 1]!.kind !== 'word') continue;
      ner.push({ start: k + 1, end: x.end, type: x.type });
      x.end = k;
      break;
    }
  }
  // "John Casesa of Schroder Wertheim", "Keith O'Neill of Norwich City": a person's name (a
  // first name and more, all capitalised) then "of" and a capitalised name are two names, the
  // person and the organisation or place they belong to.
  for (let j = 0, n = ner.length; j < n; j++) {
    const x = ner[j]!;
    if (x.end - x.start < 4 || (x.type !== 'PER' && x.type !== 'ORG')) continue;
    for (let k = x.start + 2; k < x.end - 1; k++) {
      if (toks[k]!.text !== 'of') continue;
      const first = toks[x.start]!;
      const cls = res.gazetteer.get(first.lower);
      if (!cls || !(cls.includes('first') || cls.includes('kbfirst')) || cls.includes('common') || lexCache(res).titles.has(first.lower)) break;
      let allCap = true;
      for (let q = x.start; q < k; q++) if (!isCap(toks[q]!) || toks[q]!.kind !== 'word') allCap = false;
      if (!allCap || !isCap(toks[k + 1]!)) break;
      const rest = joinNorms(norms(doc), k + 1, x.end);
      const e = res.kb.byAlias.get(rest)?.[0];
      const place = e ? e.type === 'GPE' || e.type === 'LOC' : (res.gazetteer.get(toks.slice(k + 1, x.end).map((t) => t.lower).join(' ')) ?? []).some((c) => c === 'city' || c === 'country' || c === 'region');
      ner.push({ start: k + 1, end: x.end, type: place ? 'LOC' : 'ORG' });
      x.end = k;
      x.type = 'PER';
      break;
    }
  }
  definedAcronyms(doc, res, ner, lo, hi);
  const covered = new Uint8Array(hi - lo);
  const mark = () => {
    covered.fill(0);
    for (const x of ner) for (let k = x.start; k < x.end; k++) covered[k - lo] = 1;
  };
  mark();
  for (let i = lo; i + 2 < hi; i++) {
    const a = toks[i]!;
    const dot = toks[i + 1]!;
    const nm = toks[i + 2]!;
    if (dot.text !== '.' || a.text.length > 2 || !RE_ONE_UPPER.test(a.text) || dot.text !== '.' || dot.start !== a.end || !isCap(nm) || nm.kind !== 'word' || res.kb.demonyms.has(norms(doc)[i + 2]!)) continue;
    const existing = nerStartingAt(ner, i + 2);
    if (existing && !covered[i - lo]) {
      existing.start = i;
      existing.type = 'PER';
    } else if (!covered[i - lo] && !covered[i + 2 - lo]) {
      let e = i + 3;
      while (e < hi && isCap(toks[e]!) && toks[e]!.kind === 'word') e++;
      ner.push({ start: i, end: e, type: 'PER' });
    }
    mark();
  }
  for (const x of ner) {
    // "Johnson Controls Inc", "Free Lions Brigade": the last word names the kind of organisation;
    // so does the word before "of" ("Chicago Board of Trade", "Bank of Canada").
    let head = x.end - x.start >= 2 && c.orgSuffix.has(toks[x.end - 1]!.text);
    for (let k = x.start + 1; !head && k < x.end - 1; k++) if (toks[k]!.text === 'of' && c.orgSuffix.has(toks[k - 1]!.text)) head = true;
    if (head && x.type !== 'ORG') {
      const e = res.kb.byAlias.get(joinNorms(norms(doc), x.start, x.end))?.[0];
      // Not a place that happens to end in such a word ("West Bank").
      const place = (res.gazetteer.get(toks.slice(x.start, x.end).map((t) => t.lower).join(' ')) ?? []).some((k) => k === 'city' || k === 'region' || k === 'pplace' || k === 'country' || k === 'place');
      if (!e && !place) x.type = 'ORG';
    }
    const a = toks[x.start]!;
    const d = toks[x.start + 1];
    // "M. Butcher": an initial opens a person's name.
    if (x.end - x.start >= 3 && RE_ONE_UPPER.test(a.text) && d?.text === '.' && d.start === a.end && !res.kb.demonyms.has(norms(doc)[x.start + 2]!)) x.type = 'PER';
    // '…," said Washington.': the name right after a speech verb that follows a quotation or comma.
    const v = toks[x.start - 1];
    const q = toks[x.start - 2];
    const after = toks[x.end];
    if (v && q && SPEECH_AFTER_NAME.has(v.lower) && (q.kind === 'punct') && (!after || after.text === '.' || after.text === ',')) {
      const e = res.kb.byAlias.get(joinNorms(norms(doc), x.start, x.end))?.[0];
      if (!e || e.type === 'PERSON') x.type = 'PER';
    }
  }
  // A dateline: capitals opening a paragraph, then a comma, a parenthesis or a date
  // ("KYIV, March 3 (Reuters) -", "MONTE CARLO 1996-08-30").
  const first = toks[lo]!;
  if (lo === 0 || toks[lo - 1]!.paragraph !== first.paragraph) {
    let e = lo;
    while (e < hi && toks[e]!.kind === 'word' && RE_DATELINE_WORD.test(toks[e]!.text)) e++;
    if (e > lo && e < hi && toks[e]!.text === '.' && toks[e]!.start === toks[e - 1]!.end && e + 1 < hi && RE_UPPER2.test(toks[e + 1]!.text)) {
      e += 2;
      while (e < hi && toks[e]!.kind === 'word' && RE_DATELINE_WORD.test(toks[e]!.text)) e++;
    }
    const nx = toks[e];
    if (e > lo && e < hi && (nx!.text === ',' || nx!.text === '(' || nx!.kind === 'number')) {
      for (let k = ner.length - 1; k >= 0; k--) if (ner[k]!.start < e && ner[k]!.end > lo) ner.splice(k, 1);
      ner.push({ start: lo, end: e, type: 'LOC' });
      mark();
    }
  }
  for (let i = lo; i + 1 < hi; i++) {
    const t = toks[i]!;
    if (covered[i - lo] || !isCap(t) || t.kind !== 'word' || t.text.length < 3) continue;
    if (!SPEECH_AFTER_NAME.has(toks[i + 1]!.lower) || RE_ALL_UPPER.test(t.text)) continue;
    const cls = res.gazetteer.get(t.lower) ?? [];
    if (cls.includes('common') || c.titles.has(t.lower) || res.kb.demonyms.has(t.lower) || res.kb.byAlias.has(t.lower)) continue;
    if (RE_NOT_A_SPEAKER.test(t.text)) continue;
    ner.push({ start: i, end: i + 1, type: 'PER' });
  }
  ner.sort((p, q) => p.start - q.start);
}

/** Token ranges to tag: sentences, rejoined where the splitter cut after an initial ("P. | Simmons"). */
function taggingUnits(doc: Doc): [number, number][] {
  const out: [number, number][] = [];
  for (const s of doc.sentences) {
    const last = out[out.length - 1];
    const a = doc.tokens[s.tokenStart - 2];
    const b = doc.tokens[s.tokenStart - 1];
    if (last && last[1] === s.tokenStart && a && b && b.text === '.' && RE_ONE_UPPER.test(a.text) && b.start === a.end) last[1] = s.tokenEnd;
    else out.push([s.tokenStart, s.tokenEnd]);
  }
  return out;
}

function locType(g: Gazetteer, words: string[]): EntityType {
  const cls = g.get(words.join(' ').toLowerCase()) ?? [];
  return cls.includes('country') || cls.includes('city') ? 'GPE' : 'LOC';
}

export interface Cluster {
  kb: KbEntry | null;
  type: EntityType;
  names: string[];
  /** The names, normalised. */
  normNames: Set<string>;
  tokens: Set<string>;
  mentions: MentionRef[];
  roles: string[];
  acronym: string;
  outlet: boolean;
  place: boolean;
  first: number;
}

const stripParticles = (w: string) => w.replace(RE_PARTICLE_PREFIX, '');

function initials(name: string): string {
  return name
    .split(RE_SPACES_OR_HYPHENS)
    .filter((w) => RE_UPPER_START.test(w))
    .map((w) => w.charAt(0))
    .join('');
}

/** Whether the document's published date falls in a KB role's bounds (or the date is unknown). */
function roleHolds(r: { from?: string | null; to?: string | null }, date: string | null): boolean {
  if (!date) return !r.to;
  const d = date.slice(0, 10);
  return (!r.from || r.from <= d) && (!r.to || d <= r.to || d.startsWith(r.to));
}

export function runActors(doc: Doc, res: ActorsResources): void {
  const c = lexCache(res);
  const { kb } = res;
  const toks = doc.tokens;
  const cands = findNames(doc, res);
  const published = doc.article.published;
  const covered = new Int32Array(toks.length).fill(-1);
  cands.forEach((cd, i) => {
    for (let k = cd.tStart; k < cd.tEnd; k++) covered[k] = i;
  });

  const extra: NameCandidate[] = [];
  for (let ci = 0; ci < cands.length; ci++) {
    const cd = cands[ci]!;
    // A capital acting as its government: "Ankara agreed", "Ankara stops providing".
    if (cd.kb?.place) {
      const country = kb.capitals.get(normName(cd.kb.name));
      const prev = toks[cd.tStart - 1];
      const next = toks[cd.tEnd];
      const afterPrep = prev && (c.loc.has(prev.lower) || prev.lower === 'the');
      if (country && !afterPrep && next && c.verbs.has(next.lower)) {
        cd.forceKb = country;
        cd.type = 'GPE';
      }
    }
    // Possessive + government/forces noun: "Serraj's government" → GNA, "Haftar's forces" → LNA.
    const p1 = toks[cd.tEnd];
    const p2 = toks[cd.tEnd + 1];
    if (p1 && p2 && POSS.has(p1.text) && (c.gov.has(p2.lower) || c.force.has(p2.lower)) && covered[p2.i]! < 0) {
      const ekb = cd.forceKb ?? cd.kb;
      let led = ekb ? kb.ledBy.get(ekb.id) : undefined;
      if (!led && ekb?.type === 'PERSON') {
        // Organisations the person holds a role in at the article's date ("commander" of a group).
        led = kbRoles(ekb)
          .filter((r) => r.of && !r.of.startsWith('country:') && roleHolds(r, published))
          .map((r) => kb.entries.get(r.of!))
          .filter((o): o is KbEntry => !!o && (o.type === 'GROUP' || o.type === 'ORG'));
        if (!led.length) led = undefined;
      }
      const pick = led?.find((o) => (c.gov.has(p2.lower) ? o.type === 'ORG' : o.type === 'GROUP')) ?? led?.[0];
      if (pick) {
        extra.push({ tStart: cd.tStart, tEnd: p2.i + 1, ner: 'ORG', kb: pick, kind: 'nominal', type: pick.type, roles: [] });
      } else if (ekb && ekb.type === 'GPE' && !ekb.place) {
        extra.push({ tStart: cd.tStart, tEnd: p2.i + 1, ner: 'LOC', kb: ekb, kind: 'nominal', type: 'GPE', roles: [] });
      } else if (cd.type === 'PERSON' && c.force.has(p2.lower)) {
        extra.push({ tStart: cd.tStart, tEnd: p2.i + 1, ner: 'ORG', kb: null, kind: 'nominal', type: 'GROUP', roles: [], possessor: ci });
      }
    }
  }
  // Demonyms that stand for their country: before a government/forces noun or a title.
  const nd = norms(doc);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i]! >= 0 && cands[covered[i]!]!.kind !== 'demonym') continue;
    if (!isCap(t)) continue;
    const country = kb.demonyms.get(nd[i]!);
    if (!country) continue;
    let j = i + 1;
    // "Syrian and Turkish mercenaries"
    while (toks[j] && (toks[j]!.lower === 'and' || toks[j]!.lower === ',' || kb.demonyms.has(norms(doc)[j]!))) j++;
    const n = toks[j];
    if (!n) continue;
    const isTitle = titleStartingAt(doc, c, j, Math.min(toks.length, j + c.titleMax)) > 0;
    if (c.gov.has(n.lower) || c.force.has(n.lower) || isTitle) {
      const existing = covered[i]! >= 0 ? cands[covered[i]!] : undefined;
      if (existing) {
        existing.kb = country;
        existing.type = 'GPE';
      } else extra.push({ tStart: i, tEnd: i + 1, ner: 'MISC', kb: country, kind: 'demonym', type: 'GPE', roles: [] });
    }
  }
  // Roles: titles before a person ("Libyan Field Marshal and rebel leader Khalifa Haftar").
  for (const cd of cands) {
    if (cd.type !== 'PERSON') continue;
    const sLo = doc.sentences[toks[cd.tStart]!.sentence]?.tokenStart ?? 0;
    let j = cd.tStart - 1;
    const found: string[] = [];
    while (j >= sLo) {
      const ts = titleEndingAt(doc, c, j, sLo);
      if (ts < 0) break;
      let start = ts;
      // An organisation before the title belongs to it ("UN mediator"); a demonym does not.
      const before = covered[ts - 1] !== undefined && covered[ts - 1]! >= 0 ? cands[covered[ts - 1]!]! : null;
      if (before && before.kind === 'acronym' && before.type === 'ORG') start = before.tStart;
      found.unshift(doc.text.slice(toks[start]!.start, toks[j]!.end));
      j = start - 1;
      if (before && before.kind !== 'acronym') j = before.tStart - 1;
      else if (toks[j] && kb.demonyms.has(norms(doc)[j]!)) j--;
      if (toks[j] && (toks[j]!.lower === 'and' || toks[j]!.text === ',')) j--;
    }
    const honorific = /^(mr|mrs|ms|dr|prof)\.?$/i;
    cd.roles.unshift(...found.filter((r) => !honorific.test(r) && !cd.roles.includes(r)));
    // Apposition: "Khalifa Haftar, the rebel leader, …"
    const comma = toks[cd.tEnd];
    if (comma?.text === ',') {
      let k = cd.tEnd + 1;
      if (toks[k] && RE_ARTICLE.test(toks[k]!.text)) k++;
      const st = k;
      while (toks[k] && k - st < 6 && toks[k]!.kind === 'word' && toks[k]!.sentence === comma.sentence) k++;
      const endTok = toks[k];
      if (k > st && endTok && (endTok.text === ',' || endTok.text === '.')) {
        const te = titleEndingAt(doc, c, k - 1, st);
        if (te >= 0) cd.roles.push(doc.text.slice(toks[st]!.start, toks[k - 1]!.end));
      }
    }
    cd.roles = cd.roles.filter((r) => !honorific.test(r));
  }

  const all = [...cands.filter((x) => x.ner !== 'MISC' || x.kb), ...extra].sort((p, q) => p.tStart - q.tStart || q.tEnd - p.tEnd);
  // Drop candidates nested in a longer extra (e.g. "Serraj" inside "Serraj's government" stays: different span).
  const clusters: Cluster[] = [];
  const byKb = new Map<string, Cluster>();
  const clusterOf = new Map<NameCandidate, Cluster>();
  const mention = (cd: NameCandidate, cl: Cluster): MentionRef => {
    const s = toks[cd.tStart]!.start;
    const e = toks[cd.tEnd - 1]!.end;
    return { start: s, end: e, text: doc.text.slice(s, e), entity: '', type: cl.type, kind: cd.kind, tokenStart: cd.tStart, tokenEnd: cd.tEnd };
  };
  const newCluster = (cd: NameCandidate, e: KbEntry | null, name: string): Cluster => {
    const cl: Cluster = {
      kb: e, type: e ? e.type : cd.type, names: [name], normNames: new Set([normName(name)]), tokens: new Set(), mentions: [], roles: [],
      acronym: '', outlet: !!e?.outlet, place: !!e?.place, first: toks[cd.tStart]!.start,
    };
    clusters.push(cl);
    if (e) byKb.set(e.id, cl);
    return cl;
  };
  const addName = (cl: Cluster, name: string) => {
    for (const w of name.split(RE_SPACES)) {
      const n = normName(stripParticles(w));
      if (n && !c.particles.has(n)) cl.tokens.add(n);
    }
    if (!isAcronym(name) && name.split(RE_SPACES).length > 1) cl.acronym = cl.acronym || initials(name);
  };
  for (const cd of all) {
    const text = doc.text.slice(toks[cd.tStart]!.start, toks[cd.tEnd - 1]!.end);
    const e = cd.forceKb ?? cd.kb;
    let cl: Cluster | undefined;
    if (e) {
      cl = byKb.get(e.id);
      if (!cl) {
        // A name seen before without a KB link (an earlier surname) joins this entry.
        const keys = aliasKeys(e);
        cl = clusters.find((k) => !k.kb && k.type === e.type && [...k.normNames].some((n) => keys.has(n)));
        if (cl) {
          cl.kb = e;
          byKb.set(e.id, cl);
        }
      }
      cl ??= newCluster(cd, e, e.name);
      if (cd.kind === 'name' || cd.kind === 'acronym') addName(cl, e.name);
    } else if (cd.possessor !== undefined && cd.possessor >= 0) {
      const owner = clusterOf.get(cands[cd.possessor]!);
      const key = 'poss:' + (owner?.kb?.id ?? owner?.names[0] ?? text);
      cl = byKb.get(key);
      if (!cl) {
        cl = newCluster(cd, null, text);
        byKb.set(key, cl);
      }
    } else {
      const words = text.split(RE_SPACES).map((w) => normName(stripParticles(w))).filter((w) => w && !c.particles.has(w));
      const acr = isAcronym(text) ? text.replace(RE_DOTS, '') : '';
      const normText = normName(text);
      cl = clusters.find((k) => !k.outlet && (
        (acr && k.acronym === acr) ||
        // The same string as another kind of thing is another entity (the city Leicester, the club Leicester).
        (k.normNames.has(normText) && CONLL_OF[k.type] === CONLL_OF[cd.type]) ||
        ((cd.type === 'PERSON' || (words.length === 1 && CONLL_OF[cd.type] !== 'LOC')) && k.type === 'PERSON' && words.length > 0 && words.every((w) => k.tokens.has(w))) ||
        (cd.type === 'PERSON' && k.type === 'PERSON' && words.length === 1 && words[0]!.length >= 5 && [...k.tokens].some((t) => t.length >= 5 && editDistance(t, words[0]!, 1) <= 1))
      ));
      if (!cl && cd.possessor === -2) {
        // Misspelt title + unknown name: join a person cluster by the last word.
        const last = normName(text.split(RE_SPACES).pop()!);
        cl = clusters.find((k) => k.type === 'PERSON' && k.tokens.has(last));
      }
      cl ??= newCluster(cd, null, text);
      if (!acr) addName(cl, text);
    }
    if (!cl.names.includes(text) && cd.kind === 'name') {
      cl.names.push(text);
      cl.normNames.add(normName(text));
    }
    cl.roles.push(...cd.roles.filter((r) => !cl!.roles.includes(r)));
    cl.mentions.push(mention(cd, cl));
    clusterOf.set(cd, cl);
  }

  // Entities in order of first mention.
  const used = clusters.filter((k) => k.mentions.length > 0 && k.type !== 'OTHER');
  const firstAt = new Map<Cluster, number>();
  for (const k of used) {
    let m0 = Infinity;
    for (const m of k.mentions) if (m.start < m0) m0 = m.start;
    firstAt.set(k, m0);
  }
  used.sort((a, b) => firstAt.get(a)! - firstAt.get(b)!);
  const entities: Entity[] = [];
  const mentions: MentionRef[] = [];
  const meta = new Map<string, Cluster>();
  used.forEach((cl, i) => {
    const id = `E${i + 1}`;
    meta.set(id, cl);
    const ms = cl.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    const seen = new Set<string>();
    const spans = [];
    for (const m of ms) {
      const k = `${m.start}:${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      m.entity = id;
      m.type = cl.kb?.type ?? cl.type;
      mentions.push(m);
      spans.push({ start: m.start, end: m.end, text: m.text });
    }
    let name = cl.kb?.name ?? longestName(cl);
    if (!cl.kb && cl.type === 'PERSON') name = name.replace(RE_FIRST_WORD, (w) => (nearTitle(c, normName(w.trim())) >= 0 ? '' : w));
    // Roles are what this article says (titles, appositions); the KB's dated roles are facts kept in the KB.
    const roles = [...cl.roles];
    entities.push({ id, name, type: cl.kb?.type ?? cl.type, kb: cl.kb && !cl.kb.id.startsWith('poss:') ? cl.kb.id : null, country: cl.kb?.country ?? null, roles, mentions: spans });
  });
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  doc.entities = entities;
  doc.mentions = mentions;
  doc.services.resolve = makeResolver(doc, res, mentions, meta);
}

/** An entry's name then aliases, normalised, with their word counts (kept while its alias list is unchanged). */
const NAME_KEYS = new WeakMap<KbEntry, { n: number; keys: string[]; words: number[] }>();
function nameKeys(e: KbEntry): { n: number; keys: string[]; words: number[] } {
  const x = NAME_KEYS.get(e);
  if (x && x.n === e.aliases.length) return x;
  const keys = [e.name, ...e.aliases].map(normName);
  const y = { n: e.aliases.length, keys, words: keys.map((k) => k.split(' ').length) };
  NAME_KEYS.set(e, y);
  return y;
}

/** An entry's name and aliases, normalised (kept while its alias list is unchanged). */
const ALIAS_KEYS = new WeakMap<KbEntry, { n: number; keys: Set<string> }>();
function aliasKeys(e: KbEntry): Set<string> {
  const x = ALIAS_KEYS.get(e);
  if (x && x.n === e.aliases.length) return x.keys;
  const keys = new Set([...e.aliases.map(normName), normName(e.name)]);
  ALIAS_KEYS.set(e, { n: e.aliases.length, keys });
  return keys;
}

function longestName(cl: Cluster): string {
  const full = cl.names.filter((n) => !isAcronym(n));
  const pool = full.length ? full : cl.names;
  return pool.reduce((a, b) => (b.split(RE_SPACES).length > a.split(RE_SPACES).length ? b : a), pool[0]!);
}
