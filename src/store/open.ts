import { SqlStore } from './sql-store.js';
import { SqliteDb } from './sqlite-db.js';
import { PgDb } from './pg-db.js';

/** `--db`: a SQLite file path (default ./sitrep.db), or a postgres:// URL. */
export async function openStore(db: string): Promise<SqlStore> {
  if (/^postgres(ql)?:\/\//.test(db)) return SqlStore.open(PgDb.connect(db));
  return SqlStore.open(new SqliteDb(db));
}
