/**
 * A synthetic corpus for the speed, scale and API benchmarks: the bundled examples/ varied by swapping names,
 * scaling numbers and shifting dates. Deterministic: the same n gives the same articles.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { DATA_DIR } from '../src/resources.js';
import { readPaths } from '../src/ingest/index.js';
import type { ArticleInput } from '../src/types.js';

/** Names in the examples that each generated story replaces with names of its own. */
const NAMES = ['Haftar', 'Serraj', 'Sarraj', 'Tripoli', 'Misrata', 'Benghazi', 'Sirte', 'Geneva', 'Salame', 'Erdogan', 'Libya', 'Libyan'];
const SYLLABLES = ['ka', 'ri', 'to', 'ben', 'sa', 'mar', 'lo', 'vi', 'dun', 'el', 'ha', 'zu', 'qor', 'tan', 'mi', 'ra', 'go', 'shi', 'ne', 'bal'];

/** A made-up name, the same for the same (story, slot). */
function madeUpName(story: number, slot: number): string {
  let h = (story * 2654435761 + slot * 40503) >>> 0;
  let name = '';
  for (let i = 0; i < 3; i++) {
    name += SYLLABLES[h % SYLLABLES.length];
    h = Math.floor(h / SYLLABLES.length) ^ (story + i * 7919);
  }
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Replaces the examples' names with story `story`'s made-up names (story 0 keeps the originals). */
function rename(text: string, story: number): string {
  if (story === 0) return text;
  NAMES.forEach((n, slot) => { text = text.replace(new RegExp(`\\b${n}\\b`, 'g'), madeUpName(story, slot)); });
  return text;
}

/**
 * Article `slot` of story `story`: `sentences` sentences (default eight, about 1,000 characters; 24 make about 3,000)
 * drawn from all the examples' sentences, its names the story's
 * made-up ones, its numbers scaled and its date moved, so that stories are distinct, the articles of one story share
 * names and dates, and no two articles are copies of each other.
 */
export function variant(bases: ArticleInput[], pool: string[], story: number, slot: number, id: string, sentences = 8): ArticleInput {
  const base = bases[slot % bases.length]!;
  let seed = (story * 1_000_003 + slot * 7919 + 17) >>> 0;
  const next = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed; };
  const picked: string[] = [];
  for (let i = 0; i < sentences; i++) picked.push(pool[next() % pool.length]!);
  const paragraphs: string[] = [];
  for (let i = 0; i < picked.length; i += 2) paragraphs.push(picked.slice(i, i + 2).join(' '));
  let text = rename(paragraphs.join('\n\n'), story);
  text = text.replace(/\b\d{2,3}\b(?!,)/g, (m) => String(Math.max(1, Math.round((Number(m) * (story % 7 + 3)) / 5))));
  let published = base.published ?? null;
  if (published) {
    const d = new Date(published.slice(0, 10) + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 3 * story);
    published = d.toISOString().slice(0, 10);
  }
  return { ...base, id, title: base.title ? rename(base.title, story) : null, text, published, url: base.url ? `${base.url}?story=${story}&n=${slot}` : null };
}

/** n articles made from the examples' English sentences, 17 to a story, each of `sentences` sentences. */
export function generateCorpus(n: number, sentences = 8): ArticleInput[] {
  const bases: ArticleInput[] = [];
  for (const r of readPaths([join(DATA_DIR, '..', 'examples')], {})) {
    if (r.ok && r.article.published && !r.warnings?.some((w) => /language/.test(w))) bases.push(r.article);
  }
  if (!bases.length) throw new Error('no dated examples to build the corpus from');
  const pool = bases.flatMap((b) => b.text.split(/(?<=[.!?][”"]?)\s+/).filter((x) => x.length > 40));
  const out: ArticleInput[] = [];
  for (let k = 0; out.length < n; k++) out.push(variant(bases, pool, Math.floor(k / 17), k % 17, `gen-${k}`, sentences));
  return out;
}

/** Writes articles as one JSON Lines file (for `sitrep ingest` and `--queue`). */
export function writeCorpus(path: string, articles: ArticleInput[]): void {
  writeFileSync(path, articles.map((a) => JSON.stringify({ id: a.id, source: a.source, url: a.url, title: a.title, published: a.published, text: a.text })).join('\n') + '\n');
}
