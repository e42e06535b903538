import type { Doc } from '../document/document.js';
import type { Place, PlaceMention } from '../types.js';
import { placeOf, type Gazetteer } from './gazetteer.js';
import { capText, recognize, wordSets, type PlaceWords, type RawMention, type WordSets } from './recognize.js';
import { resolveMentions } from './resolve.js';

/** A name written as a word in Latin letters ("Geneva"), not an acronym. A module constant: see recognize.ts. */
const ENGLISH_NAME_RE = /^\p{Lu}[\p{Ll}\p{M}'’. -]+$/u;

/** What the places stage needs, loaded once (see load.ts) and passed in. */
export interface PlacesResources {
  loaded: boolean;
  gazetteer: Gazetteer;
  words: PlaceWords;
  /** Problems found in the data files (reported, not fatal). */
  problems: string[];
  /** How long loading took, in ms (for the benchmark). */
  loadMs: number;
  /** Word sets, built on first use. */
  sets?: WordSets;
}

/** One toponym of the document with what the stage knows about how it is used. */
export interface PlaceUse {
  mention: PlaceMention;
  /** 2 = "in/at/near X", 1 = "from/to/of X", 0 = bare. */
  literal: 0 | 1 | 2;
  /** The name acts as a government or an organisation ("Ankara agreed", "Turkey's support"), or
   * modifies a noun ("the Tripoli government"): not where something happens. */
  acting: boolean;
  /** Index of the sentence that holds it. */
  sentence: number;
}

const uses = new WeakMap<Doc, PlaceUse[]>();

function setsOf(res: PlacesResources): WordSets {
  if (!res.sets) res.sets = wordSets(res.words);
  return res.sets;
}

/** Demonyms of each country (alpha-2) in the document: "Libyan", "Turkish", "South Korean". */
const firstWords = new WeakMap<Gazetteer, Set<string>>();

export function demonymCounts(doc: Doc, g: Gazetteer): Map<string, number> {
  const out = new Map<string, number>();
  // First words of two-word demonyms ("south" of "South Korean"), so that other words build no pair key.
  let firsts = firstWords.get(g);
  if (!firsts) {
    firsts = new Set([...g.demonyms.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
    firstWords.set(g, firsts);
  }
  const toks = doc.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word' || !capText(t.text)) continue;
    const next = toks[i + 1];
    const two = next && firsts.has(t.lower) ? g.demonyms.get(`${t.lower} ${next.lower}`) : undefined;
    const cc = two ?? g.demonyms.get(t.lower);
    if (!cc) continue;
    out.set(cc, (out.get(cc) ?? 0) + 1);
    if (two) i++;
  }
  return out;
}

export interface Geoparse {
  mentions: RawMention[];
  /** Entry per mention, -1 when unresolved. */
  entries: number[];
  focus: string[];
}

/**
 * Recognises and resolves the toponyms of a document. `forced` spans (e.g. gold spans) are always
 * treated as toponyms. Pure: reads the document, changes nothing.
 */
export function geoparse(doc: Doc, res: PlacesResources, forced: { start: number; end: number }[] = [], opts: { backoff?: boolean } = {}): Geoparse {
  const g = res.gazetteer;
  const w = setsOf(res);
  const mentions = recognize(doc, g, w, forced);
  const dem = demonymCounts(doc, g);
  const resolved = resolveMentions(g, mentions, dem);
  const entries = resolved.map((r) => r.entry);

  // Focus countries: literal places count most, names that act (governments) and demonyms least.
  const weight = new Map<string, number>();
  const bump = (cc: string, v: number) => weight.set(cc, (weight.get(cc) ?? 0) + v);
  for (const [cc, n] of dem) bump(cc, 0.2 * n);
  const count = (m: RawMention, e: number) => {
    const kind = g.kind[e];
    if (kind === 'area' && !g.cc[e]) return;
    let v = kind === 'country' ? 0.8 : m.literal > 0 ? 1.5 : 1;
    if (m.acting) v *= 0.5;
    bump(g.cc[e]!, v);
  };
  resolved.forEach((r) => { if (r.entry >= 0) count(r.mention, r.entry); });
  const rank = () => {
    const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = ranked[0]?.[1] ?? 0;
    return top >= 0.4 ? ranked.filter(([, v]) => v >= 0.7 * top).slice(0, 3).map(([cc]) => cc) : [];
  };
  let focusCc = rank();

  // "the capital" → the capital of the first focus country; "the Libyan capital" → Libya's. They count
  // towards the focus in turn.
  let capitals = 0;
  mentions.forEach((m, i) => {
    if (m.kind === 'name') return;
    const cc = m.kind === 'demonymCapital' ? m.country : focusCc[0];
    const c = cc ? g.countries.get(cc) : undefined;
    entries[i] = c && c.capital >= 0 ? c.capital : -1;
    if (entries[i]! >= 0) { count(m, entries[i]!); capitals++; }
  });
  if (capitals) focusCc = rank();
  const focus = focusCc.map((cc) => g.a3.get(cc)).filter((x): x is string => !!x);

  // Back-off for given spans the gazetteer does not know (a street, a church, a river): the nearest
  // resolved town or county mentioned before it, else after it (those of the focus countries first),
  // else the first focus country.
  if (opts.backoff) {
    mentions.forEach((m, i) => {
      if (!m.forced || entries[i]! >= 0) return;
      let best = -1;
      let bestD = Infinity;
      mentions.forEach((o, j) => {
        const e = entries[j]!;
        if (e < 0 || j === i || !m.forced && !o.forced) return;
        const k = g.kind[e];
        if (k !== 'city' && k !== 'adm2') return;
        let d = o.start < m.start ? m.start - o.start : 2 * (o.start - m.start);
        // A town of the article's focus countries before any other (a street read as a town abroad,
        // "Chartres" in a New Orleans story, is no place to fall back on).
        if (focusCc.length && !focusCc.includes(g.cc[e]!)) d += 1e6;
        if (d < bestD) { bestD = d; best = e; }
      });
      if (best < 0 && focusCc[0]) best = g.countries.get(focusCc[0])?.entry ?? -1;
      entries[i] = best;
    });
  }
  return { mentions, entries, focus };
}

/** The places stage: fills `doc.places` and `doc.focus`. Pure: no I/O. */
export function runPlaces(doc: Doc, res: PlacesResources): void {
  const g = res.gazetteer;
  const { mentions, entries, focus } = geoparse(doc, res);
  const list: PlaceUse[] = [];
  let lastEnd = -1;
  mentions.forEach((m, i) => {
    const e = entries[i]!;
    if (e < 0 || m.start < lastEnd) return;
    lastEnd = m.end;
    const text = doc.text.slice(m.start, m.end);
    let place: Place;
    if (m.direction && m.kind === 'name') {
      // "northwest Syria": the part of the place, at the place's coordinates, as a region.
      place = { ...placeOf(g, e), name: text, precision: 'region' };
    } else if (m.kind === 'name' && m.cands.includes(-(e + 1)) && !m.cands.includes(e) && ENGLISH_NAME_RE.test(text)) {
      // Found by a GeoNames alternate name ("Geneva" for Genève): keep the article's English name.
      place = { ...placeOf(g, e), name: text };
    } else {
      place = placeOf(g, e);
    }
    list.push({
      mention: { start: m.start, end: m.end, text, place, entity: m.entity },
      literal: m.literal,
      acting: m.acting || m.modifier === true,
      sentence: doc.tokens[m.tokStart]?.sentence ?? -1,
    });
  });
  doc.places = list.map((u) => u.mention);
  doc.focus = focus;
  uses.set(doc, list);
}

/** The toponyms of a document with how each is used (after runPlaces). */
export function placeUses(doc: Doc): readonly PlaceUse[] {
  return uses.get(doc) ?? [];
}

const rank = (p: Place) => (p.precision === 'city' || p.precision === 'place' ? 3 : p.precision === 'region' ? 2 : 1);

/**
 * The place of a clause or event span [start, end), for the events stage: the most specific toponym
 * used as a location inside the span ("attacked a port in the capital" → Tripoli), else one used as a
 * location elsewhere in the same sentence; names that act ("Ankara agreed") are not places.
 * Null when the sentence names no place. Call after runPlaces.
 */
export function placeFor(doc: Doc, start: number, end: number): Place | null {
  const list = uses.get(doc);
  if (!list || !list.length) return null;
  const pick = (cands: PlaceUse[]): Place | null => {
    let best: PlaceUse | null = null;
    for (const u of cands) {
      if (u.acting) continue;
      if (!best) { best = u; continue; }
      const a = u.literal * 10 + rank(u.mention.place);
      const b = best.literal * 10 + rank(best.mention.place);
      if (a > b) best = u;
    }
    return best ? best.mention.place : null;
  };
  const inside = pick(list.filter((u) => u.mention.start >= start && u.mention.end <= end));
  if (inside) return inside;
  const s = doc.tokens.find((t) => t.start >= start)?.sentence ?? -1;
  if (s < 0) return null;
  return pick(list.filter((u) => u.sentence === s && u.literal > 0));
}
