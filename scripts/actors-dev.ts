/** Development check of the actors NER on CoNLL-2003 testa (dev part): F1 by type and error listing. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { goldPath } from '../bench/shared.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { loadActorsResources } from '../src/actors/load.js';
import { findNames, runActors } from '../src/actors/index.js';
import { spansOf } from '../src/actors/ner.js';
import { readConll } from '../src/actors/conll.js';
import type { EntityType } from '../src/types.js';

const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const res = loadActorsResources(DATA_DIR, []);
const COARSE: Record<EntityType, string> = { PERSON: 'PER', ORG: 'ORG', GROUP: 'ORG', GPE: 'LOC', LOC: 'LOC', FACILITY: 'LOC', OTHER: 'MISC' };
function predict(words: string[]): Set<string> {
  const offs: number[] = [];
  let text = '';
  for (const w of words) { if (text) text += ' '; offs.push(text.length); text += w; }
  const sw = new Map<number, number>(), ew = new Map<number, number>();
  words.forEach((w, i) => { sw.set(offs[i]!, i); ew.set(offs[i]! + w.length, i + 1); });
  const doc = buildDocument(articleBlock({ text } as never), abbreviations);
  runActors(doc, res);
  const out = new Set<string>();
  const wordAt = (o: number) => { let k = -1; for (let i = 0; i < offs.length && offs[i]! <= o; i++) k = i; return k >= 0 && o < offs[k]! + words[k]!.length ? k : undefined; };
  const add = (s: number, e: number, type: string) => { const a = sw.get(s) ?? wordAt(s); const bw = ew.get(e) ?? wordAt(e - 1); const b = bw === undefined ? undefined : ew.has(e) ? bw : bw + 1; out.add(a !== undefined && b !== undefined ? `${a}:${b}:${type}` : `x${s}:${e}:${type}`); };
  for (const m of doc.mentions) { if (m.kind === 'pronoun' || m.kind === 'nominal') continue; add(m.start, m.end, m.kind === 'demonym' ? 'MISC' : COARSE[m.type]); }
  void findNames;
  return out;
}
const file = process.argv[2] ?? 'eng.testa';
const sents = readConll(goldPath('ner', 'conll2003', file));
const by: Record<string, { tp: number; fp: number; fn: number }> = {};
const errs: string[] = [];
const t0 = performance.now();
for (const s of sents) {
  const gold = new Set(spansOf(s.tags).filter((x) => x.type !== 'MISC').map((x) => `${x.start}:${x.end}:${x.type}`));
  const pred = [...predict(s.words)].filter((k) => !k.endsWith('MISC'));
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
