import type { Dialect } from './db.js';

/**
 * Versioned schema migrations, append only. The tables are the same on both engines; what differs is the
 * insertion-order column (SQLite's rowid, PostgreSQL's `seq` BIGSERIAL) and full-text search (FTS5 / tsvector).
 */
const FACT_TABLES = `
  CREATE TABLE analyses (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, json TEXT NOT NULL);
  CREATE TABLE entities (article_id TEXT NOT NULL, eid TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    kb TEXT, country TEXT, roles TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (article_id, eid));
  CREATE INDEX entities_name ON entities(lower(name));
  CREATE INDEX entities_kb ON entities(kb);
  CREATE TABLE quotes (article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, direct INTEGER NOT NULL, speaker TEXT, speaker_name TEXT, speaker_kb TEXT, cue TEXT, date TEXT,
    PRIMARY KEY (article_id, idx));
  CREATE INDEX quotes_speaker ON quotes(lower(speaker_name));
  CREATE TABLE figures (article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, min DOUBLE PRECISION, max DOUBLE PRECISION,
    qualifier TEXT, counted TEXT, cumulative INTEGER NOT NULL, claimant TEXT, claimant_name TEXT, PRIMARY KEY (article_id, idx));
  CREATE TABLE events (article_id TEXT NOT NULL, vid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT, actor TEXT, actor_name TEXT, target TEXT,
    target_name TEXT, date TEXT, date_precision TEXT, place TEXT, country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    modality TEXT NOT NULL, reported_by TEXT, PRIMARY KEY (article_id, vid));
  CREATE INDEX events_type ON events(type);
  CREATE INDEX events_date ON events(date);
  CREATE INDEX events_actor ON events(lower(actor_name));
  CREATE INDEX events_target ON events(lower(target_name));
  CREATE TABLE relations (article_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL,
    subject_name TEXT, object TEXT NOT NULL, object_name TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (article_id, idx));
  CREATE TABLE labels (article_id TEXT NOT NULL, idx INTEGER NOT NULL, entity TEXT, entity_name TEXT,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (article_id, idx));
  CREATE TABLE rejected (input TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (input, reason));
  CREATE TABLE state (key TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, first TEXT, last TEXT, outlets TEXT NOT NULL,
    articles INTEGER NOT NULL, copies INTEGER NOT NULL);
  CREATE INDEX stories_last ON stories(last);`;

const ARTICLE_COLUMNS = `id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE,
    source TEXT, url TEXT, title TEXT, published TEXT, published_from TEXT NOT NULL,
    language TEXT NOT NULL, text TEXT NOT NULL, input TEXT NOT NULL, ingested_at TEXT NOT NULL,
    cluster_id TEXT, duplicate_of TEXT`;

const ARTICLE_INDEXES = `
  CREATE INDEX articles_published ON articles(published);
  CREATE INDEX articles_source ON articles(source);
  CREATE INDEX articles_cluster ON articles(cluster_id);`;

export const MIGRATIONS: Record<Dialect, string[]> = {
  sqlite: [
    `CREATE TABLE articles (${ARTICLE_COLUMNS});
     ${ARTICLE_INDEXES}
     ${FACT_TABLES}
     CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
     CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
       INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
     CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
       INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END;`,
  ],
  postgres: [
    `CREATE TABLE articles (${ARTICLE_COLUMNS}, seq BIGSERIAL UNIQUE,
       tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED);
     ${ARTICLE_INDEXES}
     CREATE INDEX articles_tsv ON articles USING GIN (tsv);
     ${FACT_TABLES}`,
  ],
};

const QUEUE = (id: string) => `
  CREATE TABLE queue (id ${id}, content_hash TEXT NOT NULL UNIQUE, input TEXT NOT NULL, article TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, lease_until BIGINT, worker TEXT, error TEXT,
    enqueued_at TEXT NOT NULL, done_at TEXT);
  CREATE INDEX queue_status ON queue(status, id);`;

MIGRATIONS.sqlite.push(QUEUE('INTEGER PRIMARY KEY AUTOINCREMENT'));
MIGRATIONS.postgres.push(QUEUE('BIGSERIAL PRIMARY KEY'));

// Indexes for actor profiles answered from the fact tables.
const PROFILE_INDEXES = `
  CREATE INDEX relations_subject ON relations(lower(subject_name));
  CREATE INDEX relations_object ON relations(lower(object_name));
  CREATE INDEX labels_entity ON labels(lower(entity_name));
  CREATE INDEX quotes_article ON quotes(article_id);`;
MIGRATIONS.sqlite.push(PROFILE_INDEXES);
MIGRATIONS.postgres.push(PROFILE_INDEXES);

// v4: clustering runs after storing, one writer at a time, in its own order (src/store/stories.ts): an article's
// position in that order, and role leases (which worker clusters). Articles clustered before v4 were clustered in
// insertion order, which becomes their position.
const LEASES = `CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms BIGINT NOT NULL);`;
MIGRATIONS.sqlite.push(`ALTER TABLE articles ADD COLUMN story_seq INTEGER;
  UPDATE articles SET story_seq = rowid WHERE cluster_id IS NOT NULL;
  CREATE UNIQUE INDEX articles_story_seq ON articles(story_seq);
  ${LEASES}`);
MIGRATIONS.postgres.push(`ALTER TABLE articles ADD COLUMN story_seq BIGINT;
  UPDATE articles SET story_seq = seq WHERE cluster_id IS NOT NULL;
  CREATE UNIQUE INDEX articles_story_seq ON articles(story_seq);
  CREATE INDEX articles_unclustered ON articles(seq) WHERE story_seq IS NULL;
  ${LEASES}`);

// v5: PostgreSQL compresses the large values (analyses, article texts, queued articles, the saved story index) with
// lz4 instead of pglz where the server was built with it (Debian's is): several times cheaper in server CPU for the
// same values, which matters most for the story index (megabytes, saved now and then). Values already stored keep
// their compression. SQLite stores values as they are: nothing to do there.
MIGRATIONS.sqlite.push(`SELECT 1;`);
MIGRATIONS.postgres.push(`DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
    ALTER TABLE analyses ALTER COLUMN json SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE queue ALTER COLUMN article SET COMPRESSION lz4;
    ALTER TABLE state ALTER COLUMN json SET COMPRESSION lz4;
  END IF;
END $$;`);

/** The insertion-order column of `articles` on each engine. */
export const SEQ: Record<Dialect, string> = { sqlite: 'rowid', postgres: 'seq' };
