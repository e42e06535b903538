import { join } from 'node:path';
import { readJson } from '../resources.js';
import type { EntityType, RelationType } from '../types.js';
import type { Compound, Cue, PossessiveNoun, PossessiveRule, RelationsResources } from './index.js';

interface PatternsFile {
  cues: Cue[];
  cueGap: number;
  gapWords: string[];
  compounds: Compound[];
  possessives: PossessiveRule[];
  possessiveNouns: { nouns: string[]; type: RelationType; subject: 'possessor' | 'possessed' }[];
  collectiveHeads: string[];
  possessiveModifiers: string[];
  subunitNouns: string[];
  modals: string[];
  headTitles: string[];
  memberTitles: string[];
  demoteTitles: string[];
  ranks: string[];
  skipTitles: string[];
  titleAdjectives: string[];
  adverbs: string[];
  auxiliaries: string[];
  relativePronouns: string[];
  negations: string[];
  clauseWindow: number;
  leadingAdverbials: string[];
}

const RELATION_TYPES = new Set<RelationType>(['backed_by', 'leads', 'member_of', 'allied_with', 'opposes', 'part_of']);
const ENTITY_TYPES = new Set<EntityType>(['PERSON', 'ORG', 'GROUP', 'GPE', 'LOC', 'FACILITY', 'OTHER']);

const lowerSet = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));

/** Loads data/relations/patterns.json (see data/relations/README.md) and checks every entry. */
export function loadRelationsResources(dataDir: string): RelationsResources {
  const path = join(dataDir, 'relations', 'patterns.json');
  const f = readJson<PatternsFile>(path);
  const cues = new Map<string, Cue[]>();
  f.cues.forEach((c, k) => {
    const where = `${path}: cues[${k}]`;
    if (!Array.isArray(c.words) || c.words.length === 0) throw new Error(`${where}: "words" must be a non-empty array`);
    if (!RELATION_TYPES.has(c.type)) throw new Error(`${where}: unknown relation type "${c.type}"`);
    if (c.subject !== 'left' && c.subject !== 'right') throw new Error(`${where}: "subject" must be "left" or "right"`);
    if (!['adjacent', 'clause', 'either'].includes(c.left)) throw new Error(`${where}: "left" must be adjacent, clause or either`);
    if (c.personObject && !RELATION_TYPES.has(c.personObject)) throw new Error(`${where}: unknown personObject type`);
    for (const t of c.objectTypes ?? []) if (!ENTITY_TYPES.has(t)) throw new Error(`${where}: unknown entity type "${t}" in objectTypes`);
    const cue: Cue = { ...c, words: c.words.map((w) => w.toLowerCase()) };
    const first = cue.words[0]!;
    if (!cues.has(first)) cues.set(first, []);
    cues.get(first)!.push(cue);
  });
  for (const list of cues.values()) list.sort((a, b) => b.words.length - a.words.length);
  const compounds = new Map<string, Compound>();
  for (const c of f.compounds) {
    if (!RELATION_TYPES.has(c.type)) throw new Error(`${path}: compound "${c.suffix}" has unknown type "${c.type}"`);
    compounds.set(c.suffix.toLowerCase(), c);
  }
  for (const p of f.possessives) {
    for (const t of [...p.possessor, ...p.possessed]) if (!ENTITY_TYPES.has(t)) throw new Error(`${path}: possessive rule has unknown entity type "${t}"`);
    if (!RELATION_TYPES.has(p.type)) throw new Error(`${path}: possessive rule has unknown type "${p.type}"`);
  }
  const possessiveNouns = new Map<string, PossessiveNoun>();
  for (const g of f.possessiveNouns ?? []) {
    if (!RELATION_TYPES.has(g.type)) throw new Error(`${path}: possessiveNouns has unknown type "${g.type}"`);
    if (g.subject !== 'possessor' && g.subject !== 'possessed') throw new Error(`${path}: possessiveNouns "subject" must be possessor or possessed`);
    for (const n of g.nouns) possessiveNouns.set(n.toLowerCase(), { type: g.type, subject: g.subject });
  }
  const titleSplit = (xs: string[]) => xs.map((x) => x.toLowerCase().split(/\s+/));
  const headTitles = titleSplit(f.headTitles);
  const memberTitles = titleSplit(f.memberTitles);
  const titleWords = new Set<string>();
  for (const t of [...headTitles, ...memberTitles]) for (const w of t) titleWords.add(w);
  for (const w of [...f.ranks, ...f.demoteTitles, ...f.skipTitles, ...f.titleAdjectives]) titleWords.add(w.toLowerCase());
  return {
    cues,
    cueGap: f.cueGap,
    gapWords: lowerSet([...f.gapWords, ...f.adverbs]),
    compounds,
    possessives: f.possessives,
    possessiveNouns,
    collectiveHeads: lowerSet(f.collectiveHeads),
    possessiveModifiers: lowerSet(f.possessiveModifiers),
    subunitNouns: lowerSet(f.subunitNouns),
    modals: lowerSet(f.modals),
    headTitles,
    memberTitles,
    demoteTitles: lowerSet(f.demoteTitles),
    skipTitles: lowerSet(f.skipTitles),
    titleWords,
    adverbs: lowerSet(f.adverbs),
    auxiliaries: lowerSet(f.auxiliaries),
    relativePronouns: lowerSet(f.relativePronouns),
    negations: lowerSet(f.negations),
    clauseWindow: f.clauseWindow,
    leadingAdverbials: lowerSet(f.leadingAdverbials),
  };
}
