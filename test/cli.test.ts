/** The command line as a user meets it: the bundled examples ingested, then every command on the store. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { AnalysisSchema } from '../src/schema.js';
import { NO_SEED, SEED_PATH } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
let db: string;

const sitrep = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
const lines = (s: string) => s.split('\n').filter(Boolean);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
  db = join(dir, 'x.db');
  const r = sitrep('ingest', join(ROOT, 'examples'), '--db', db);
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('ingest reports what it read and stored; a second run stores nothing twice', () => {
  const again = sitrep('ingest', join(ROOT, 'examples'), '--db', db);
  assert.equal(again.status, 0);
  assert.match(again.stderr, /(\d+) read, 0 stored, \1 already stored, 0 rejected/);
});

test('stories --json: every article in one story, and the syndicated copy folded into its original', () => {
  const r = sitrep('stories', '--db', db, '--json');
  assert.equal(r.status, 0, r.stderr);
  const stories = lines(r.stdout).map((l) => JSON.parse(l));
  const all = stories.flatMap((s) => s.articles);
  assert.equal(new Set(all).size, all.length, 'no article in two stories');
  const copies = stories.flatMap((s) => Object.entries(s.duplicates as Record<string, string>));
  assert.ok(copies.length >= 1, 'the syndicated near-copy is linked to its original');
  for (const [copy, original] of copies) assert.ok(stories.some((s) => s.articles.includes(copy) && s.articles.includes(original)));
});

test('events in every export format', () => {
  const json = sitrep('events', '--db', db);
  assert.ok(lines(json.stdout).length > 0);
  for (const l of lines(json.stdout)) assert.ok(JSON.parse(l).type);
  const acled = sitrep('events', '--db', db, '--format', 'acled');
  assert.match(lines(acled.stdout)[0]!, /^event_id_cnty,event_date,year/);
  const gkg = sitrep('events', '--db', db, '--format', 'gkg');
  assert.match(lines(gkg.stdout)[0]!, /^GKGRECORDID\t/);
  const plover = sitrep('events', '--db', db, '--format', 'plover', '--merged');
  assert.ok(lines(plover.stdout).every((l) => typeof JSON.parse(l) === 'object'));
  const bad = sitrep('events', '--db', db, '--format', 'xml');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown --format xml/);
});

test('actor finds an actor by an alias, with the names it goes by', () => {
  const r = sitrep('actor', 'Haftar', '--db', db, '--json');
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.equal(p.name, 'Khalifa Haftar');
  assert.ok(p.names.some((n: { name: string }) => n.name === 'Haftar'));
  assert.equal(sitrep('actor', 'Nobody Atall', '--db', db).status, 1);
});

test('analyze prints one valid analysis per article; unreadable input is named and the exit code says nothing was read', { skip: NO_SEED }, () => {
  const r = sitrep('analyze', SEED_PATH, '--json');
  assert.equal(r.status, 0, r.stderr);
  const a = JSON.parse(r.stdout);
  assert.ok(AnalysisSchema.safeParse(a).success);
  assert.equal(a.article.published, '2020-02-22');
  assert.equal(a.article.publishedFrom, 'header');
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const bad = sitrep('analyze', empty);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /empty\.txt/);
});

test('every command has --help; an unknown command or option is a usage error', () => {
  for (const c of ['analyze', 'ingest', 'show', 'stories', 'story', 'events', 'actors', 'actor', 'worker', 'queue', 'serve', 'demo']) {
    const r = sitrep(c, '--help');
    assert.equal(r.status, 0, c);
    assert.match(r.stdout, /usage: sitrep/);
  }
  assert.equal(sitrep('frobnicate').status, 2);
  const opt = sitrep('stories', '--colour');
  assert.equal(opt.status, 2);
  assert.match(opt.stderr, /colour/);
});
