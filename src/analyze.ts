import { createHash } from 'node:crypto';
import { SCHEMA, type Analysis, type ArticleBlock, type ArticleInput } from './types.js';
import { buildDocument, type Doc } from './document/document.js';
import type { Abbreviations } from './document/sentences.js';
import { detectLanguage } from './document/language.js';
import { runTime, type TimeResources } from './time/index.js';
import { runActors, type ActorsResources } from './actors/index.js';
import { runPlaces, type PlacesResources } from './places/index.js';
import { runQuotes, type QuotesResources } from './quotes/index.js';
import { runFigures, type FiguresResources } from './figures/index.js';
import { runEvents, type EventsResources } from './events/index.js';
import { runRelations, type RelationsResources } from './relations/index.js';
import { runLabels, type LabelsResources } from './labels/index.js';

export const VERSION = '0.1.0';

/** Everything the stages know, loaded once by `loadResources()` (src/resources.ts) and passed in. */
export interface Resources {
  abbreviations: Abbreviations;
  time: TimeResources;
  actors: ActorsResources;
  places: PlacesResources;
  quotes: QuotesResources;
  figures: FiguresResources;
  events: EventsResources;
  relations: RelationsResources;
  labels: LabelsResources;
}

export interface AnalyzeOptions {
  /** Put the wall-clock time spent in `meta.ms` (off by default: output stays deterministic). */
  timing?: boolean;
}

/** The article block: given id or the first 16 hex digits of sha256(text). */
export function articleBlock(input: ArticleInput): ArticleBlock {
  const text = input.text;
  return {
    id: input.id || createHash('sha256').update(text).digest('hex').slice(0, 16),
    source: input.source ?? null,
    url: input.url ?? null,
    title: input.title ?? null,
    published: input.published ?? null,
    publishedFrom: input.published ? (input.publishedFrom ?? 'header') : 'none',
    language: detectLanguage(text),
    text,
  };
}

/** The stages, in order. Each reads the document built so far and adds its own layer. */
export const STAGES: ReadonlyArray<readonly [string, (doc: Doc, res: Resources) => void]> = [
  ['time', (d, r) => runTime(d, r.time)],
  ['actors', (d, r) => runActors(d, r.actors)],
  ['places', (d, r) => runPlaces(d, r.places)],
  ['quotes', (d, r) => runQuotes(d, r.quotes)],
  ['figures', (d, r) => runFigures(d, r.figures)],
  ['events', (d, r) => runEvents(d, r.events)],
  ['relations', (d, r) => runRelations(d, r.relations)],
  ['labels', (d, r) => runLabels(d, r.labels)],
];

/** Builds the shared document for an article (exported for stage tests and benchmarks). */
export function documentFor(input: ArticleInput, res: Resources): Doc {
  return buildDocument(articleBlock(input), res.abbreviations);
}

/**
 * The one pure entry point: article in, `sitrep/analysis@1` out. Synchronous, no I/O.
 * A non-English article is still analysed for what can be found, and says so in `warnings`.
 */
export function analyze(input: ArticleInput, res: Resources, opts: AnalyzeOptions = {}): Analysis {
  const t0 = opts.timing ? performance.now() : 0;
  const doc = documentFor(input, res);
  if (doc.article.language !== 'en') {
    doc.warnings.push(`language is "${doc.article.language}", not English: results will be sparse`);
  }
  for (const [, run] of STAGES) run(doc, res);
  return toAnalysis(doc, opts.timing ? Math.round((performance.now() - t0) * 100) / 100 : null);
}

export function toAnalysis(doc: Doc, ms: number | null): Analysis {
  return {
    schema: SCHEMA,
    article: doc.article,
    entities: doc.entities,
    times: doc.times,
    quotes: doc.quotes,
    figures: doc.figures,
    events: doc.events,
    relations: doc.relations,
    labels: doc.labels,
    places: doc.places,
    focus: doc.focus,
    warnings: doc.warnings,
    meta: { version: VERSION, ms },
  };
}
