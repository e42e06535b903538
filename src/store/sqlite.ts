import Database from 'better-sqlite3';
import type { Analysis } from '../types.js';
import {
  contentHash, type ArticleQuery, type ArticleRow, type StoryRow, type Counts, type FactQuery, type PutResult, type RejectedRow,
  type Store, type StoreItem,
} from './store.js';

/** Versioned migrations: each runs once, in order, inside a transaction. Append only. */
const MIGRATIONS: string[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     content_hash TEXT NOT NULL UNIQUE,
     source TEXT, url TEXT, title TEXT, published TEXT, published_from TEXT NOT NULL,
     language TEXT NOT NULL, text TEXT NOT NULL, input TEXT NOT NULL, ingested_at TEXT NOT NULL,
     cluster_id TEXT, duplicate_of TEXT);
   CREATE INDEX articles_published ON articles(published);
   CREATE INDEX articles_source ON articles(source);
   CREATE INDEX articles_cluster ON articles(cluster_id);
   CREATE TABLE analyses (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, json TEXT NOT NULL);
   CREATE TABLE entities (article_id TEXT NOT NULL, eid TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
     kb TEXT, country TEXT, roles TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (article_id, eid));
   CREATE INDEX entities_name ON entities(name);
   CREATE INDEX entities_kb ON entities(kb);
   CREATE TABLE quotes (article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
     text TEXT NOT NULL, direct INTEGER NOT NULL, speaker TEXT, speaker_name TEXT, speaker_kb TEXT, cue TEXT, date TEXT,
     PRIMARY KEY (article_id, idx));
   CREATE INDEX quotes_speaker ON quotes(speaker_name);
   CREATE TABLE figures (article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
     text TEXT NOT NULL, kind TEXT NOT NULL, value REAL NOT NULL, min REAL, max REAL, qualifier TEXT, counted TEXT,
     cumulative INTEGER NOT NULL, claimant TEXT, claimant_name TEXT, PRIMARY KEY (article_id, idx));
   CREATE TABLE events (article_id TEXT NOT NULL, vid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
     text TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT, actor TEXT, actor_name TEXT, target TEXT,
     target_name TEXT, date TEXT, precision TEXT, place TEXT, country TEXT, lat REAL, lon REAL, modality TEXT NOT NULL,
     reported_by TEXT, PRIMARY KEY (article_id, vid));
   CREATE INDEX events_type ON events(type);
   CREATE INDEX events_date ON events(date);
   CREATE INDEX events_actor ON events(actor_name);
   CREATE TABLE relations (article_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL,
     subject_name TEXT, object TEXT NOT NULL, object_name TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
     text TEXT NOT NULL, PRIMARY KEY (article_id, idx));
   CREATE TABLE labels (article_id TEXT NOT NULL, idx INTEGER NOT NULL, entity TEXT, entity_name TEXT,
     kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (article_id, idx));
   CREATE TABLE rejected (id INTEGER PRIMARY KEY AUTOINCREMENT, input TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
   CREATE UNIQUE INDEX rejected_once ON rejected(input, reason);
   CREATE TABLE state (key TEXT PRIMARY KEY, json TEXT NOT NULL);
   CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
   CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
     INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
   CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
     INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END;`,
  `CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, first TEXT, last TEXT, outlets TEXT NOT NULL,
     articles INTEGER NOT NULL, copies INTEGER NOT NULL);
   CREATE INDEX stories_last ON stories(last);`,
];

const FACT_TABLES = ['analyses', 'entities', 'quotes', 'figures', 'events', 'relations', 'labels'] as const;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private insertArticle: Database.Statement;
  private insertAnalysis: Database.Statement;
  private insertEntity: Database.Statement;
  private insertQuote: Database.Statement;
  private insertFigure: Database.Statement;
  private insertEvent: Database.Statement;
  private insertRelation: Database.Statement;
  private insertLabel: Database.Statement;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
    } catch (e) {
      throw new Error(`cannot open SQLite store ${path}: ${(e as Error).message}`);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.insertArticle = this.db.prepare(
      `INSERT INTO articles (id, content_hash, source, url, title, published, published_from, language, text, input, ingested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertAnalysis = this.db.prepare('INSERT INTO analyses (article_id, json) VALUES (?, ?)');
    this.insertEntity = this.db.prepare('INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertQuote = this.db.prepare('INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertFigure = this.db.prepare('INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertEvent = this.db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertRelation = this.db.prepare('INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertLabel = this.db.prepare('INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    MIGRATIONS.forEach((sql, i) => {
      const version = i + 1;
      if (done.has(version)) return;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(version, new Date().toISOString());
      })();
    });
  }

  schemaVersion(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  knownHashes(hashes: string[]): Set<string> {
    const out = new Set<string>();
    const stmt = this.db.prepare('SELECT 1 FROM articles WHERE content_hash = ?');
    for (const h of hashes) if (stmt.get(h)) out.add(h);
    return out;
  }

  put(items: StoreItem[]): PutResult {
    const result: PutResult = { stored: [], duplicates: [], conflicts: [] };
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const byHash = this.db.prepare('SELECT id FROM articles WHERE content_hash = ?');
      const byId = this.db.prepare('SELECT id FROM articles WHERE id = ?');
      for (const { analysis: a, input } of items) {
        const hash = contentHash(a.article);
        const art = a.article;
        if (byHash.get(hash)) {
          result.duplicates.push(input);
          continue;
        }
        if (byId.get(art.id)) {
          result.conflicts.push({ input, id: art.id });
          continue;
        }
        this.insertArticle.run(art.id, hash, art.source, art.url, art.title, art.published, art.publishedFrom,
          art.language, art.text, input, now);
        this.insertAnalysis.run(art.id, JSON.stringify(a));
        this.writeFacts(a);
        result.stored.push(art.id);
      }
    })();
    return result;
  }

  private writeFacts(a: Analysis): void {
    const id = a.article.id;
    const ent = new Map(a.entities.map((e) => [e.id, e]));
    const name = (eid: string | null) => (eid ? ent.get(eid)?.name ?? null : null);
    for (const e of a.entities) {
      this.insertEntity.run(id, e.id, e.name, e.type, e.kb, e.country, JSON.stringify(e.roles), e.mentions.length);
    }
    a.quotes.forEach((q, i) => {
      this.insertQuote.run(id, i, q.start, q.end, q.text, q.direct ? 1 : 0, q.speaker, name(q.speaker),
        q.speaker ? ent.get(q.speaker)?.kb ?? null : null, q.cue?.text ?? null, q.date);
    });
    a.figures.forEach((f, i) => {
      this.insertFigure.run(id, i, f.start, f.end, f.text, f.kind, f.value, f.min, f.max, f.qualifier, f.counted,
        f.cumulative ? 1 : 0, f.source, name(f.source));
    });
    for (const v of a.events) {
      this.insertEvent.run(id, v.id, v.start, v.end, v.text, v.type, v.mode, v.cameo, v.actor, name(v.actor), v.target,
        name(v.target), v.date.value, v.date.precision, v.place?.name ?? null, v.place?.country ?? null,
        v.place?.lat ?? null, v.place?.lon ?? null, JSON.stringify(v.modality), v.reportedBy);
    }
    a.relations.forEach((r, i) => {
      this.insertRelation.run(id, i, r.type, r.subject, name(r.subject), r.object, name(r.object), r.start, r.end, r.text);
    });
    a.labels.forEach((l, i) => {
      this.insertLabel.run(id, i, l.entity, name(l.entity), l.kind, l.start, l.end, l.text);
    });
  }

  reject(input: string, reason: string): void {
    this.db.prepare('INSERT OR IGNORE INTO rejected (input, reason, at) VALUES (?, ?, ?)').run(input, reason, new Date().toISOString());
  }

  rejected(limit = 1000): RejectedRow[] {
    return this.db.prepare('SELECT input, reason, at FROM rejected ORDER BY id DESC LIMIT ?').all(limit) as RejectedRow[];
  }

  analysis(id: string): Analysis | null {
    const row = this.db.prepare('SELECT json FROM analyses WHERE article_id = ?').get(id) as { json: string } | undefined;
    if (row) return JSON.parse(row.json) as Analysis;
    // Accept a unique id prefix, as git does.
    const rows = this.db.prepare("SELECT json FROM analyses WHERE article_id LIKE ? || '%' LIMIT 2").all(id) as { json: string }[];
    return rows.length === 1 ? (JSON.parse(rows[0]!.json) as Analysis) : null;
  }

  articles(q: ArticleQuery = {}): ArticleRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    if (q.from) { where.push('a.published >= ?'); args.push(q.from); }
    if (q.to) { where.push('a.published <= ?'); args.push(q.to + '\uffff'); }
    let from = 'articles a';
    if (q.q) {
      from = 'articles_fts f JOIN articles a ON a.rowid = f.rowid';
      where.push('articles_fts MATCH ?');
      args.push(ftsQuery(q.q));
    }
    const sql = `SELECT a.id, a.source, a.url, a.title, a.published, a.language, a.input, a.cluster_id AS clusterId,
      a.duplicate_of AS duplicateOf FROM ${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.published, a.id LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, q.limit ?? 100, q.offset ?? 0) as ArticleRow[];
  }

  *eachAnalysis(batch = 500): Generator<Analysis> {
    let last = '';
    let lastId = '';
    for (;;) {
      const rows = this.db.prepare(
        `SELECT a.id, COALESCE(a.published, '') AS p, n.json FROM articles a JOIN analyses n ON n.article_id = a.id
         WHERE (COALESCE(a.published, ''), a.id) > (?, ?) ORDER BY COALESCE(a.published, ''), a.id LIMIT ?`,
      ).all(last, lastId, batch) as { id: string; p: string; json: string }[];
      if (!rows.length) return;
      for (const r of rows) yield JSON.parse(r.json) as Analysis;
      last = rows[rows.length - 1]!.p;
      lastId = rows[rows.length - 1]!.id;
    }
  }

  counts(): Counts {
    const n = (t: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      articles: n('articles'), rejected: n('rejected'), entities: n('entities'), quotes: n('quotes'),
      figures: n('figures'), events: n('events'), relations: n('relations'), labels: n('labels'),
    };
  }

  setStory(articleId: string, clusterId: string, duplicateOf: string | null): void {
    this.db.prepare('UPDATE articles SET cluster_id = ?, duplicate_of = ? WHERE id = ?').run(clusterId, duplicateOf, articleId);
  }

  upsertStory(s: StoryRow): void {
    this.db.prepare(`INSERT INTO stories (id, title, first, last, outlets, articles, copies) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
      outlets = excluded.outlets, articles = excluded.articles, copies = excluded.copies`)
      .run(s.id, s.title, s.first, s.last, JSON.stringify(s.outlets), s.articles, s.copies);
  }

  stories(q: { from?: string; to?: string; limit?: number; offset?: number } = {}): StoryRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.from) { where.push('last >= ?'); args.push(q.from); }
    if (q.to) { where.push('first <= ?'); args.push(q.to + '\uffff'); }
    const rows = this.db.prepare(`SELECT * FROM stories ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY articles + copies DESC, last DESC, id LIMIT ? OFFSET ?`).all(...args, q.limit ?? 100, q.offset ?? 0) as (Omit<StoryRow, 'outlets'> & { outlets: string })[];
    return rows.map((r) => ({ ...r, outlets: JSON.parse(r.outlets) as string[] }));
  }

  story(id: string): { story: StoryRow; articles: ArticleRow[] } | null {
    const r = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(id) as (Omit<StoryRow, 'outlets'> & { outlets: string }) | undefined;
    if (!r) return null;
    const articles = this.db.prepare(`SELECT id, source, url, title, published, language, input, cluster_id AS clusterId,
      duplicate_of AS duplicateOf FROM articles WHERE cluster_id = ? ORDER BY published, id`).all(id) as ArticleRow[];
    return { story: { ...r, outlets: JSON.parse(r.outlets) as string[] }, articles };
  }

  /** Articles stored after rowid `after`, in insertion order (the story index catches up on them). */
  *analysesAfter(after: number): Generator<{ rowid: number; analysis: Analysis }> {
    let last = after;
    for (;;) {
      const rows = this.db.prepare(`SELECT a.rowid AS rowid, n.json FROM articles a JOIN analyses n ON n.article_id = a.id
        WHERE a.rowid > ? ORDER BY a.rowid LIMIT 500`).all(last) as { rowid: number; json: string }[];
      if (!rows.length) return;
      for (const r of rows) yield { rowid: r.rowid, analysis: JSON.parse(r.json) as Analysis };
      last = rows[rows.length - 1]!.rowid;
    }
  }

  lastPosition(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(rowid), 0) AS p FROM articles').get() as { p: number }).p;
  }

  getState(key: string): unknown {
    const row = this.db.prepare('SELECT json FROM state WHERE key = ?').get(key) as { json: string } | undefined;
    return row ? JSON.parse(row.json) : null;
  }

  setState(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO state (key, json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET json = excluded.json')
      .run(key, JSON.stringify(value));
  }

  /** Runs `fn` in one transaction (used by ingest to write a batch and its story assignments together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private facts(table: string, actorCols: string[], dateCol: string | null, typeCol: string | null, q: FactQuery): Record<string, unknown>[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.article) { where.push('t.article_id = ?'); args.push(q.article); }
    if (q.actor) {
      where.push('(' + actorCols.map((c) => `t.${c} = ? COLLATE NOCASE`).join(' OR ') + ')');
      for (const _ of actorCols) args.push(q.actor);
    }
    if (q.type && typeCol) { where.push(`t.${typeCol} = ?`); args.push(q.type); }
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    const dc = dateCol ? `t.${dateCol}` : 'a.published';
    if (q.from) { where.push(`${dc} >= ?`); args.push(q.from); }
    if (q.to) { where.push(`${dc} <= ?`); args.push(q.to + '\uffff'); }
    const sql = `SELECT t.*, a.source, a.published FROM ${table} t JOIN articles a ON a.id = t.article_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.published, t.article_id LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, q.limit ?? 1000, q.offset ?? 0) as Record<string, unknown>[];
  }

  events(q: FactQuery = {}) { return this.facts('events', ['actor_name', 'target_name'], 'date', 'type', q); }
  quotes(q: FactQuery = {}) { return this.facts('quotes', ['speaker_name', 'speaker_kb'], null, null, q); }
  figures(q: FactQuery = {}) { return this.facts('figures', ['claimant_name'], null, 'kind', q); }
  entities(q: FactQuery = {}) { return this.facts('entities', ['name', 'kb'], null, 'type', q); }

  /** Removes an article and every fact of it (used by tests and re-analysis). */
  delete(id: string): void {
    this.db.transaction(() => {
      for (const t of FACT_TABLES) this.db.prepare(`DELETE FROM ${t} WHERE article_id = ?`).run(id);
      this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** Turns free words into a safe FTS5 query: each word quoted, all required. */
export function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}

/** Opens the store named by `--db` (a file path; PostgreSQL URLs are not supported yet). */
export function openStore(db: string): SqliteStore {
  if (/^postgres(ql)?:\/\//.test(db)) {
    throw new Error(`--db ${db}: the PostgreSQL store is not built yet (issue 10); use a SQLite file path`);
  }
  return new SqliteStore(db);
}
