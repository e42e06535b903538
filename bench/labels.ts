/**
 * bench:labels — loaded-language detection on BABE (../shared/data/framing/babe/final_labels_SG2.csv,
 * evaluation only), a sanity check of the label lexicon, which was NOT tuned on BABE.
 *
 * Each BABE sentence is analysed alone by the labels stage (no actors); it is predicted "biased" when
 * the stage finds a delegitimizing, legitimizing or loaded label in it. Sentences labelled
 * "No agreement" are left out. Scored as macro-F1 over the two classes (percent), with the
 * majority-class baseline from the same run. Then the cost of the relations and labels stages
 * together, in ms per 3,000 characters, over the seed and examples/ run through the whole pipeline.
 *
 * Last line: {"bench":"labels","babeMacroF1":…}
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldPath, SHARED_DIR } from './shared.js';
import { articleBlock, STAGES } from '../src/analyze.js';
import { buildDocument, type Doc } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { DATA_DIR, loadResources, readJson } from '../src/resources.js';
import { readPaths } from '../src/ingest/index.js';
import { runLabels } from '../src/labels/index.js';
import { loadLabelsResources } from '../src/labels/load.js';
import { runRelations } from '../src/relations/index.js';
import type { LabelKind } from '../src/types.js';

const BIASED_KINDS = new Set<LabelKind>(['delegitimizing', 'legitimizing', 'loaded']);

/** RFC 4180 CSV with a chosen delimiter (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string, delim: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delim) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts) => (2 * c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));

/** Macro-F1 over the two classes, from gold and predicted booleans (true = biased). */
function macroF1(gold: boolean[], pred: boolean[]): { macro: number; biased: number; unbiased: number } {
  const pos: Counts = { tp: 0, fp: 0, fn: 0 };
  const neg: Counts = { tp: 0, fp: 0, fn: 0 };
  gold.forEach((g, k) => {
    const p = pred[k]!;
    if (g && p) pos.tp++;
    if (!g && p) { pos.fp++; neg.fn++; }
    if (g && !p) { pos.fn++; neg.fp++; }
    if (!g && !p) neg.tp++;
  });
  return { macro: (f1(pos) + f1(neg)) / 2, biased: f1(pos), unbiased: f1(neg) };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

function main() {
  const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
  const labels = loadLabelsResources(DATA_DIR);

  // ---- BABE
  const rows = parseCsv(readFileSync(goldPath('framing', 'babe', 'final_labels_SG2.csv'), 'utf8').replace(/^\uFEFF/, ''), ';');
  const head = rows[0]!;
  const textCol = head.indexOf('text');
  const labelCol = head.indexOf('label_bias');
  if (textCol < 0 || labelCol < 0) throw new Error(`BABE header lacks text/label_bias: ${head.join(';')}`);
  const gold: boolean[] = [];
  const pred: boolean[] = [];
  let skipped = 0;
  const hits = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const lab = r[labelCol];
    if (lab !== 'Biased' && lab !== 'Non-biased') { skipped++; continue; }
    const text = (r[textCol] ?? '').trim();
    const doc = buildDocument(articleBlock({ text }), abbreviations);
    runLabels(doc, labels);
    const found = doc.labels.filter((l) => BIASED_KINDS.has(l.kind));
    for (const l of found) hits.set(l.text.toLowerCase(), (hits.get(l.text.toLowerCase()) ?? 0) + 1);
    gold.push(lab === 'Biased');
    pred.push(found.length > 0);
  }
  const ours = macroF1(gold, pred);
  const nBiased = gold.filter(Boolean).length;
  const majority = nBiased * 2 >= gold.length;
  const base = macroF1(gold, gold.map(() => majority));
  const acc = gold.filter((g, k) => g === pred[k]).length / gold.length;
  console.log(`BABE SG2: ${gold.length} sentences (${nBiased} biased, ${gold.length - nBiased} not; ${skipped} without agreement left out)`);
  console.log(`  lexicon (${labels.size} phrases): macro-F1 ${pct(ours.macro)}  (F1 biased ${pct(ours.biased)}, not biased ${pct(ours.unbiased)}; accuracy ${pct(acc)}; flagged ${pred.filter(Boolean).length})`);
  console.log(`  majority class ("${majority ? 'Biased' : 'Non-biased'}"): macro-F1 ${pct(base.macro)}`);
  console.log(`  most frequent hits: ${[...hits].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12).map(([w, n]) => `${w} ${n}`).join(', ')}`);

  // ---- cost of relations + labels, on documents the earlier stages have filled
  try {
    costReport();
  } catch (e) {
    console.log(`  cost: not measured (${(e as Error).message.split('\n')[0]})`);
  }

  console.log(JSON.stringify({ bench: 'labels', babeMacroF1: pct(ours.macro) }));
}

function costReport() {
  {
    const res = loadResources();
    const inputs: { text: string; published?: string | null }[] = [];
    try {
      const raw = readFileSync(join(SHARED_DIR, 'seed', '000_a1013574c7223587.txt'), 'utf8');
      const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/.exec(raw);
      if (m) inputs.push({ text: raw.slice(m[0].length).trim(), published: m[1]! });
    } catch { /* no seed: examples only */ }
    for (const r of readPaths([join(DATA_DIR, '..', 'examples')], {})) if (r.ok) inputs.push(r.article);
    const docs: Doc[] = [];
    for (const a of inputs) {
      const doc = buildDocument(articleBlock(a), res.abbreviations);
      for (const [name, run] of STAGES) if (name !== 'relations' && name !== 'labels') run(doc, res);
      docs.push(doc);
    }
    const chars = docs.reduce((n, d) => n + d.text.length, 0);
    const rounds = 20;
    const last = new Map<Doc, Doc>();
    const once = () => {
      for (const base of docs) {
        // A fresh document object each time, so nothing cached on the last run is reused.
        const d: Doc = { ...base, relations: [], labels: [] };
        runRelations(d, res.relations);
        runLabels(d, res.labels);
        last.set(base, d);
      }
    };
    for (let k = 0; k < 20; k++) once();
    // CPU time of this process, not wall time, and the median of 15 batches: the figure should not
    // depend on what else the machine runs (the development machine is shared).
    const batches: number[] = [];
    for (let b = 0; b < 15; b++) {
      const c0 = process.cpuUsage();
      for (let k = 0; k < rounds; k++) once();
      const c = process.cpuUsage(c0);
      batches.push((c.user + c.system) / 1000 / rounds);
    }
    batches.sort((x, y) => x - y);
    const per3000 = (batches[7]! / chars) * 3000;
    const best3000 = (batches[0]! / chars) * 3000;
    const nRel = docs.reduce((n, d) => n + last.get(d)!.relations.length, 0);
    const nLab = docs.reduce((n, d) => n + last.get(d)!.labels.length, 0);
    console.log(`  cost: relations + labels ${per3000.toFixed(4)} ms of CPU per 3,000 characters, median of 15 batches (best ${best3000.toFixed(4)}) (${docs.length} articles, ${chars} characters, ${nRel} relations, ${nLab} labels)`);
  }
}

main();
