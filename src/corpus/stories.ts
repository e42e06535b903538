/**
 * Incremental story clustering. Each analysis is added as it arrives; it joins the
 * story of its most similar earlier article (cosine of tf-idf vectors over salient
 * words, proper-name phrases, entities, places and event types, with a penalty that
 * grows with the gap in days) when that similarity reaches a threshold, else it
 * starts a new story. Candidates come from an inverted index over the article's rarer
 * features, scanned back a bounded number of entries, so the cost of an `add` does not
 * grow with the corpus. Near-duplicates (MinHash/LSH) join their original's story and
 * are listed as copies, not counted as new reports.
 *
 * Under the pair model (data/corpus/story-model.json) the join is decided by P(same story) of the article and each
 * candidate, from pair features (PAIR_FEATURES) that also compare the article with the candidate's whole story:
 * the identity features (surnames, ages, aged names, streets) of all its reports, kept per story as they arrive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../types.js';
import { DATA_DIR } from '../resources.js';
import { DuplicateIndex, type DuplicateIndexJSON, type DuplicateOptions } from './minhash.js';
import { dayNumber, fnv1a, namePhrases, outletOf, words } from './text.js';

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const INITIAL = /^\p{L}\.?$/u;
const NON_LETTERS = /[^\p{L}]+/gu;

const SEGMENT_RE = /\n+|(?<=[.!?])\s+(?=\p{Lu})/u;

export interface StoryOptions {
  /** Similarity (after the date penalty) at or above which an article joins a story. */
  threshold: number;
  /** Articles further apart than this many days are never compared. */
  windowDays: number;
  /** Similarity taken off per doubling of the gap in weeks: penalty = gapPenalty × log2(1 + days / 7). */
  gapPenalty: number;
  /** The gap penalty stops growing after this many doublings (log2(1 + days / 7)). */
  gapCap: number;
  /** Shared features found in at most `rareDf` articles are strong evidence of one story (names of victims, streets). */
  rareDf: number;
  /** Rareness means nothing in a small corpus: the bonus applies only once this many articles are indexed. */
  rareMinDocs: number;
  /** Similarity added per shared rare feature, at most `rareCap` counted. */
  rareBonus: number;
  rareCap: number;
  /** Weight of the closest article in a story's score; the rest goes to the mean over its `linkRecent` latest articles. */
  linkAlpha: number;
  linkRecent: number;
  /** An article with fewer features than this (an empty page, a bare title) starts its own story unless it is a copy. */
  minFeatures: number;
  /** Share of the similarity given to the cosine on the shorter article's features (scaled by how short it is). */
  shortBlend: number;
  /** Unseen articles assumed beside the corpus in the idf (log((N + prior + 1) / (df + 0.5))): a small corpus does not call its shared words common. */
  idfPrior: number;
  /** Salient features kept per article (top tf-idf). */
  maxFeatures: number;
  /** Features in more than this share of articles are not used to find candidates (they still count in the similarity). */
  maxDfShare: number;
  /** Postings scanned per feature, newest first. */
  maxScan: number;
  /** Candidates whose full similarity is computed. */
  maxCandidates: number;
  /** A line or sentence already seen in this many earlier articles is boilerplate and left out. */
  boilerplateAfter: number;
  /** Weights of the feature families. */
  weights: { title: number; word: number; name: number; entity: number; place: number; eventType: number; date: number };
  /**
   * The pair model: P(same story) = sigmoid(bias + Σ weights[i] × pairFeatures[i]) for the feature names in
   * PAIR_FEATURES, fitted on the GVA dev slice (data/corpus/story-model.json, `STORIES_FIT=1 npm run bench:stories`).
   * An article joins the story of its likeliest earlier article when P reaches the model's threshold. null: the older rule
   * (tf-idf cosine + rare bonus − date-gap penalty ≥ threshold).
   */
  model: StoryModel | null;
  /** Called with every candidate pair scored (article id, earlier article id, pair features): for fitting the model. Not saved. */
  trace?: ((id: string, other: string, features: number[]) => void) | undefined;
  /** A surname shared by more articles than this is not counted as shared evidence (nameShared). */
  nameDf: number;
  /** Words left out of the salient terms (data/corpus/stopwords.txt via loadCorpusResources). */
  stopwords: ReadonlySet<string>;
  duplicates: Partial<DuplicateOptions>;
}

export interface StoryModel {
  features: string[];
  weights: number[];
  bias: number;
  /** P(same story) at or above which an article joins a story. */
  threshold: number;
  /** Replaces StoryOptions.linkAlpha under this model. */
  linkAlpha?: number;
}

/** Names of the pair features, in the order pairFeatures returns them (see pairFeatures for each). */
export const PAIR_FEATURES = [
  'cos', 'rare', 'nameShared', 'nameConflict', 'streetShared', 'streetConflict', 'ageShared', 'ageConflict',
  'dayShared', 'dayNear', 'dayConflict', 'gap', 'figShared', 'figConflict', 'cityShared', 'cityConflict',
  'titleCos', 'nameOverlap', 'streetOverlap', 'ageOverlap', 'gapWeek', 'gapMonth', 'short',
  'victimShared', 'victimConflict', 'dayDiff',
  'pastDayShared', 'clNameShared', 'clAgeConflict', 'clVictimConflict', 'clStreetConflict',
] as const;

interface IdentityData {
  /** Street-type words and their canonical abbreviations ("avenue" → "ave"). */
  streetTypes: Record<string, string>;
  /** Words that end a person's name but are not a surname ("jr", "iii"). */
  nameSuffixes: string[];
  model: StoryModel;
}

/** data/corpus/story-model.json: the fitted pair model and the word lists the identity features use. */
function loadIdentityData(): IdentityData {
  const path = join(DATA_DIR, 'corpus', 'story-model.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as IdentityData;
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message} (the story clustering's pair model)`);
  }
}
const IDENTITY = loadIdentityData();
const STREET_TYPES = new Map(Object.entries(IDENTITY.streetTypes).map(([k, v]) => [k.toLowerCase(), v]));
const NAME_SUFFIXES = new Set(IDENTITY.nameSuffixes.map((w) => w.toLowerCase()));
const STREET_RE = new RegExp(
  String.raw`\b((?:\d{1,3}(?:st|nd|rd|th)|(?:[NSEW]\.?\s|North\s|South\s|East\s|West\s)?\p{Lu}[\p{L}'’]+(?:\s\p{Lu}[\p{L}'’]+){0,2}))\s(` +
    Object.keys(IDENTITY.streetTypes).sort((a, b) => b.length - a.length).map((w) => w.replace(/\./g, '\\.')).join('|') +
    String.raw`)\b\.?`,
  'gu',
);

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  model: { ...IDENTITY.model, features: [...IDENTITY.model.features], weights: [...IDENTITY.model.weights] },
  threshold: 0.05,
  nameDf: 30,
  windowDays: 800,
  gapPenalty: 0.18,
  gapCap: 3,
  rareDf: 3,
  rareBonus: 0.08,
  rareCap: 5,
  rareMinDocs: 200,
  linkAlpha: 0.5,
  linkRecent: 10,
  minFeatures: 5,
  shortBlend: 0,
  idfPrior: 300,
  maxFeatures: 48,
  maxDfShare: 0.05,
  maxScan: 400,
  maxCandidates: 16,
  boilerplateAfter: 2,
  weights: { title: 2, word: 1, name: 1.5, entity: 2, place: 1.5, eventType: 0.5, date: 1 },
  stopwords: new Set(),
  duplicates: {},
};

export interface Story {
  id: string;
  /** Title of the story's earliest article that has one (else the start of its text). */
  title: string;
  /** Earliest and latest publication dates (ISO, as given), null when no article is dated. */
  first: string | null;
  last: string | null;
  /** Article ids, originals only, in the order they were added. */
  articles: string[];
  /** Near-duplicate copies: article id → the original it copies. */
  duplicates: Record<string, string>;
  /** Outlets (sources or URL hosts) of every article, copies included, sorted. */
  outlets: string[];
}

export interface AddResult {
  clusterId: string;
  /** The original this article copies, or null. */
  duplicateOf: string | null;
  /** Similarity with the closest earlier article of the story (1 for a copy, 0 for a new story). */
  score: number;
  isNew: boolean;
}

interface Doc {
  id: string;
  day: number | null;
  cluster: number;
  feats: Int32Array;
  tfs: Float32Array;
  /** Identity features (vocabulary ids, sorted): surnames, streets, ages, cities. */
  ident: Int32Array;
  /** Days (day numbers) the article's shooting/attack happened on, as resolved from its text. */
  days: Int32Array;
  /** Earlier days named (StoryIdentity.past). */
  past: Int32Array;
  /** Killed and wounded counts (largest non-cumulative figure), -1 when none. */
  killed: number;
  injured: number;
  /** The headline's words (vocabulary ids of their 'w:' features, sorted). */
  title: Int32Array;
}

interface Cluster {
  id: string;
  title: string;
  titleDay: number | null;
  titled: boolean;
  first: string | null;
  firstDay: number | null;
  last: string | null;
  lastDay: number | null;
  articles: string[];
  duplicates: Record<string, string>;
  outlets: string[];
}

export interface StoryIndexJSON {
  version: 1;
  options: Omit<StoryOptions, 'stopwords'> & { stopwords: string[] };
  vocab: string[];
  df: number[];
  docs: { id: string; day: number | null; cluster: number; feats: number[]; tfs: number[]; ident?: number[]; days?: number[]; past?: number[]; killed?: number; injured?: number; title?: number[]}[];
  clusters: Cluster[];
  articleCluster: Record<string, number>;
  /** Hashes of the lines/sentences seen so far, with how many articles had each (boilerplate detection). */
  segments: [number, number][];
  duplicates: DuplicateIndexJSON;
}

/** The features of an analysis with their weighted term frequencies. */
export function storyFeatures(a: Analysis, opt: Pick<StoryOptions, 'weights' | 'stopwords'>, body: string = a.article.text): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, w: number) => f.set(k, (f.get(k) ?? 0) + w);
  const W = opt.weights;
  const keep = (w: string) => w.length > 1 && !opt.stopwords.has(w) && !/^\d{1,2}$/.test(w);
  const title = cleanTitle(a.article.title ?? '');
  for (const w of words(title)) if (keep(w)) add('w:' + w, W.title);
  for (const w of words(body)) if (keep(w)) add('w:' + w, W.word);
  for (const p of namePhrases(title, opt.stopwords)) add('n:' + p, W.name * W.title);
  for (const p of namePhrases(body, opt.stopwords)) add('n:' + p, W.name);
  for (const e of a.entities) {
    if (e.type === 'GPE' || e.type === 'LOC') continue; // places are counted below
    add('e:' + (e.kb ?? e.name.toLowerCase()), W.entity * Math.max(1, e.mentions.length));
  }
  for (const p of a.places) add('p:' + (p.place.geonameid ?? p.place.name.toLowerCase()), W.place);
  for (const ev of a.events) add('t:' + ev.type, W.eventType);
  // calendar days the article speaks of (the incident's day is shared by its reports)
  if (W.date > 0) for (const t of a.times) if (t.type === 'DATE' && t.value && /^\d{4}-\d{2}-\d{2}$/.test(t.value)) add('d:' + t.value, W.date);
  return f;
}

/** What identifies the incident an article reports: names, streets, ages, cities (as prefixed keys), the days it happened, its counts. */
export interface StoryIdentity {
  /** 'v:' surname, 's:' street, 'a:' age, 'c:' city (geonames id), 'x:' surname of someone given an age ("John Smith, 23,": a victim or suspect), 'g:' a city and an age both named ('g:<geonameid>/<age>'). */
  keys: string[];
  days: number[];
  /** Earlier days the article names (8 to 400 days before it was published): a follow-up's "the Sept. 28 shooting". */
  past: number[];
  killed: number;
  injured: number;
}

const DAY_RE = /^(\d{4}-\d{2}-\d{2})/;
const NAME_PART = String.raw`\p{Lu}[\p{Ll}'’-]+`;
/** "Name Surname, 23," and "23-year-old Name Surname": a person given an age (the surname is group 1). */
const AGED_NAME_RES = [
  new RegExp(String.raw`\b${NAME_PART}(?:\s(?:\p{Lu}\.|${NAME_PART}))*\s(${NAME_PART})(?:,?\s(?:Jr|Sr|II|III|IV)\.?)?,\s(?:age\s)?\d{1,2},`, 'gu'),
  new RegExp(String.raw`\b\d{1,2}-year-old\s(?:\p{Ll}+,?\s){0,2}${NAME_PART}(?:\s(?:\p{Lu}\.|${NAME_PART}))*\s(${NAME_PART})`, 'gu'),
];
const AGE_RES = [/\b(\d{1,2})[- ]years?[- ]old\b/giu, /\b\p{Lu}[\p{L}'’-]+,\s(\d{1,2}),/gu, /\b(?:aged?|ages)\s(\d{1,2})\b/giu];

/** A street name in a canonical form ("W. Main Street" → "w main st"), or null when it is not one. */
export function normStreet(name: string, type: string, stop: ReadonlySet<string>): string | null {
  const t = STREET_TYPES.get(type.toLowerCase());
  if (!t) return null;
  const toks = words(name);
  while (toks.length && stop.has(toks[0]!) && toks.length > 1) toks.shift();
  if (!toks.length || (toks.length === 1 && stop.has(toks[0]!))) return null;
  const dir: Record<string, string> = { north: 'n', south: 's', east: 'e', west: 'w', 'n.': 'n', 's.': 's', 'e.': 'e', 'w.': 'w' };
  return [...toks.map((w) => dir[w] ?? w.replace(/\.$/, '')), t].join(' ');
}

/** The identity of the incident an article reports (see StoryIdentity). `body` is the text without boilerplate. */
export function storyIdentity(a: Analysis, stop: ReadonlySet<string>, body: string = a.article.text): StoryIdentity {
  const keys = new Set<string>();
  const text = a.article.text;
  for (const e of a.entities) {
    if (e.type !== 'PERSON') continue;
    const toks = words(e.name).filter((w) => !INITIAL.test(w));
    while (toks.length && NAME_SUFFIXES.has(toks[toks.length - 1]!.replace(/\.$/, ''))) toks.pop();
    if (toks.length < 2) continue;
    const last = toks[toks.length - 1]!;
    if (last.length < 3 || stop.has(last) || STREET_TYPES.has(last) || /\d/.test(last)) continue;
    // a byline ("By Jessica Heffner") names the reporter, not someone in the story
    const m = e.mentions[0];
    if (m && /\bby\s*$/i.test(text.slice(Math.max(0, m.start - 6), m.start))) continue;
    keys.add('v:' + last);
  }
  for (const m of body.matchAll(STREET_RE)) {
    const st = normStreet(m[1]!, m[2]!, stop);
    if (st) keys.add('s:' + st);
  }
  for (const re of AGED_NAME_RES) for (const m of body.matchAll(re)) {
    const last = m[1]!.toLowerCase().replace(/['’]s$/, '');
    if (last.length >= 3 && !stop.has(last) && !STREET_TYPES.has(last)) keys.add('x:' + last);
  }
  for (const re of AGE_RES) for (const m of body.matchAll(re)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= 99) keys.add('a:' + n);
  }
  for (const p of a.places) if (p.place.precision === 'city' && p.place.geonameid) keys.add('c:' + p.place.geonameid);
  // a city and an age together ("Dallas", "9-year-old") name a victim well enough to find the other reports
  const cityKeys = [...keys].filter((k) => k.startsWith('c:'));
  const ageKeys = [...keys].filter((k) => k.startsWith('a:'));
  for (const c of cityKeys) for (const g of ageKeys) keys.add('g:' + c.slice(2) + '/' + g.slice(2));
  const pub = dayNumber(a.article.published);
  const inWindow = (d: number | null): d is number => d !== null && (pub === null || (d <= pub + 1 && d >= pub - 45));
  const days = new Set<number>();
  for (const ev of a.events) {
    if (ev.type !== 'ASSAULT' || !ev.date?.value) continue;
    const m = DAY_RE.exec(ev.date.value);
    const d = m ? dayNumber(m[1]) : null;
    if (inWindow(d)) days.add(d);
  }
  const past = new Set<number>();
  if (pub !== null) for (const t of a.times) {
    if (t.type !== 'DATE' || !t.value) continue;
    const m = DAY_RE.exec(t.value);
    const d = m ? dayNumber(m[1]) : null;
    if (d !== null && d <= pub - 8 && d >= pub - 400) past.add(d);
  }
  if (!days.size) for (const t of a.times) {
    if ((t.type !== 'DATE' && t.type !== 'TIME') || !t.value) continue;
    const m = DAY_RE.exec(t.value);
    const d = m ? dayNumber(m[1]) : null;
    if (inWindow(d)) days.add(d);
  }
  let killed = -1;
  let injured = -1;
  for (const f of a.figures) {
    if (f.cumulative) continue;
    if (f.value > 999) continue;
    if (f.kind === 'killed') killed = Math.max(killed, f.value);
    else if (f.kind === 'wounded') injured = Math.max(injured, f.value);
  }
  return { keys: [...keys], days: [...days].sort((x, y) => x - y), past: [...past].sort((x, y) => x - y), killed, injured };
}

/** A headline without the outlet name many sites append ("… - KSLA News 12", "… | WRAL.com"). */
export function cleanTitle(title: string): string {
  const parts = title.split(/\s+(?:[-|–—«»]|::)\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  return last.split(/\s+/).length <= 6 ? parts.slice(0, -1).join(' ') : title;
}

/** Feature families that may count as rare evidence: words, names, entities, places (not dates or event types). */
const RARE_PREFIX = /^[wnep]:/;
const TITLE_SEP_RE = /\s+(?:[-|–—«»]|::)\s+/;
/** Kinds of identity features by prefix (0: not one). */
const IDENT_KIND: Record<string, number> = { v: 1, s: 2, a: 3, c: 4, x: 5, g: 6 };
/** Identity kinds that find candidates (surnames, streets, aged surnames, city × age; not ages or cities alone). */
const POSTED_KIND = [false, true, true, false, false, true, true];
const KIND_COUNT = POSTED_KIND.length;
const identKind = (k: string) => (k[1] === ':' ? IDENT_KIND[k[0]!] ?? 0 : 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** Whether `q` names, as an earlier day, the day `d`'s incident happened (or `d`'s publication day or the day before). */
function pastDay(q: Doc, d: Doc): boolean {
  if (!q.past.length) return false;
  for (const x of q.past) {
    if (d.day !== null && (x === d.day || x === d.day - 1)) return true;
    for (const y of d.days) if (x === y) return true;
  }
  return false;
}

/** Incremental story clusters over analyses, with near-duplicate folding. */
export class StoryIndex {
  readonly options: StoryOptions;
  private vocab = new Map<string, number>();
  private vocabList: string[] = [];
  private df: number[] = [];
  private rareOk: number[] = [];
  private kind: number[] = [];
  private nDocs = 0;
  private docs: Doc[] = [];
  private postings: number[][] = [];
  private clusters: Cluster[] = [];
  /** Per story, the indexes of its (non-copy) documents. */
  private clusterDocs: number[][] = [];
  /** Per story, the identity features (vocabulary ids) of all its documents, and how many of each kind. */
  private clusterIdent: Set<number>[] = [];
  private clusterKinds: Int32Array[] = [];
  private articleCluster = new Map<string, number>();
  private dups: DuplicateIndex;
  private segments = new Map<number, number>();

  constructor(options: Partial<StoryOptions> = {}) {
    this.options = { ...DEFAULT_STORY_OPTIONS, ...options, weights: { ...DEFAULT_STORY_OPTIONS.weights, ...options.weights } };
    this.dups = new DuplicateIndex(this.options.duplicates);
  }

  get size(): number {
    return this.articleCluster.size;
  }

  /**
   * The text without its boilerplate: segments (lines, sentences) already seen in
   * `boilerplateAfter` earlier articles (paywall and sign-up notices, station footers).
   * Every segment of the article is counted for the articles that follow.
   */
  stripBoilerplate(text: string): string {
    const kept: string[] = [];
    const seen = new Set<number>();
    for (const seg of text.split(SEGMENT_RE)) {
      const norm = seg.toLowerCase().replace(NON_LETTERS, ' ').trim();
      if (norm.length < 12) {
        kept.push(seg);
        continue;
      }
      const h = fnv1a(norm);
      if (seen.has(h)) continue;
      seen.add(h);
      const n = this.segments.get(h) ?? 0;
      if (n < this.options.boilerplateAfter) kept.push(seg);
      this.segments.set(h, n + 1);
    }
    return kept.join('\n');
  }

  /**
   * The headline without the parts (split at " - ", " | " …) already seen in `boilerplateAfter` earlier headlines:
   * an outlet's name and slogan ("KSLA News 12 Shreveport, Louisiana News Weather & Sports"). The first part stays.
   */
  stripTitleBoilerplate(title: string): string {
    const parts = title.split(TITLE_SEP_RE);
    if (parts.length < 2) return title;
    const kept: string[] = [];
    parts.forEach((part, i) => {
      const norm = part.toLowerCase().replace(NON_LETTERS, ' ').trim();
      if (!norm) return;
      const h = fnv1a('title|' + norm);
      const n = this.segments.get(h) ?? 0;
      this.segments.set(h, n + 1);
      if (i === 0 || n < this.options.boilerplateAfter) kept.push(part);
    });
    return kept.join(' - ');
  }

  private idf(fid: number): number {
    return Math.log((this.nDocs + this.options.idfPrior + 1) / ((this.df[fid] ?? 0) + 0.5));
  }

  private featureId(k: string, create: boolean): number {
    let id = this.vocab.get(k);
    if (id === undefined && create) {
      id = this.vocabList.length;
      this.vocab.set(k, id);
      this.vocabList.push(k);
      this.df.push(0);
      this.postings.push([]);
      this.rareOk.push(RARE_PREFIX.test(k) ? 1 : 0);
      this.kind.push(identKind(k));
    }
    return id ?? -1;
  }

  /** Adds an analysis and returns its story. An article id seen before returns its story unchanged. */
  add(a: Analysis): AddResult {
    const art = a.article;
    const known = this.articleCluster.get(art.id);
    if (known !== undefined) return { clusterId: this.clusters[known]!.id, duplicateOf: this.clusters[known]!.duplicates[art.id] ?? null, score: 1, isNew: false };
    const day = dayNumber(art.published);
    const outlet = outletOf(art);

    const dup = this.dups.add(art.id, art.text, art.title);
    if (dup) {
      const c = this.articleCluster.get(dup.duplicateOf);
      if (c !== undefined) {
        const cl = this.clusters[c]!;
        cl.duplicates[art.id] = dup.duplicateOf;
        this.touch(cl, art.published, day, outlet, art.title);
        this.articleCluster.set(art.id, c);
        return { clusterId: cl.id, duplicateOf: dup.duplicateOf, score: dup.similarity, isNew: false };
      }
    }

    // features, weighted with the document frequencies so far (this article included)
    const body = this.stripBoilerplate(art.text);
    const title = this.options.model && art.title ? this.stripTitleBoilerplate(art.title) : art.title;
    const raw = storyFeatures(title === art.title ? a : { ...a, article: { ...art, title } }, this.options, body);
    const idn = this.options.model ? storyIdentity(a, this.options.stopwords, body) : { keys: [], days: [], past: [], killed: -1, injured: -1 };
    const identIds = new Set<number>();
    for (const k of idn.keys) {
      const fid = this.featureId(k, true);
      if (!raw.has(k)) this.df[fid]!++;
      identIds.add(fid);
    }
    const ids: number[] = [];
    const tfs: number[] = [];
    for (const [k, tf] of raw) {
      const fid = this.featureId(k, true);
      this.df[fid]!++;
      ids.push(fid);
      tfs.push(1 + Math.log(tf));
    }
    const titleIds = new Set<number>();
    if (this.options.model) for (const w of words(cleanTitle(title ?? ''))) {
      const fid = this.vocab.get('w:' + w);
      if (fid !== undefined) titleIds.add(fid);
    }
    this.nDocs++;
    const order = ids.map((_, i) => i).sort((x, y) => tfs[y]! * this.idf(ids[y]!) - tfs[x]! * this.idf(ids[x]!) || ids[x]! - ids[y]!);
    const kept = order.slice(0, this.options.maxFeatures).sort((x, y) => ids[x]! - ids[y]!);
    const doc: Doc = {
      id: art.id,
      day,
      cluster: -1,
      feats: Int32Array.from(kept.map((i) => ids[i]!)),
      tfs: Float32Array.from(kept.map((i) => tfs[i]!)),
      ident: Int32Array.from([...identIds].sort((x, y) => x - y)),
      days: Int32Array.from(idn.days),
      past: Int32Array.from(idn.past),
      killed: idn.killed,
      injured: idn.injured,
      title: Int32Array.from([...titleIds].sort((x, y) => x - y)),
    };

    const { cluster: best, score } = this.bestCluster(doc);
    let c: number;
    let isNew = false;
    if (best >= 0 && score >= (this.options.model ? this.options.model.threshold : this.options.threshold)) c = best;
    else {
      c = this.clusters.length;
      isNew = true;
      this.clusters.push({
        id: 'S' + (c + 1), title: '', titleDay: null, titled: false, first: null, firstDay: null, last: null, lastDay: null,
        articles: [], duplicates: {}, outlets: [],
      });
      this.clusterDocs.push([]);
      this.clusterIdent.push(new Set());
      this.clusterKinds.push(new Int32Array(KIND_COUNT));
      if (!art.title) this.clusters[c]!.title = art.text.slice(0, 100).replace(/\s+/g, ' ').trim();
    }
    doc.cluster = c;
    const di = this.docs.length;
    this.docs.push(doc);
    this.clusterDocs[c]!.push(di);
    this.addClusterIdent(c, doc);
    for (const fid of doc.feats) this.postings[fid]!.push(di);
    for (const fid of doc.ident) if (POSTED_KIND[this.kind[fid]!] && !this.has(doc.feats, fid)) this.postings[fid]!.push(di);
    const cl = this.clusters[c]!;
    cl.articles.push(art.id);
    this.touch(cl, art.published, day, outlet, art.title);
    this.articleCluster.set(art.id, c);
    return { clusterId: cl.id, duplicateOf: null, score: isNew ? 0 : score, isNew };
  }

  private addClusterIdent(c: number, doc: Doc): void {
    const u = this.clusterIdent[c]!;
    const kinds = this.clusterKinds[c]!;
    for (const f of doc.ident) {
      if (u.has(f)) continue;
      u.add(f);
      kinds[this.kind[f]!]!++;
    }
  }

  private touch(cl: Cluster, published: string | null, day: number | null, outlet: string | null, title: string | null): void {
    if (outlet && !cl.outlets.includes(outlet)) {
      cl.outlets.push(outlet);
      cl.outlets.sort();
    }
    if (day !== null && published) {
      if (cl.firstDay === null || day < cl.firstDay) { cl.firstDay = day; cl.first = published; }
      if (cl.lastDay === null || day > cl.lastDay) { cl.lastDay = day; cl.last = published; }
    }
    if (title && (!cl.titled || (day !== null && (cl.titleDay === null || day < cl.titleDay)))) {
      cl.title = title;
      cl.titleDay = day;
      cl.titled = true;
    }
  }

  private norm(d: Doc): number {
    let s = 0;
    for (let i = 0; i < d.feats.length; i++) {
      const w = d.tfs[i]! * this.idf(d.feats[i]!);
      s += w * w;
    }
    return Math.sqrt(s);
  }

  /** Cosine of two documents' kept features under the current idf, and how many rare features they share. */
  private similarity(a: Doc, b: Doc): { cos: number; rare: number } {
    let i = 0;
    let j = 0;
    let dot = 0;
    let rare = 0;
    // squared weights of the shared features, on each side (for the cosine on the shorter side's features)
    let sa = 0;
    let sb = 0;
    while (i < a.feats.length && j < b.feats.length) {
      const fa = a.feats[i]!;
      const fb = b.feats[j]!;
      if (fa === fb) {
        const idf = this.idf(fa);
        const wa = a.tfs[i]! * idf;
        const wb = b.tfs[j]! * idf;
        dot += wa * wb;
        sa += wa * wa;
        sb += wb * wb;
        if (this.df[fa]! <= this.options.rareDf && this.rareOk[fa]) rare++;
        i++;
        j++;
      } else if (fa < fb) i++;
      else j++;
    }
    if (dot === 0) return { cos: 0, rare: 0 };
    const na = this.norm(a);
    const nb = this.norm(b);
    const cos = dot / (na * nb);
    const beta = this.options.shortBlend;
    if (beta <= 0) return { cos, rare };
    // a short article (a headline over an empty or paywalled page) is judged on its own features
    const sub = a.feats.length <= b.feats.length ? dot / (na * Math.sqrt(sb)) : dot / (nb * Math.sqrt(sa));
    const w = beta * Math.max(0, 1 - Math.min(a.feats.length, b.feats.length) / this.options.maxFeatures);
    return { cos: (1 - w) * cos + w * sub, rare };
  }

  private has(sorted: Int32Array, x: number): boolean {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      const v = sorted[m]!;
      if (v === x) return true;
      if (v < x) lo = m + 1;
      else hi = m - 1;
    }
    return false;
  }

  /** The pair features (PAIR_FEATURES, in order) of an article and an earlier one. */
  private pairFeatures(q: Doc, d: Doc): number[] {
    const o = this.options;
    const sim = this.similarity(q, d);
    const rare = this.nDocs >= o.rareMinDocs ? Math.min(o.rareCap, sim.rare) : 0;
    // identity features: shared, and present on each side, per kind (1 surname, 2 street, 3 age, 4 city, 5 aged surname, 6 city × age)
    const shared = [0, 0, 0, 0, 0, 0, 0];
    const inQ = [0, 0, 0, 0, 0, 0, 0];
    const inD = [0, 0, 0, 0, 0, 0, 0];
    for (const f of q.ident) inQ[this.kind[f]!]!++;
    for (const f of d.ident) inD[this.kind[f]!]!++;
    let i = 0;
    let j = 0;
    while (i < q.ident.length && j < d.ident.length) {
      const a = q.ident[i]!;
      const b = d.ident[j]!;
      if (a === b) {
        const k = this.kind[a]!;
        // a surname many articles share (a police chief's) says little
        if (k !== 1 || this.df[a]! <= o.nameDf) shared[k]!++;
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    const conflict = (k: number) => (inQ[k]! > 0 && inD[k]! > 0 && shared[k] === 0 ? 1 : 0);
    // the days the incident happened on
    let minDiff = Infinity;
    for (const x of q.days) for (const y of d.days) minDiff = Math.min(minDiff, Math.abs(x - y));
    const gap = q.day !== null && d.day !== null ? Math.log2(1 + Math.abs(q.day - d.day)) : 0;
    // the headlines' words, idf-weighted cosine
    let tDot = 0;
    let tq = 0;
    let td = 0;
    for (const f of q.title) {
      const w = this.idf(f) ** 2;
      tq += w;
      if (this.has(d.title, f)) tDot += w;
    }
    for (const f of d.title) td += this.idf(f) ** 2;
    const titleCos = tDot > 0 ? tDot / Math.sqrt(tq * td) : 0;
    const overlap = (k: number) => (inQ[k]! > 0 && inD[k]! > 0 ? shared[k]! / Math.min(inQ[k]!, inD[k]!) : 0);
    const days = q.day !== null && d.day !== null ? Math.abs(q.day - d.day) : 0;
    let figShared = 0;
    let figConflict = 0;
    for (const [x, y] of [[q.killed, d.killed], [q.injured, d.injured]] as const) {
      if (x < 0 || y < 0) continue;
      if (x === y) figShared++;
      else figConflict++;
    }
    return [
      sim.cos, rare,
      Math.min(2, shared[1]!), conflict(1),
      Math.min(2, shared[2]!), conflict(2),
      Math.min(2, shared[3]!), conflict(3),
      minDiff === 0 ? 1 : 0, minDiff === 1 ? 1 : 0, minDiff >= 2 && minDiff < Infinity ? 1 : 0,
      gap, figShared, figConflict,
      Math.min(2, shared[4]!), conflict(4),
      titleCos, overlap(1), overlap(2), overlap(3), days >= 7 ? 1 : 0, days >= 30 ? 1 : 0,
      1 - Math.min(q.feats.length, d.feats.length) / o.maxFeatures,
      Math.min(2, shared[5]!), conflict(5),
      minDiff < Infinity ? Math.log2(1 + minDiff) : 0,
      pastDay(q, d) || pastDay(d, q) ? 1 : 0,
      ...this.clusterFeatures(q, d.cluster),
    ];
  }

  /**
   * The article against everything the story of an earlier article says (its documents' identity features together):
   * surnames it shares with the story, and ages, aged names, streets it names where the story names others and none of its own.
   */
  private clusterFeatures(q: Doc, c: number): number[] {
    const u = this.clusterIdent[c];
    const kinds = this.clusterKinds[c];
    if (!u || !kinds) return [0, 0, 0, 0];
    const shared = [0, 0, 0, 0, 0, 0, 0];
    const inQ = [0, 0, 0, 0, 0, 0, 0];
    for (const f of q.ident) {
      const k = this.kind[f]!;
      inQ[k]!++;
      if (u.has(f) && (k !== 1 || this.df[f]! <= this.options.nameDf)) shared[k]!++;
    }
    const conflict = (k: number) => (inQ[k]! > 0 && kinds[k]! > 0 && shared[k] === 0 ? 1 : 0);
    return [Math.min(2, shared[1]!), conflict(3), conflict(5), conflict(2)];
  }

  /** P(same story) of two documents under the pair model (or the older rule's score when there is none). */
  private pairScore(q: Doc, d: Doc): number {
    const o = this.options;
    if (o.model) {
      const x = this.pairFeatures(q, d);
      o.trace?.(q.id, d.id, x);
      let z = o.model.bias;
      for (let k = 0; k < x.length; k++) z += (o.model.weights[k] ?? 0) * x[k]!;
      return sigmoid(z);
    }
    const sim = this.similarity(q, d);
    let s = sim.cos + (this.nDocs >= o.rareMinDocs ? o.rareBonus * Math.min(o.rareCap, sim.rare) : 0);
    if (q.day !== null && d.day !== null) s -= o.gapPenalty * Math.min(o.gapCap, Math.log2(1 + Math.abs(q.day - d.day) / 7));
    return s;
  }

  /**
   * The best story for a document: candidates from the inverted index, scored by their closest
   * article (`max`), mixed with the mean score over the story's most recent articles so that one
   * loose link cannot chain unrelated stories together.
   */
  private bestCluster(q: Doc): { cluster: number; score: number } {
    const o = this.options;
    const threshold = o.model ? o.model.threshold : o.threshold;
    if (q.feats.length < o.minFeatures) return { cluster: -1, score: 0 };
    const maxDf = Math.max(8, o.maxDfShare * this.nDocs);
    const acc = new Map<number, number>();
    for (let i = 0; i < q.feats.length; i++) {
      const fid = q.feats[i]!;
      if (this.df[fid]! > maxDf) continue;
      const post = this.postings[fid]!;
      const w = q.tfs[i]! * this.idf(fid);
      const stop = Math.max(0, post.length - o.maxScan);
      for (let p = post.length - 1; p >= stop; p--) {
        const j = post[p]!;
        const dj = this.docs[j]!.day;
        if (q.day !== null && dj !== null && Math.abs(q.day - dj) > o.windowDays) continue;
        acc.set(j, (acc.get(j) ?? 0) + w);
      }
    }
    // surnames and streets find candidates too (they need not be among the salient terms)
    for (const fid of q.ident) {
      if (!POSTED_KIND[this.kind[fid]!] || this.df[fid]! > maxDf || this.has(q.feats, fid)) continue;
      const post = this.postings[fid]!;
      const w = this.idf(fid);
      const stop = Math.max(0, post.length - o.maxScan);
      for (let p = post.length - 1; p >= stop; p--) {
        const j = post[p]!;
        const dj = this.docs[j]!.day;
        if (q.day !== null && dj !== null && Math.abs(q.day - dj) > o.windowDays) continue;
        acc.set(j, (acc.get(j) ?? 0) + w);
      }
    }
    const cands = [...acc].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, o.maxCandidates);
    const pair = new Map<number, number>();
    const maxBy = new Map<number, number>();
    for (const [j] of cands) {
      const d = this.docs[j]!;
      const s = this.pairScore(q, d);
      pair.set(j, s);
      if (s > (maxBy.get(d.cluster) ?? -Infinity)) maxBy.set(d.cluster, s);
    }
    let best = -1;
    let bestScore = -Infinity;
    for (const [c, mx] of [...maxBy].sort((x, y) => x[0] - y[0])) {
      let score = mx;
      const alpha = o.model?.linkAlpha ?? o.linkAlpha;
      if (alpha < 1 && mx >= threshold) {
        const members = this.clusterDocs[c]!;
        const recent = members.slice(-o.linkRecent);
        let sum = 0;
        for (const j of recent) sum += pair.get(j) ?? this.pairScore(q, this.docs[j]!);
        score = alpha * mx + (1 - alpha) * (sum / recent.length);
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return { cluster: best, score: best < 0 ? 0 : bestScore };
  }

  /** The story an article belongs to, or null. */
  storyOf(articleId: string): Story | null {
    const c = this.articleCluster.get(articleId);
    return c === undefined ? null : this.toStory(this.clusters[c]!);
  }

  story(id: string): Story | null {
    const m = /^S(\d+)$/.exec(id);
    const cl = m ? this.clusters[Number(m[1]) - 1] : undefined;
    return cl ? this.toStory(cl) : null;
  }

  /** Every story, in order of creation. */
  stories(): Story[] {
    return this.clusters.map((c) => this.toStory(c));
  }

  private toStory(c: Cluster): Story {
    return { id: c.id, title: c.title, first: c.first, last: c.last, articles: [...c.articles], duplicates: { ...c.duplicates }, outlets: [...c.outlets] };
  }

  toJSON(): StoryIndexJSON {
    const { stopwords, trace: _trace, ...rest } = this.options;
    return {
      version: 1,
      options: { ...rest, stopwords: [...stopwords].sort() },
      vocab: this.vocabList,
      df: this.df,
      docs: this.docs.map((d) => ({ id: d.id, day: d.day, cluster: d.cluster, feats: [...d.feats], tfs: [...d.tfs], ident: [...d.ident], days: [...d.days], past: [...d.past], killed: d.killed, injured: d.injured, title: [...d.title]})),
      clusters: this.clusters,
      articleCluster: Object.fromEntries(this.articleCluster),
      segments: [...this.segments],
      duplicates: this.dups.toJSON(),
    };
  }

  static fromJSON(json: StoryIndexJSON): StoryIndex {
    if (json.version !== 1) throw new Error(`StoryIndex.fromJSON: unsupported version ${String(json.version)} (expected 1)`);
    // an index saved before the pair model existed goes on with the older rule, so that its replay agrees
    const s = new StoryIndex({ ...json.options, model: json.options.model ?? null, stopwords: new Set(json.options.stopwords) });
    json.vocab.forEach((k, i) => {
      s.vocab.set(k, i);
      s.vocabList.push(k);
      s.df.push(json.df[i] ?? 0);
      s.postings.push([]);
      s.rareOk.push(RARE_PREFIX.test(k) ? 1 : 0);
      s.kind.push(identKind(k));
    });
    for (const d of json.docs) {
      const di = s.docs.length;
      const doc: Doc = {
        id: d.id, day: d.day, cluster: d.cluster, feats: Int32Array.from(d.feats), tfs: Float32Array.from(d.tfs),
        ident: Int32Array.from(d.ident ?? []), days: Int32Array.from(d.days ?? []), past: Int32Array.from(d.past ?? []), killed: d.killed ?? -1, injured: d.injured ?? -1,
        title: Int32Array.from(d.title ?? []),
      };
      s.docs.push(doc);
      for (const f of doc.feats) s.postings[f]!.push(di);
      for (const f of doc.ident) if (POSTED_KIND[s.kind[f]!] && !s.has(doc.feats, f)) s.postings[f]!.push(di);
    }
    s.nDocs = json.docs.length;
    s.clusterDocs = json.clusters.map(() => []);
    s.docs.forEach((d, i) => s.clusterDocs[d.cluster]!.push(i));
    s.clusterIdent = json.clusters.map(() => new Set());
    s.clusterKinds = json.clusters.map(() => new Int32Array(KIND_COUNT));
    for (const d of s.docs) s.addClusterIdent(d.cluster, d);
    s.clusters = json.clusters.map((c) => ({ ...c, articles: [...c.articles], duplicates: { ...c.duplicates }, outlets: [...c.outlets] }));
    for (const [k, v] of Object.entries(json.articleCluster)) s.articleCluster.set(k, v);
    s.segments = new Map(json.segments);
    s.dups = DuplicateIndex.fromJSON(json.duplicates);
    return s;
  }
}
