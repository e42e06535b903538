/**
 * The analysis contract, sitrep/analysis@1 (see docs/analysis.md).
 * Every offset is a UTF-16 index into `article.text`; `text.slice(start, end) === span.text`.
 */

export const SCHEMA = 'sitrep/analysis@1' as const;

export interface Span {
  start: number;
  end: number;
  text: string;
}

export type PublishedFrom = 'header' | 'metadata' | 'url' | 'text' | 'flag' | 'none';

/** What a reader hands to `analyze()`: the article before analysis. */
export interface ArticleInput {
  id?: string | null;
  source?: string | null;
  url?: string | null;
  title?: string | null;
  /** ISO date or date-time, or null when unknown. */
  published?: string | null;
  publishedFrom?: PublishedFrom;
  /** Cleaned body text: every offset indexes this string. */
  text: string;
}

export interface ArticleBlock {
  id: string;
  source: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  publishedFrom: PublishedFrom;
  /** ISO 639-1 code, or "und" when it cannot be told. */
  language: string;
  text: string;
}

export type EntityType = 'PERSON' | 'ORG' | 'GROUP' | 'GPE' | 'LOC' | 'FACILITY' | 'OTHER';

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  kb: string | null;
  country: string | null;
  roles: string[];
  mentions: Span[];
}

export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type TimeAnchor = 'published' | 'reported' | 'previous' | 'none';

export interface TimeExpr extends Span {
  type: TimeType;
  value: string | null;
  anchor: TimeAnchor;
}

export interface Quote extends Span {
  direct: boolean;
  speaker: string | null;
  speakerMention: Span | null;
  cue: Span | null;
  date: string | null;
}

export type FigureKind =
  | 'killed' | 'wounded' | 'displaced' | 'missing' | 'arrested' | 'kidnapped'
  | 'refugees' | 'troops' | 'other';
export type FigureQualifier = null | 'at_least' | 'about' | 'more_than' | 'fewer_than' | 'up_to' | 'range';

export interface Figure extends Span {
  kind: FigureKind;
  value: number;
  min: number;
  max: number;
  qualifier: FigureQualifier;
  counted: string | null;
  cumulative: boolean;
  source: string | null;
  sourceMention: Span | null;
}

export type DatePrecision = 'day' | 'week' | 'month' | 'year' | null;
export type Modality = 'negated' | 'conditional' | 'hypothetical' | 'future' | 'historical' | 'reported';

export interface Place {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonameid: number | null;
  precision: 'country' | 'region' | 'city' | 'place' | null;
}

export interface EventRecord extends Span {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  actor: string | null;
  target: string | null;
  date: { value: string | null; precision: DatePrecision };
  place: Place | null;
  modality: Modality[];
  reportedBy: string | null;
  /** Indexes into `figures` of the figures that belong to this event. */
  figures: number[];
}

export type RelationType = 'backed_by' | 'leads' | 'member_of' | 'allied_with' | 'opposes' | 'part_of';

export interface Relation extends Span {
  type: RelationType;
  subject: string;
  object: string;
}

export type LabelKind = 'delegitimizing' | 'legitimizing' | 'loaded' | 'role' | 'neutral';

export interface Label extends Span {
  entity: string | null;
  kind: LabelKind;
}

/** A toponym found in the text and resolved on the gazetteer. */
export interface PlaceMention extends Span {
  place: Place;
  /** Entity id when the same span is also an actor mention. */
  entity: string | null;
}

export interface Analysis {
  schema: typeof SCHEMA;
  article: ArticleBlock;
  entities: Entity[];
  times: TimeExpr[];
  quotes: Quote[];
  figures: Figure[];
  events: EventRecord[];
  relations: Relation[];
  labels: Label[];
  places: PlaceMention[];
  /** ISO 3166-1 alpha-3 codes of the countries the article is mostly about. */
  focus: string[];
  /** Non-fatal problems found while analysing (e.g. "language is not English"). */
  warnings: string[];
  /** `ms` is null unless timing was asked for, so that output stays byte-for-byte deterministic. */
  meta: { version: string; ms: number | null };
}
