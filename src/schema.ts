/**
 * The sitrep/analysis@1 contract as a zod schema: tests validate every analysis with it, and
 * `npm run schema` writes docs/analysis.schema.json from it.
 */
import { z } from 'zod/v4';

const span = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() };
const Span = z.object(span);
const entityId = z.string().regex(/^E\d+$/);
const iso3 = z.string().regex(/^[A-Z]{3}$/);

const Place = z.object({
  name: z.string(),
  country: iso3.nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  geonameid: z.number().int().nullable(),
  precision: z.enum(['country', 'region', 'city', 'place']).nullable(),
});

export const AnalysisSchema = z.object({
  schema: z.literal('sitrep/analysis@1'),
  article: z.object({
    id: z.string().min(1),
    source: z.string().nullable(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/).nullable(),
    publishedFrom: z.enum(['header', 'metadata', 'url', 'text', 'flag', 'none']),
    language: z.string().min(2),
    text: z.string(),
  }),
  entities: z.array(z.object({
    id: entityId,
    name: z.string().min(1),
    type: z.enum(['PERSON', 'ORG', 'GROUP', 'GPE', 'LOC', 'FACILITY', 'OTHER']),
    kb: z.string().nullable(),
    country: iso3.nullable(),
    roles: z.array(z.string()),
    mentions: z.array(Span).min(1),
  })),
  times: z.array(z.object({
    ...span,
    type: z.enum(['DATE', 'TIME', 'DURATION', 'SET']),
    value: z.string().nullable(),
    anchor: z.enum(['published', 'reported', 'previous', 'none']),
  })),
  quotes: z.array(z.object({
    ...span,
    direct: z.boolean(),
    speaker: entityId.nullable(),
    speakerMention: Span.nullable(),
    cue: Span.nullable(),
    date: z.string().nullable(),
  })),
  figures: z.array(z.object({
    ...span,
    kind: z.enum(['killed', 'wounded', 'displaced', 'missing', 'arrested', 'kidnapped', 'refugees', 'troops', 'other']),
    value: z.number(),
    min: z.number(),
    max: z.number(),
    qualifier: z.enum(['at_least', 'about', 'more_than', 'fewer_than', 'up_to', 'range']).nullable(),
    counted: z.string().nullable(),
    cumulative: z.boolean(),
    source: entityId.nullable(),
    sourceMention: Span.nullable(),
  })),
  events: z.array(z.object({
    ...span,
    id: z.string().regex(/^V\d+$/),
    type: z.string().min(1),
    mode: z.string().nullable(),
    cameo: z.string().nullable(),
    actor: entityId.nullable(),
    target: entityId.nullable(),
    date: z.object({ value: z.string().nullable(), precision: z.enum(['day', 'week', 'month', 'year']).nullable() }),
    place: Place.nullable(),
    modality: z.array(z.enum(['negated', 'conditional', 'hypothetical', 'future', 'historical', 'reported'])),
    reportedBy: entityId.nullable(),
    figures: z.array(z.number().int().nonnegative()),
  })),
  relations: z.array(z.object({
    ...span,
    type: z.enum(['backed_by', 'leads', 'member_of', 'allied_with', 'opposes', 'part_of']),
    subject: entityId,
    object: entityId,
  })),
  labels: z.array(z.object({
    ...span,
    entity: entityId.nullable(),
    kind: z.enum(['delegitimizing', 'legitimizing', 'loaded', 'role', 'neutral']),
  })),
  places: z.array(z.object({ ...span, place: Place, entity: entityId.nullable() })),
  focus: z.array(iso3),
  warnings: z.array(z.string()),
  meta: z.object({ version: z.string(), ms: z.number().nullable() }),
});

/** Every span in an analysis, with a path naming where it sits (for the offset invariant). */
export function allSpans(a: z.infer<typeof AnalysisSchema>): { path: string; start: number; end: number; text: string }[] {
  const out: { path: string; start: number; end: number; text: string }[] = [];
  const add = (path: string, s: { start: number; end: number; text: string } | null) => { if (s) out.push({ path, ...s }); };
  a.entities.forEach((e, i) => e.mentions.forEach((m, j) => add(`entities[${i}].mentions[${j}]`, m)));
  a.times.forEach((t, i) => add(`times[${i}]`, t));
  a.quotes.forEach((q, i) => { add(`quotes[${i}]`, q); add(`quotes[${i}].speakerMention`, q.speakerMention); add(`quotes[${i}].cue`, q.cue); });
  a.figures.forEach((f, i) => { add(`figures[${i}]`, f); add(`figures[${i}].sourceMention`, f.sourceMention); });
  a.events.forEach((v, i) => add(`events[${i}]`, v));
  a.relations.forEach((r, i) => add(`relations[${i}]`, r));
  a.labels.forEach((l, i) => add(`labels[${i}]`, l));
  a.places.forEach((p, i) => add(`places[${i}]`, p));
  return out;
}

/** Checks what the schema cannot: every span indexes the text, every entity id exists. Returns the problems. */
export function contractProblems(a: z.infer<typeof AnalysisSchema>): string[] {
  const problems: string[] = [];
  const text = a.article.text;
  for (const s of allSpans(a)) {
    if (s.start > s.end || s.end > text.length || text.slice(s.start, s.end) !== s.text) {
      problems.push(`${s.path}: text.slice(${s.start}, ${s.end}) is not ${JSON.stringify(s.text)}`);
    }
  }
  const ids = new Set(a.entities.map((e) => e.id));
  const ref = (path: string, id: string | null) => { if (id !== null && !ids.has(id)) problems.push(`${path}: unknown entity ${id}`); };
  a.quotes.forEach((q, i) => ref(`quotes[${i}].speaker`, q.speaker));
  a.figures.forEach((f, i) => ref(`figures[${i}].source`, f.source));
  a.events.forEach((v, i) => { ref(`events[${i}].actor`, v.actor); ref(`events[${i}].target`, v.target); ref(`events[${i}].reportedBy`, v.reportedBy); v.figures.forEach((k) => { if (k >= a.figures.length) problems.push(`events[${i}].figures: no figure ${k}`); }); });
  a.relations.forEach((r, i) => { ref(`relations[${i}].subject`, r.subject); ref(`relations[${i}].object`, r.object); });
  a.labels.forEach((l, i) => ref(`labels[${i}].entity`, l.entity));
  a.places.forEach((p, i) => ref(`places[${i}].entity`, p.entity));
  return problems;
}

export function jsonSchema(): unknown {
  return z.toJSONSchema(AnalysisSchema, { target: 'draft-2020-12' });
}
