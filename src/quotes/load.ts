import { join } from 'node:path';
import { readJson } from '../resources.js';
import type { CueClass, CueInfo, CueTense, QuotesResources } from './index.js';

interface CuesFile {
  speech: string[][];
  speechPhrases: string[][];
  directOnly?: string[][];
  belief: string[][];
  perception: string[][];
  sourcePhrases: string[];
  statementNouns: string[];
  organisationHeads: string[];
  openingWords?: string[];
  numberWords?: string[];
}

const TENSES: CueTense[] = ['base', 'present', 'past', 'participle', 'gerund'];

/** Loads the quotes stage's data files from `dataDir` (the repository's data/ by default). */
export function loadQuotesResources(dataDir: string): QuotesResources {
  const f = readJson<CuesFile>(join(dataDir, 'quotes', 'cues.json'));
  const cues = new Map<string, CueInfo>();
  const add = (rows: string[][], cls: CueClass, phrasal: boolean, directOnly = false) => {
    for (const row of rows) {
      const lemma = row[0]!;
      const particle = phrasal ? row[5]! : null;
      for (let k = 0; k < 5; k++) {
        const form = row[k]!;
        const key = particle ? `${form} ${particle}` : form;
        // The first class to claim a form keeps it (speech is loaded first).
        if (!cues.has(key)) cues.set(key, directOnly ? { lemma, cls, tense: TENSES[k]!, particle, directOnly } : { lemma, cls, tense: TENSES[k]!, particle });
      }
    }
  };
  add(f.speech, 'speech', false);
  add(f.speechPhrases, 'speech', true);
  add(f.directOnly ?? [], 'speech', false, true);
  add(f.belief, 'belief', false);
  add(f.perception, 'perception', false);
  const phrasalFirst = new Set<string>();
  for (const row of f.speechPhrases) for (let k = 0; k < 5; k++) phrasalFirst.add(row[k]!);
  const firstNames = new Map<string, 'm' | 'f'>();
  const fn = readJson<{ male: string[]; female: string[] }>(join(dataDir, 'quotes', 'first-names.json'));
  for (const n of fn.male) firstNames.set(n, 'm');
  for (const n of fn.female) firstNames.set(n, 'f');
  const nominals = readJson<{ person: string[]; female?: string[]; male?: string[]; abbreviations?: Record<string, string> }>(join(dataDir, 'quotes', 'nominals.json'));
  return {
    firstNames,
    personNouns: new Set(nominals.person.map((w) => w.toLowerCase())),
    titleAbbreviations: new Map(Object.entries(nominals.abbreviations ?? {})),
    personNounSex: new Map([...(nominals.female ?? []).map((w) => [w, 'f'] as const), ...(nominals.male ?? []).map((w) => [w, 'm'] as const)]),
    cues,
    phrasalFirst,
    sourcePhrases: f.sourcePhrases.map((p) => p.toLowerCase().split(/\s+/)),
    statementNouns: new Set(f.statementNouns.map((s) => s.toLowerCase())),
    organisationHeads: new Set(f.organisationHeads.map((s) => s.toLowerCase())),
    openingWords: new Set(f.openingWords ?? []),
    numberWords: new Set(f.numberWords ?? []),
  };
}
