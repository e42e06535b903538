/**
 * Near-duplicate detection: MinHash signatures over word shingles, with LSH banding
 * for sub-linear candidate search. Syndicated and lightly edited copies are linked
 * to the first copy seen (their original), never counted twice.
 */
import { fnv1a, words } from './text.js';

export interface DuplicateOptions {
  /** Hash functions in a signature (bands × rows). */
  numHashes: number;
  /** LSH bands; rows per band = numHashes / bands. 16 × 4 finds pairs from Jaccard ≈ 0.5 upwards. */
  bands: number;
  /** Words per shingle. */
  shingle: number;
  /** Estimated Jaccard similarity of the shingle sets at or above which a text is a copy. */
  threshold: number;
  /** Or: estimated share of the shorter text's shingles found in the longer one (a truncated copy). */
  containment: number;
  /** Texts with fewer shingles than this are never called copies (empty pages, paywall notices). */
  minShingles: number;
  /** When both copies have titles and the text is short (under `titleCheckBelow` shingles), the titles' word Jaccard must reach this: a sign-up page served under many headlines is not a copy, a syndicated article under a new headline is. */
  minTitleJaccard: number;
  titleCheckBelow: number;
  /** At most this many articles kept per LSH bucket (the oldest are the originals). */
  maxBucket: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  numHashes: 64,
  bands: 16,
  shingle: 3,
  threshold: 0.7,
  containment: 0.85,
  minShingles: 40,
  minTitleJaccard: 0.5,
  titleCheckBelow: 120,
  maxBucket: 16,
};

export interface DuplicateMatch {
  /** Id of the original this text copies (the root: a copy of a copy points to the first). */
  duplicateOf: string;
  /** Estimated Jaccard similarity with it. */
  similarity: number;
  /** Estimated share of the shorter text contained in the longer. */
  containment: number;
}

/** Per-hash seeds, fixed so that signatures are the same on every run and machine. */
function seeds(n: number): Uint32Array {
  const s = new Uint32Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    s[i] = x;
  }
  return s;
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashed word shingles of a text (distinct). */
export function shingles(text: string, k: number): Uint32Array {
  const w = words(text);
  const set = new Set<number>();
  if (w.length < k) {
    if (w.length) set.add(fnv1a(w.join(' ')));
  } else {
    for (let i = 0; i + k <= w.length; i++) set.add(fnv1a(w.slice(i, i + k).join(' ')));
  }
  return Uint32Array.from(set);
}

/** The MinHash signature of a shingle set. */
export function signature(sh: Uint32Array, numHashes: number, seedArr: Uint32Array = seeds(numHashes)): Uint32Array {
  const sig = new Uint32Array(numHashes).fill(0xffffffff);
  for (let j = 0; j < sh.length; j++) {
    const x = sh[j]!;
    for (let i = 0; i < numHashes; i++) {
      const h = mix(x, seedArr[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return a.length ? eq / a.length : 0;
}

function titleWords(title: string | null | undefined): string[] {
  return title ? [...new Set(words(title))].sort() : [];
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sb = new Set(b);
  let inter = 0;
  for (const x of a) if (sb.has(x)) inter++;
  return inter / (a.length + b.length - inter);
}

export interface DuplicateIndexJSON {
  options: DuplicateOptions;
  ids: string[];
  roots: (string | null)[];
  titles: string[][];
  /** Number of distinct shingles of each text. */
  sizes: number[];
  /** Signatures, numHashes per article, as hex. */
  signatures: string[];
}

/** An incremental MinHash/LSH index of the texts seen so far. */
export class DuplicateIndex {
  readonly options: DuplicateOptions;
  private readonly seedArr: Uint32Array;
  private readonly rows: number;
  private ids: string[] = [];
  private roots: (string | null)[] = [];
  private titles: string[][] = [];
  private sizes: number[] = [];
  private sigs: Uint32Array[] = [];
  private buckets: Map<number, number[]>[] = [];

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
    const { numHashes, bands } = this.options;
    if (numHashes % bands !== 0) throw new Error(`numHashes (${numHashes}) must be a multiple of bands (${bands})`);
    this.rows = numHashes / bands;
    this.seedArr = seeds(numHashes);
    for (let b = 0; b < bands; b++) this.buckets.push(new Map());
  }

  get size(): number {
    return this.ids.length;
  }

  private bandKey(sig: Uint32Array, b: number): number {
    let h = 0x811c9dc5 ^ b;
    for (let r = b * this.rows; r < (b + 1) * this.rows; r++) h = Math.imul(h ^ sig[r]!, 0x01000193);
    return h >>> 0;
  }

  /** Finds the original a text copies, without adding it. */
  find(text: string, title?: string | null): DuplicateMatch | null {
    const sh = shingles(text, this.options.shingle);
    if (sh.length < this.options.minShingles) return null;
    return this.match(signature(sh, this.options.numHashes, this.seedArr), titleWords(title), sh.length);
  }

  private match(sig: Uint32Array, tw: string[], size: number): DuplicateMatch | null {
    const seen = new Set<number>();
    let best = -1;
    let bestSim = 0;
    let bestCont = 0;
    for (let b = 0; b < this.options.bands; b++) {
      const list = this.buckets[b]!.get(this.bandKey(sig, b));
      if (!list) continue;
      for (const j of list) {
        if (seen.has(j)) continue;
        seen.add(j);
        const sim = estimateJaccard(sig, this.sigs[j]!);
        // |A ∩ B| = J (|A| + |B|) / (1 + J)
        const sj = this.sizes[j]!;
        const cont = Math.min(1, (sim * (size + sj)) / (1 + sim) / Math.min(size, sj));
        if (sim < this.options.threshold && cont < this.options.containment) continue;
        const tj = this.titles[j]!;
        if (Math.min(size, sj) < this.options.titleCheckBelow && tw.length && tj.length && jaccard(tw, tj) < this.options.minTitleJaccard) continue;
        if (sim > bestSim || (sim === bestSim && j < best)) {
          best = j;
          bestSim = sim;
          bestCont = cont;
        }
      }
    }
    if (best < 0) return null;
    return { duplicateOf: this.roots[best] ?? this.ids[best]!, similarity: bestSim, containment: Math.round(bestCont * 1000) / 1000 };
  }

  /** Adds a text under `id`; returns the original it copies, or null when it is new. */
  add(id: string, text: string, title?: string | null): DuplicateMatch | null {
    const sh = shingles(text, this.options.shingle);
    if (sh.length < this.options.minShingles) return null;
    const sig = signature(sh, this.options.numHashes, this.seedArr);
    const tw = titleWords(title);
    const m = this.match(sig, tw, sh.length);
    this.insert(id, sig, tw, m ? m.duplicateOf : null, sh.length);
    return m;
  }

  private insert(id: string, sig: Uint32Array, tw: string[], root: string | null, size: number): void {
    const j = this.ids.length;
    this.sizes.push(size);
    this.ids.push(id);
    this.roots.push(root);
    this.titles.push(tw);
    this.sigs.push(sig);
    for (let b = 0; b < this.options.bands; b++) {
      const key = this.bandKey(sig, b);
      const m = this.buckets[b]!;
      const list = m.get(key);
      if (!list) m.set(key, [j]);
      else if (list.length < this.options.maxBucket) list.push(j);
    }
  }

  toJSON(): DuplicateIndexJSON {
    return {
      options: this.options,
      ids: this.ids,
      roots: this.roots,
      titles: this.titles,
      sizes: this.sizes,
      signatures: this.sigs.map((s) => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('hex')),
    };
  }

  static fromJSON(json: DuplicateIndexJSON): DuplicateIndex {
    const d = new DuplicateIndex(json.options);
    json.ids.forEach((id, j) => {
      const buf = Buffer.from(json.signatures[j]!, 'hex');
      const sig = new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      d.insert(id, sig, json.titles[j] ?? [], json.roots[j] ?? null, json.sizes[j] ?? 0);
    });
    return d;
  }
}
