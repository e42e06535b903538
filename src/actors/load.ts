import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorsResources, ActorsLexicon } from './index.js';
import { KbIndex, parseKbFile } from './kb.js';
import { modelFromJson, parseGazetteer, type Gazetteer } from './ner.js';
import { normName as norm } from './kb.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read actor data file ${path}: ${(e as Error).message}`);
  }
}

/** The shipped KB files, in priority order (an alias found in an earlier file wins). */
export const KB_FILES = ['core.jsonl', 'countries.jsonl', 'capitals.jsonl', 'phoenix.tsv'];

/**
 * Loads the actors stage's data files from `dataDir` (the repository's data/ by default):
 * the knowledge base (data/actors/*.jsonl|tsv, then the user's `extraKb` files: sitrep JSONL,
 * sitrep TSV, or CAMEO/PETRARCH actor dictionaries), the gazetteer, the lexicon and the NER weights.
 */
export function loadActorsResources(
  dataDir: string,
  extraKb: string[] = [],
  opts: { withoutModel?: boolean } = {},
): ActorsResources {
  const dir = join(dataDir, 'actors');
  const kb = new KbIndex();
  // User files first: a user's entry for an alias takes precedence over the shipped one.
  for (const f of extraKb) for (const e of parseKbFile(read(f), f)) kb.add(e);
  for (const f of KB_FILES) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    for (const e of parseKbFile(read(p), f)) kb.add(e);
  }
  const gazetteer = parseGazetteer(read(join(dir, 'gazetteer.tsv')));
  enrichGazetteer(gazetteer, kb);
  let lex: ActorsLexicon;
  try {
    lex = JSON.parse(read(join(dir, 'lexicon.json'))) as ActorsLexicon;
  } catch (e) {
    throw new Error(`data file ${join(dir, 'lexicon.json')} is not valid JSON: ${(e as Error).message}`);
  }
  const modelPath = join(dir, 'ner-model.json');
  const model = !opts.withoutModel && existsSync(modelPath) ? modelFromJson(JSON.parse(read(modelPath))) : null;
  return { kb, gazetteer, model, lex, loaded: true };
}

/**
 * Word classes taken from the knowledge base: first and last words of person names
 * ("kbfirst", "kblast") and words that recur inside organisation names ("kborg": Front, Party).
 */
export function enrichGazetteer(g: Gazetteer, kb: KbIndex): void {
  const orgCount = new Map<string, number>();
  const add = (w: string, cls: string) => {
    const l = g.get(w);
    if (!l) g.set(w, [cls]);
    else if (!l.includes(cls)) g.set(w, [...l, cls]);
  };
  // The alias keys are already normalised.
  for (const [key, es] of kb.byAlias) {
    if (es[0]!.type !== 'PERSON') continue;
    const sp = key.indexOf(' ');
    if (sp < 0) continue;
    add(key.slice(0, sp), 'kbfirst');
    add(key.slice(key.lastIndexOf(' ') + 1), 'kblast');
  }
  for (const e of kb.entries.values()) {
    if (e.type === 'ORG' || e.type === 'GROUP') {
      const ws = norm(e.name).split(' ');
      for (let i = 1; i < ws.length; i++) orgCount.set(ws[i]!, (orgCount.get(ws[i]!) ?? 0) + 1);
    }
  }
  for (const [w, n] of orgCount) if (n >= 5 && w.length > 2) add(w, 'kborg');
}
