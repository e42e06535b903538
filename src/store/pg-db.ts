import pg from 'pg';
import { numberPlaceholders, type Db } from './db.js';

// COUNT(*) and BIGSERIAL come back as int8; the store's numbers stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// DOUBLE PRECISION is already a JS number; NUMERIC is not used.

/** Errors worth retrying: the server restarting or the connection dropping, serialisation failures. */
export function isTransient(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? '';
  return ['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '40001', '40P01', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)
    || /Connection terminated|connection.*closed|not queryable|the database system is (starting up|shutting down)|terminating connection/i.test(msg);
}

/** A PostgreSQL pool behind the async `Db` surface. */
export class PgDb implements Db {
  readonly dialect = 'postgres' as const;

  private constructor(private pool: pg.Pool | null, private client: pg.PoolClient | null) {}

  static connect(url: string, max = 4): PgDb {
    const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => { /* an idle client lost its server: the next query reconnects */ });
    return new PgDb(pool, null);
  }

  private q(): pg.Pool | pg.PoolClient {
    return (this.client ?? this.pool)!;
  }

  async all<T>(sql: string, args: unknown[] = []): Promise<T[]> {
    return (await this.q().query(numberPlaceholders(sql), args)).rows as T[];
  }

  async get<T>(sql: string, args: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, args))[0];
  }

  async run(sql: string, args: unknown[] = []): Promise<{ changes: number }> {
    return { changes: (await this.q().query(numberPlaceholders(sql), args)).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.q().query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool!.connect();
    // A server that goes away mid-transaction makes the client emit 'error'; the failing query reports it.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const r = await fn(new PgDb(null, client));
      await client.query('COMMIT');
      return r;
    } catch (e) {
      broken = e as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.off('error', ignore);
      // A client whose connection failed is destroyed, not put back in the pool.
      client.release(broken && isTransient(broken) ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    if (this.pool) await this.pool.end();
  }
}
