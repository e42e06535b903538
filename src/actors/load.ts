import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorsResources, ActorsLexicon } from './index.js';
import { KbIndex, parseKbFile, type KbEntry } from './kb.js';
import { modelFromJson, parseGazetteer, type Gazetteer } from './ner.js';
import { normName as norm } from './kb.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read actor data file ${path}: ${(e as Error).message}`);
  }
}

/** On the gazetteer's first line: the file holds the shipped KB's word classes (see scripts/actors-gazetteer-kb.ts). */
export const KB_CLASSES_MARK = '[kb classes]';

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
  opts: { withoutModel?: boolean; withoutCities?: boolean } = {},
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
  const gazText = read(join(dir, 'gazetteer.tsv'));
  const gazetteer = parseGazetteer(gazText);
  // The shipped file holds the shipped KB's classes already (scripts/actors-gazetteer-kb.ts): derive them for the user's files only.
  if (!gazText.slice(0, gazText.indexOf('\n')).includes(KB_CLASSES_MARK)) enrichGazetteer(gazetteer, kb);
  else if (extraKb.length) {
    const user = new KbIndex();
    for (const f of extraKb) for (const e of parseKbFile(read(f), f)) user.add(e);
    enrichGazetteer(gazetteer, user);
  }
  // GeoNames places of 100,000 people or more (class "gcity"), when the file is there.
  const citiesPath = join(dir, 'cities.tsv');
  // (The shipped tagger was trained without them: scripts/train-ner.ts passes withoutCities.)
  if (!opts.withoutCities && existsSync(citiesPath)) {
    const add = (n: string) => {
      const l = gazetteer.get(n);
      if (!l) gazetteer.set(n, withClass(NONE, 'gcity'));
      else if (!l.includes('gcity')) gazetteer.set(n, withClass(l, 'gcity'));
    };
    for (const line of read(citiesPath).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      const tab2 = line.indexOf('\t', tab + 1);
      const name = line.slice(0, tab).toLowerCase();
      const ascii = (tab2 < 0 ? line.slice(tab + 1) : line.slice(tab + 1, tab2)).toLowerCase();
      add(name);
      if (ascii !== name) add(ascii);
    }
  }
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
  const firsts = new Set<string>();
  const lasts = new Set<string>();
  const orgCount = new Map<string, number>();
  // The alias keys are already normalised; an entry's own name is normalised once.
  const nameKey = new Map<KbEntry, string>();
  const normNameEq = (e: KbEntry, key: string) => {
    let k = nameKey.get(e);
    if (k === undefined) nameKey.set(e, (k = norm(e.name)));
    return k === key;
  };
  kb.byAlias.forEach((es, key) => {
    const t = es[0]!.type;
    const sp = key.indexOf(' ');
    if (sp < 0) return;
    if (t === 'PERSON') {
      firsts.add(key.slice(0, sp));
      lasts.add(key.slice(key.lastIndexOf(' ') + 1));
    } else if ((t === 'ORG' || t === 'GROUP') && es[0]!.name.length + 1 >= key.length && normNameEq(es[0]!, key)) {
      for (const w of key.slice(sp + 1).split(' ')) orgCount.set(w, (orgCount.get(w) ?? 0) + 1);
    }
  });
  const add = (w: string, cls: string) => {
    const l = g.get(w);
    if (!l) g.set(w, withClass(NONE, cls));
    else if (!l.includes(cls)) g.set(w, withClass(l, cls));
  };
  firsts.forEach((w) => add(w, 'kbfirst'));
  lasts.forEach((w) => add(w, 'kblast'));
  orgCount.forEach((n, w) => {
    if (n >= 5 && w.length > 2) add(w, 'kborg');
  });
}

const NONE: string[] = [];
/** `[...list, cls]`, one shared array per distinct result (gazetteer class lists are read, never changed). */
const EXTENDED = new WeakMap<string[], Map<string, string[]>>();
function withClass(list: string[], cls: string): string[] {
  let m = EXTENDED.get(list);
  if (!m) EXTENDED.set(list, (m = new Map()));
  let out = m.get(cls);
  if (!out) m.set(cls, (out = [...list, cls]));
  return out;
}
