/**
 * Exports in the formats analysts' tools take: plain CSV of events, ACLED-like rows,
 * GDELT GKG 2.1-like records (with the speaker and claimant GKG lacks) and PLOVER JSON.
 * Field lists are documented in docs/exports.md. Every function is pure and returns strings or rows.
 */
import type { Analysis, FigureKind } from '../types.js';
import { actorRef, dayRange, type CorpusEvent } from './events.js';
import { dayNumber, outletOf } from './text.js';

export type Row = Record<string, string | number | null>;

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** RFC 4180 CSV: a header line then one line per row, CRLF line ends. */
export function toCsv(rows: Row[], columns: readonly string[]): string {
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const EVENT_CSV_COLUMNS = [
  'article_id', 'source', 'published', 'event_id', 'type', 'mode', 'cameo',
  'actor', 'actor_kb', 'target', 'target_kb', 'date', 'date_precision',
  'place', 'country', 'lat', 'lon', 'geonameid', 'modality', 'reported_by',
  'killed', 'wounded', 'start', 'end', 'text',
] as const;

function figureTotal(a: Analysis, idx: number[], kind: FigureKind): number | null {
  const vals = idx.map((i) => a.figures[i]).filter((f) => f && f.kind === kind).map((f) => f!.value);
  return vals.length ? Math.max(...vals) : null;
}

/** One row per event of every analysis. */
export function eventRows(analyses: Analysis[]): Row[] {
  const rows: Row[] = [];
  for (const a of analyses) {
    for (const ev of a.events) {
      const act = actorRef(a, ev.actor);
      const tgt = actorRef(a, ev.target);
      rows.push({
        article_id: a.article.id, source: outletOf(a.article), published: a.article.published,
        event_id: ev.id, type: ev.type, mode: ev.mode, cameo: ev.cameo,
        actor: act?.name ?? null, actor_kb: act?.kb ?? null, target: tgt?.name ?? null, target_kb: tgt?.kb ?? null,
        date: ev.date.value, date_precision: ev.date.precision,
        place: ev.place?.name ?? null, country: ev.place?.country ?? null, lat: ev.place?.lat ?? null, lon: ev.place?.lon ?? null,
        geonameid: ev.place?.geonameid ?? null, modality: ev.modality.join(';'), reported_by: actorRef(a, ev.reportedBy)?.name ?? null,
        killed: figureTotal(a, ev.figures, 'killed'), wounded: figureTotal(a, ev.figures, 'wounded'),
        start: ev.start, end: ev.end, text: ev.text,
      });
    }
  }
  return rows;
}

export function eventsCsv(analyses: Analysis[]): string {
  return toCsv(eventRows(analyses), EVENT_CSV_COLUMNS);
}

// ---------------------------------------------------------------- ACLED-like

/** The ACLED codebook's columns, in its order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

/** ACLED event type and sub-event type for a PLOVER type and mode; null when ACLED does not code it. */
export function acledType(type: string, mode: string | null): { disorder: string; event: string; sub: string } | null {
  const m = (mode ?? '').toLowerCase();
  switch (type) {
    case 'ASSAULT':
      if (/aerial|air|drone/.test(m)) return { disorder: 'Political violence', event: 'Explosions/Remote violence', sub: 'Air/drone strike' };
      if (/explos|bomb|shell|artillery|missile/.test(m)) return { disorder: 'Political violence', event: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' };
      return { disorder: 'Political violence', event: 'Battles', sub: 'Armed clash' };
    case 'PROTEST':
      return /riot|violent/.test(m)
        ? { disorder: 'Demonstrations', event: 'Riots', sub: 'Violent demonstration' }
        : { disorder: 'Demonstrations', event: 'Protests', sub: 'Peaceful protest' };
    case 'COERCE':
      return { disorder: 'Strategic developments', event: 'Strategic developments', sub: /arrest|detain/.test(m) ? 'Arrests' : 'Other' };
    case 'MOBILIZE':
      return { disorder: 'Strategic developments', event: 'Strategic developments', sub: 'Headquarters or base established' };
    case 'AGREE':
      return { disorder: 'Strategic developments', event: 'Strategic developments', sub: 'Agreement' };
    case 'RETREAT':
      return { disorder: 'Strategic developments', event: 'Strategic developments', sub: 'Non-violent transfer of territory' };
    default:
      return null;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ACLED's date ("18 February 2020", the first day of a coarser period) and time precision (1 day, 2 week, 3 month or coarser). */
function acledDate(value: string | null, published: string | null): { date: string | null; year: number | null; precision: number } {
  const r = dayRange({ value, precision: null }) ?? dayRange({ value: published ? published.slice(0, 10) : null, precision: 'day' });
  if (!r) return { date: null, year: null, precision: 3 };
  const d = new Date(r[0] * 86_400_000);
  const len = r[1] - r[0];
  return {
    date: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
    year: d.getUTCFullYear(),
    precision: len === 0 ? 1 : len <= 6 ? 2 : 3,
  };
}

/**
 * ACLED-like rows from merged events (ACLED codes one row per event, not per report). Fatalities are
 * the lowest killed figure reported (ACLED's conservative rule); 0 when no report states one.
 * Event types ACLED does not code (statements, consultations, …) are left out.
 */
export function acledRows(events: CorpusEvent[]): Row[] {
  const rows: Row[] = [];
  for (const ce of events) {
    const t = acledType(ce.type, ce.mode);
    if (!t) continue;
    const d = acledDate(ce.date.value, ce.earliest.published);
    const killed = ce.spread.find((s) => s.kind === 'killed');
    const precision = ce.place?.precision;
    const geoPrecision = precision === 'place' || precision === 'city' ? 1 : precision === 'region' ? 2 : precision === 'country' ? 3 : null;
    const civilian = t.event === 'Battles' && ce.target && ce.target.type === 'PERSON' ? 'Civilian targeting' : '';
    rows.push({
      event_id_cnty: `${ce.place?.country ?? 'XXX'}${ce.id}`,
      event_date: d.date, year: d.year,
      time_precision: d.precision,
      disorder_type: t.disorder, event_type: t.event, sub_event_type: t.sub,
      actor1: ce.actor?.name ?? null, assoc_actor_1: null, inter1: null,
      actor2: ce.target?.name ?? null, assoc_actor_2: null, inter2: null, interaction: null,
      civilian_targeting: civilian,
      iso: ce.place?.country ?? null, region: null, country: ce.place?.country ?? null,
      admin1: null, admin2: null, admin3: null,
      location: ce.place?.name ?? null, latitude: ce.place?.lat ?? null, longitude: ce.place?.lon ?? null, geo_precision: geoPrecision,
      source: ce.outlets.join('; '), source_scale: null,
      notes: ce.reports[0]?.evidence.text ?? null,
      fatalities: killed ? Math.min(...killed.values.map((v) => v.value)) : 0,
      tags: ce.spread.length ? ce.spread.map((s) => `${s.kind} ${s.min === s.max ? s.min : `${s.min}-${s.max}`}`).join('; ') : null,
      timestamp: null,
    });
  }
  return rows;
}

export function acledCsv(events: CorpusEvent[]): string {
  return toCsv(acledRows(events), ACLED_COLUMNS);
}

// ---------------------------------------------------------------- GDELT GKG 2.1-like

/** GKG 2.1 columns, in the codebook's order (tab-separated, no header in GDELT's files). */
export const GKG_COLUMNS = [
  'GKGRECORDID', 'V2.1DATE', 'V2SOURCECOLLECTIONIDENTIFIER', 'V2SOURCECOMMONNAME', 'V2DOCUMENTIDENTIFIER',
  'V1COUNTS', 'V2.1COUNTS', 'V1THEMES', 'V2ENHANCEDTHEMES', 'V1LOCATIONS', 'V2ENHANCEDLOCATIONS',
  'V1PERSONS', 'V2ENHANCEDPERSONS', 'V1ORGANIZATIONS', 'V2ENHANCEDORGANIZATIONS', 'V1.5TONE',
  'V2.1ENHANCEDDATES', 'V2GCAM', 'V2.1SHARINGIMAGE', 'V2.1RELATEDIMAGES', 'V2.1SOCIALIMAGEEMBEDS',
  'V2.1SOCIALVIDEOEMBEDS', 'V2.1QUOTATIONS', 'V2.1ALLNAMES', 'V2.1AMOUNTS', 'V2.1TRANSLATIONINFO', 'V2EXTRASXML',
] as const;

const GKG_COUNT: Record<FigureKind, string> = {
  killed: 'KILL', wounded: 'WOUND', displaced: 'DISPLACED', missing: 'MISSING', arrested: 'ARREST',
  kidnapped: 'KIDNAP', refugees: 'REFUGEES', troops: 'TROOPS', other: 'AFFECT',
};

/** GKG location type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
function gkgLocType(p: { precision: string | null; country: string | null }): number {
  const us = p.country === 'USA';
  if (p.precision === 'country') return 1;
  if (p.precision === 'region') return us ? 2 : 5;
  return us ? 3 : 4;
}

const clean = (s: string) => s.replace(/[\t\r\n#;,|]+/g, ' ').trim();

/** One GKG 2.1-like record per analysis. Country codes are ISO 3166-1 alpha-3 (GDELT uses FIPS 10-4). */
export function gkgRecord(a: Analysis, index = 0): Row {
  const art = a.article;
  const pub = art.published ?? '';
  const date = pub ? (pub.replace(/[^0-9]/g, '') + '000000').slice(0, 14) : '';
  const places = a.places.map((p) => ({ p, loc: `${gkgLocType(p.place)}#${clean(p.place.name)}#${p.place.country ?? ''}###${p.place.lat ?? ''}#${p.place.lon ?? ''}#${p.place.geonameid ?? ''}` }));
  const countV21 = a.figures.map((f) => {
    const claimant = actorRef(a, f.source);
    const where = a.places.find((p) => p.start >= f.start - 200 && p.end <= f.end + 200);
    const loc = where ? `${gkgLocType(where.place)}#${clean(where.place.name)}#${where.place.country ?? ''}###${where.place.lat ?? ''}#${where.place.lon ?? ''}#${where.place.geonameid ?? ''}` : '#######';
    // GKG's count block, then the offset, then the claimant sitrep adds
    return `${GKG_COUNT[f.kind]}#${f.value}#${clean(f.counted ?? '')}#${loc}#${f.start}#${clean(claimant?.name ?? '')}`;
  });
  const persons = a.entities.filter((e) => e.type === 'PERSON');
  const orgs = a.entities.filter((e) => e.type === 'ORG' || e.type === 'GROUP');
  const firstOffset = (e: (typeof a.entities)[number]) => Math.min(...e.mentions.map((m) => m.start));
  const dates = a.times.filter((t) => t.type === 'DATE' && t.value && /^\d{4}/.test(t.value)).map((t) => {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(t.value!)!;
    const res = m[3] ? 4 : m[2] ? 3 : 1; // 1 year only, 2 month+day (no year), 3 month+year, 4 full date
    return `${res}#${m[2] ? Number(m[2]) : 0}#${m[3] ? Number(m[3]) : 0}#${m[1]}#${t.start}`;
  });
  const quotes = a.quotes.map((q) => {
    const sp = actorRef(a, q.speaker);
    return `${q.start}|${q.end - q.start}|${clean(q.cue?.text ?? '')}|${q.text.replace(/[|#\t\r\n]+/g, ' ')}|${clean(sp?.name ?? q.speakerMention?.text ?? '')}`;
  });
  const names = a.entities.map((e) => `${clean(e.name)},${firstOffset(e)}`);
  const amounts = a.figures.map((f) => `${f.value},${clean(f.counted ?? f.kind)},${f.start}`);
  return {
    GKGRECORDID: `${date || '0'}-${index}`,
    'V2.1DATE': date,
    V2SOURCECOLLECTIONIDENTIFIER: art.url ? 1 : 6,
    V2SOURCECOMMONNAME: outletOf(art),
    V2DOCUMENTIDENTIFIER: art.url ?? art.id,
    V1COUNTS: a.figures.map((f) => `${GKG_COUNT[f.kind]}#${f.value}#${clean(f.counted ?? '')}#######`).join(';'),
    'V2.1COUNTS': countV21.join(';'),
    V1THEMES: '',
    V2ENHANCEDTHEMES: '',
    V1LOCATIONS: places.map((x) => x.loc).join(';'),
    V2ENHANCEDLOCATIONS: places.map((x) => `${x.loc}#${x.p.start}`).join(';'),
    V1PERSONS: persons.map((e) => clean(e.name)).join(';'),
    V2ENHANCEDPERSONS: persons.map((e) => `${clean(e.name)},${firstOffset(e)}`).join(';'),
    V1ORGANIZATIONS: orgs.map((e) => clean(e.name)).join(';'),
    V2ENHANCEDORGANIZATIONS: orgs.map((e) => `${clean(e.name)},${firstOffset(e)}`).join(';'),
    'V1.5TONE': '',
    'V2.1ENHANCEDDATES': dates.join(';'),
    V2GCAM: '',
    'V2.1SHARINGIMAGE': '',
    'V2.1RELATEDIMAGES': '',
    'V2.1SOCIALIMAGEEMBEDS': '',
    'V2.1SOCIALVIDEOEMBEDS': '',
    'V2.1QUOTATIONS': quotes.join('#'),
    'V2.1ALLNAMES': names.join(';'),
    'V2.1AMOUNTS': amounts.join(';'),
    'V2.1TRANSLATIONINFO': '',
    V2EXTRASXML: art.title ? `<PAGE_TITLE>${art.title.replace(/[<>&\t\r\n]/g, ' ')}</PAGE_TITLE>` : '',
  };
}

/** GKG 2.1-like tab-separated lines, one per analysis (with a header line when `header` is set). */
export function gkgTsv(analyses: Analysis[], header = false): string {
  const lines = analyses.map((a, i) => GKG_COLUMNS.map((c) => String(gkgRecord(a, i)[c] ?? '').replace(/[\t\r\n]/g, ' ')).join('\t'));
  if (header) lines.unshift(GKG_COLUMNS.join('\t'));
  return lines.join('\n') + (lines.length ? '\n' : '');
}

// ---------------------------------------------------------------- PLOVER JSON

export interface PloverRecord {
  id: string;
  date: string | null;
  date_resolution: string | null;
  event: string;
  mode: string | null;
  context: string[];
  actor: string | null;
  actor_kb: string | null;
  actor_country: string | null;
  recipient: string | null;
  recipient_kb: string | null;
  recipient_country: string | null;
  location: { name: string; country: string | null; lat: number | null; lon: number | null; geonameid: number | null } | null;
  cameo: string | null;
  /** The evidence sentence span, and where it comes from. */
  text: string;
  source: string | null;
  url: string | null;
  article_id: string;
  publication_date: string | null;
  /** Merged events only: every report's article. */
  reports?: { article_id: string; source: string | null; published: string | null; text: string }[];
}

/** PLOVER records, one per event of every analysis (modality goes into `context`). */
export function ploverFromAnalyses(analyses: Analysis[]): PloverRecord[] {
  const out: PloverRecord[] = [];
  for (const a of analyses) {
    for (const ev of a.events) {
      const act = actorRef(a, ev.actor);
      const tgt = actorRef(a, ev.target);
      out.push({
        id: `${a.article.id}-${ev.id}`,
        date: ev.date.value, date_resolution: ev.date.precision,
        event: ev.type, mode: ev.mode, context: [...ev.modality],
        actor: act?.name ?? null, actor_kb: act?.kb ?? null, actor_country: act?.country ?? null,
        recipient: tgt?.name ?? null, recipient_kb: tgt?.kb ?? null, recipient_country: tgt?.country ?? null,
        location: ev.place ? { name: ev.place.name, country: ev.place.country, lat: ev.place.lat, lon: ev.place.lon, geonameid: ev.place.geonameid } : null,
        cameo: ev.cameo, text: ev.text, source: outletOf(a.article), url: a.article.url, article_id: a.article.id,
        publication_date: a.article.published,
      });
    }
  }
  return out;
}

/** PLOVER records for merged events: one per corpus event, with its reports. */
export function ploverFromMerged(events: CorpusEvent[]): PloverRecord[] {
  return events.map((ce) => ({
    id: ce.id,
    date: ce.date.value, date_resolution: ce.date.precision,
    event: ce.type, mode: ce.mode, context: [...new Set(ce.reports.flatMap((r) => r.modality))].sort(),
    actor: ce.actor?.name ?? null, actor_kb: ce.actor?.kb ?? null, actor_country: ce.actor?.country ?? null,
    recipient: ce.target?.name ?? null, recipient_kb: ce.target?.kb ?? null, recipient_country: ce.target?.country ?? null,
    location: ce.place ? { name: ce.place.name, country: ce.place.country, lat: ce.place.lat, lon: ce.place.lon, geonameid: ce.place.geonameid } : null,
    cameo: ce.cameo,
    text: ce.reports[0]?.evidence.text ?? '',
    source: ce.earliest.outlet, url: null, article_id: ce.earliest.article, publication_date: ce.earliest.published,
    reports: ce.reports.map((r) => ({ article_id: r.article, source: r.outlet, published: r.published, text: r.evidence.text })),
  }));
}

/** JSON Lines of PLOVER records. */
export function ploverJsonl(records: PloverRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}

/** Day number helper re-exported for callers filtering by --from/--to. */
export { dayNumber };
