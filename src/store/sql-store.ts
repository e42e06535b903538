import type { Analysis } from '../types.js';
import type { Db } from './db.js';
import { MIGRATIONS, SEQ } from './migrations.js';
import {
  contentHash, type ArticleQuery, type ArticleRow, type Counts, type FactQuery, type PutResult, type RejectedRow,
  type Store, type StoreItem, type StoryAssignment, type StoryQuery, type StoryRow, type ActorRow,
} from './store.js';

/** Hoisted (test/source.test.ts): the loader rebuilds a \p{…} literal on every call. */
const WORDS = /[\p{L}\p{N}]+/gu;

const ARTICLE_ROW = `a.id, a.source, a.url, a.title, a.published, a.language, a.input,
  a.cluster_id AS "clusterId", a.duplicate_of AS "duplicateOf"`;

/** Fact tables and the columns a `FactQuery` filters on. */
const FACTS = {
  events: { actor: ['actor_name', 'target_name'], kb: [] as string[], type: 'type', date: 'date' },
  quotes: { actor: ['speaker_name'], kb: ['speaker_kb'], type: null, date: null },
  figures: { actor: ['claimant_name'], kb: [], type: 'kind', date: null },
  entities: { actor: ['name'], kb: ['kb'], type: 'type', date: null },
  relations: { actor: ['subject_name', 'object_name'], kb: [], type: 'type', date: null },
  labels: { actor: ['entity_name'], kb: [], type: 'kind', date: null },
} as const;

/** The one store implementation, over SQLite or PostgreSQL (`Db`). */
export class SqlStore implements Store {
  private seq: string;

  private constructor(readonly db: Db) {
    this.seq = SEQ[db.dialect];
  }

  static async open(db: Db): Promise<SqlStore> {
    const s = new SqlStore(db);
    await s.migrate();
    return s;
  }

  private async migrate(): Promise<void> {
    const list = MIGRATIONS[this.db.dialect];
    await this.db.transaction(async (tx) => {
      // Several workers may start at once: one migrates, the others wait and find it done.
      if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(7305001)');
      await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (let i = 0; i < list.length; i++) {
        if (done.has(i + 1)) continue;
        await tx.exec(list[i]!);
        await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [i + 1, new Date().toISOString()]);
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return Number((await this.db.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))!.v);
  }

  async knownHashes(hashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < hashes.length; i += 200) {
      const part = hashes.slice(i, i + 200);
      const rows = await this.db.all<{ content_hash: string }>(
        `SELECT content_hash FROM articles WHERE content_hash IN (${part.map(() => '?').join(', ')})`, part);
      for (const r of rows) out.add(r.content_hash);
    }
    return out;
  }

  async put(items: StoreItem[], after?: (tx: Store, stored: Analysis[]) => Promise<void>): Promise<PutResult> {
    return this.db.transaction(async (tx) => {
      // No lock: concurrent writers insert side by side (ON CONFLICT settles a race on the same content). Story
      // clustering runs after, one writer at a time, over what is committed (src/store/stories.ts).
      const result: PutResult = { stored: [], duplicates: [], conflicts: [] };
      const stored: Analysis[] = [];
      const now = new Date().toISOString();
      const hashes = items.map(({ analysis: a }) => contentHash(a.article));
      // One multi-row insert per chunk; ON CONFLICT DO NOTHING makes concurrent writers safe (the loser's row is
      // skipped) and RETURNING says which rows went in.
      const inserted = new Set<string>();
      const per = Math.floor(30000 / 11);
      for (let i = 0; i < items.length; i += per) {
        const part = items.slice(i, i + per);
        const rows = await tx.all<{ content_hash: string }>(
          `INSERT INTO articles (id, content_hash, source, url, title, published, published_from, language, text, input, ingested_at)
           VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING RETURNING content_hash`,
          part.flatMap(({ analysis: { article: art }, input }, j) =>
            [art.id, hashes[i + j], art.source, art.url, art.title, art.published, art.publishedFrom, art.language, art.text, input, now]));
        for (const r of rows) inserted.add(r.content_hash);
      }
      // A row that did not go in is the same content stored before (a duplicate) or another text under its id.
      const missed = hashes.filter((h) => !inserted.has(h));
      const known = missed.length ? await new SqlStore(tx).knownHashes(missed) : new Set<string>();
      const taken = new Set<string>();
      items.forEach(({ analysis: a, input }, i) => {
        const h = hashes[i]!;
        if (inserted.has(h) && !taken.has(h)) {
          taken.add(h);
          result.stored.push(a.article.id);
          stored.push(a);
        } else if (inserted.has(h) || known.has(h)) result.duplicates.push(input);
        else result.conflicts.push({ input, id: a.article.id });
      });
      await writeFacts(tx, stored);
      if (after && stored.length) await after(new SqlStore(tx), stored);
      return result;
    });
  }

  async reject(input: string, reason: string): Promise<void> {
    await this.db.run('INSERT INTO rejected (input, reason, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [input, reason, new Date().toISOString()]);
  }

  async rejected(limit = 1000): Promise<RejectedRow[]> {
    return this.db.all<RejectedRow>('SELECT input, reason, at FROM rejected ORDER BY at DESC, input LIMIT ?', [limit]);
  }

  async analysis(id: string): Promise<Analysis | null> {
    const row = await this.db.get<{ json: string }>('SELECT json FROM analyses WHERE article_id = ?', [id]);
    if (row) return JSON.parse(row.json) as Analysis;
    // A unique id prefix is enough, as with git.
    const rows = await this.db.all<{ json: string }>("SELECT json FROM analyses WHERE article_id LIKE ? LIMIT 2", [id.replace(/[%_\\]/g, '') + '%']);
    return rows.length === 1 ? (JSON.parse(rows[0]!.json) as Analysis) : null;
  }

  async articles(q: ArticleQuery = {}): Promise<ArticleRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    dateRange(where, args, 'a.published', q);
    let from = 'articles a';
    if (q.q) {
      if (this.db.dialect === 'sqlite') {
        from = 'articles_fts f JOIN articles a ON a.rowid = f.rowid';
        where.push('articles_fts MATCH ?');
        args.push(ftsQuery(q.q));
      } else {
        where.push("a.tsv @@ plainto_tsquery('english', ?)");
        args.push(q.q);
      }
    }
    return this.db.all<ArticleRow>(`SELECT ${ARTICLE_ROW} FROM ${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.published, a.id LIMIT ? OFFSET ?`, [...args, q.limit ?? 100, q.offset ?? 0]);
  }

  analysesAfter(after: number): AsyncGenerator<{ position: number; analysis: Analysis }> {
    return this.analysesInOrder(`a.${this.seq}`, after);
  }

  /** Analyses in the order of `column` (insertion or clustering position) after `after`, a page at a time. */
  private async *analysesInOrder(column: string, after: number): AsyncGenerator<{ position: number; analysis: Analysis }> {
    let last = after;
    for (;;) {
      const rows = await this.db.all<{ p: number; json: string }>(
        `SELECT ${column} AS p, n.json FROM articles a JOIN analyses n ON n.article_id = a.id
         WHERE ${column} > ? ORDER BY ${column} LIMIT 500`, [last]);
      if (!rows.length) return;
      for (const r of rows) yield { position: Number(r.p), analysis: JSON.parse(r.json) as Analysis };
      last = Number(rows[rows.length - 1]!.p);
    }
  }

  async lastPosition(): Promise<number> {
    return Number((await this.db.get<{ p: number }>(`SELECT COALESCE(MAX(${this.seq}), 0) AS p FROM articles`))!.p);
  }

  async counts(): Promise<Counts> {
    const n = async (t: string) => Number((await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n);
    return {
      articles: await n('articles'), rejected: await n('rejected'), entities: await n('entities'), quotes: await n('quotes'),
      figures: await n('figures'), events: await n('events'), relations: await n('relations'), labels: await n('labels'),
    };
  }

  async setStories(rows: StoryAssignment[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await this.db.run(`WITH v (id, c, d, s) AS (VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')})
        UPDATE articles SET cluster_id = v.c, duplicate_of = v.d, story_seq = CAST(v.s AS BIGINT) FROM v WHERE articles.id = v.id`,
      part.flatMap((r) => [r.id, r.clusterId, r.duplicateOf, r.position]));
    }
  }

  async upsertStories(rows: StoryRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await this.db.run(`INSERT INTO stories (id, title, first, last, outlets, articles, copies)
        VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
        outlets = excluded.outlets, articles = excluded.articles, copies = excluded.copies`,
      part.flatMap((s) => [s.id, s.title, s.first, s.last, JSON.stringify(s.outlets), s.articles, s.copies]));
    }
  }

  async unclustered(limit: number): Promise<Analysis[]> {
    const rows = await this.db.all<{ json: string }>(`SELECT n.json FROM articles a JOIN analyses n ON n.article_id = a.id
      WHERE a.story_seq IS NULL ORDER BY a.${this.seq} LIMIT ?`, [limit]);
    return rows.map((r) => JSON.parse(r.json) as Analysis);
  }

  clusteredAfter(after: number): AsyncGenerator<{ position: number; analysis: Analysis }> {
    return this.analysesInOrder('a.story_seq', after);
  }

  async lockClustering(wait: boolean): Promise<boolean> {
    // SQLite: the transaction (BEGIN IMMEDIATE) already excludes every other writer.
    if (this.db.dialect === 'sqlite') return true;
    if (wait) {
      await this.db.get('SELECT pg_advisory_xact_lock(7305003)');
      return true;
    }
    return Boolean((await this.db.get<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(7305003) AS ok'))!.ok);
  }

  async stories(q: StoryQuery = {}): Promise<StoryRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.from) { where.push('last >= ?'); args.push(q.from); }
    if (q.to) { where.push('substr(first, 1, ?) <= ?'); args.push(q.to.length, q.to); }
    const rows = await this.db.all<Omit<StoryRow, 'outlets'> & { outlets: string }>(`SELECT * FROM stories
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY articles + copies DESC, last DESC, id LIMIT ? OFFSET ?`,
    [...args, q.limit ?? 100, q.offset ?? 0]);
    return rows.map(storyRow);
  }

  async story(id: string, page: { limit?: number; offset?: number } = {}): Promise<{ story: StoryRow; articles: ArticleRow[] } | null> {
    const r = await this.db.get<Omit<StoryRow, 'outlets'> & { outlets: string }>('SELECT * FROM stories WHERE id = ?', [id]);
    if (!r) return null;
    const articles = await this.db.all<ArticleRow>(`SELECT ${ARTICLE_ROW} FROM articles a WHERE a.cluster_id = ?
      ORDER BY a.published, a.id LIMIT ? OFFSET ?`, [id, page.limit ?? 1_000_000, page.offset ?? 0]);
    return { story: storyRow(r), articles };
  }

  async getState(key: string): Promise<unknown> {
    const row = await this.db.get<{ json: string }>('SELECT json FROM state WHERE key = ?', [key]);
    return row ? JSON.parse(row.json) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    await this.db.run('INSERT INTO state (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json', [key, JSON.stringify(value)]);
  }

  async transaction<T>(fn: (tx: SqlStore) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqlStore(tx)));
  }

  private async facts(table: keyof typeof FACTS, q: FactQuery): Promise<Record<string, unknown>[]> {
    const spec = FACTS[table];
    if (q.latest && q.actor && !q.from && !q.to && !q.type && !q.source && !q.article) return this.latestFacts(table, spec.actor, q.actor, q.limit ?? 1000);
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.article) { where.push('t.article_id = ?'); args.push(q.article); }
    if (q.actor) {
      const cols = [...spec.actor.map((c) => `lower(t.${c}) = lower(?)`), ...spec.kb.map((c) => `t.${c} = ?`)];
      where.push('(' + cols.join(' OR ') + ')');
      for (const _ of cols) args.push(q.actor);
    }
    if (q.type && spec.type) { where.push(`t.${spec.type} = ?`); args.push(q.type); }
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    dateRange(where, args, spec.date ? `t.${spec.date}` : 'a.published', q);
    return this.db.all(`SELECT t.*, a.source, a.published FROM ${table} t JOIN articles a ON a.id = t.article_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.published ${q.latest ? 'DESC' : ''}, t.article_id LIMIT ? OFFSET ?`,
    [...args, q.limit ?? 1000, q.offset ?? 0]);
  }

  /**
   * The latest facts that name an actor, newest stored first: one query per name column, each walking its
   * lower(name) index backwards (no sort however many rows match), merged here.
   */
  private async latestFacts(table: string, cols: readonly string[], actor: string, limit: number): Promise<Record<string, unknown>[]> {
    const pos = this.db.dialect === 'sqlite' ? 't.rowid' : 'a.seq';
    const parts = await Promise.all(cols.map((c) => this.db.all<Record<string, unknown> & { _pos: number }>(
      `SELECT t.*, a.source, a.published, ${pos} AS _pos FROM ${table} t JOIN articles a ON a.id = t.article_id
       WHERE lower(t.${c}) = lower(?) ORDER BY ${pos} DESC LIMIT ?`, [actor, limit])));
    const seen = new Set<string>();
    const out: Record<string, unknown>[] = [];
    for (const r of parts.flat().sort((x, y) => Number(y._pos) - Number(x._pos))) {
      const key = `${r.article_id}|${r.idx ?? r.vid ?? r.eid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      delete (r as { _pos?: number })._pos;
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  events(q: FactQuery = {}) { return this.facts('events', q); }
  quotes(q: FactQuery = {}) { return this.facts('quotes', q); }
  figures(q: FactQuery = {}) { return this.facts('figures', q); }
  entities(q: FactQuery = {}) { return this.facts('entities', q); }
  relations(q: FactQuery = {}) { return this.facts('relations', q); }
  labels(q: FactQuery = {}) { return this.facts('labels', q); }

  async actors(q: { q?: string; type?: string; limit?: number; offset?: number } = {}): Promise<ActorRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.q) { where.push("lower(name) LIKE ?"); args.push(`%${q.q.toLowerCase().replace(/[%_\\]/g, '')}%`); }
    if (q.type) { where.push('type = ?'); args.push(q.type); }
    const rows = await this.db.all<ActorRow>(`SELECT MIN(name) AS name, type, MAX(kb) AS kb, COUNT(DISTINCT article_id) AS articles
      FROM entities ${where.length ? 'WHERE ' + where.join(' AND ') : ''} GROUP BY lower(name), type
      ORDER BY COUNT(DISTINCT article_id) DESC, MIN(name) LIMIT ? OFFSET ?`, [...args, q.limit ?? 100, q.offset ?? 0]);
    return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
  }

  /** Ids of the latest articles that mention an actor (by name, case-insensitive, or kb id). */
  async articlesMentioning(actor: string, limit = 500): Promise<string[]> {
    const rows = await this.db.all<{ article_id: string }>(`SELECT DISTINCT e.article_id, a.published FROM entities e
      JOIN articles a ON a.id = e.article_id WHERE lower(e.name) = lower(?) OR e.kb = ?
      ORDER BY a.published DESC LIMIT ?`, [actor, actor, limit]);
    return rows.map((r) => r.article_id);
  }

  /** Analyses of the latest articles matching the filters (for corpus views computed on the fly). */
  async recentAnalyses(q: FactQuery & { story?: string } = {}, limit = 1000): Promise<Analysis[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.story) { where.push('a.cluster_id = ?'); args.push(q.story); }
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    if (q.actor) {
      // The latest mentions by index order, then only those articles.
      const ids = (await this.latestFacts('entities', ['name'], q.actor, limit)).map((r) => r.article_id as string);
      if (!ids.length) return [];
      where.push(`a.id IN (${ids.map(() => '?').join(', ')})`);
      args.push(...ids);
    }
    dateRange(where, args, 'a.published', q);
    const rows = await this.db.all<{ json: string }>(`SELECT n.json FROM articles a JOIN analyses n ON n.article_id = a.id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.published DESC, a.id LIMIT ?`, [...args, limit]);
    return rows.map((r) => JSON.parse(r.json) as Analysis).reverse();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

function storyRow(r: Omit<StoryRow, 'outlets'> & { outlets: string }): StoryRow {
  return { ...r, articles: Number(r.articles), copies: Number(r.copies), outlets: JSON.parse(r.outlets) as string[] };
}

/** `from`/`to` as inclusive date prefixes: to=2020-02 takes every day of February. */
function dateRange(where: string[], args: unknown[], col: string, q: { from?: string; to?: string }) {
  if (q.from) { where.push(`${col} >= ?`); args.push(q.from); }
  if (q.to) { where.push(`substr(${col}, 1, ?) <= ?`); args.push(q.to.length, q.to); }
}

/** Inserts rows in as few statements as the engines' parameter limits allow. */
async function insertMany(db: Db, table: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0]!.length;
  const per = Math.max(1, Math.floor(30000 / width));
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await db.run(`INSERT INTO ${table} VALUES ${part.map(() => tuple).join(', ')}`, part.flat());
  }
}

/** The queryable fact rows of a batch of analyses, one multi-row insert per table. */
async function writeFacts(db: Db, batch: Analysis[]): Promise<void> {
  const rows: Record<string, unknown[][]> = { analyses: [], entities: [], quotes: [], figures: [], events: [], relations: [], labels: [] };
  for (const a of batch) {
    const id = a.article.id;
    const ent = new Map(a.entities.map((e) => [e.id, e]));
    const name = (eid: string | null) => (eid ? ent.get(eid)?.name ?? null : null);
    rows.analyses!.push([id, JSON.stringify(a)]);
    for (const e of a.entities) rows.entities!.push([id, e.id, e.name, e.type, e.kb, e.country, JSON.stringify(e.roles), e.mentions.length]);
    a.quotes.forEach((q, i) => rows.quotes!.push([id, i, q.start, q.end, q.text, q.direct ? 1 : 0, q.speaker, name(q.speaker),
      q.speaker ? ent.get(q.speaker)?.kb ?? null : null, q.cue?.text ?? null, q.date]));
    a.figures.forEach((f, i) => rows.figures!.push([id, i, f.start, f.end, f.text, f.kind, f.value, f.min, f.max, f.qualifier,
      f.counted, f.cumulative ? 1 : 0, f.source, name(f.source)]));
    for (const v of a.events) {
      rows.events!.push([id, v.id, v.start, v.end, v.text, v.type, v.mode, v.cameo, v.actor, name(v.actor), v.target, name(v.target),
        v.date.value, v.date.precision, v.place?.name ?? null, v.place?.country ?? null, v.place?.lat ?? null, v.place?.lon ?? null,
        JSON.stringify(v.modality), v.reportedBy]);
    }
    a.relations.forEach((r, i) => rows.relations!.push([id, i, r.type, r.subject, name(r.subject), r.object, name(r.object), r.start, r.end, r.text]));
    a.labels.forEach((l, i) => rows.labels!.push([id, i, l.entity, name(l.entity), l.kind, l.start, l.end, l.text]));
  }
  for (const [table, r] of Object.entries(rows)) await insertMany(db, table, r);
}

/** Free words → a safe FTS5 query: each word quoted, all required. */
export function ftsQuery(q: string): string {
  const words = q.match(WORDS) ?? [];
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}
