/**
 * Toponym resolution by context. Every mention of the same name in an article gets the same place
 * (one sense per discourse). Each candidate is scored on its prior (population, feature type, main
 * name or alternate), on the countries and regions the rest of the article names, on its distance to
 * the other places resolved in the article, and on the cues around its mentions (", Syria",
 * "Syria's", "province", "the port of"). Two passes: the second sees the first pass's places.
 */
import { distanceKm, type Gazetteer } from './gazetteer.js';
import type { RawMention } from './recognize.js';

export interface Resolved {
  mention: RawMention;
  /** Entry index, or -1 when nothing fits. */
  entry: number;
  /** Margin of the best candidate's score over the second best (large = sure). */
  margin: number;
}

interface Group {
  key: string;
  mentions: RawMention[];
  cands: number[]; // entry indexes (alternate flag removed)
  alt: Set<number>; // entries reached only by an alternate name
  sameNameCity: Set<number>; // regions that contain a city candidate of the same group
  bigCity?: number; // population of the group's largest city candidate reached by its own name, if ≥ 500,000
  linked: Set<number>; // candidates that lie in, or hold, a county-level candidate of another name of the article
  near?: Map<number, number>; // candidate → how many other names have a likely namesake within 50 km of it
  unsupportedCountry?: boolean; // a country candidate the rest of the article says nothing about
  entry: number;
  margin: number;
}

const contains = (g: Gazetteer, outer: number, inner: number): boolean => {
  if (outer === inner) return false;
  if (g.cc[outer] !== g.cc[inner]) return false;
  const k = g.kind[outer];
  if (k === 'country') return true;
  if (k === 'adm1') return g.admin1[inner] === g.admin1[outer] && g.kind[inner] !== 'adm1';
  if (k === 'adm2') return g.admin1[inner] === g.admin1[outer] && g.admin2[inner] === g.admin2[outer] && g.kind[inner] === 'city';
  return false;
};

function prior(g: Gazetteer, e: number): number {
  const k = g.kind[e];
  if (k === 'country') return 17;
  if (k === 'area') return g.fcode[e] === 'CONT' ? 11.5 : 9;
  const lp = Math.log10(g.pop[e]! + 1);
  if (k === 'adm1') return lp + 1.0;
  if (k === 'adm2') return lp + 0.2;
  const f = g.fcode[e];
  let b = 0;
  if (f === 'PPLC') b = 2.5;
  else if (f === 'PPLA') b = 0.8;
  else if (f === 'PPLA2') b = 0.3;
  else if (f === 'PPLX') b = -1.5;
  return lp + b;
}

interface Context {
  country: Map<string, number>;
  adm1: Map<string, number>; // "CC.A1" → weight
  adm2: Map<string, number>;
  points: { lat: number; lon: number; w: number; group: Group }[];
  maxCountry: number;
}

function emptyContext(): Context {
  return { country: new Map(), adm1: new Map(), adm2: new Map(), points: [], maxCountry: 0 };
}

const bump = (m: Map<string, number>, k: string, w: number) => m.set(k, (m.get(k) ?? 0) + w);

/** Context from what the article says for certain: countries and regions named, demonyms. */
function seedContext(g: Gazetteer, groups: Group[], demonymCountries: Map<string, number>): Context {
  const ctx = emptyContext();
  for (const [cc, n] of demonymCountries) bump(ctx.country, cc, 0.3 * n);
  for (const gr of groups) {
    const n = gr.mentions.length;
    const prim = gr.cands.filter((e) => !gr.alt.has(e));
    const countries = prim.filter((e) => g.kind[e] === 'country');
    if (countries.length === 1) bump(ctx.country, g.cc[countries[0]!]!, n);
    const adm1 = prim.filter((e) => g.kind[e] === 'adm1');
    if (adm1.length === 1 && countries.length === 0) {
      bump(ctx.country, g.cc[adm1[0]!]!, 0.7 * n);
      bump(ctx.adm1, `${g.cc[adm1[0]!]}.${g.admin1[adm1[0]!]}`, n);
    }
    for (const m of gr.mentions) {
      if (m.container === null) continue;
      const c = m.container;
      bump(ctx.country, g.cc[c]!, 0.5);
      if (g.kind[c] === 'adm1') bump(ctx.adm1, `${g.cc[c]}.${g.admin1[c]}`, 1);
    }
  }
  return ctx;
}

/** Context from the resolved groups of the previous pass. */
function resolvedContext(g: Gazetteer, groups: Group[], demonymCountries: Map<string, number>): Context {
  const ctx = emptyContext();
  for (const [cc, n] of demonymCountries) bump(ctx.country, cc, 0.3 * n);
  for (const gr of groups) {
    if (gr.entry < 0) continue;
    const e = gr.entry;
    const n = gr.mentions.length;
    const sure = Math.min(1, 0.3 + gr.margin / 4);
    bump(ctx.country, g.cc[e]!, n * sure);
    if (g.kind[e] !== 'country' && g.admin1[e]) bump(ctx.adm1, `${g.cc[e]}.${g.admin1[e]}`, n * sure);
    if (g.kind[e] === 'city' && g.admin2[e]) bump(ctx.adm2, `${g.cc[e]}.${g.admin1[e]}.${g.admin2[e]}`, n * sure);
    if (g.kind[e] === 'city' || g.kind[e] === 'adm2') ctx.points.push({ lat: g.lat[e]!, lon: g.lon[e]!, w: sure, group: gr });
  }
  return ctx;
}

function score(g: Gazetteer, gr: Group, e: number, ctx: Context, self: Group | null): number {
  let s = prior(g, e);
  if (gr.alt.has(e)) s -= g.pop[e]! >= 100000 ? 0.5 : 1.5;
  const cc = g.cc[e]!;
  const kind = g.kind[e];
  // Country context, less this group's own share.
  const share = shareOf(g, ctx, cc, self);
  if (share > 0) {
    s += 3 * share + (share >= 0.5 ? 1.5 : 0);
    // A first-level region or the capital of the article's dominant country ("Georgia" in a US story,
    // "Washington").
    // Not a region that shares its name with a city inside it ("New York", "Auckland"): that is the city.
    // Nor a region smaller than a major city of the same name ("Almaty": the city, not Almaty Region).
    if ((kind === 'adm1' && !gr.sameNameCity.has(e) && !((gr.bigCity ?? 0) > g.pop[e]!) || g.fcode[e] === 'PPLC') && share >= 0.8) s += 3;
    // A country's name in an article about that country is the country, not a city of it reached by an
    // alternate name ("Mexico" for Mexico City).
    if (kind === 'city' && gr.alt.has(e) && gr.cands.some((c) => g.kind[c] === 'country' && g.cc[c] === cc)) s -= 6;
  }
  // A region that shares its name with a city inside it ("Tripoli", "Ankara", "New York"): the city, unless
  // the text says "province".
  if ((kind === 'adm1' || kind === 'adm2') && gr.sameNameCity.has(e)) s -= 2.5;
  let local = false; // the same first-level region as other places of the article, or within 100 km of one
  if (kind !== 'country' && kind !== 'adm1' && kind !== 'area') {
    const a1 = ctx.adm1.get(`${cc}.${g.admin1[e]}`) ?? 0;
    const own = self && self.entry >= 0 && g.cc[self.entry] === cc && g.admin1[self.entry] === g.admin1[e] ? self.mentions.length : 0;
    // Less for a small town when a namesake is a major city ("Louisville" in a Columbus, Ohio story).
    if (a1 - own > 0.2) { s += kind === 'city' && (gr.bigCity ?? 0) > 50 * g.pop[e]! ? 1.5 : 3.5; local = true; }
    if (kind === 'city') {
      const a2 = ctx.adm2.get(`${cc}.${g.admin1[e]}.${g.admin2[e]}`) ?? 0;
      const own2 = self && self.entry >= 0 && g.admin2[self.entry] === g.admin2[e] && g.admin1[self.entry] === g.admin1[e] ? self.mentions.length : 0;
      if (a2 - own2 > 0.2) s += 1.5;
    }
  }
  // A region that holds other places of the article ("Walker County" in a story about Huntsville, Texas).
  if (kind === 'adm2') {
    const w = ctx.adm2.get(`${cc}.${g.admin1[e]}.${g.admin2[e]}`) ?? 0;
    const own = self && self.entry === e ? self.mentions.length : 0;
    if (w - own > 0.2) s += 2.5;
  }
  // Distance to the other places of the article.
  if (kind === 'city' || kind === 'adm2') {
    let best = Infinity;
    for (const p of ctx.points) {
      if (p.group === gr) continue;
      const d = distanceKm(g.lat[e]!, g.lon[e]!, p.lat, p.lon);
      if (d < best) best = d;
    }
    if (best < 30) s += 2.5;
    else if (best < 100) s += 2;
    else if (best < 300) s += 1;
    if (best < 100) local = true;
  }
  // Local evidence inside the article's dominant country outweighs a same-name country that the
  // article says nothing else about ("Lebanon" and "Jordan" in a Pennsylvania story).
  // A country named again and again is the country, whatever else the article is about.
  if (gr.linked.has(e)) { s += 4; local = true; }
  const nearN = gr.near?.get(e) ?? 0;
  if (nearN) { s += 1.5 * Math.min(2, nearN); local = true; }
  if (local && gr.unsupportedCountry && (gr.mentions.length <= 2 || gr.linked.has(e)) && g.pop[e]! >= 5000 && shareOf(g, ctx, cc, self) >= 0.8) s += 8;
  // Cues on the mentions.
  let contained = 0;
  let notContained = 0;
  for (const m of gr.mentions) {
    // "Mexico, China, Japan": a country after a country (a state after a state) is the next item of a list,
    // not a container.
    if (m.container !== null && m.container !== e && !listLike(g, gr, m.container)) {
      if (contains(g, m.container, e)) contained++;
      else notContained++;
    }
    if (m.typeCue === 'admin') s += kind === 'adm1' || kind === 'adm2' ? 3 : -0.5;
    if (m.typeCue === 'city') s += kind === 'city' ? 1.5 : -1;
    if (m.direction && kind === 'city') s -= 1;
  }
  if (contained) s += 15;
  else if (notContained) s -= 6;
  return s;
}

/** Whether a ", X" cue after the group's name is more likely a list than containment: X is of a kind
 * (country, first-level region) that the name itself can be, by its main name. */
function listLike(g: Gazetteer, gr: Group, container: number): boolean {
  const k = g.kind[container];
  if (k !== 'country' && k !== 'adm1') return false;
  return gr.cands.some((c) => c !== container && g.kind[c] === k && !gr.alt.has(c));
}

/** Share of the country `cc` in the context, less the group's own contribution. */
function shareOf(g: Gazetteer, ctx: Context, cc: string, self: Group | null): number {
  // The group's own weight counts neither for its country nor in the maximum it is compared with (a
  // name repeated nine times must not outweigh the places around it).
  const ownCc = self && self.entry >= 0 ? g.cc[self.entry]! : null;
  const own = ownCc !== null ? self!.mentions.length * Math.min(1, 0.3 + self!.margin / 4) : 0;
  let maxc = 0;
  for (const [k, v0] of ctx.country) {
    const v = k === ownCc ? v0 - own : v0;
    if (v > maxc) maxc = v;
  }
  const cw = (ctx.country.get(cc) ?? 0) - (cc === ownCc ? own : 0);
  return maxc > 1e-9 ? Math.min(1, Math.max(0, cw) / maxc) : 0;
}

function resolveGroup(g: Gazetteer, gr: Group, ctx: Context, self: Group | null): void {
  let best = -1;
  let bestS = -Infinity;
  let second = -Infinity;
  // A country name that is also a region of the article's dominant country, with nothing else in the
  // article about that country: the region ("Georgia" in a story about Atlanta).
  const regionOverCountry = new Set<number>();
  gr.unsupportedCountry = false;
  for (const c of gr.cands) {
    if (g.kind[c] !== 'country' || shareOf(g, ctx, g.cc[c]!, self) > 0) continue;
    gr.unsupportedCountry = true;
    for (const r of gr.cands) if (g.kind[r] === 'adm1' && shareOf(g, ctx, g.cc[r]!, self) >= 0.8) regionOverCountry.add(r);
  }
  for (const e of gr.cands) {
    const s = score(g, gr, e, ctx, self) + (regionOverCountry.has(e) ? 8 : 0);
    if (s > bestS || (s === bestS && best >= 0 && e < best)) {
      second = bestS;
      bestS = s;
      best = e;
    } else if (s > second) second = s;
  }
  gr.entry = best;
  gr.margin = best < 0 ? 0 : Number.isFinite(second) ? bestS - second : 10;
}

/** Two names that are one name with a feature word ("Karak" and "Karak district"): no support for each other. */
const sameName = (a: Group, b: Group) => a.key.startsWith(`${b.key} `) || b.key.startsWith(`${a.key} `);

/**
 * Small towns that lie together: for each town candidate, how many other names of the article have one of
 * their likelier namesakes (the five with the highest prior) within 50 km ("New London", "Mt. Pleasant"
 * and "Winfield" are three towns of one Iowa county, whatever larger namesakes they have).
 */
function nearNamesakes(g: Gazetteer, groups: Group[]): void {
  if (groups.length < 2) return;
  const cell = (lat: number, lon: number) => `${Math.floor(lat)},${Math.floor(lon)}`;
  const grid = new Map<string, { gr: Group; e: number }[]>();
  const likely = new Map<Group, number[]>();
  for (const gr of groups) {
    const top = gr.cands.filter((e) => g.kind[e] === 'city' || g.kind[e] === 'adm2')
      .sort((a, b) => prior(g, b) - prior(g, a)).slice(0, 5);
    likely.set(gr, top);
    for (const e of top) {
      const k = cell(g.lat[e]!, g.lon[e]!);
      const list = grid.get(k);
      if (list) list.push({ gr, e });
      else grid.set(k, [{ gr, e }]);
    }
  }
  for (const gr of groups) {
    for (const e of gr.cands) {
      if (g.kind[e] !== 'city' && g.kind[e] !== 'adm2') continue;
      const la = Math.floor(g.lat[e]!);
      const lo = Math.floor(g.lon[e]!);
      const seen = new Set<Group>();
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const o of grid.get(`${la + dy},${lo + dx}`) ?? []) {
            if (o.gr === gr || seen.has(o.gr) || sameName(gr, o.gr)) continue;
            if (distanceKm(g.lat[e]!, g.lon[e]!, g.lat[o.e]!, g.lon[o.e]!) <= 50) seen.add(o.gr);
          }
        }
      }
      if (seen.size) (gr.near ??= new Map()).set(e, seen.size);
    }
  }
}

/**
 * Resolves recognised mentions. `demonymCountries` counts the demonyms of each country (alpha-2) in
 * the article. "the capital" mentions are resolved to the capital of `focusOf(...)` afterwards.
 */
export function resolveMentions(g: Gazetteer, mentions: RawMention[], demonymCountries: Map<string, number>): Resolved[] {
  const byKey = new Map<string, Group>();
  for (const m of mentions) {
    if (m.kind !== 'name' || !m.cands.length) continue;
    let gr = byKey.get(m.key);
    if (!gr) {
      const cands: number[] = [];
      const alt = new Set<number>();
      for (const v of m.cands) {
        const e = v < 0 ? -v - 1 : v;
        if (v < 0) alt.add(e);
        if (!cands.includes(e)) cands.push(e);
      }
      for (const e of cands) if (m.cands.includes(e)) alt.delete(e);
      const sameNameCity = new Set<number>();
      // By the city's own name, or a hand-written alternate (alternates.tsv: "New York" is New York City);
      // "Oklahoma", only a GeoNames alternate of Oklahoma City, is the state. The largest such city per
      // first- and second-level region first (one pass, not every region against every city).
      let bigIn: Map<string, number> | null = null;
      for (const r of cands) {
        if (g.kind[r] !== 'adm1' && g.kind[r] !== 'adm2') continue;
        if (!bigIn) {
          bigIn = new Map();
          for (const c of cands) {
            if (g.kind[c] !== 'city' || alt.has(c)) continue;
            const k1 = `${g.cc[c]}.${g.admin1[c]}`;
            const k2 = `${k1}.${g.admin2[c]}`;
            if (g.pop[c]! > (bigIn.get(k1) ?? -1)) bigIn.set(k1, g.pop[c]!);
            if (g.pop[c]! > (bigIn.get(k2) ?? -1)) bigIn.set(k2, g.pop[c]!);
          }
        }
        const k = g.kind[r] === 'adm1' ? `${g.cc[r]}.${g.admin1[r]}` : `${g.cc[r]}.${g.admin1[r]}.${g.admin2[r]}`;
        const big = bigIn.get(k);
        if (big !== undefined && big >= 0.1 * g.pop[r]!) sameNameCity.add(r);
      }
      byKey.set(m.key, (gr = { key: m.key, mentions: [], cands, alt, sameNameCity, linked: new Set(), entry: -1, margin: 0 }));
    }
    gr.mentions.push(m);
  }
  const groups = [...byKey.values()];
  for (const gr of groups) {
    let big = 0;
    for (const e of gr.cands) if (g.kind[e] === 'city' && !gr.alt.has(e) && g.pop[e]! > big) big = g.pop[e]!;
    gr.bigCity = big >= 500000 ? big : 0;
  }
  // Names that fit together: a town and a county of the article that holds it ("Paris and Henry County",
  // "Palestine … an Anderson County grand jury"), whichever of their many namesakes they are.
  const counties = new Map<string, { gr: Group; e: number }[]>();
  for (const gr of groups) {
    for (const e of gr.cands) {
      if (g.kind[e] !== 'adm2') continue;
      const k = `${g.cc[e]}.${g.admin1[e]}.${g.admin2[e]}`;
      const list = counties.get(k);
      if (list) list.push({ gr, e });
      else counties.set(k, [{ gr, e }]);
    }
  }
  // "DeKalb" in an article about "DeKalb County": the county is a candidate of the short name too.
  for (const gr of groups) {
    for (const suffix of ['county', 'parish', 'borough']) {
      const long = byKey.get(`${gr.key} ${suffix}`);
      if (!long) continue;
      for (const e of long.cands) {
        if (g.kind[e] !== 'adm2' || long.alt.has(e)) continue;
        if (!gr.cands.includes(e)) gr.cands.push(e);
        gr.linked.add(e);
      }
    }
  }
  nearNamesakes(g, groups);
  if (counties.size) {
    for (const gr of groups) {
      for (const e of gr.cands) {
        if (g.kind[e] !== 'city' || !g.admin2[e]) continue;
        const holders = counties.get(`${g.cc[e]}.${g.admin1[e]}.${g.admin2[e]}`);
        if (!holders) continue;
        for (const h of holders) {
          if (h.gr === gr || sameName(gr, h.gr)) continue;
          gr.linked.add(e);
          h.gr.linked.add(h.e);
        }
      }
    }
  }
  const ctx1 = seedContext(g, groups, demonymCountries);
  for (const gr of groups) resolveGroup(g, gr, ctx1, null);
  // Then each name again with the other names' current places as context (updated one name at a
  // time, so that two names that depend on each other do not flip together), until nothing changes.
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    let ctx = resolvedContext(g, groups, demonymCountries);
    for (const gr of groups) {
      const before = gr.entry;
      resolveGroup(g, gr, ctx, gr);
      if (gr.entry !== before) {
        changed = true;
        ctx = resolvedContext(g, groups, demonymCountries);
      }
    }
    if (!changed) break;
  }
  // A place found by part of a given name ("Islington Bay" → Islington) only where the rest of the article
  // is in the same country: otherwise nothing (and the caller's back-off decides).
  const ctxEnd = resolvedContext(g, groups, demonymCountries);
  let ctxPlaces: Context | null = null;
  for (const gr of groups) {
    if (gr.entry < 0 || !gr.mentions.every((m) => m.partial)) continue;
    const k = g.kind[gr.entry];
    // (A country found by a demonym inside a name: the article's other places must be about it; demonyms,
    // which include the name's own, do not count.)
    const inName = gr.mentions.every((m) => m.inName);
    if (inName ? k === 'country' && shareOf(g, ctxPlaces ??= resolvedContext(g, groups, new Map()), g.cc[gr.entry]!, gr) === 0
      : k !== 'country' && k !== 'area' && shareOf(g, ctxEnd, g.cc[gr.entry]!, gr) === 0) gr.entry = -1;
  }
  const out: Resolved[] = [];
  for (const m of mentions) {
    const gr = m.kind === 'name' ? byKey.get(m.key) : undefined;
    out.push({ mention: m, entry: gr ? gr.entry : -1, margin: gr ? gr.margin : 0 });
  }
  return out;
}
