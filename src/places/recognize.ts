/**
 * Toponym recognition: finds the spans in the document that name places, with the cues around them
 * that the resolver uses (a containing place after a comma, a possessive country before, a feature
 * word, a locative preposition, a direction word).
 */
import type { Doc, MentionRef, Token } from '../document/document.js';
import { hasPrefixCached, lookup, lookupCached, nameOf, normName, type Gazetteer } from './gazetteer.js';

// Regular expressions with Unicode property escapes are module constants: the TypeScript loader lowers
// such a literal to `new RegExp(…)`, which would otherwise be compiled again on every call.
const CAP_START_RE = /^\p{Lu}/u;
const ACRONYM_RE = /^[\p{Lu}.\s&]+$/u;
const DET_RE = /^(?:the|a|an)$/i;
const LOWER_START_RE = /^\p{Ll}/u;
const LETTER_END_RE = /\p{L}$/u;
const CAP_WORD_RE = /(?:^|\s)(?!The\b)\p{Lu}/u;
const ABBREV_KEY_RE = /\b(?:st|mt|ft)\b/;

/** Whether a text starts with an upper-case letter (ASCII checked without a regular expression). */
export function capText(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return CAP_START_RE.test(s);
}

export interface PlaceWords {
  locative: string[];
  strongLocative: string[];
  placeNouns: string[];
  adminTypes: string[];
  cityTypes: string[];
  directions: string[];
  connectors: string[];
  actorVerbs: string[];
  stop: string[];
  personNames: string[];
  /** Capitalised words that make a place name part of another name: "Washington Post", "Dublin Road". */
  nameHeads: string[];
  /** Words that make a feature named after a place: "Lake Manassas", "Sokoto State", "Arizona State University". */
  featureWords?: string[];
  /** Determiners, which start no name: "A Richmond man". */
  determiners?: string[];
}

/** Sets built once from the word lists. */
export interface WordSets {
  locative: Set<string>;
  strongLocative: Set<string>;
  placeNouns: Set<string>;
  adminTypes: Set<string>;
  cityTypes: Set<string>;
  directions: Set<string>;
  connectors: Set<string>;
  actorVerbs: Set<string>;
  stop: Set<string>;
  personNames: Set<string>;
  nameHeads: Set<string>;
  featureWords: Set<string>;
  determiners: Set<string>;
}

export function wordSets(w: PlaceWords): WordSets {
  const s = (a: string[] | undefined) => new Set((a ?? []).map((x) => x.toLowerCase()));
  return {
    locative: s(w.locative), strongLocative: s(w.strongLocative), placeNouns: s(w.placeNouns),
    adminTypes: s(w.adminTypes), cityTypes: s(w.cityTypes), directions: s(w.directions),
    connectors: s(w.connectors), actorVerbs: s(w.actorVerbs), stop: s(w.stop), personNames: s(w.personNames), nameHeads: s(w.nameHeads),
    featureWords: s(w.featureWords),
    determiners: s(w.determiners),
  };
}

export type MentionKind = 'name' | 'capital' | 'demonymCapital';

/** A toponym found in the text, before resolution. */
export interface RawMention {
  start: number;
  end: number;
  /** Token range [tokStart, tokEnd) of the name itself (without a leading direction word). */
  tokStart: number;
  tokEnd: number;
  key: string;
  kind: MentionKind;
  /** Candidate entries (negative -(i+1) = matched by an alternate name). */
  cands: number[];
  /** The entry a following ", X" or a preceding "X's" names, when X is a country or region. */
  container: number | null;
  /** A following or preceding feature word: "province" → admin, "city" → city. */
  typeCue: 'admin' | 'city' | null;
  /** 2 = strong locative ("in", "at", "near"), 1 = weak ("from", "to", "of" after a place noun), 0 = none. */
  literal: 0 | 1 | 2;
  /** The name acts: it is followed by a verb of saying or doing, or is an actor mention of type ORG/GROUP. */
  acting: boolean;
  /** A direction word in front ("northwest Syria"). */
  direction: string | null;
  /** For "the Libyan capital": the country (alpha-2) named by the demonym. */
  country: string | null;
  /** Used as a modifier of a noun ("the Tripoli government"), not as a location. */
  modifier?: boolean;
  /** Actor entity whose mention covers the same span. */
  entity: string | null;
  /** Given by the caller (gold span): never filtered out. */
  forced: boolean;
  /** Found by a part of a given name ("Lake Manassas" → Manassas): kept only where the article supports it. */
  partial?: boolean;
  /** Found by a region or demonym inside a given name ("European Commission" → Europe); a country found so
   * is kept only where the article is about it. */
  inName?: boolean;
}

const isCap = (t: Token) => t.kind === 'word' && capText(t.text);

/** Actor mentions by start offset, for a quick overlap check. */
function mentionsBy(doc: Doc): MentionRef[] {
  return doc.mentions.slice().sort((a, b) => a.start - b.start || b.end - a.end);
}

const MAX_MENTION = 200; // characters: actor mentions longer than this are not looked back for

function overlapping(ms: MentionRef[], start: number, end: number): MentionRef[] {
  const out: MentionRef[] = [];
  // Binary search for the first mention that starts at or after start - MAX_MENTION.
  let lo = 0;
  let hi = ms.length;
  const from = start - MAX_MENTION;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.start >= end) break;
    if (m.end > start) out.push(m);
  }
  return out;
}

/** The longest gazetteer name that starts at token i, as [tokEnd, key, cands]. */
export function matchAt(doc: Doc, g: Gazetteer, w: WordSets, i: number): [number, string, number[]] | null {
  const toks = doc.tokens;
  const first = toks[i]!;
  if (!isCap(first)) return null;
  let best: [number, string, readonly number[]] | null = null;
  let end = i;
  let pending: string | null = null; // the last key looked up without a match
  for (let j = i; j < toks.length && j < i + 6; j++) {
    const t = toks[j]!;
    if (t.sentence !== first.sentence) break;
    if (j > i) {
      const gap = doc.text.slice(toks[j - 1]!.end, t.start);
      if (gap !== '' && gap !== ' ') break;
      if (t.kind === 'punct' && t.text !== '.' && t.text !== '-' && t.text !== "'") break;
      if (t.kind === 'word' && !isCap(t) && !w.connectors.has(t.lower)) break;
      if (t.kind === 'number') break;
      if (t.text === '’s' || t.text === "'s") break;
      // No longer name starts with the words so far: stop extending ("Tripoli Government Said …").
      // ("St.", "Mt.", "Ft." are spelled out in keys only when a word follows: not checked.)
      if (pending !== null && !ABBREV_KEY_RE.test(pending) && !hasPrefixCached(g, pending)) break;
      pending = null;
    }
    end = j + 1;
    if (t.kind !== 'word' && t.text !== '.') continue;
    if (t.kind === 'word' && !isCap(t)) continue;
    const surface = doc.text.slice(first.start, t.end);
    const key = normName(surface);
    let cands: readonly number[] = lookupCached(g, key);
    // An acronym ("UN", "US") names only what is written that way in the hand-written files.
    if (cands.length && ACRONYM_RE.test(surface) && (surface.length <= 4 || surface.includes('.'))) cands = g.extra.get(key) ?? [];
    if (cands.length) best = [end, key, cands];
    else pending = key;
  }
  return best ? [best[0], best[1], best[2].slice()] : null;
}

/** The region or country a token range names ("Libya", "La.", "Calif."), for containment cues. */
function containerAt(doc: Doc, g: Gazetteer, w: WordSets, i: number): [number, number] | null {
  const toks = doc.tokens;
  const t = toks[i];
  if (!t || !isCap(t)) return null;
  // US state abbreviations: "La." "Calif." "N.Y." "W. Va."
  for (let n = 4; n >= 1; n--) {
    const last = toks[i + n - 1];
    if (!last || last.sentence !== t.sentence) continue;
    const s = doc.text.slice(t.start, last.end);
    const st = g.abbrev.get(s);
    if (st !== undefined) return [i + n, st];
  }
  const m = matchAt(doc, g, w, i);
  if (!m) return null;
  // "Arlington, Nadia Moayyad said": a capitalised word after it makes it a name, not a container.
  const after = toks[m[0]];
  if (after && isCap(after) && after.sentence === t.sentence) return null;
  let best = -1;
  for (const v of m[2]) {
    if (v < 0) continue;
    const k = g.kind[v];
    if (k === 'country') return [m[0], v];
    if (k === 'adm1' && (best < 0 || g.pop[v]! > g.pop[best]!)) best = v;
    // A second-level region only when the name says so: "Rapides Parish", "Cook County".
    if (k === 'adm2' && best < 0 && /\b(?:county|parish|district|borough)$/i.test(nameOf(g, v))) best = v;
  }
  return best >= 0 ? [m[0], best] : null;
}

/**
 * Finds toponyms in the document. `forced` spans (gold spans in the benchmark) are always returned,
 * resolved to what the gazetteer has for them; other spans overlapping them are dropped.
 */
export function recognize(doc: Doc, g: Gazetteer, w: WordSets, forced: { start: number; end: number }[] = []): RawMention[] {
  const toks = doc.tokens;
  const ms = mentionsBy(doc);
  const out: RawMention[] = [];
  const nameParts = new Set<string>();
  const forcedSorted = forced.slice().sort((a, b) => a.start - b.start);
  let fi = 0;

  const cuesFor = (m: RawMention) => {
    const prev = toks[m.tokStart - 1];
    const prev2 = toks[m.tokStart - 2];
    const next = toks[m.tokEnd];
    // Locative preposition, possibly with a feature noun in between: "in the city of X", "in northwest X".
    let k = m.tokStart - 1;
    if (prev && w.directions.has(prev.lower)) { m.direction = prev.text; k--; }
    const p = toks[k];
    if (p && w.strongLocative.has(p.lower)) m.literal = 2;
    else if (p && w.locative.has(p.lower) && p.lower !== 'of') m.literal = 1;
    else if (p && p.lower === 'of') {
      const noun = toks[k - 1];
      if (noun && w.placeNouns.has(noun.lower)) m.literal = 2;
      else if (noun && (w.cityTypes.has(noun.lower) || w.adminTypes.has(noun.lower))) m.literal = 2;
      else m.literal = 1;
      if (noun && w.cityTypes.has(noun.lower)) m.typeCue = 'city';
      if (noun && w.adminTypes.has(noun.lower)) m.typeCue = 'admin';
    } else if (p && (p.lower === 'the' || w.directions.has(p.lower))) {
      const pp = toks[k - 1];
      if (pp && w.strongLocative.has(pp.lower)) m.literal = 2;
    }
    // Feature word after: "Idlib province", "Rapides Parish" (when not part of the name), "Tripoli city".
    if (next && next.kind === 'word') {
      if (w.adminTypes.has(next.lower)) m.typeCue = 'admin';
      else if (w.cityTypes.has(next.lower)) m.typeCue = 'city';
      if (w.actorVerbs.has(next.lower) && m.literal < 2) m.acting = true;
      // "the Tripoli government": a modifier, not where.
      const det = toks[m.tokStart - 1];
      if (m.typeCue === null && det && DET_RE.test(det.text) && LOWER_START_RE.test(next.text) && !w.locative.has(next.lower) && !w.connectors.has(next.lower) && !w.actorVerbs.has(next.lower)) m.modifier = true;
    }
    // "Turkey's support": the country as an actor.
    if (next && (next.text === '’s' || next.text === "'s") && m.literal < 2) m.acting = true;
    // Containment: "Idlib, Syria", "Alexandria, La."
    if (next && (next.text === ',' || next.text === '(')) {
      const c = containerAt(doc, g, w, m.tokEnd + 1);
      if (c) m.container = c[1];
    }
    // Possessive country or region before: "Syria's Idlib province".
    if (prev && (prev.text === '’s' || prev.text === "'s" || prev.text === '’' || prev.text === "'") && prev2) {
      let s = m.tokStart - 2;
      while (s > 0 && toks[s - 1] && isCap(toks[s - 1]!) && toks[s - 1]!.sentence === toks[s]!.sentence) s--;
      for (let a = s; a <= m.tokStart - 2; a++) {
        const c = containerAt(doc, g, w, a);
        if (c && c[0] === m.tokStart - 1) { m.container = c[1]; break; }
      }
    }
    // An actor mention on the same span: link it; ORG/GROUP/PERSON types act.
    for (const am of overlapping(ms, m.start, m.end)) {
      if (am.start === toks[m.tokStart]!.start && am.end === toks[m.tokEnd - 1]!.end) {
        m.entity = am.entity;
        if (am.type === 'ORG' || am.type === 'GROUP') m.acting = m.literal < 2;
      }
    }
  };

  const make = (tokStart: number, tokEnd: number, key: string, cands: number[], kind: MentionKind, isForced: boolean): RawMention => {
    const m: RawMention = {
      start: toks[tokStart]!.start, end: toks[tokEnd - 1]!.end, tokStart, tokEnd, key, kind, cands,
      container: null, typeCue: null, literal: 0, acting: false, direction: null, country: null, entity: null, forced: isForced,
    };
    cuesFor(m);
    return m;
  };

  // Gold spans first.
  for (const f of forcedSorted) {
    let a = toks.findIndex((t) => t.end > f.start);
    if (a < 0) continue;
    let b = a;
    while (b < toks.length && toks[b]!.start < f.end) b++;
    if (b <= a) continue;
    const text = doc.text.slice(f.start, f.end);
    const key = normName(text.replace(/^the\s+/i, ''));
    // A demonym ("Canadian", "Spanish") names its country or region, not a town of that name.
    const demEntry = g.demonymEntry.get(key);
    let cands = demEntry !== undefined ? [demEntry] : lookup(g, key);
    let country: string | null = null;
    {
      // A state or province abbreviation ("Va.", "NY", "SC"): the region, ahead of any town spelled so ("Wa").
      const st = g.abbrev.get(text);
      if (st !== undefined && (!cands.length || /^[A-Z.]+$/.test(text))) {
        const all = [st, ...(g.abbrevMore.get(text) ?? [])];
        cands = [...all, ...cands.filter((v) => !all.includes(v) && !all.includes(-v - 1))];
      }
    }
    if (!cands.length && LETTER_END_RE.test(text) && (text.length <= 6 || text.includes('.'))) {
      // An abbreviation given without its last full stop ("U.S", "Calif", "N.Y").
      const st = g.abbrev.get(`${text}.`);
      cands = st !== undefined ? [st] : lookup(g, normName(`${text}.`));
    }
    if (!cands.length) {
      const dem = g.demonymEntry.get(key) ?? g.demonymEntry.get(key.replace(/s$/, ''));
      if (dem !== undefined) cands = [dem];
    }
    let container: number | null = null;
    let groupKey = key;
    let cue: RawMention['typeCue'] = null;
    let inName = false;
    if (!cands.length && !/capital/.test(key) && b - a > 1) {
      // A feature named after a place the gazetteer knows ("Lake Manassas", "Sokoto State", "South Florida",
      // "Arizona State University"): the place, the longest such core first.
      const words = toks.slice(a, b);
      const skip = (t: Token) => t.kind !== 'word' || w.featureWords.has(t.lower) || w.directions.has(t.lower) || w.adminTypes.has(t.lower);
      found: for (let len = words.length - 1; len >= 1; len--) {
        for (let s0 = 0; s0 + len <= words.length; s0++) {
          const core = words.slice(s0, s0 + len);
          const rest = [...words.slice(0, s0), ...words.slice(s0 + len)];
          if (!rest.every(skip) || !isCap(core[0]!) || skip(core[0]!) && core.length === 1) continue;
          const k = normName(doc.text.slice(core[0]!.start, core[core.length - 1]!.end));
          // Only a region or a town large enough to lend its name (not a hamlet that happens to match).
          const c = g.demonymEntry.has(k) ? [] : lookup(g, k).filter((v) => { const e = v < 0 ? -v - 1 : v; return g.kind[e] !== 'city' || g.pop[e]! >= 20000; });
          if (!c.length) continue;
          cands = c;
          groupKey = k;
          if (rest.some((t) => w.adminTypes.has(t.lower))) cue = 'admin';
          else if (rest.some((t) => t.lower === 'city' || t.lower === 'town')) cue = 'city';
          break found;
        }
      }
    }
    if (!cands.length && /capital/.test(key)) {
      // "the Libyan capital", "the capital": left to the resolver.
      const dem = key.split(' ').map((x) => g.demonyms.get(x)).find(Boolean);
      if (dem) country = dem;
    } else if (!cands.length && b - a > 1) {
      // "Washington, D.C.": the name, inside the place after the comma.
      const comma = toks.slice(a, b).findIndex((t) => t.text === ',');
      if (comma > 0) {
        const head = normName(doc.text.slice(toks[a]!.start, toks[a + comma - 1]!.end));
        cands = lookup(g, head);
        const c = containerAt(doc, g, w, a + comma + 1);
        if (c) container = c[1];
        groupKey = head;
      }
    }
    if (!cands.length && !/capital/.test(key) && b - a > 1) {
      // A name that holds a continent or region ("Council of Europe") or the demonym of one or of a country
      // ("European Commission", "African National Congress"): that place, as the name's location. A
      // country found so is kept only where the rest of the article is about it (not "French Quarter").
      const words = toks.slice(a, b);
      found: for (let len = Math.min(3, words.length - 1); len >= 1; len--) {
        for (let s0 = 0; s0 + len <= words.length; s0++) {
          const core = words.slice(s0, s0 + len);
          if (!isCap(core[0]!) || !isCap(core[core.length - 1]!) || core.some((t) => t.kind !== 'word')) continue;
          const k = normName(doc.text.slice(core[0]!.start, core[core.length - 1]!.end));
          const dem = g.demonymEntry.get(k);
          const c = dem !== undefined ? [dem] : lookup(g, k).filter((v) => v >= 0 && g.kind[v] === 'area');
          if (!c.length) continue;
          cands = c;
          groupKey = dem !== undefined ? normName(nameOf(g, dem)) : k;
          inName = true;
          break found;
        }
      }
    }
    const m = make(a, b, groupKey, cands, cands.length ? 'name' : /capital/.test(key) ? (country ? 'demonymCapital' : 'capital') : 'name', true);
    if (container !== null) m.container = container;
    if (cue !== null) m.typeCue = cue;
    if (groupKey !== key && cands.length) m.partial = true;
    if (inName) m.inName = true;
    m.start = f.start;
    m.end = f.end;
    m.country = country;
    out.push(m);
  }

  for (let i = 0; i < toks.length; i++) {
    while (fi < forcedSorted.length && forcedSorted[fi]!.end <= toks[i]!.start) fi++;
    const t = toks[i]!;
    if (fi < forcedSorted.length && forcedSorted[fi]!.start < t.end && forcedSorted[fi]!.end > t.start) continue;

    // "the capital" / "the Libyan capital"
    if (t.lower === 'capital' && toks[i - 1]) {
      const p = toks[i - 1]!;
      const next = toks[i + 1];
      const followedByName = next && (next.text === ',' || next.lower === 'of' || isCap(next) || next.kind === 'word' && /^(?:city|region|markets?|punishment|gains?|expenditure|flight|investment)$/.test(next.lower));
      if (!followedByName) {
        if (p.lower === 'the') {
          const m = make(i - 1, i + 1, 'the capital', [], 'capital', false);
          out.push(m);
          continue;
        }
        const dem = g.demonyms.get(p.lower);
        if (dem && toks[i - 2]?.lower === 'the') {
          const m = make(i - 2, i + 1, `the ${p.lower} capital`, [], 'demonymCapital', false);
          m.country = dem;
          out.push(m);
          continue;
        }
      }
    }

    if (!isCap(t)) continue;
    // State and province abbreviations after a comma: "Alexandria, La.", "Sydney, NSW".
    if (toks[i - 1]?.text === ',') {
      let ab: RawMention | null = null;
      for (let n = 4; n >= 1 && !ab; n--) {
        const last = toks[i + n - 1];
        if (!last || last.sentence !== t.sentence && !(last.text === '.' && n > 1)) continue;
        const st = g.abbrev.get(doc.text.slice(t.start, last.end));
        if (st !== undefined) ab = make(i, i + n, normName(nameOf(g, st)), [st], 'name', false);
      }
      if (ab) {
        out.push(ab);
        i = ab.tokEnd - 1;
        continue;
      }
    }
    const hit = matchAt(doc, g, w, i);
    if (!hit) {
      // Remember the words of longer capitalised names (people, organisations): "Chiquita Raquel Henry".
      // Not after a capitalised determiner that opens a sentence: "A Richmond man", "Another Gainesville business".
      if (toks[i + 1] && isCap(toks[i + 1]!) && toks[i + 1]!.sentence === t.sentence && !w.determiners.has(t.lower)) nameParts.add(toks[i + 1]!.lower);
      continue;
    }
    const [end, key, cands] = hit;
    if (fi < forcedSorted.length && forcedSorted[fi]!.start < toks[end - 1]!.end) continue;
    const m = make(i, end, key, cands, 'name', false);
    if (accept(doc, g, w, m, nameParts, ms)) {
      if (m.direction) m.start = toks[i - 1]!.start;
      out.push(m);
      i = end - 1;
    } else if (end - i === 1 && toks[i + 1] && isCap(toks[i + 1]!)) {
      nameParts.add(toks[i + 1]!.lower);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Decides whether a matched name is a toponym here. */
function accept(doc: Doc, g: Gazetteer, w: WordSets, m: RawMention, nameParts: Set<string>, ms: MentionRef[]): boolean {
  const toks = doc.tokens;
  const first = toks[m.tokStart]!;
  const single = m.tokEnd - m.tokStart === 1;
  const prev = toks[m.tokStart - 1];
  const next = toks[m.tokEnd];
  let strong = false; // a country, a first-level region or a large city by its main name
  let political = false; // a country or a first-level region: a toponym even as a modifier ("U.S. military", "Texas Comptroller")
  let maxPop = 0;
  let anyPrimary = false;
  for (const v of m.cands) {
    if (v < 0) continue;
    anyPrimary = true;
    const k = g.kind[v];
    if (k === 'country' || k === 'adm1' || k === 'area') strong = political = true;
    if (g.pop[v]! > maxPop && k === 'city') maxPop = g.pop[v]!;
  }
  if (maxPop >= 250000) strong = true;
  const cued = m.literal > 0 || m.container !== null || m.typeCue !== null;
  // "Laurel County", "Rapides Parish": a county named as such is a place, whatever a tagger says of "Laurel".
  const county = !single && m.cands.some((v) => v >= 0 && g.kind[v] === 'adm2') && /^(?:county|parish|borough)$/.test(toks[m.tokEnd - 1]!.lower);

  // Actor mentions that are people or organisations and cover more than the name: "Libya Observer", "Paris Hilton".
  for (const am of overlapping(ms, m.start, m.end)) {
    const longer = am.start < m.start || am.end > m.end;
    if (am.type === 'PERSON' && (longer || !cued) && !(county && !longer)) return false;
    if ((am.type === 'ORG' || am.type === 'GROUP' || am.type === 'FACILITY') && longer) {
      // "the Washington Post" is not a place; "the Tripoli government" names one.
      const rest = doc.text.slice(am.start, m.start) + ' ' + doc.text.slice(m.end, am.end);
      if (CAP_WORD_RE.test(rest)) return false;
    }
  }
  if (w.stop.has(m.key) || (single && w.stop.has(first.lower))) return false;
  if (single && w.directions.has(first.lower)) return false;
  // "St. Patrick's", "Saint Mary": a saint, not a place.
  if (prev && (prev.lower === 'saint' || prev.text === '.' && /^(?:st|ste)$/i.test(toks[m.tokStart - 2]?.text ?? ''))) return false;
  // Part of a longer capitalised name: "Fire District", "Washington Post", "Chiquita Raquel Henry".
  const sentFirst = !prev || prev.sentence !== first.sentence;
  if (prev && !sentFirst && isCap(prev) && doc.text.slice(prev.end, first.start) === ' ' && !w.directions.has(prev.lower)) {
    const prevStart = !toks[m.tokStart - 2] || toks[m.tokStart - 2]!.sentence !== first.sentence;
    if (!(prevStart && w.stop.has(prev.lower))) return false;
  }
  if (next && isCap(next) && next.sentence === first.sentence && doc.text.slice(first.end, next.start) === ' ' || next && next.text === '-' && toks[m.tokEnd + 1] && isCap(toks[m.tokEnd + 1]!)) {
    const nextTok = next.text === '-' ? toks[m.tokEnd + 1]! : next;
    if (w.nameHeads.has(nextTok.lower)) return false;
    if (!w.adminTypes.has(nextTok.lower) && !w.cityTypes.has(nextTok.lower) && !political) return false;
  }
  if (single && nameParts.has(first.lower) && m.literal < 2 && !strong) return false;
  if (single && w.personNames.has(first.lower) && !cued && !political) return false;
  if (!anyPrimary && !cued && maxPop < 1e6) return false;
  if (strong) return true;
  if (cued) return true;
  // Weak: a smaller place named without a cue. Accept multi-word names and mid-sentence names of real towns.
  if (!single && maxPop >= 1000) return true;
  if (county) return true; // "Laurel County students": a place without a cue
  if (m.entity) return true;
  return !sentFirst && maxPop >= 20000;
}
