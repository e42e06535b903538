/**
 * Merged events: the same happening reported by several articles (same type; compatible
 * actor, target, date and place; same story when stories are given) becomes one corpus
 * event with every report, the spread of figures with their claimants, and the earliest report.
 */
import type { Analysis, DatePrecision, Entity, EventRecord, Figure, FigureKind, Modality, Place, Span } from '../types.js';
import { dayNumber, outletOf } from './text.js';

/** An actor across articles: `key` is the knowledge-base id, else "name:" + the lower-cased canonical name. */
export interface ActorRef {
  key: string;
  name: string;
  type: Entity['type'];
  kb: string | null;
  country: string | null;
}

/** The corpus-wide key of an entity. */
export function actorKey(e: Pick<Entity, 'kb' | 'name'>): string {
  return e.kb ?? 'name:' + e.name.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function actorRef(a: Analysis, id: string | null): ActorRef | null {
  if (!id) return null;
  const e = a.entities.find((x) => x.id === id);
  return e ? { key: actorKey(e), name: e.name, type: e.type, kb: e.kb, country: e.country } : null;
}

export interface EventReport {
  article: string;
  outlet: string | null;
  published: string | null;
  /** The event's id inside its article's analysis. */
  event: string;
  evidence: Span;
  actor: ActorRef | null;
  target: ActorRef | null;
  date: { value: string | null; precision: DatePrecision };
  place: Place | null;
  modality: Modality[];
  reportedBy: ActorRef | null;
}

/** A figure as one article reports it: the contract's figure fields, with where it came from. */
export interface FigureReport extends Pick<Figure, 'kind' | 'value' | 'min' | 'max' | 'qualifier' | 'counted' | 'cumulative'> {
  article: string;
  outlet: string | null;
  published: string | null;
  /** Who gives the figure (the article's claimant), null when unattributed. */
  claimant: ActorRef | null;
  evidence: Span;
}

export interface FigureSpread {
  kind: FigureKind;
  /** Lowest `min` and highest `max` of the reports. */
  min: number;
  max: number;
  /** Each distinct value with who claims it and where. */
  values: { value: number; claimants: string[]; articles: string[]; outlets: string[] }[];
}

export interface CorpusEvent {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  actor: ActorRef | null;
  target: ActorRef | null;
  date: { value: string | null; precision: DatePrecision };
  place: Place | null;
  /** The story the reports belong to, when stories were given. */
  story: string | null;
  reports: EventReport[];
  figures: FigureReport[];
  spread: FigureSpread[];
  /** The first report by publication date (then article id). */
  earliest: { article: string; outlet: string | null; published: string | null };
  outlets: string[];
}

export interface MergeOptions {
  /** Article id → story id: reports in different stories are never merged. */
  storyOf?: (articleId: string) => string | null;
  /** Two day-precision dates this many days apart or fewer are compatible. */
  dateToleranceDays: number;
}

const DEFAULT_MERGE: MergeOptions = { dateToleranceDays: 1 };

function compatibleActors(a: ActorRef | null, b: ActorRef | null): boolean {
  return !a || !b || a.key === b.key;
}

/** Start and end day of a date value with its precision, or null when it has no calendar position. */
export function dayRange(d: { value: string | null; precision: DatePrecision }): [number, number] | null {
  const v = d.value;
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    const x = dayNumber(v)!;
    return [x, x];
  }
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const s = dayNumber(v)!;
    const e = dayNumber(Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}`)! - 1;
    return [s, e];
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(v);
  if (w) {
    const jan4 = dayNumber(`${w[1]}-01-04`)!;
    const monday = jan4 - ((jan4 + 3) % 7); // day 0 (1970-01-01) was a Thursday
    const s = monday + (Number(w[2]) - 1) * 7;
    return [s, s + 6];
  }
  const y = /^(\d{4})$/.exec(v);
  if (y) return [dayNumber(`${y[1]}-01-01`)!, dayNumber(`${y[1]}-12-31`)!];
  return null;
}

function compatibleDates(a: EventReport['date'], b: EventReport['date'], tol: number): boolean {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (!ra || !rb) return true;
  return ra[0] <= rb[1] + tol && rb[0] <= ra[1] + tol;
}

function compatiblePlaces(a: Place | null, b: Place | null): boolean {
  if (!a || !b) return true;
  if (a.geonameid !== null && a.geonameid === b.geonameid) return true;
  if (a.name.toLowerCase() === b.name.toLowerCase()) return true;
  // a country-level place contains any place in that country
  if (a.country && a.country === b.country && (a.precision === 'country' || b.precision === 'country')) return true;
  return false;
}

const PRECISION_RANK: Record<string, number> = { day: 4, week: 3, month: 2, year: 1 };
const PLACE_RANK: Record<string, number> = { place: 4, city: 3, region: 2, country: 1 };

function reportsOf(a: Analysis): { report: EventReport; ev: EventRecord }[] {
  const art = a.article;
  const outlet = outletOf(art);
  return a.events.map((ev) => ({
    ev,
    report: {
      article: art.id,
      outlet,
      published: art.published,
      event: ev.id,
      evidence: { start: ev.start, end: ev.end, text: ev.text },
      actor: actorRef(a, ev.actor),
      target: actorRef(a, ev.target),
      date: ev.date,
      place: ev.place,
      modality: ev.modality,
      reportedBy: actorRef(a, ev.reportedBy),
    },
  }));
}

function figureReports(a: Analysis, ev: EventRecord): FigureReport[] {
  const outlet = outletOf(a.article);
  return ev.figures
    .map((i) => a.figures[i])
    .filter((f): f is NonNullable<typeof f> => !!f)
    .map((f) => ({
      article: a.article.id,
      outlet,
      published: a.article.published,
      kind: f.kind,
      value: f.value,
      min: f.min,
      max: f.max,
      qualifier: f.qualifier,
      counted: f.counted,
      cumulative: f.cumulative,
      claimant: actorRef(a, f.source),
      evidence: { start: f.start, end: f.end, text: f.text },
    }));
}

/** The spread of the figures by kind: range and each value with its claimants. */
export function figureSpread(figs: FigureReport[]): FigureSpread[] {
  const byKind = new Map<FigureKind, FigureReport[]>();
  for (const f of figs) (byKind.get(f.kind) ?? byKind.set(f.kind, []).get(f.kind)!).push(f);
  return [...byKind].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([kind, list]) => {
    const vals = new Map<number, { claimants: Set<string>; articles: Set<string>; outlets: Set<string> }>();
    for (const f of list) {
      const v = vals.get(f.value) ?? vals.set(f.value, { claimants: new Set(), articles: new Set(), outlets: new Set() }).get(f.value)!;
      if (f.claimant) v.claimants.add(f.claimant.name);
      v.articles.add(f.article);
      if (f.outlet) v.outlets.add(f.outlet);
    }
    return {
      kind,
      min: Math.min(...list.map((f) => f.min)),
      max: Math.max(...list.map((f) => f.max)),
      values: [...vals].sort((x, y) => x[0] - y[0]).map(([value, v]) => ({
        value, claimants: [...v.claimants].sort(), articles: [...v.articles].sort(), outlets: [...v.outlets].sort(),
      })),
    };
  });
}

const byDateThenId = (x: { published: string | null; article: string }, y: { published: string | null; article: string }) => {
  const dx = x.published ?? '\uffff';
  const dy = y.published ?? '\uffff';
  return dx < dy ? -1 : dx > dy ? 1 : x.article < y.article ? -1 : x.article > y.article ? 1 : 0;
};

/**
 * Merges the events of many analyses. Negated, hypothetical and future events are kept apart
 * from what happened: they merge only with reports of the same modality.
 */
export function mergeEvents(analyses: Analysis[], options: Partial<MergeOptions> = {}): CorpusEvent[] {
  const opt = { ...DEFAULT_MERGE, ...options };
  const all: { report: EventReport; ev: EventRecord; a: Analysis }[] = [];
  for (const a of analyses) for (const r of reportsOf(a)) all.push({ ...r, a });
  all.sort((x, y) => byDateThenId(x.report, y.report) || x.ev.start - y.ev.start);

  const out: CorpusEvent[] = [];
  const byType = new Map<string, CorpusEvent[]>();
  const modeKey = (m: Modality[]) => m.filter((x) => x !== 'reported' && x !== 'historical').sort().join(',');
  for (const { report, ev, a } of all) {
    const story = opt.storyOf ? opt.storyOf(report.article) : null;
    const key = ev.type + '|' + modeKey(report.modality);
    const cands = byType.get(key) ?? [];
    let hit: CorpusEvent | undefined;
    for (const ce of cands) {
      if (opt.storyOf && ce.story !== story) continue;
      if (ce.reports.some((r) => r.article === report.article)) continue; // one article, one report of a happening
      if (!compatibleActors(ce.actor, report.actor) || !compatibleActors(ce.target, report.target)) continue;
      if (!compatibleDates(ce.date, report.date, opt.dateToleranceDays)) continue;
      if (!compatiblePlaces(ce.place, report.place)) continue;
      hit = ce;
      break;
    }
    const figs = figureReports(a, ev);
    if (!hit) {
      hit = {
        id: 'CE' + (out.length + 1),
        type: ev.type, mode: ev.mode, cameo: ev.cameo,
        actor: report.actor, target: report.target, date: report.date, place: report.place,
        story, reports: [], figures: [], spread: [],
        earliest: { article: report.article, outlet: report.outlet, published: report.published },
        outlets: [],
      };
      out.push(hit);
      (byType.get(key) ?? byType.set(key, []).get(key)!).push(hit);
    } else {
      // the merged event takes the most specific value any report gives
      hit.actor ??= report.actor;
      hit.target ??= report.target;
      hit.mode ??= ev.mode;
      hit.cameo ??= ev.cameo;
      if ((PRECISION_RANK[report.date.precision ?? ''] ?? 0) > (PRECISION_RANK[hit.date.precision ?? ''] ?? 0)) hit.date = report.date;
      if (report.place && (!hit.place || (PLACE_RANK[report.place.precision ?? ''] ?? 0) > (PLACE_RANK[hit.place.precision ?? ''] ?? 0))) hit.place = report.place;
    }
    hit.reports.push(report);
    hit.figures.push(...figs);
    if (report.outlet && !hit.outlets.includes(report.outlet)) {
      hit.outlets.push(report.outlet);
      hit.outlets.sort();
    }
  }
  for (const ce of out) ce.spread = figureSpread(ce.figures);
  return out;
}

export interface EventFilter {
  /** Actor or target: knowledge-base id, key or name (case-insensitive). */
  actor?: string;
  /** PLOVER event type (case-insensitive). */
  type?: string;
  /** Inclusive ISO dates; an event whose date range overlaps [from, to] is kept. Undated events use their earliest report's publication date. */
  from?: string;
  to?: string;
}

/** The merged events that pass a filter (`sitrep events --merged --actor … --type … --from … --to …`). */
export function filterEvents(events: CorpusEvent[], f: EventFilter): CorpusEvent[] {
  const q = f.actor?.toLowerCase().trim();
  const matches = (r: ActorRef | null) => !!r && !!q && (r.key.toLowerCase() === q || (r.kb ?? '').toLowerCase() === q || r.name.toLowerCase() === q);
  const from = f.from ? dayNumber(f.from) : null;
  const to = f.to ? dayNumber(f.to) : null;
  return events.filter((ce) => {
    if (f.type && ce.type.toLowerCase() !== f.type.toLowerCase()) return false;
    if (q && !matches(ce.actor) && !matches(ce.target)) return false;
    if (from !== null || to !== null) {
      const range = dayRange(ce.date) ?? dayRange({ value: ce.earliest.published?.slice(0, 10) ?? null, precision: 'day' });
      if (!range) return false;
      if (from !== null && range[1] < from) return false;
      if (to !== null && range[0] > to) return false;
    }
    return true;
  });
}
