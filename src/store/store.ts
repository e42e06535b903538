import { createHash } from 'node:crypto';
import type { Analysis } from '../types.js';

/** One analysed article on its way into the store. */
export interface StoreItem {
  analysis: Analysis;
  /** Where it came from (file path, "file.jsonl:12", "stdin"). */
  input: string;
}

export interface PutResult {
  stored: string[];
  /** Inputs whose content was already in the store: nothing written. */
  duplicates: string[];
  /** Inputs whose article id is already taken by different content: not stored, to be reported. */
  conflicts: { input: string; id: string }[];
}

export interface ArticleRow {
  id: string;
  source: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string;
  input: string;
  clusterId: string | null;
  duplicateOf: string | null;
}

export interface StoryRow {
  id: string;
  title: string;
  first: string | null;
  last: string | null;
  outlets: string[];
  /** Original reports in the story. */
  articles: number;
  /** Near-duplicate copies folded into it. */
  copies: number;
}

export interface ArticleQuery {
  source?: string;
  from?: string;
  to?: string;
  /** Full-text search over title and text. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface Counts {
  articles: number;
  rejected: number;
  entities: number;
  quotes: number;
  figures: number;
  events: number;
  relations: number;
  labels: number;
}

export interface RejectedRow {
  input: string;
  reason: string;
  at: string;
}

export interface FactQuery {
  article?: string;
  /** Entity name or kb id (matches actor or target for events, speaker for quotes…). */
  actor?: string;
  type?: string;
  source?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** The store interface: SQLite by default; every caller sees only this. */
export interface Store {
  /** Content hashes already stored, among those given. */
  knownHashes(hashes: string[]): Set<string>;
  /** Stores a batch in one transaction: all of it or none. Idempotent by content hash. */
  put(items: StoreItem[]): PutResult;
  /** Keeps an input that could not be read, with the reason. */
  reject(input: string, reason: string): void;
  rejected(limit?: number): RejectedRow[];
  analysis(id: string): Analysis | null;
  articles(q?: ArticleQuery): ArticleRow[];
  /** All analyses in publication order, in pages (for corpus rebuilds and exports). */
  eachAnalysis(batch?: number): Generator<Analysis>;
  counts(): Counts;
  /** Story assignment written back by the corpus layer. */
  setStory(articleId: string, clusterId: string, duplicateOf: string | null): void;
  /** Named JSON state of the corpus layer (e.g. the story index). */
  upsertStory(s: StoryRow): void;
  stories(q?: { from?: string; to?: string; limit?: number; offset?: number }): StoryRow[];
  story(id: string): { story: StoryRow; articles: ArticleRow[] } | null;
  /** Articles stored after insertion position `after`, in insertion order. */
  analysesAfter(after: number): Generator<{ rowid: number; analysis: Analysis }>;
  /** Insertion position of the last stored article (0 when empty). */
  lastPosition(): number;
  getState(key: string): unknown;
  setState(key: string, value: unknown): void;
  events(q?: FactQuery): Record<string, unknown>[];
  quotes(q?: FactQuery): Record<string, unknown>[];
  figures(q?: FactQuery): Record<string, unknown>[];
  entities(q?: FactQuery): Record<string, unknown>[];
  close(): void;
}

/** Content hash that makes ingest idempotent: the same text from the same outlet and URL is stored once. */
export function contentHash(a: { source?: string | null; url?: string | null; text: string }): string {
  return createHash('sha256')
    .update(a.source ?? '')
    .update('\u0000')
    .update(a.url ?? '')
    .update('\u0000')
    .update(a.text)
    .digest('hex');
}
