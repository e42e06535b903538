/**
 * A synthetic corpus for the speed, scale and API benchmarks: the bundled examples/ varied by swapping names,
 * scaling numbers and shifting dates. Deterministic: the same n gives the same articles.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { DATA_DIR } from '../src/resources.js';
import { readPaths } from '../src/ingest/index.js';
import type { ArticleInput } from '../src/types.js';

const NAMES = [
  ['Haftar', 'Hamdan'], ['Serraj', 'Sarraj'], ['Tripoli', 'Misrata'], ['Turkey', 'Qatar'], ['Geneva', 'Berlin'],
  ['Russia', 'Egypt'], ['Salame', 'Williams'], ['Benghazi', 'Sirte'], ['Tuesday', 'Monday'], ['Friday', 'Thursday'],
];

/** A deterministic variant of `base`: names swapped, numbers scaled, dates shifted by up to 400 days. */
export function variant(base: ArticleInput, k: number, id: string): ArticleInput {
  let text = base.text;
  for (let j = 0; j < NAMES.length; j++) {
    if ((k >> j) & 1) text = text.split(NAMES[j]![0]!).join(NAMES[j]![1]!);
  }
  text = text.replace(/\b\d{2,3}\b(?!,)/g, (m) => String(Math.max(1, Math.round((Number(m) * (k % 7 + 3)) / 5))));
  text += `\n\n(Report ${id}.)`;
  let published = base.published ?? null;
  if (published) {
    const d = new Date(published.slice(0, 10) + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + (k % 400));
    published = d.toISOString().slice(0, 10);
  }
  return { ...base, id, text, published };
}

/** n articles made from the examples. */
export function generateCorpus(n: number): ArticleInput[] {
  const bases: ArticleInput[] = [];
  for (const r of readPaths([join(DATA_DIR, '..', 'examples')], {})) if (r.ok && r.article.published) bases.push(r.article);
  if (!bases.length) throw new Error('no dated examples to build the corpus from');
  const out: ArticleInput[] = [];
  for (let k = 0; out.length < n; k++) out.push(variant(bases[k % bases.length]!, Math.floor(k / bases.length), `gen-${k}`));
  return out;
}

/** Writes articles as one JSON Lines file (for `sitrep ingest` and `--queue`). */
export function writeCorpus(path: string, articles: ArticleInput[]): void {
  writeFileSync(path, articles.map((a) => JSON.stringify({ id: a.id, source: a.source, url: a.url, title: a.title, published: a.published, text: a.text })).join('\n') + '\n');
}
