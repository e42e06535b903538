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
  /** Newest first (default: oldest first). */
  latest?: boolean;
}

export interface ActorRow {
  name: string;
  type: string;
  kb: string | null;
  /** Articles that mention it. */
  articles: number;
}

export interface StoryQuery {
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/**
 * The store interface: SQLite by default, PostgreSQL for many machines (src/store/sql-store.ts over
 * src/store/sqlite-db.ts or src/store/pg-db.ts). Every caller sees only this.
 */
/** Where the corpus layer put an article: its story, the article it copies, its clustering position. */
export interface StoryAssignment {
  id: string;
  clusterId: string;
  duplicateOf: string | null;
  position: number;
}

export interface Store {
  /** Content hashes already stored, among those given. */
  knownHashes(hashes: string[]): Promise<Set<string>>;
  /**
   * Stores a batch in one transaction: all of it or none. Idempotent by content hash, safe with concurrent writers.
   * `after` runs inside the same transaction with the newly stored analyses (story clustering hooks in here).
   */
  put(items: StoreItem[], after?: (tx: Store, stored: Analysis[]) => Promise<void>): Promise<PutResult>;
  /** Keeps an input that could not be read, with the reason (once per input and reason). */
  reject(input: string, reason: string): Promise<void>;
  rejected(limit?: number): Promise<RejectedRow[]>;
  analysis(id: string): Promise<Analysis | null>;
  articles(q?: ArticleQuery): Promise<ArticleRow[]>;
  counts(): Promise<Counts>;
  /** Story assignments written back by the corpus layer, each with its clustering position. */
  setStories(rows: StoryAssignment[]): Promise<void>;
  upsertStories(rows: StoryRow[]): Promise<void>;
  /** Up to `limit` stored articles that are in no story yet, in storage order. */
  unclustered(limit: number): Promise<Analysis[]>;
  /** Articles given a story after clustering position `after`, in clustering order (to rebuild the story index). */
  clusteredAfter(after: number): AsyncGenerator<{ position: number; analysis: Analysis }>;
  /**
   * Inside a transaction, the lock that makes clustering one writer at a time (held until the transaction ends):
   * waits for it, or with `wait` false gives up at once; true when held.
   */
  lockClustering(wait: boolean): Promise<boolean>;
  stories(q?: StoryQuery): Promise<StoryRow[]>;
  /** A story and its articles in publication order (a page of them when `limit` is given). */
  story(id: string, page?: { limit?: number; offset?: number }): Promise<{ story: StoryRow; articles: ArticleRow[] } | null>;
  /** Articles stored after insertion position `after`, in insertion order. */
  analysesAfter(after: number): AsyncGenerator<{ position: number; analysis: Analysis }>;
  /** Insertion position of the last stored article (0 when empty). */
  lastPosition(): Promise<number>;
  /** Named JSON state of the corpus layer (e.g. the story index). */
  getState(key: string): Promise<unknown>;
  setState(key: string, value: unknown): Promise<void>;
  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  events(q?: FactQuery): Promise<Record<string, unknown>[]>;
  quotes(q?: FactQuery): Promise<Record<string, unknown>[]>;
  figures(q?: FactQuery): Promise<Record<string, unknown>[]>;
  entities(q?: FactQuery): Promise<Record<string, unknown>[]>;
  relations(q?: FactQuery): Promise<Record<string, unknown>[]>;
  labels(q?: FactQuery): Promise<Record<string, unknown>[]>;
  /** Actors across the store, most mentioned first; `q` matches part of the name. */
  actors(q?: { q?: string; type?: string; limit?: number; offset?: number }): Promise<ActorRow[]>;
  /** Ids of the latest articles that mention an actor (name or kb id). */
  articlesMentioning(actor: string, limit?: number): Promise<string[]>;
  /** Analyses of the latest `limit` articles matching the filters, oldest first. */
  recentAnalyses(q?: FactQuery & { story?: string }, limit?: number): Promise<Analysis[]>;
  close(): Promise<void>;
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
