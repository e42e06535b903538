/** The two store engines for suites that must pass on both: SQLite always, PostgreSQL when the tests' server runs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sql-store.js';

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** Skip reason, or false. */
  skip: string | false;
  /** A fresh empty store, its --db value, and a cleanup. */
  fresh(): Promise<{ store: SqlStore; db: string; cleanup: () => Promise<void> }>;
}

const PG_URL = process.env.SITREP_PG_URL;

export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sitrep_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_URL!.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const ENGINES: Engine[] = [
  {
    name: 'sqlite',
    skip: false,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
      const db = join(dir, 's.db');
      const store = await openStore(db);
      return { store, db, cleanup: async () => { await store.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'postgres',
    skip: PG_URL ? false : 'no PostgreSQL server (SITREP_PG_URL is unset; npm test starts one with scripts/pg.sh)',
    async fresh() {
      const { url, drop } = await freshPgDatabase();
      const store = await openStore(url);
      return { store, db: url, cleanup: async () => { await store.close().catch(() => undefined); await drop(); } };
    },
  },
];
