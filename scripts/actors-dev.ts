/** Development check of the actors NER on CoNLL-2003 testa (dev part): F1 by type and error listing. */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { goldPath } from '../bench/shared.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { loadActorsResources } from '../src/actors/load.js';
import { findNames, runActors } from '../src/actors/index.js';
import { modelFromJson, spansOf } from '../src/actors/ner.js';
import { conllDocuments, readConll } from '../src/actors/conll.js';
import type { EntityType } from '../src/types.js';

const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const res = loadActorsResources(DATA_DIR, []);
// NER_MODEL=path: try another weights file (e.g. one written by train-ner.ts --out).
if (process.env.NER_MODEL) res.model = modelFromJson(JSON.parse(readFileSync(process.env.NER_MODEL, 'utf8')));
const COARSE: Record<EntityType, string> = { PERSON: 'PER', ORG: 'ORG', GROUP: 'ORG', GPE: 'LOC', LOC: 'LOC', FACILITY: 'LOC', OTHER: 'MISC' };
function predictDoc(sents: { words: string[] }[]): Set<string>[] {
  let text = '';
  const offs: number[] = [], sentOf: number[] = [], wordOf: number[] = [];
  sents.forEach((s, si) => { if (si) text += '\n\n'; s.words.forEach((w, wi) => { if (wi) text += ' '; offs.push(text.length); sentOf.push(si); wordOf.push(wi); text += w; }); });
  const all = sents.flatMap((s) => s.words);
  const wordAt = (o: number) => { let lo = 0, hi = offs.length - 1; while (lo < hi) { const m = (lo + hi + 1) >> 1; if (offs[m]! <= o) lo = m; else hi = m - 1; } return offs[lo]! <= o && o < offs[lo]! + all[lo]!.length ? lo : -1; };
  const doc = buildDocument(articleBlock({ text } as never), abbreviations);
  runActors(doc, res);
  const out = sents.map(() => new Set<string>());
  for (const m of doc.mentions) {
    if (m.kind === 'pronoun' || m.kind === 'nominal') continue;
    const a = wordAt(m.start), b = wordAt(m.end - 1);
    if (a < 0 || b < 0 || sentOf[a] !== sentOf[b]) continue;
    out[sentOf[a]!]!.add(`${wordOf[a]}:${wordOf[b]! + 1}:${m.kind === 'demonym' ? 'MISC' : COARSE[m.type]}`);
  }
  void findNames;
  return out;
}
const file = process.argv[2] ?? 'eng.testa';
const sents = readConll(goldPath('ner', 'conll2003', file));
const predMap = new Map<object, Set<string>>();
const t00 = performance.now();
for (const [a, b] of (process.env.SENT ? sents.map((_, i) => [i, i + 1] as [number, number]) : conllDocuments(sents))) predictDoc(sents.slice(a, b)).forEach((p, k) => predMap.set(sents[a + k]!, p));
console.log('analysed in', (performance.now() - t00).toFixed(0), 'ms');
const by: Record<string, { tp: number; fp: number; fn: number }> = {};
const errs: string[] = [];
const t0 = performance.now();
for (const s of sents) {
  const gold = new Set(spansOf(s.tags).filter((x) => x.type !== 'MISC').map((x) => `${x.start}:${x.end}:${x.type}`));
  const pred = [...predMap.get(s)!].filter((k) => !k.endsWith('MISC'));
  const txt = (k: string) => { const [a, b, t] = k.split(':'); return `${s.words.slice(+a!, +b!).join(' ')}/${t}`; };
  const line: string[] = [];
  for (const k of pred) { const t = k.split(':')[2]!; by[t] ??= { tp: 0, fp: 0, fn: 0 }; if (gold.has(k)) by[t]!.tp++; else { by[t]!.fp++; line.push('FP ' + txt(k)); } }
  for (const k of gold) { const t = k.split(':')[2]!; by[t] ??= { tp: 0, fp: 0, fn: 0 }; if (!pred.includes(k)) { by[t]!.fn++; line.push('FN ' + txt(k)); } }
  if (line.length) errs.push(s.words.join(' ') + '\n   ' + line.join(' | '));
}
const f = (c: { tp: number; fp: number; fn: number }) => { const p = c.tp / Math.max(1, c.tp + c.fp), r = c.tp / Math.max(1, c.tp + c.fn); return { P: +(100 * p).toFixed(1), R: +(100 * r).toFixed(1), F: +(p + r ? 200 * p * r / (p + r) : 0).toFixed(1) }; };
const tot = { tp: 0, fp: 0, fn: 0 };
for (const [t, c] of Object.entries(by)) { tot.tp += c.tp; tot.fp += c.fp; tot.fn += c.fn; console.log(t, JSON.stringify(f(c))); }
console.log('ALL', JSON.stringify(f(tot)), `${(performance.now() - t0).toFixed(0)} ms`);
writeFileSync('/tmp/actors-errs.txt', errs.join('\n'));
