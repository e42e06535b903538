import { analyze, type Resources } from '../analyze.js';
import type { ReadResult } from '../ingest/types.js';
import type { Analysis } from '../types.js';
import { contentHash, type Store, type StoreItem } from './store.js';

export interface IngestSummary {
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** One line per rejected input: "input: reason". */
  reasons: string[];
}

export interface IngestOptions {
  /** Articles per transaction. A crash loses at most the batch in flight, which a re-run redoes. */
  batchSize?: number;
  /** Called after each batch is committed. */
  onProgress?: (s: IngestSummary) => void;
  /** Runs inside each batch's transaction with the newly stored analyses (story clustering hooks in here). */
  onStored?: (tx: Store, stored: Analysis[]) => Promise<void>;
}

/**
 * Reads, analyses and stores. Idempotent: content already stored is skipped before analysis; each batch is one
 * transaction, so killing the process loses nothing committed and a re-run stores the rest exactly once.
 * Every input that cannot be read or analysed is kept in the store's `rejected` table with its reason.
 */
export async function ingest(results: Iterable<ReadResult>, store: Store, res: Resources, opts: IngestOptions = {}): Promise<IngestSummary> {
  const size = opts.batchSize ?? 100;
  const sum: IngestSummary = { read: 0, stored: 0, duplicates: 0, rejected: 0, reasons: [] };
  let batch: StoreItem[] = [];
  const pending = new Set<string>();

  const rejectOne = async (input: string, reason: string) => {
    await store.reject(input, reason);
    sum.rejected++;
    sum.reasons.push(`${input}: ${reason}`);
  };

  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    pending.clear();
    const r = await store.put(items, opts.onStored);
    sum.stored += r.stored.length;
    sum.duplicates += r.duplicates.length;
    for (const c of r.conflicts) await rejectOne(c.input, `article id "${c.id}" is already stored with different content; give it another id`);
    opts.onProgress?.(sum);
  };

  for (const r of results) {
    sum.read++;
    if (!r.ok) {
      await rejectOne(r.input, r.error);
      continue;
    }
    const hash = contentHash(r.article);
    if (pending.has(hash) || (await store.knownHashes([hash])).size) {
      sum.duplicates++;
      continue;
    }
    let analysis: Analysis;
    try {
      analysis = analyze(r.article, res);
    } catch (e) {
      await rejectOne(r.input, `analysis failed: ${(e as Error).message}`);
      continue;
    }
    pending.add(hash);
    batch.push({ analysis, input: r.input });
    if (batch.length >= size) await flush();
  }
  await flush();
  return sum;
}
