/**
 * npm run bench:time — TempEval-3 Task A (timex extent, value, type) on TE3-platinum (test) and
 * TimeBank + AQUAINT (development), with chrono-node through the same scorer as a comparison row.
 *
 * Options: --errors prints mismatches on TimeBank + AQUAINT (development). TE3-platinum is the
 * held-out test set: only its summary is ever printed. --dev runs TimeBank + AQUAINT alone (no
 * TE3-platinum, no chrono-node) and ends with {"bench":"time-dev",…}: the line to iterate on.
 * Last line: {"bench":"time","extentF1":…,"strictF1":…,"valueF1":…,"typeF1":…,"tbaqValueF1":…,"chronoValueF1":…}
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { goldPath } from './shared.js';
import { parseTml, scoreDoc, summarize, zeroCounts, type Counts, type Timex, type TmlDoc } from './timeml.js';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { runTime } from '../src/time/index.js';
import { loadTimeResources } from '../src/time/load.js';

const args = process.argv.slice(2);
const showErrors = args.includes('--errors') ? 'tbaq' : null;
// --dev: TimeBank + AQUAINT only (development); TE3-platinum and chrono-node are not run at all.
const devOnly = args.includes('--dev');

function readSet(...parts: string[]): TmlDoc[] {
  const dir = goldPath(...parts);
  return readdirSync(dir).filter((f) => f.endsWith('.tml')).sort()
    .map((f) => parseTml(f, readFileSync(join(dir, f), 'utf8')));
}

// --- Scorer self-check: gold against itself is 100, and hand cases give the hand-computed figures.
function selfCheck(docs: TmlDoc[]): void {
  const c = zeroCounts();
  for (const d of docs) scoreDoc(d.text, d.timexes, d.timexes, c);
  const s = summarize(c);
  if (s.extentF1 !== 100 || s.strictF1 !== 100 || s.valueF1 !== 100 || s.typeF1 !== 100) throw new Error(`scorer self-check failed: ${JSON.stringify(s)}`);
  const text = 'He left on Friday morning and came back two days later.';
  const g: Timex[] = [
    { start: 11, end: 25, text: 'Friday morning', type: 'TIME', value: '2020-02-21TMO' },
    { start: 40, end: 54, text: 'two days later', type: 'DATE', value: '2020-02-23' },
  ];
  const sys: Timex[] = [
    { start: 11, end: 17, text: 'Friday', type: 'DATE', value: '2020-02-21' },
    { start: 40, end: 54, text: 'two days later', type: 'DATE', value: '2020-02-23' },
    { start: 0, end: 2, text: 'He', type: 'DATE', value: 'X' },
  ];
  // relaxed: 2 of 3 system, 2 of 2 gold → P 2/3, R 1, F1 0.8; strict 1 → P 1/3 R 1/2 F1 0.4;
  // value right on 1 of 2 matches → 0.5 × 0.8 = 0.4; type right on 1 → 0.4.
  const h = summarize(scoreDoc(text, g, sys));
  if (h.extentF1 !== 80 || h.strictF1 !== 40 || h.valueF1 !== 40 || h.typeF1 !== 40) throw new Error(`scorer hand check failed: ${JSON.stringify(h)}`);
}

// Only the time stage's data (and the sentence splitter's abbreviations) are loaded.
const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const timeRes = loadTimeResources(DATA_DIR);
let stageMs = 0;

function sitrepTimexes(d: TmlDoc): Timex[] {
  const doc = buildDocument(articleBlock({ text: d.text, published: d.dct }), abbreviations);
  const t0 = performance.now();
  runTime(doc, timeRes);
  stageMs += performance.now() - t0;
  return doc.times.map((t) => ({ start: t.start, end: t.end, text: t.text, type: t.type, value: t.value }));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function chronoTimexes(d: TmlDoc): Timex[] {
  const ref = d.dct && /^\d{4}-\d{2}-\d{2}/.test(d.dct) ? new Date(`${d.dct.slice(0, 10)}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1));
  const out: Timex[] = [];
  for (const r of chrono.parse(d.text, ref)) {
    const c = r.start;
    const y = c.get('year'), m = c.get('month'), day = c.get('day');
    let value: string | null = null;
    let type = 'DATE';
    if (c.isCertain('day') || c.isCertain('weekday') || !c.isCertain('month')) value = `${y}-${pad2(m ?? 1)}-${pad2(day ?? 1)}`;
    else if (c.isCertain('month')) value = `${y}-${pad2(m ?? 1)}`;
    if (c.isCertain('hour')) {
      type = 'TIME';
      value = `${y}-${pad2(m ?? 1)}-${pad2(day ?? 1)}T${pad2(c.get('hour') ?? 0)}:${pad2(c.get('minute') ?? 0)}`;
    }
    if (!c.isCertain('day') && !c.isCertain('month') && !c.isCertain('weekday') && c.isCertain('year')) value = String(y);
    out.push({ start: r.index, end: r.index + r.text.length, text: r.text, type, value });
  }
  return out;
}

function run(docs: TmlDoc[], tag: (d: TmlDoc) => Timex[], errors: boolean): { counts: Counts; ms: number; chars: number } {
  const counts = zeroCounts();
  let ms = 0;
  let chars = 0;
  for (const d of docs) {
    const t0 = performance.now();
    const sys = tag(d);
    ms += performance.now() - t0;
    chars += d.text.length;
    scoreDoc(d.text, d.timexes, sys, counts);
    if (errors) printErrors(d, sys);
  }
  return { counts, ms, chars };
}

function printErrors(d: TmlDoc, sys: Timex[]): void {
  const ov = (a: Timex, b: Timex) => a.start < b.end && b.start < a.end;
  for (const g of d.timexes) {
    const s = sys.find((x) => ov(x, g));
    if (!s) console.log(`MISS  ${d.name} [${g.text}] ${g.type} ${g.value}   dct=${d.dct}   …${d.text.slice(Math.max(0, g.start - 50), g.end + 30).replace(/\s+/g, ' ')}…`);
    else if ((s.value ?? '') !== (g.value ?? '') || s.type !== g.type || s.start !== g.start || s.end !== g.end) {
      const ctx = d.text.slice(Math.max(0, g.start - 60), g.end + 40).replace(/\s+/g, ' ');
      console.log(`DIFF  ${d.name} gold [${g.text}] ${g.type} ${g.value} | sys [${s.text}] ${s.type} ${s.value}   dct=${d.dct}   …${ctx}…`);
    }
  }
  for (const s of sys) if (!d.timexes.some((g) => ov(s, g))) {
    const ctx = d.text.slice(Math.max(0, s.start - 30), s.end + 30).replace(/\s+/g, ' ');
    console.log(`EXTRA ${d.name} [${s.text}] ${s.type} ${s.value}   …${ctx}…`);
  }
}

const te3 = devOnly ? [] : readSet('timeml', 'te3-platinum');
const tbaq = [...readSet('timeml', 'timebank'), ...readSet('timeml', 'aquaint')];
if (!devOnly) selfCheck(te3);
selfCheck(tbaq);

const sTbaq = run(tbaq, sitrepTimexes, showErrors === 'tbaq');
if (devOnly) {
  const b = summarize(sTbaq.counts);
  console.log(`sitrep TimeBank+AQUAINT P ${b.extentP.toFixed(2)} R ${b.extentR.toFixed(2)} extentF1 ${b.extentF1.toFixed(2)} strictF1 ${b.strictF1.toFixed(2)} valueF1 ${b.valueF1.toFixed(2)} typeF1 ${b.typeF1.toFixed(2)}  (gold ${sTbaq.counts.gold}, system ${sTbaq.counts.sys})`);
  console.log(JSON.stringify({ bench: 'time-dev', tbaqExtentF1: b.extentF1, tbaqStrictF1: b.strictF1, tbaqValueF1: b.valueF1, tbaqTypeF1: b.typeF1 }));
  process.exit(0);
}
const sTe3 = run(te3, sitrepTimexes, false);
const cTe3 = run(te3, chronoTimexes, false);

const a = summarize(sTe3.counts);
const b = summarize(sTbaq.counts);
const c = summarize(cTe3.counts);
const row = (name: string, s: ReturnType<typeof summarize>, k: Counts) =>
  console.log(`${name.padEnd(22)} P ${s.extentP.toFixed(2)} R ${s.extentR.toFixed(2)} extentF1 ${s.extentF1.toFixed(2)} strictF1 ${s.strictF1.toFixed(2)} valueF1 ${s.valueF1.toFixed(2)} typeF1 ${s.typeF1.toFixed(2)}  (gold ${k.gold}, system ${k.sys})`);
console.log('scorer self-check: gold vs gold = 100 on every measure; hand case = 80 / 40 / 40 / 40 as computed');
row('sitrep TE3-platinum', a, sTe3.counts);
row('sitrep TimeBank+AQUAINT', b, sTbaq.counts);
row('chrono-node TE3-plat.', c, cTe3.counts);
// Cost, warm: the time stage alone over pre-built documents, best of three passes.
const built = [...te3, ...tbaq].map((d) => buildDocument(articleBlock({ text: d.text, published: d.dct }), abbreviations));
const allChars = built.reduce((n, d) => n + d.text.length, 0);
let best = Infinity;
let bestCpu = Infinity;
for (let pass = 0; pass < 15; pass++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const doc of built) runTime(doc, timeRes);
  best = Math.min(best, performance.now() - t0);
  const c = process.cpuUsage(c0);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
}
void stageMs;
const per3k = (ms: number) => ((ms / allChars) * 3000).toFixed(3);
console.log(`sitrep cost: ${per3k(bestCpu)} ms CPU (${per3k(best)} ms wall) per 3,000 characters for the time stage (warm, best of 15 passes over ${built.length} documents)`);
console.log(JSON.stringify({
  bench: 'time', extentF1: a.extentF1, strictF1: a.strictF1, valueF1: a.valueF1, typeF1: a.typeF1,
  tbaqValueF1: b.valueF1, chronoValueF1: c.valueF1,
}));
