/**
 * The small SQL surface the store is written against, with one adapter per engine. SQL is written once with `?`
 * placeholders and portable syntax; the PostgreSQL adapter numbers the placeholders. Where the engines differ
 * (full-text search, insertion order, migrations) the store asks `dialect`.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, args?: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, args?: unknown[]): Promise<T | undefined>;
  run(sql: string, args?: unknown[]): Promise<{ changes: number }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection: all of it or none. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders → `$1, $2…`, leaving quoted strings and identifiers alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}
