import { hostname } from 'node:os';
import { analyze, type Resources } from '../analyze.js';
import type { SqlStore } from '../store/sql-store.js';
import type { StoreItem } from '../store/store.js';
import type { StoryKeeper } from '../store/stories.js';
import { isTransient } from '../store/pg-db.js';
import { Queue, type Job } from './queue.js';

export interface WorkerOptions {
  /** Jobs claimed at a time. */
  batch: number;
  /** Stop when the queue has nothing pending or leased (else poll forever). */
  exitWhenEmpty: boolean;
  /** Milliseconds between polls of an empty queue. */
  pollMs: number;
  name?: string;
  log?: (line: string) => void;
  /** The analysis to run (the pipeline's `analyze` unless a test injects a failing one). */
  analyzeFn?: typeof analyze;
  /**
   * What this worker does: `both` (default) analyses and, when it holds the clustering role, clusters; `analyse`
   * never clusters; `cluster` only clusters (a dedicated clusterer beside many `analyse` workers).
   */
  role?: 'both' | 'analyse' | 'cluster';
}

export interface WorkerSummary {
  stored: number;
  duplicates: number;
  retried: number;
  parked: number;
  transientErrors: number;
}

/** The role of the worker that clusters stories (one at a time; see src/store/stories.ts). */
const CLUSTERER = 'stories';

/**
 * One worker: claim a batch, analyse it outside any transaction, then store the results and mark the jobs done in
 * one transaction. Workers store side by side (no shared lock), so this part runs in parallel. Story clustering
 * follows what is committed: the worker holding the clustering role (a lease in the store, renewed each batch)
 * gives every stored article without a story its story, under the clustering lock; the others skip it. A worker
 * killed at any point loses nothing: uncommitted results vanish with the transaction, the lease runs out and
 * another worker redoes the jobs; content hashes make a redo store nothing twice; an article stored but not yet
 * clustered is clustered by the next holder of the role. Transient database errors (a restart) are retried with
 * back-off. With `exitWhenEmpty`, a worker leaves only when the queue is drained and every article has a story.
 */
export async function runWorker(store: SqlStore, queue: Queue, stories: StoryKeeper, res: Resources, opts: WorkerOptions): Promise<WorkerSummary> {
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const log = opts.log ?? (() => undefined);
  const sum: WorkerSummary = { stored: 0, duplicates: 0, retried: 0, parked: 0, transientErrors: 0 };
  let backoff = 100;
  const role = opts.role ?? 'both';
  /** Clusters what is waiting when this worker holds (or can take) the clustering role; false when another does. */
  const clusterIfHolder = async (): Promise<boolean> => {
    if (role === 'analyse' || !(await queue.holdRole(CLUSTERER, name))) return false;
    await stories.cluster(store);
    return true;
  };
  for (;;) {
    try {
      const jobs = role === 'cluster' ? [] : await queue.claim(name, opts.batch);
      if (!jobs.length) {
        const held = await clusterIfHolder();
        const s = await queue.stats();
        if (opts.exitWhenEmpty && s.pending === 0 && s.leased === 0) {
          // Every job is done; leave once every stored article is in a story (the role holder sees to it), or at
          // once when clustering is somebody else's job.
          if (role === 'analyse' || (await store.unclustered(1)).length === 0) {
            if (held) {
              await stories.save(store);
              await queue.releaseRole(CLUSTERER, name);
            }
            return sum;
          }
        }
        // Others still hold leases (their batches end soon) or their articles wait for a story: look again soon.
        await sleep(s.leased > 0 || (s.pending === 0 && opts.exitWhenEmpty) ? Math.min(opts.pollMs, 50) : opts.pollMs);
        continue;
      }
      const items: StoreItem[] = [];
      const ok: Job[] = [];
      for (const job of jobs) {
        try {
          items.push({ analysis: (opts.analyzeFn ?? analyze)(job.article, res), input: job.input });
          ok.push(job);
        } catch (e) {
          const msg = `analysis failed: ${(e as Error).message}`;
          const outcome = await queue.fail(job, name, msg);
          if (outcome === 'parked') {
            sum.parked++;
            await store.reject(job.input, `${msg} (parked after ${job.attempts} tries)`);
          } else sum.retried++;
          log(`${job.input}: ${msg} → ${outcome}`);
        }
      }
      await store.transaction(async (tx) => {
        const r = await tx.put(items);
        sum.stored += r.stored.length;
        sum.duplicates += r.duplicates.length;
        for (const c of r.conflicts) await tx.reject(c.input, `article id "${c.id}" is already stored with different content`);
        await queue.complete((tx as SqlStore).db, name, ok.map((j) => j.id));
      });
      backoff = 100;
      if (await clusterIfHolder()) await stories.saveIfDue(store);
    } catch (e) {
      if (!isTransient(e)) throw e;
      sum.transientErrors++;
      log(`database unavailable (${(e as Error).message}); retrying in ${backoff} ms`);
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 5000);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
