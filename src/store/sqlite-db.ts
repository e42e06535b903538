import Database from 'better-sqlite3';
import type { Db } from './db.js';

/** better-sqlite3 behind the async `Db` surface. One connection; statements are cached. */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly raw: Database.Database;
  private cache = new Map<string, Database.Statement>();
  private depth = 0;

  constructor(readonly path: string) {
    try {
      this.raw = new Database(path);
    } catch (e) {
      throw new Error(`cannot open SQLite store ${path}: ${(e as Error).message}`);
    }
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('busy_timeout = 5000');
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  async all<T>(sql: string, args: unknown[] = []): Promise<T[]> {
    return this.stmt(sql).all(...args) as T[];
  }

  async get<T>(sql: string, args: unknown[] = []): Promise<T | undefined> {
    return this.stmt(sql).get(...args) as T | undefined;
  }

  async run(sql: string, args: unknown[] = []): Promise<{ changes: number }> {
    return { changes: this.stmt(sql).run(...args).changes };
  }

  async exec(sql: string): Promise<void> {
    this.raw.exec(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn(this);
    this.raw.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      const r = await fn(this);
      this.raw.exec('COMMIT');
      return r;
    } catch (e) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw e;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    this.raw.close();
  }
}
