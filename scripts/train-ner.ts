/**
 * Trains the actors stage's NER tagger (averaged perceptron) and writes data/actors/ner-model.json.
 *
 * Training data, only sets marked "may train" in ../shared/data/README.md:
 *  - wikigold (CC BY 4.0), every sentence except the held-out fifth (index % 5 == 0);
 *  - GUM news (Wikinews, CC BY 2.5 / annotations CC BY 4.0), three quarters of the documents.
 * Never CoNLL-2003 (evaluation only). Development figures: CoNLL-2003 testa (dev), not testb.
 *
 *   node --import tsx scripts/train-ner.ts [--iters 10] [--aug 2] [--seed N] [--dev] [--out FILE]
 * The shipped weights are the mean of five runs (--seed 1 … 5; scripts/actors-average-models.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldPath } from '../bench/shared.js';
import { DATA_DIR } from '../src/resources.js';
import { loadActorsResources } from '../src/actors/load.js';
import { NER_TAGS, activeTokens, allowed, compactModel, features, sentenceContext, spansOf, type NerModel } from '../src/actors/ner.js';
import { WIKIGOLD_HELDOUT, gumNewsSplit, readConll, readGumNews, type TaggedSentence } from '../src/actors/conll.js';

const args = process.argv.slice(2);
const ITERS = args.includes('--iters') ? Number(args[args.indexOf('--iters') + 1]) : 10;
const DEV = args.includes('--dev');
const OWN_HISTORY = args.includes('--own-history');

// Without the GeoNames city class: trained with it the tagger did worse on the dev set.
const res = loadActorsResources(DATA_DIR, [], { withoutModel: true, withoutCities: !args.includes('--cities') });
const wikigold = readConll(goldPath('ner', 'wikigold', 'wikigold.conll.txt')).filter((_, i) => !WIKIGOLD_HELDOUT(i));
const gumDir = goldPath('ner', 'gum', 'news');
const gum = readGumNews(gumDir, gumNewsSplit(gumDir).train);
const base: TaggedSentence[] = [...wikigold, ...gum];

// Augmentation (data made here): copies of the sentences with their PER/ORG/LOC names replaced
// by other names of the same type from the shipped knowledge base and gazetteer, so the tagger
// learns from context and shape rather than from the few names wikigold happens to contain.
let seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pools: Record<string, string[][]> = { PER: [], ORG: [], LOC: [] };
for (const e of [...res.kb.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
  const ty = e.type === 'PERSON' ? 'PER' : e.type === 'ORG' || e.type === 'GROUP' ? 'ORG' : e.type === 'GPE' || e.type === 'LOC' ? 'LOC' : null;
  if (!ty || /[()]/.test(e.name)) continue;
  pools[ty]!.push(e.name.split(/\s+/));
}
const firsts: string[] = [];
const lasts: string[] = [];
for (const [w, cls] of [...res.gazetteer.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const cap = w.charAt(0).toUpperCase() + w.slice(1);
  if (cls.includes('first')) firsts.push(cap);
  if (cls.includes('last')) lasts.push(cap);
  if (cls.includes('city') || cls.includes('region')) pools.LOC!.push(cap.split(' ').map((x) => x.charAt(0).toUpperCase() + x.slice(1)));
  if (cls.includes('org') || cls.includes('team')) pools.ORG!.push(cap.split(' ').map((x) => x.charAt(0).toUpperCase() + x.slice(1)));
}
for (let i = 0; i < 3000; i++) pools.PER!.push([firsts[Math.floor(rnd() * firsts.length)]!, lasts[Math.floor(rnd() * lasts.length)]!]);
const pick = (ty: string) => pools[ty]![Math.floor(rnd() * pools[ty]!.length)]!;
const COPIES = args.includes('--aug') ? Number(args[args.indexOf('--aug') + 1]) : 2;
const augmented: TaggedSentence[] = [];
for (let k = 0; k < COPIES; k++) {
  for (const s of base) {
    const spans = spansOf(s.tags).filter((x) => pools[x.type]);
    if (!spans.length) continue;
    const words: string[] = [];
    const tags: string[] = [];
    let i = 0;
    for (const sp of spans) {
      while (i < sp.start) { words.push(s.words[i]!); tags.push(s.tags[i]!); i++; }
      const name = rnd() < 0.7 ? pick(sp.type) : s.words.slice(sp.start, sp.end);
      name.forEach((w, j) => { words.push(w); tags.push((j ? 'I-' : 'B-') + sp.type); });
      i = sp.end;
    }
    while (i < s.words.length) { words.push(s.words[i]!); tags.push(s.tags[i]!); i++; }
    augmented.push({ words, tags });
  }
}
// All-caps copies of some sentences (headline style), which the stage truecases before tagging.
const CAPS = args.includes('--caps') ? Number(args[args.indexOf('--caps') + 1]) : 0;
if (CAPS > 0) for (const s of base) if (rnd() < CAPS) augmented.push({ words: s.words.map((w) => w.toUpperCase()), tags: s.tags });
// Template sentences (written here) with organisation names in typical news positions, since
// wikigold and GUM news have few organisations: names from the KB and made-up company names.
const SYNTH = args.includes('--synth') ? Number(args[args.indexOf('--synth') + 1]) : 0;
const TEMPLATES = [
  '{ORG} said on {DAY} it would cut 300 jobs .', 'Shares of {ORG} fell 3 percent on {DAY} .', '{ORG} reported a rise in quarterly profit .',
  'A spokesman for {ORG} declined to comment .', '{PER} , chief executive of {ORG} , told reporters in {LOC} that sales were strong .',
  '{ORG} agreed to buy {ORG} for $ 1.2 billion .', 'Analysts at {ORG} expect the bank to raise rates .', 'The deal must be approved by {ORG} .',
  '{ORG} , based in {LOC} , makes car parts .', 'Officials from {ORG} met {PER} in {LOC} on {DAY} .', '{PER} joined {ORG} in 1994 .',
  'According to {ORG} , the economy grew 2 percent .', '{ORG} and {ORG} signed a supply agreement .', 'The statement by {ORG} was issued in {LOC} .',
];
const orgNames = pools.ORG!.filter((n) => n.length <= 4);
const suffix = ['Corp', 'Inc', 'Group', 'Holdings', 'Bank', 'Ltd', 'Co', 'International', 'Industries', 'Systems', 'Motors', 'Airlines'];
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
for (let k = 0; k < SYNTH; k++) {
  const tpl = TEMPLATES[Math.floor(rnd() * TEMPLATES.length)]!;
  const words: string[] = [];
  const tags: string[] = [];
  for (const tok of tpl.split(' ')) {
    const m = /^\{(ORG|PER|LOC|DAY)\}$/.exec(tok);
    if (!m) { words.push(tok); tags.push('O'); continue; }
    if (m[1] === 'DAY') { words.push(days[Math.floor(rnd() * days.length)]!); tags.push('O'); continue; }
    let name: string[];
    if (m[1] === 'ORG' && rnd() < 0.5) {
      const base = lasts.length ? lasts[Math.floor(rnd() * lasts.length)]! : 'Acme';
      name = [base, suffix[Math.floor(rnd() * suffix.length)]!];
    } else name = m[1] === 'ORG' ? orgNames[Math.floor(rnd() * orgNames.length)]! : pick(m[1]!);
    name.forEach((w, j) => { words.push(w); tags.push((j ? 'I-' : 'B-') + m[1]); });
  }
  augmented.push({ words, tags });
}
const train: TaggedSentence[] = [...base, ...augmented];
console.error(`training on ${train.length} sentences (${wikigold.length} wikigold, ${gum.length} GUM news, ${augmented.length} augmented)`);

const T = NER_TAGS.length;
const tagIndex = new Map<string, number>(NER_TAGS.map((t, i) => [t, i]));
const w = new Map<string, Float64Array>();
const tot = new Map<string, Float64Array>();
const stamp = new Map<string, Float64Array>();
let clock = 0;

function update(f: string, t: number, v: number) {
  let ww = w.get(f);
  if (!ww) {
    ww = new Float64Array(T);
    w.set(f, ww);
    tot.set(f, new Float64Array(T));
    stamp.set(f, new Float64Array(T));
  }
  const to = tot.get(f)!;
  const st = stamp.get(f)!;
  to[t]! += (clock - st[t]!) * ww[t]!;
  st[t] = clock;
  ww[t]! += v;
}

const ctxs = train.map((s) => sentenceContext(s.words, res.gazetteer, res.kb));
const scores = new Float64Array(T);
// Deterministic shuffle (LCG, seeded above) so the shipped weights are reproducible.
const order = train.map((_, i) => i);

for (let it = 0; it < ITERS; it++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let errors = 0;
  let total = 0;
  for (const si of order) {
    const s = train[si]!;
    const c = ctxs[si]!;
    const pred: string[] = [];
    const act = activeTokens(c);
    for (let i = 0; i < s.words.length; i++) {
      if (!act[i]) {
        pred.push(s.tags[i]!);
        continue;
      }
      clock++;
      const prev = i > 0 ? pred[i - 1]! : '<s>';
      const prev2 = i > 1 ? pred[i - 2]! : '<s>';
      const feats = features(c, i, prev, prev2);
      scores.fill(0);
      for (const f of feats) {
        const ww = w.get(f);
        if (ww) for (let t = 0; t < T; t++) scores[t]! += ww[t]!;
      }
      let best = 0;
      let bs = -Infinity;
      for (let t = 0; t < T; t++) {
        if (!allowed(NER_TAGS[t]!, prev)) continue;
        if (scores[t]! > bs) { bs = scores[t]!; best = t; }
      }
      const gold = tagIndex.get(s.tags[i]!) ?? 0;
      if (best !== gold) {
        errors++;
        for (const f of feats) {
          update(f, gold, 1);
          update(f, best, -1);
        }
      }
      total++;
      // History: the gold tags (teacher forcing), or with --own-history the tagger's own
      // predictions, as at run time.
      pred.push(OWN_HISTORY && it > 0 ? NER_TAGS[best]! : NER_TAGS[gold]!);
    }
  }
  console.error(`iteration ${it + 1}: token error ${(100 * errors / total).toFixed(2)}%`);
}

// Average and prune.
const features_: Record<string, number[]> = {};
let kept = 0;
for (const [f, ww] of [...w.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const to = tot.get(f)!;
  const st = stamp.get(f)!;
  const arr: number[] = [];
  for (let t = 0; t < T; t++) {
    const avg = (to[t]! + (clock - st[t]!) * ww[t]!) / clock;
    const r = Math.round(avg * 1000) / 1000;
    if (Math.abs(r) >= 0.002) arr.push(t, r);
  }
  if (arr.length) {
    features_[f] = arr;
    kept++;
  }
}
const out = {
  about: 'Averaged-perceptron NER weights for sitrep (scripts/train-ner.ts). Trained on wikigold (CC BY 4.0, minus the held-out fifth) and GUM news (CC BY; 3/4 of the documents). See data/actors/README.md.',
  tags: [...NER_TAGS],
  features: features_,
};
const path = args.includes('--out') ? args[args.indexOf('--out') + 1]! : join(DATA_DIR, 'actors', 'ner-model.json');
// Written in the compact form (names, counts, flat pairs), which loads faster.
writeFileSync(path, JSON.stringify(compactModel(out.about, out.tags, out.features)));
console.error(`wrote ${path}: ${kept} features, ${(readFileSync(path).length / 1e6).toFixed(2)} MB`);

if (DEV) {
  // Development check on CoNLL-2003 testa (dev part), tagger alone.
  const { modelFromJson, tagSentence } = await import('../src/actors/ner.js');
  const model: NerModel = modelFromJson(out);
  const dev = readConll(goldPath('ner', 'conll2003', 'eng.testa'));
  let tp = 0, fp = 0, fn = 0;
  for (const s of dev) {
    const pred = tagSentence(model, sentenceContext(s.words, res.gazetteer, res.kb));
    const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
    const g = new Set(spansOf(s.tags).filter((x) => x.type !== 'MISC').map(key));
    const p = new Set(spansOf(pred).filter((x) => x.type !== 'MISC').map(key));
    for (const k of p) if (g.has(k)) tp++; else fp++;
    for (const k of g) if (!p.has(k)) fn++;
  }
  const P = tp / (tp + fp), R = tp / (tp + fn);
  console.error(`testa (dev) PER/ORG/LOC tagger-only: P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${(200 * P * R / (P + R)).toFixed(1)}`);
}
