/**
 * Averages the weights of several NER model files (each written by scripts/train-ner.ts, e.g.
 * with different --seed values) into one: feature by feature and tag by tag, the mean over the
 * files (a feature missing from a file counts as 0 there), rounded and pruned like train-ner.ts.
 *
 *   node --import tsx scripts/actors-average-models.ts [--min 0.002] OUT.json A.json B.json …
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compactModel } from '../src/actors/ner.js';

const argv = process.argv.slice(2);
// --min W: weights under W in absolute value are dropped (default 0.002, as train-ner.ts).
const MIN = argv[0] === '--min' ? Number(argv.splice(0, 2)[1]) : 0.002;
const [outPath, ...inputs] = argv;
if (!outPath || inputs.length < 2) throw new Error('usage: actors-average-models.ts OUT.json A.json B.json …');
interface ModelFile { about: string; tags: string[]; names: string[]; counts: number[]; pairs: number[] }
const sum = new Map<string, Float64Array>();
let tags: string[] = [];
for (const f of inputs) {
  const m = JSON.parse(readFileSync(f, 'utf8')) as ModelFile;
  if (tags.length && m.tags.join() !== tags.join()) throw new Error(`${f}: other tags`);
  tags = m.tags;
  let p = 0;
  m.names.forEach((name, i) => {
    let w = sum.get(name);
    if (!w) sum.set(name, (w = new Float64Array(tags.length)));
    for (let k = 0; k < m.counts[i]!; k++, p += 2) w[m.pairs[p]!]! += m.pairs[p + 1]!;
  });
}
const features: Record<string, number[]> = {};
for (const name of [...sum.keys()].sort()) {
  const arr: number[] = [];
  sum.get(name)!.forEach((v, t) => {
    const r = Math.round((v / inputs.length) * 1000) / 1000;
    if (Math.abs(r) >= MIN) arr.push(t, r);
  });
  if (arr.length) features[name] = arr;
}
const about = `Averaged-perceptron NER weights for sitrep: the mean of ${inputs.length} runs of scripts/train-ner.ts (different --seed), averaged by scripts/actors-average-models.ts. Trained on wikigold (CC BY 4.0, minus the held-out fifth) and GUM news (CC BY; 3/4 of the documents). See data/actors/README.md.`;
writeFileSync(outPath, JSON.stringify(compactModel(about, tags, features)));
console.error(`wrote ${outPath}: ${Object.keys(features).length} features, ${(readFileSync(outPath).length / 1e6).toFixed(2)} MB`);
