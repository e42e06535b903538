import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventsResources } from './index.js';
import {
  indexCurated, parseCameoVerbs, parseTriggers, type CameoPlover, type Lexicon, type VerbForm,
} from './lexicon.js';

interface LexiconFile {
  [k: string]: unknown;
  figureKindsByType: Record<string, string[]>;
  complementModes: Record<string, Record<string, string>>;
  typeChanges?: Record<string, Record<string, string>>;
  modalityTypeChanges?: Record<string, Record<string, string>>;
  cameoShifts?: Record<string, Record<string, string>>;
  intentCues?: string[];
  invertedNameHeads?: string[];
  modeCues?: Record<string, unknown>;
  typeModes?: Record<string, unknown>;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read events data file ${path}: ${(e as Error).message}`);
  }
}

function json<T>(path: string): T {
  try {
    return JSON.parse(read(path)) as T;
  } catch (e) {
    throw new Error(`events data file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Builds the in-memory lexicon from the parsed lexicon.json. */
export function lexiconFrom(raw: LexiconFile): Lexicon {
  const set = (k: string) => new Set(((raw[k] as string[] | undefined) ?? []).map((w) => w.toLowerCase()));
  const list = (k: string) => ((raw[k] as string[] | undefined) ?? []).map((w) => w.toLowerCase());
  return {
    determiners: set('determiners'), auxiliaries: set('auxiliaries'), beForms: set('beForms'), adverbs: set('adverbs'),
    negations: set('negations'), negatingVerbs: set('negatingVerbs'),
    future: list('future').map((c) => ` ${c} `), hypothetical: list('hypothetical').map((c) => ` ${c} `),
    hypotheticalPhrases: list('hypothetical').filter((c) => c.includes(' ')).map((c) => ` ${c} `),
    conditionCues: list('conditionCues').map((c) => ({ padded: ` ${c} `, first: c.split(' ')[0]!, phrase: c, key: c.split(' ').reduce((a, b) => (b.length > a.length ? b : a)) })), reportingVerbs: set('reportingVerbs'), boundaries: set('boundaries'),
    intros: set('intros'), prepositions: set('prepositions'), locativePreps: set('locativePreps'),
    participleLeads: set('participleLeads'), pronouns: set('pronouns'), firstPerson: set('firstPerson'),
    objectBreakers: set('objectBreakers'), lightVerbs: set('lightVerbs'), agentHeads: set('agentHeads'),
    figureKindsByType: raw.figureKindsByType, complementModes: raw.complementModes,
    occurrenceVerbs: set('occurrenceVerbs'), protestSites: set('protestSites'), riotActors: set('riotActors'), nonActors: set('nonActors'), nonEventObjects: set('nonEventObjects'), dictionaryStoplist: set('dictionaryStoplist'), typeChanges: raw.typeChanges ?? {}, modalityTypeChanges: raw.modalityTypeChanges ?? {}, cameoShifts: Object.fromEntries(Object.entries(raw.cameoShifts ?? {}).filter(([k]) => !k.startsWith('_'))), intentCues: (raw.intentCues ?? []).map((c) => ` ${c} `), invertedNameHeads: set('invertedNameHeads'),
    typeModes: Object.fromEntries(Object.entries(raw.typeModes ?? {}).filter(([k]) => !k.startsWith('_'))) as Record<string, string[]>,
    modeCues: Object.fromEntries(Object.entries(raw.modeCues ?? {}).filter(([k]) => !k.startsWith('_'))) as Record<string, Array<[string, string[]]>>,
    quantifiers: set('quantifiers'), timeWords: set('timeWords'), titleAbbreviations: set('titleAbbreviations'),
    controlWords: set('controlWords'), notAdverbs: set('notAdverbs'), resultatives: set('resultatives'),
    irregularPast: set('irregularPast'), sameParticiple: set('sameParticiple'), onStrikeVerbs: set('onStrikeVerbs'),
    monthsDays: set('monthsDays'), numberWords: set('numberWords'),
    partyObjectWords: set('partyObjectWords'), partyObjectSuffixes: list('partyObjectSuffixes'),
    targetPreps: list('targetPreps'), thingPreps: set('thingPreps'), partyPreps: set('partyPreps'),
    topicTypes: new Set((raw.topicTypes as string[] | undefined) ?? []), bareCameoRoots: set('bareCameoRoots'), mobilizedForces: set('mobilizedForces'), demandModals: list('demandModals'), objectReportingVerbs: set('objectReportingVerbs'), placeNouns: set('placeNouns'), agentNouns: new Set<string>(),
  };
}

export interface EventsLoadOptions {
  /**
   * PETRARCH/CAMEO verb dictionaries to use instead of the shipped `cameo-verbs.txt`
   * (paths; [] turns the dictionary fallback off).
   */
  verbDictionaries?: string[];
  /** Also replaces the curated trigger list (e.g. to test a verb dictionary alone). */
  noCurated?: boolean;
  /** Accept a dictionary verb's default code whatever its CAMEO root (default: only roots 07–20). */
  dictionaryBare?: boolean;
}

/** Loads the events stage's data files from `dataDir` (the repository's data/ by default). */
export function loadEventsResources(dataDir: string, opts: EventsLoadOptions = {}): EventsResources {
  const dir = join(dataDir, 'events');
  const lexicon = lexiconFrom(json<LexiconFile>(join(dir, 'lexicon.json')));
  const agentNounsPath = join(dir, 'agent-nouns.txt');
  if (existsSync(agentNounsPath)) {
    for (const line of read(agentNounsPath).split('\n')) if (line && !line.startsWith('#')) lexicon.agentNouns.add(line.trim());
  }
  const cameoPlover = json<CameoPlover>(join(dir, 'cameo-plover.json'));
  const curated = opts.noCurated ? [] : parseTriggers(read(join(dir, 'triggers.txt')));
  const { verbs, nouns } = indexCurated(curated);
  for (const list of nouns.values()) list.sort((a, b) => b.before.length - a.before.length);
  const dictForms = new Map<string, VerbForm[]>();
  for (const path of opts.verbDictionaries ?? [join(dir, 'cameo-verbs.txt')]) {
    const { forms } = parseCameoVerbs(read(path), cameoPlover);
    for (const [f, list] of forms) dictForms.set(f, [...(dictForms.get(f) ?? []), ...list]);
  }
  return { loaded: true, lexicon, cameoPlover, verbs, nouns, dictForms, dictionaryBare: !!opts.dictionaryBare };
}
