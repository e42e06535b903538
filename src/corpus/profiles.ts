/**
 * Actor profiles across the corpus: every name an actor goes by, its roles over time,
 * relations, quotes, events as actor and as target, and how each outlet labels it.
 */
import type { Analysis, EntityType, LabelKind, RelationType } from '../types.js';
import { actorKey, actorRef } from './events.js';
import { outletOf } from './text.js';

export interface ActorProfile {
  key: string;
  name: string;
  type: EntityType;
  kb: string | null;
  country: string | null;
  /** Canonical names and mention surfaces, with how often each was used. */
  names: { name: string; count: number }[];
  /** Each role with the first and last publication date it was given on. */
  roles: { role: string; first: string | null; last: string | null; articles: string[] }[];
  relations: { type: RelationType; direction: 'subject' | 'object'; other: string; otherName: string; articles: string[] }[];
  quotes: { text: string; direct: boolean; date: string | null; article: string; outlet: string | null; published: string | null; start: number; end: number }[];
  asActor: { type: string; target: string | null; date: string | null; article: string; event: string }[];
  asTarget: { type: string; actor: string | null; date: string | null; article: string; event: string }[];
  /** Per outlet, the labels it uses for the actor. */
  labels: { outlet: string; labels: { text: string; kind: LabelKind; count: number }[] }[];
  articles: string[];
  outlets: string[];
}

const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Profiles of every actor in the analyses, most-mentioned first (then by key). */
export function actorProfiles(analyses: Analysis[]): ActorProfile[] {
  const profiles = new Map<string, ActorProfile & { _mentions: number; _names: Map<string, number>; _labels: Map<string, Map<string, { kind: LabelKind; count: number }>> }>();
  const get = (a: Analysis, id: string) => {
    const r = actorRef(a, id)!;
    let p = profiles.get(r.key);
    if (!p) {
      p = {
        key: r.key, name: r.name, type: r.type, kb: r.kb, country: r.country, names: [], roles: [], relations: [], quotes: [],
        asActor: [], asTarget: [], labels: [], articles: [], outlets: [], _mentions: 0, _names: new Map(), _labels: new Map(),
      };
      profiles.set(r.key, p);
    }
    p.country ??= r.country;
    return p;
  };
  const sorted = [...analyses].sort((x, y) => ((x.article.published ?? '') < (y.article.published ?? '') ? -1 : (x.article.published ?? '') > (y.article.published ?? '') ? 1 : x.article.id < y.article.id ? -1 : 1));
  for (const a of sorted) {
    const art = a.article;
    const outlet = outletOf(art);
    for (const e of a.entities) {
      const p = get(a, e.id);
      if (!p.articles.includes(art.id)) p.articles.push(art.id);
      if (outlet && !p.outlets.includes(outlet)) p.outlets.push(outlet);
      p._mentions += e.mentions.length;
      p._names.set(e.name, (p._names.get(e.name) ?? 0) + 1);
      for (const m of e.mentions) if (m.text !== e.name) p._names.set(m.text, (p._names.get(m.text) ?? 0) + 1);
      for (const role of e.roles) {
        let r = p.roles.find((x) => x.role.toLowerCase() === role.toLowerCase());
        if (!r) p.roles.push((r = { role, first: art.published, last: art.published, articles: [] }));
        r.first = minDate(r.first, art.published);
        r.last = maxDate(r.last, art.published);
        if (!r.articles.includes(art.id)) r.articles.push(art.id);
      }
    }
    for (const rel of a.relations) {
      const s = actorRef(a, rel.subject);
      const o = actorRef(a, rel.object);
      if (!s || !o) continue;
      for (const [self, other, direction] of [[s, o, 'subject'], [o, s, 'object']] as const) {
        const p = get(a, self === s ? rel.subject : rel.object);
        let r = p.relations.find((x) => x.type === rel.type && x.direction === direction && x.other === other.key);
        if (!r) p.relations.push((r = { type: rel.type, direction, other: other.key, otherName: other.name, articles: [] }));
        if (!r.articles.includes(art.id)) r.articles.push(art.id);
      }
    }
    for (const q of a.quotes) {
      if (!q.speaker || !actorRef(a, q.speaker)) continue;
      get(a, q.speaker).quotes.push({ text: q.text, direct: q.direct, date: q.date, article: art.id, outlet, published: art.published, start: q.start, end: q.end });
    }
    for (const ev of a.events) {
      const act = actorRef(a, ev.actor);
      const tgt = actorRef(a, ev.target);
      if (act) get(a, ev.actor!).asActor.push({ type: ev.type, target: tgt?.key ?? null, date: ev.date.value, article: art.id, event: ev.id });
      if (tgt) get(a, ev.target!).asTarget.push({ type: ev.type, actor: act?.key ?? null, date: ev.date.value, article: art.id, event: ev.id });
    }
    for (const l of a.labels) {
      if (!l.entity || !actorRef(a, l.entity)) continue;
      const p = get(a, l.entity);
      const o = outlet ?? '(unknown)';
      const m = p._labels.get(o) ?? p._labels.set(o, new Map()).get(o)!;
      const t = l.text.toLowerCase();
      const cur = m.get(t) ?? m.set(t, { kind: l.kind, count: 0 }).get(t)!;
      cur.count++;
    }
  }
  const out: ActorProfile[] = [];
  for (const p of profiles.values()) {
    const { _mentions, _names, _labels, ...rest } = p;
    // the name the actor is most often given wins
    const names = [...p._names].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    out.push({
      ...rest,
      name: p.kb ? p.name : (names[0]?.[0] ?? p.name),
      names: names.map(([name, count]) => ({ name, count })),
      outlets: [...p.outlets].sort(),
      labels: [..._labels].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([outlet, m]) => ({
        outlet,
        labels: [...m].sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1)).map(([text, v]) => ({ text, kind: v.kind, count: v.count })),
      })),
    });
    (out[out.length - 1] as ActorProfile & { _m?: number })._m = _mentions;
  }
  const m = (p: ActorProfile) => (p as ActorProfile & { _m?: number })._m ?? 0;
  out.sort((x, y) => m(y) - m(x) || (x.key < y.key ? -1 : 1));
  for (const p of out) delete (p as ActorProfile & { _m?: number })._m;
  return out;
}

/** The profile of one actor by key, knowledge-base id, or any of its names (case-insensitive). */
export function findActor(profiles: ActorProfile[], query: string): ActorProfile | null {
  const q = query.toLowerCase().trim();
  return (
    profiles.find((p) => p.key.toLowerCase() === q || (p.kb ?? '').toLowerCase() === q) ??
    profiles.find((p) => p.name.toLowerCase() === q) ??
    profiles.find((p) => p.names.some((n) => n.name.toLowerCase() === q)) ??
    null
  );
}
