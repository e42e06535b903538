/**
 * bench:entities — named-entity mentions scored like conlleval (exact span and type, micro F1).
 *
 *  - CoNLL-2003 test (eng.testb): evaluation only; PER/ORG/LOC, and all four types with MISC.
 *  - wikigold: the held-out fifth of its sentences (index % 5 == 0; the tagger never trained on them), all types.
 *  - GUM news: the held-out quarter of the documents; person/place/organization mentions that are
 *    proper names (see src/actors/conll.ts), PER/ORG/LOC.
 *  - re3d test: Person/Organisation/Location as PER/ORG/LOC.
 *  - compromise (people/organizations/places) on CoNLL test, PER/ORG/LOC, as the comparison row.
 *
 * CoNLL's copy has no document boundaries; its stories are recovered from the headline + dateline
 * that opens each (conllDocuments) and each story is analysed as one text, a sentence per paragraph.
 * The other sets are analysed a sentence at a time (wikigold's held-out sentences are not contiguous).
 * Last line: {"bench":"entities","conllPerOrgLocF1":…,"conllAllF1":…,"wikigoldF1":…,"gumNewsF1":…,"re3dF1":…,"compromiseConllPerOrgLocF1":…}
 */
import nlp from 'compromise';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SHARED_DIR, goldPath } from './shared.js';
import { join } from 'node:path';
import { DATA_DIR, readJson } from '../src/resources.js';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { loadActorsResources } from '../src/actors/load.js';
import { findNames, runActors } from '../src/actors/index.js';
import { modelFromJson, spansOf } from '../src/actors/ner.js';
import { conllDocuments, WIKIGOLD_HELDOUT, gumNewsSplit, readConll, readGumNews, type TaggedSentence } from '../src/actors/conll.js';
import type { EntityType } from '../src/types.js';

// Only what the actors stage needs (the other stages' data is not loaded).
const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const res = { actors: loadActorsResources(DATA_DIR, []) };
// --dev: the development figures only — CoNLL-2003's dev part eng.testa in place of the test file,
// wikigold and GUM news held out; no speed, re3d or compromise. Last line {"bench":"entities-dev",…}.
// NER_MODEL=path tries another weights file (e.g. one written by scripts/train-ner.ts --out).
const DEV = process.argv.includes('--dev');
if (process.env.NER_MODEL) res.actors.model = modelFromJson(JSON.parse(readFileSync(process.env.NER_MODEL, 'utf8')));
const cpuLoad = process.cpuUsage(cpu0);
console.error(`actor resources (knowledge base ${res.actors.kb.entries.size} entries, gazetteer, tagger) loaded in ${(performance.now() - t0).toFixed(0)} ms (${((cpuLoad.user + cpuLoad.system) / 1000).toFixed(0)} ms CPU)`);
const documentFor = (a: { text: string }, _r: unknown) => buildDocument(articleBlock(a), abbreviations);

const COARSE: Record<EntityType, string> = { PERSON: 'PER', ORG: 'ORG', GROUP: 'ORG', GPE: 'LOC', LOC: 'LOC', FACILITY: 'LOC', OTHER: 'MISC' };

interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts) => {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  return p + r ? (200 * p * r) / (p + r) : 0;
};
const pct = (x: number) => Math.round(x * 10) / 10;

/**
 * Word-level spans "start:end:TYPE" predicted by sitrep for each sentence of a story: the story's
 * sentences are one text, a paragraph each, analysed together (as an article would be).
 */
function predictDoc(sents: TaggedSentence[]): Set<string>[] {
  let text = '';
  const offs: number[] = [];
  const sentOf: number[] = [];
  const wordOf: number[] = [];
  sents.forEach((s, si) => {
    if (si) text += '\n\n';
    s.words.forEach((w, wi) => {
      if (wi) text += ' ';
      offs.push(text.length);
      sentOf.push(si);
      wordOf.push(wi);
      text += w;
    });
  });
  const allWords = sents.flatMap((s) => s.words);
  // Offsets → CoNLL words: a span that starts or ends inside a word takes the whole word
  // (the CoNLL word "Corp." holds the abbreviation's period, which the tokenizer splits off).
  const wordAt = (o: number) => {
    let lo = 0;
    let hi = offs.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (offs[m]! <= o) lo = m;
      else hi = m - 1;
    }
    return offs[lo]! <= o && o < offs[lo]! + allWords[lo]!.length ? lo : -1;
  };
  const doc = documentFor({ text }, res);
  runActors(doc, res.actors);
  const out = sents.map(() => new Set<string>());
  const add = (s: number, e: number, type: string) => {
    const a = wordAt(s);
    const b = wordAt(e - 1);
    if (a < 0 || b < 0 || sentOf[a] !== sentOf[b]) return;
    out[sentOf[a]!]!.add(`${wordOf[a]}:${wordOf[b]! + 1}:${type}`);
  };
  const nameSpans = new Set<string>();
  for (const m of doc.mentions) {
    if (m.kind === 'pronoun' || m.kind === 'nominal') continue;
    add(m.start, m.end, m.kind === 'demonym' ? 'MISC' : COARSE[m.type]);
    nameSpans.add(`${m.start}:${m.end}`);
  }
  for (const c of findNames(doc, res.actors)) {
    if (c.ner !== 'MISC' || c.kb) continue;
    const s = doc.tokens[c.tStart]!.start;
    const e = doc.tokens[c.tEnd - 1]!.end;
    if (!nameSpans.has(`${s}:${e}`)) add(s, e, 'MISC');
  }
  return out;
}

/** With --dev, the errors of the development sets (never the test file's) go to /tmp/entities-dev-errors.txt. */
const devErrors: string[] = [];
function score(sents: TaggedSentence[], types: Set<string>, pred: (s: TaggedSentence) => Set<string>, label = ''): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const s of sents) {
    const gold = new Set(spansOf(s.tags).filter((x) => types.has(x.type)).map((x) => `${x.start}:${x.end}:${x.type}`));
    const p = [...pred(s)].filter((k) => types.has(k.split(':')[2]!));
    const errs: string[] = [];
    const txt = (k: string) => { const [a, b, t] = k.split(':'); return `${s.words.slice(+a!, +b!).join(' ')}/${t}`; };
    for (const k of p) if (gold.has(k)) c.tp++; else { c.fp++; errs.push('FP ' + txt(k)); }
    for (const k of gold) if (!p.includes(k)) { c.fn++; errs.push('FN ' + txt(k)); }
    if (DEV && label && errs.length) devErrors.push(`[${label}] ${s.words.join(' ')}\n   ${errs.join(' | ')}`);
  }
  return c;
}

const POL = new Set(['PER', 'ORG', 'LOC']);
const ALL = new Set(['PER', 'ORG', 'LOC', 'MISC']);
const cache = new Map<TaggedSentence, Set<string>>();
/** Analyses a set's stories (CoNLL: headline-to-headline; others: runs of 20 sentences) once. */
function analyseSet(sents: TaggedSentence[], docs: [number, number][]): void {
  for (const [a, b] of docs) predictDoc(sents.slice(a, b)).forEach((p, k) => cache.set(sents[a + k]!, p));
}
const chunks = (n: number, size = 20): [number, number][] => Array.from({ length: Math.ceil(n / size) }, (_, k) => [k * size, Math.min(n, (k + 1) * size)]);
const ours = (s: TaggedSentence) => cache.get(s) ?? new Set<string>();

// Speed of the stage on the seed article (CPU time, so that other processes on the machine count less).
{
  const seedFile = join(SHARED_DIR, 'seed', '000_a1013574c7223587.txt');
  if (existsSync(seedFile) && !DEV) {
    const text = readFileSync(seedFile, 'utf8').replace(/^\s*date\s+\S+\s+/, '').trim();
    const doc = documentFor({ text }, null);
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    // Warm up (the JIT needs well over a few hundred runs), then the median of five rounds.
    for (let i = 0; i < 1500; i++) runActors(doc, res.actors);
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const c0 = cpu();
      const n = 300;
      for (let i = 0; i < n; i++) runActors(doc, res.actors);
      rounds.push(((cpu() - c0) / n) * (3000 / text.length));
    }
    rounds.sort((a, b) => a - b);
    console.error(`speed: actors stage ${rounds[2]!.toFixed(2)} ms CPU per 3,000 characters (seed, warm, median of 5 rounds; min ${rounds[0]!.toFixed(2)})`);
  }
}

// CoNLL-2003 test.
const conll = readConll(goldPath('ner', 'conll2003', DEV ? 'eng.testa' : 'eng.testb'));
analyseSet(conll, conllDocuments(conll));
const conllPol = score(conll, POL, ours, DEV ? 'testa' : '');
const conllAll = score(conll, ALL, ours);
console.error(`CoNLL ${DEV ? 'dev (testa)' : 'test'} PER/ORG/LOC: tp ${conllPol.tp} fp ${conllPol.fp} fn ${conllPol.fn} F1 ${f1(conllPol).toFixed(1)}; all F1 ${f1(conllAll).toFixed(1)}`);
for (const ty of ['PER', 'ORG', 'LOC', 'MISC']) console.error(`  ${ty} F1 ${f1(score(conll, new Set([ty]), ours)).toFixed(1)}`);
// wikigold held-out.
const wiki = readConll(goldPath('ner', 'wikigold', 'wikigold.conll.txt')).filter((_, i) => WIKIGOLD_HELDOUT(i));
analyseSet(wiki, chunks(wiki.length, 1));
const wikiC = score(wiki, ALL, ours, 'wikigold');
console.error(`wikigold held-out (${wiki.length} sentences) all types F1 ${f1(wikiC).toFixed(1)}`);

// GUM news held-out.
const gumDir = goldPath('ner', 'gum', 'news');
const gum = readGumNews(gumDir, gumNewsSplit(gumDir).test);
analyseSet(gum, chunks(gum.length, 1));
const gumC = score(gum, POL, ours, 'gum');
console.error(`GUM news held-out (${gum.length} sentences) PER/ORG/LOC F1 ${f1(gumC).toFixed(1)}`);

if (DEV) {
  writeFileSync('/tmp/entities-dev-errors.txt', devErrors.join('\n') + '\n');
  console.log(JSON.stringify({ bench: 'entities-dev', conllTestaPerOrgLocF1: pct(f1(conllPol)), conllTestaAllF1: pct(f1(conllAll)), wikigoldF1: pct(f1(wikiC)), gumNewsF1: pct(f1(gumC)) }));
  process.exit(0);
}
// re3d test.
const RE3D: Record<string, string> = { Person: 'PER', Organisation: 'ORG', Location: 'LOC' };
const re3d = readConll(goldPath('ner', 're3d', 're3d-test.conll'), (t) => RE3D[t] ?? null);
analyseSet(re3d, chunks(re3d.length, 1));
const re3dC = score(re3d, POL, ours);
console.error(`re3d test (${re3d.length} sentences) PER/ORG/LOC F1 ${f1(re3dC).toFixed(1)}`);

// compromise on CoNLL test.
function compromisePredict(s: TaggedSentence): Set<string> {
  const offs: number[] = [];
  let text = '';
  for (const w of s.words) {
    if (text) text += ' ';
    offs.push(text.length);
    text += w;
  }
  const startWord = new Map<number, number>();
  const endWord = new Map<number, number>();
  s.words.forEach((w, i) => {
    startWord.set(offs[i]!, i);
    endWord.set(offs[i]! + w.length, i + 1);
  });
  const out = new Set<string>();
  const d = nlp(text);
  const take = (view: { json(o: object): { offset: { start: number; length: number }; text: string }[] }, type: string) => {
    for (const m of view.json({ offset: true })) {
      // Trim trailing punctuation that compromise keeps in the match text.
      const raw = text.slice(m.offset.start, m.offset.start + m.offset.length);
      const trimmed = raw.replace(/[\s.,;:!?'")]+$/, '');
      const a = startWord.get(m.offset.start);
      const b = endWord.get(m.offset.start + trimmed.length);
      out.add(a !== undefined && b !== undefined ? `${a}:${b}:${type}` : `x${m.offset.start}:${type}`);
    }
  };
  take(d.people() as never, 'PER');
  take(d.organizations() as never, 'ORG');
  take(d.places() as never, 'LOC');
  return out;
}
const compC = score(conll, POL, compromisePredict);
console.error(`compromise CoNLL test PER/ORG/LOC F1 ${f1(compC).toFixed(1)}`);

console.log(JSON.stringify({
  bench: 'entities',
  conllPerOrgLocF1: pct(f1(conllPol)),
  conllAllF1: pct(f1(conllAll)),
  wikigoldF1: pct(f1(wikiC)),
  gumNewsF1: pct(f1(gumC)),
  re3dF1: pct(f1(re3dC)),
  compromiseConllPerOrgLocF1: pct(f1(compC)),
}));
