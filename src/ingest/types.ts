import type { ArticleInput } from '../types.js';

/** One thing a reader found: an article, or the reason an input could not be read. Never both. */
export type ReadResult =
  | { ok: true; input: string; article: ArticleInput; warnings?: string[] }
  | { ok: false; input: string; error: string };

export interface ReadOptions {
  /** Published date to use when the input has none (`--date`). */
  date?: string;
  /** Outlet to use when the input names none. */
  source?: string;
  /** "Today", for rejecting published dates in the future (default: the clock). */
  now?: Date;
}
