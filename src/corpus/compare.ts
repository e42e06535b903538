/**
 * Outlet-by-outlet comparison of one story: who reported it; per outlet the labels used for
 * each actor, the figures with their claimants, who is quoted; the facts some outlets report
 * and others omit; and contradictions (the same figure kind with different values).
 */
import type { Analysis, FigureKind, LabelKind } from '../types.js';
import { actorKey, actorRef } from './events.js';
import { outletOf } from './text.js';

export interface OutletView {
  outlet: string;
  articles: string[];
  /** Per actor: the words this outlet uses for it. */
  labels: { actor: string; actorName: string; labels: { text: string; kind: LabelKind; count: number }[] }[];
  figures: { kind: FigureKind; value: number; qualifier: string | null; counted: string | null; claimant: string | null; text: string; article: string }[];
  quoted: { speaker: string; speakerName: string; quotes: number }[];
  /** The actors this outlet names. */
  actors: string[];
}

export interface Fact {
  /** "event ASSAULT: actor → target", "figure killed", "actor Turkey", "quote Ghassan Salame". */
  fact: string;
  kind: 'event' | 'figure' | 'actor' | 'quote';
  reportedBy: string[];
  omittedBy: string[];
}

export interface Contradiction {
  kind: FigureKind;
  /** Running totals and single-incident counts are compared separately. */
  cumulative: boolean;
  values: { value: number; outlets: string[]; claimants: string[]; evidence: { article: string; text: string }[] }[];
}

export interface StoryComparison {
  outlets: string[];
  byOutlet: OutletView[];
  /** Facts reported by at least one outlet and missing from at least one other. */
  omissions: Fact[];
  contradictions: Contradiction[];
}

const sorted = <T>(xs: Iterable<T>) => [...new Set(xs)].sort();

/** Compares the analyses of one story (articles without an outlet are grouped under "(unknown)"). */
export function compareStory(analyses: Analysis[]): StoryComparison {
  const groups = new Map<string, Analysis[]>();
  for (const a of analyses) {
    const o = outletOf(a.article) ?? '(unknown)';
    (groups.get(o) ?? groups.set(o, []).get(o)!).push(a);
  }
  const outlets = [...groups.keys()].sort();
  const facts = new Map<string, { kind: Fact['kind']; outlets: Set<string> }>();
  const fact = (f: string, kind: Fact['kind'], o: string) => (facts.get(f) ?? facts.set(f, { kind, outlets: new Set() }).get(f)!).outlets.add(o);
  const names = new Map<string, string>();
  const figureVals = new Map<string, Map<number, { outlets: Set<string>; claimants: Set<string>; evidence: { article: string; text: string }[] }>>();

  const byOutlet: OutletView[] = outlets.map((outlet) => {
    const list = groups.get(outlet)!;
    const labels = new Map<string, Map<string, { kind: LabelKind; count: number }>>();
    const quoted = new Map<string, number>();
    const actors = new Set<string>();
    const figures: OutletView['figures'] = [];
    for (const a of list) {
      const ref = (id: string | null) => actorRef(a, id);
      for (const e of a.entities) {
        const k = actorKey(e);
        names.set(k, names.get(k) ?? e.name);
        actors.add(k);
        fact(`actor ${names.get(k)}`, 'actor', outlet);
      }
      for (const l of a.labels) {
        const r = ref(l.entity);
        if (!r) continue;
        const m = labels.get(r.key) ?? labels.set(r.key, new Map()).get(r.key)!;
        const t = l.text.toLowerCase();
        const cur = m.get(t) ?? m.set(t, { kind: l.kind, count: 0 }).get(t)!;
        cur.count++;
      }
      for (const q of a.quotes) {
        const r = ref(q.speaker);
        if (!r) continue;
        quoted.set(r.key, (quoted.get(r.key) ?? 0) + 1);
        fact(`quote ${names.get(r.key) ?? r.name}`, 'quote', outlet);
      }
      for (const f of a.figures) {
        const c = ref(f.source);
        figures.push({ kind: f.kind, value: f.value, qualifier: f.qualifier, counted: f.counted, claimant: c ? c.name : null, text: f.text, article: a.article.id });
        fact(`figure ${f.kind}`, 'figure', outlet);
        const fk = f.kind + '|' + (f.cumulative ? 'cumulative' : 'single');
        const vals = figureVals.get(fk) ?? figureVals.set(fk, new Map()).get(fk)!;
        const v = vals.get(f.value) ?? vals.set(f.value, { outlets: new Set(), claimants: new Set(), evidence: [] }).get(f.value)!;
        v.outlets.add(outlet);
        if (c) v.claimants.add(c.name);
        v.evidence.push({ article: a.article.id, text: f.text });
      }
      for (const ev of a.events) {
        if (ev.modality.includes('negated') || ev.modality.includes('hypothetical')) continue;
        const act = ref(ev.actor);
        const tgt = ref(ev.target);
        fact(`event ${ev.type}: ${act ? act.name : '?'} → ${tgt ? tgt.name : '?'}`, 'event', outlet);
      }
    }
    return {
      outlet,
      articles: list.map((a) => a.article.id).sort(),
      labels: [...labels].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([k, m]) => ({
        actor: k,
        actorName: names.get(k) ?? k,
        labels: [...m].sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1)).map(([text, v]) => ({ text, kind: v.kind, count: v.count })),
      })),
      figures: figures.sort((x, y) => (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.value - y.value)),
      quoted: [...quoted].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([k, n]) => ({ speaker: k, speakerName: names.get(k) ?? k, quotes: n })),
      actors: sorted(actors),
    };
  });

  const omissions: Fact[] = [];
  if (outlets.length > 1) {
    for (const [f, v] of [...facts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      if (v.outlets.size === outlets.length) continue;
      omissions.push({ fact: f, kind: v.kind, reportedBy: sorted(v.outlets), omittedBy: outlets.filter((o) => !v.outlets.has(o)) });
    }
  }
  const contradictions: Contradiction[] = [];
  for (const [fk, vals] of [...figureVals].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (vals.size < 2) continue;
    const [kind, scope] = fk.split('|') as [FigureKind, string];
    contradictions.push({
      kind,
      cumulative: scope === 'cumulative',
      values: [...vals].sort((x, y) => x[0] - y[0]).map(([value, v]) => ({ value, outlets: sorted(v.outlets), claimants: sorted(v.claimants), evidence: v.evidence })),
    });
  }
  return { outlets, byOutlet, omissions, contradictions };
}
