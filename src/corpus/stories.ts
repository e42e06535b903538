/**
 * Incremental story clustering. Each analysis is added as it arrives; it joins the
 * story of its most similar earlier article (cosine of tf-idf vectors over salient
 * words, proper-name phrases, entities, places and event types, with a penalty that
 * grows with the gap in days) when that similarity reaches a threshold, else it
 * starts a new story. Candidates come from an inverted index over the article's rarer
 * features, scanned back a bounded number of entries, so the cost of an `add` does not
 * grow with the corpus. Near-duplicates (MinHash/LSH) join their original's story and
 * are listed as copies, not counted as new reports.
 */
import type { Analysis } from '../types.js';
import { DuplicateIndex, type DuplicateIndexJSON, type DuplicateOptions } from './minhash.js';
import { dayNumber, fnv1a, namePhrases, outletOf, words } from './text.js';

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
  /** Words left out of the salient terms (data/corpus/stopwords.txt via loadCorpusResources). */
  stopwords: ReadonlySet<string>;
  duplicates: Partial<DuplicateOptions>;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  threshold: 0.05,
  windowDays: 800,
  gapPenalty: 0.18,
  gapCap: 3,
  rareDf: 3,
  rareBonus: 0.08,
  rareCap: 5,
  rareMinDocs: 200,
  linkAlpha: 0.5,
  linkRecent: 5,
  minFeatures: 5,
  shortBlend: 0,
  idfPrior: 300,
  maxFeatures: 48,
  maxDfShare: 0.05,
  maxScan: 400,
  maxCandidates: 32,
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
  docs: { id: string; day: number | null; cluster: number; feats: number[]; tfs: number[] }[];
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

/** A headline without the outlet name many sites append ("… - KSLA News 12", "… | WRAL.com"). */
export function cleanTitle(title: string): string {
  const parts = title.split(/\s+(?:[-|–—«»]|::)\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  return last.split(/\s+/).length <= 6 ? parts.slice(0, -1).join(' ') : title;
}

/** Feature families that may count as rare evidence: words, names, entities, places (not dates or event types). */
const RARE_PREFIX = /^[wnep]:/;

/** Incremental story clusters over analyses, with near-duplicate folding. */
export class StoryIndex {
  readonly options: StoryOptions;
  private vocab = new Map<string, number>();
  private vocabList: string[] = [];
  private df: number[] = [];
  private rareOk: number[] = [];
  private nDocs = 0;
  private docs: Doc[] = [];
  private postings: number[][] = [];
  private clusters: Cluster[] = [];
  /** Per story, the indexes of its (non-copy) documents. */
  private clusterDocs: number[][] = [];
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
      const norm = seg.toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
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
    const raw = storyFeatures(a, this.options, this.stripBoilerplate(art.text));
    const ids: number[] = [];
    const tfs: number[] = [];
    for (const [k, tf] of raw) {
      const fid = this.featureId(k, true);
      this.df[fid]!++;
      ids.push(fid);
      tfs.push(1 + Math.log(tf));
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
    };

    const { cluster: best, score } = this.bestCluster(doc);
    let c: number;
    let isNew = false;
    if (best >= 0 && score >= this.options.threshold) c = best;
    else {
      c = this.clusters.length;
      isNew = true;
      this.clusters.push({
        id: 'S' + (c + 1), title: '', titleDay: null, titled: false, first: null, firstDay: null, last: null, lastDay: null,
        articles: [], duplicates: {}, outlets: [],
      });
      this.clusterDocs.push([]);
      if (!art.title) this.clusters[c]!.title = art.text.slice(0, 100).replace(/\s+/g, ' ').trim();
    }
    doc.cluster = c;
    const di = this.docs.length;
    this.docs.push(doc);
    this.clusterDocs[c]!.push(di);
    for (const fid of doc.feats) this.postings[fid]!.push(di);
    const cl = this.clusters[c]!;
    cl.articles.push(art.id);
    this.touch(cl, art.published, day, outlet, art.title);
    this.articleCluster.set(art.id, c);
    return { clusterId: cl.id, duplicateOf: null, score: isNew ? 0 : score, isNew };
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

  /** Similarity of two documents with the rare-feature bonus and the date-gap penalty. */
  private pairScore(q: Doc, d: Doc): number {
    const o = this.options;
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
      if (o.linkAlpha < 1 && mx >= o.threshold) {
        const members = this.clusterDocs[c]!;
        const recent = members.slice(-o.linkRecent);
        let sum = 0;
        for (const j of recent) sum += pair.get(j) ?? this.pairScore(q, this.docs[j]!);
        score = o.linkAlpha * mx + (1 - o.linkAlpha) * (sum / recent.length);
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
    const { stopwords, ...rest } = this.options;
    return {
      version: 1,
      options: { ...rest, stopwords: [...stopwords].sort() },
      vocab: this.vocabList,
      df: this.df,
      docs: this.docs.map((d) => ({ id: d.id, day: d.day, cluster: d.cluster, feats: [...d.feats], tfs: [...d.tfs] })),
      clusters: this.clusters,
      articleCluster: Object.fromEntries(this.articleCluster),
      segments: [...this.segments],
      duplicates: this.dups.toJSON(),
    };
  }

  static fromJSON(json: StoryIndexJSON): StoryIndex {
    if (json.version !== 1) throw new Error(`StoryIndex.fromJSON: unsupported version ${String(json.version)} (expected 1)`);
    const s = new StoryIndex({ ...json.options, stopwords: new Set(json.options.stopwords) });
    json.vocab.forEach((k, i) => {
      s.vocab.set(k, i);
      s.vocabList.push(k);
      s.df.push(json.df[i] ?? 0);
      s.postings.push([]);
      s.rareOk.push(RARE_PREFIX.test(k) ? 1 : 0);
    });
    for (const d of json.docs) {
      const di = s.docs.length;
      s.docs.push({ id: d.id, day: d.day, cluster: d.cluster, feats: Int32Array.from(d.feats), tfs: Float32Array.from(d.tfs) });
      for (const f of d.feats) s.postings[f]!.push(di);
    }
    s.nDocs = json.docs.length;
    s.clusterDocs = json.clusters.map(() => []);
    s.docs.forEach((d, i) => s.clusterDocs[d.cluster]!.push(i));
    s.clusters = json.clusters.map((c) => ({ ...c, articles: [...c.articles], duplicates: { ...c.duplicates }, outlets: [...c.outlets] }));
    for (const [k, v] of Object.entries(json.articleCluster)) s.articleCluster.set(k, v);
    s.segments = new Map(json.segments);
    s.dups = DuplicateIndex.fromJSON(json.duplicates);
    return s;
  }
}
