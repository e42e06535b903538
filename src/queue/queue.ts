import type { ArticleInput } from '../types.js';
import type { ReadResult } from '../ingest/types.js';
import type { Db, Dialect } from '../store/db.js';
import { contentHash, type Store } from '../store/store.js';

/** Milliseconds since the epoch, by the database's clock (so workers on many machines agree on leases). */
const NOW_MS: Record<Dialect, string> = {
  sqlite: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
  postgres: '(extract(epoch from clock_timestamp()) * 1000)::bigint',
};

export interface Job {
  id: number;
  input: string;
  article: ArticleInput;
  attempts: number;
}

export interface QueueStats {
  pending: number;
  leased: number;
  done: number;
  failed: number;
}

export interface QueueOptions {
  /** Seconds a worker holds a job before another may take it. */
  leaseSeconds: number;
  /** Tries before a job is parked as failed. */
  maxAttempts: number;
}

export const DEFAULT_QUEUE: QueueOptions = { leaseSeconds: 120, maxAttempts: 3 };

/**
 * The work queue, a table in the store. Workers claim jobs with `FOR UPDATE SKIP LOCKED` (PostgreSQL), so
 * claims never block each other and no job is given to two live workers; a lease that runs out (a killed worker)
 * makes the job claimable again; a job that keeps failing is parked as `failed` with its last error.
 */
export class Queue {
  constructor(private db: Db, readonly opts: QueueOptions = DEFAULT_QUEUE) {}

  /** Adds readable articles (once per content); unreadable inputs go to the store's rejected table. */
  async enqueue(results: Iterable<ReadResult>, store: Store): Promise<{ read: number; enqueued: number; duplicates: number; rejected: number }> {
    const sum = { read: 0, enqueued: 0, duplicates: 0, rejected: 0 };
    const now = new Date().toISOString();
    for (const r of results) {
      sum.read++;
      if (!r.ok) {
        await store.reject(r.input, r.error);
        sum.rejected++;
        continue;
      }
      const hash = contentHash(r.article);
      if ((await store.knownHashes([hash])).size) {
        sum.duplicates++;
        continue;
      }
      const ins = await this.db.run(
        `INSERT INTO queue (content_hash, input, article, status, attempts, enqueued_at) VALUES (?, ?, ?, 'pending', 0, ?)
         ON CONFLICT DO NOTHING`, [hash, r.input, JSON.stringify(r.article), now]);
      if (ins.changes) sum.enqueued++;
      else sum.duplicates++;
    }
    return sum;
  }

  /** Claims up to `n` jobs for `worker`: pending ones, or leased ones whose lease ran out. */
  async claim(worker: string, n: number): Promise<Job[]> {
    const now = NOW_MS[this.db.dialect];
    await this.parkExhausted();
    const lock = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.all<{ id: number; input: string; article: string; attempts: number }>(
      `UPDATE queue SET status = 'leased', worker = ?, attempts = attempts + 1, lease_until = ${now} + ?
       WHERE id IN (SELECT id FROM queue WHERE (status = 'pending' OR (status = 'leased' AND lease_until < ${now}))
                    AND attempts < ? ORDER BY id LIMIT ? ${lock})
       RETURNING id, input, article, attempts`,
      [worker, this.opts.leaseSeconds * 1000, this.opts.maxAttempts, n]);
    return rows.sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => ({ id: Number(r.id), input: r.input, article: JSON.parse(r.article) as ArticleInput, attempts: Number(r.attempts) }));
  }

  /** Jobs whose every try ran out without an answer (their worker died each time) are parked. */
  private async parkExhausted(): Promise<void> {
    const now = NOW_MS[this.db.dialect];
    await this.db.run(
      `UPDATE queue SET status = 'failed', error = COALESCE(error, 'no worker finished it') || ' (gave up after ' || attempts || ' tries)'
       WHERE status = 'leased' AND lease_until < ${now} AND attempts >= ?`, [this.opts.maxAttempts]);
  }

  /** Marks jobs done, inside the transaction that stored their results (`db` is that transaction). */
  async complete(db: Db, worker: string, ids: number[]): Promise<void> {
    if (!ids.length) return;
    await db.run(`UPDATE queue SET status = 'done', done_at = ?, lease_until = NULL, error = NULL
      WHERE worker = ? AND status = 'leased' AND id IN (${ids.map(() => '?').join(', ')})`, [new Date().toISOString(), worker, ...ids]);
  }

  /** A job whose analysis threw: back to pending for another try, or parked as failed after the last one. */
  async fail(job: Job, worker: string, error: string): Promise<'retry' | 'parked'> {
    const parked = job.attempts >= this.opts.maxAttempts;
    await this.db.run(`UPDATE queue SET status = ?, error = ?, lease_until = NULL WHERE id = ? AND worker = ?`,
      [parked ? 'failed' : 'pending', error, job.id, worker]);
    return parked ? 'parked' : 'retry';
  }

  /**
   * Takes or renews a role (e.g. "stories": the worker that clusters) for one lease period: true when `worker` holds
   * it. A holder that dies stops renewing, and the role passes to whoever asks after its lease ran out.
   */
  async holdRole(role: string, worker: string): Promise<boolean> {
    const now = NOW_MS[this.db.dialect];
    const r = await this.db.run(
      `INSERT INTO leases (name, holder, until_ms) VALUES (?, ?, ${now} + ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
       WHERE leases.holder = excluded.holder OR leases.until_ms < ${now}`, [role, worker, this.opts.leaseSeconds * 1000]);
    return r.changes > 0;
  }

  async releaseRole(role: string, worker: string): Promise<void> {
    await this.db.run('DELETE FROM leases WHERE name = ? AND holder = ?', [role, worker]);
  }

  async stats(): Promise<QueueStats> {
    const rows = await this.db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM queue GROUP BY status');
    const s: QueueStats = { pending: 0, leased: 0, done: 0, failed: 0 };
    for (const r of rows) s[r.status as keyof QueueStats] = Number(r.n);
    return s;
  }

  async failed(limit = 100): Promise<{ id: number; input: string; attempts: number; error: string | null }[]> {
    return this.db.all('SELECT id, input, attempts, error FROM queue WHERE status = \'failed\' ORDER BY id LIMIT ?', [limit]);
  }
}
