import { join } from 'node:path';
import { readJson } from '../resources.js';
import type { FigureKind, FigureQualifier } from '../types.js';
import type { FiguresResources } from './index.js';

interface NumbersFile {
  units: Record<string, number>;
  tens: Record<string, number>;
  scales: Record<string, number>;
  vague: Record<string, [number, number]>;
  qualifiers: Record<string, Exclude<FigureQualifier, null>>;
}
interface KindsFile {
  kinds: Record<string, { after: string[]; before: string[] }>;
  shot: { killed: string[]; wounded: string[] };
  counted: string[];
  persons: string[];
  personAdjectives: string[];
  cumulative: string[];
  sourcePhrases: string[];
  sourceNouns: string[];
  between: string[];
  selfKilled: string[];
  timeWords: string[];
  pairs: string[];
  notCountAfter: string[];
  asideStart: string[];
  shotStart: string[];
  adjectiveKinds: Record<string, FigureKind>;
}

const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);

/** Loads the figures stage's data files from `dataDir` (the repository's data/ by default). */
export function loadFiguresResources(dataDir: string): FiguresResources {
  const n = readJson<NumbersFile>(join(dataDir, 'figures', 'numbers.json'));
  const k = readJson<KindsFile>(join(dataDir, 'figures', 'kinds.json'));
  const after: Array<[string[], FigureKind]> = [];
  const before: Array<[string[], FigureKind]> = [];
  for (const [kind, cues] of Object.entries(k.kinds)) {
    for (const c of cues.after) after.push([words(c), kind as FigureKind]);
    for (const c of cues.before) before.push([words(c), kind as FigureKind]);
  }
  // Longest phrases first, so that "shot dead" wins over "shot".
  after.sort((a, b) => b[0].length - a[0].length);
  before.sort((a, b) => b[0].length - a[0].length);
  return {
    units: new Map(Object.entries(n.units)),
    tens: new Map(Object.entries(n.tens)),
    scales: new Map(Object.entries(n.scales)),
    vague: Object.entries(n.vague).map(([p, r]) => [words(p), r] as [string[], [number, number]]).sort((a, b) => b[0].length - a[0].length),
    qualifiers: Object.entries(n.qualifiers).map(([p, q]) => [words(p), q] as [string[], Exclude<FigureQualifier, null>]).sort((a, b) => b[0].length - a[0].length),
    after,
    before,
    shotKilled: k.shot.killed.map(words).sort((a, b) => b.length - a.length),
    shotWounded: k.shot.wounded.map(words).sort((a, b) => b.length - a.length),
    counted: k.counted.map(words).sort((a, b) => b.length - a.length),
    persons: new Set(k.persons),
    personAdjectives: new Set(k.personAdjectives),
    cumulative: k.cumulative.map(words),
    sourcePhrases: k.sourcePhrases.map(words),
    sourceNouns: new Set(k.sourceNouns),
    between: new Set(k.between),
    selfKilled: k.selfKilled.map(words).sort((a, b) => b.length - a.length),
    timeWords: new Set(k.timeWords),
    pairs: new Set(k.pairs),
    notCountAfter: new Set(k.notCountAfter),
    asideStart: new Set(k.asideStart),
    shotStart: new Set(k.shotStart),
    adjectiveKinds: new Map(Object.entries(k.adjectiveKinds)),
  };
}
