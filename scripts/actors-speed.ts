/**
 * Cost of the actors stage (development aid): KB load CPU time, then runActors over the
 * speed corpus (bench/corpus.ts), CPU time per 3,000 characters: after a warm-up on the seed and
 * 200 articles, each of REPS repetitions runs on N articles it has not seen. Prints a hash of every
 * entity and mention per repetition, so that a speed change can be checked to leave the output as it was.
 * Usage: node --import tsx scripts/actors-speed.ts [articles]   (REPS=3, LOADS=3 by default)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, readJson } from '../src/resources.js';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { loadActorsResources } from '../src/actors/load.js';
import { runActors } from '../src/actors/index.js';
import { generateCorpus } from '../bench/corpus.js';

const N = Number(process.argv[2] ?? 1000);
const REPS = Number(process.env.REPS ?? 3);
const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));

// The first load is the one a process pays (its code not yet compiled); later ones are shown for comparison.
const loads: number[] = [];
let res = null as unknown as ReturnType<typeof loadActorsResources>;
for (let r = 0; r < (process.env.LOADS ? Number(process.env.LOADS) : 3); r++) {
  const c0 = process.cpuUsage();
  res = loadActorsResources(DATA_DIR, []);
  const c = process.cpuUsage(c0);
  loads.push(Math.round((c.user + c.system) / 1000));
}
console.log(`KB load: ${loads[0]} ms CPU in a fresh process (then ${loads.slice(1).join(', ') || '—'})`);

const seed = readFileSync(join(DATA_DIR, '..', '..', 'shared', 'seed', '000_a1013574c7223587.txt'), 'utf8');
// Warm-up on 200 articles, then each repetition measures articles it has not seen (as in a real
// stream: new names keep coming, so the tagger's per-word cache is not always warm).
const WARM = 200;
const all = [{ text: seed }, ...generateCorpus(WARM + REPS * N)];
for (const a of all.slice(0, WARM)) runActors(buildDocument(articleBlock(a), abbreviations), res);
let best = Infinity;
let chars = 0;
let inputs = all;
for (let r = 0; r < REPS; r++) {
  inputs = all.slice(WARM + r * N, WARM + (r + 1) * N);
  const h = createHash('sha256');
  let spent = 0;
  let n = 0;
  for (const a of inputs) {
    const d = buildDocument(articleBlock(a), abbreviations);
    const c0 = process.cpuUsage();
    runActors(d, res);
    const c = process.cpuUsage(c0);
    spent += (c.user + c.system) / 1000;
    n += a.text.length;
    h.update(JSON.stringify(d.entities)).update(JSON.stringify(d.mentions));
  }
  if (spent / n < best / Math.max(1, chars) || r === 0) {
    best = spent;
    chars = n;
  }
  console.log(`repetition ${r + 1}: ${((spent / n) * 3000).toFixed(3)} ms per 3,000 characters; output hash ${h.digest('hex').slice(0, 16)}`);
}
console.log(`${inputs.length} articles, ${Math.round(chars / inputs.length)} chars on average`);
console.log(`runActors: ${((best / chars) * 3000).toFixed(3)} ms CPU per 3,000 characters (best of ${REPS} repetitions on unseen articles)`);
