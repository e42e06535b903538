/**
 * The actor knowledge base: entries, the three file formats it reads, and the alias index.
 *
 * Formats (see data/actors/README.md):
 *  - sitrep JSONL: one KbEntry object per line (`.jsonl`).
 *  - sitrep TSV: `id<TAB>type<TAB>country<TAB>name<TAB>aliases(|)<TAB>codes(code:from:to;…)` (`.tsv`).
 *  - CAMEO/PETRARCH actor dictionaries (`.txt`, `.actors`): `NAME_ [CODE]`, `+ALIAS_`, `[CODE yymmdd-yymmdd]`.
 */
import type { EntityType } from '../types.js';

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const MARKS = /\p{M}+/gu;
const HAS_LOWER = /\p{Ll}/u;

export interface KbRole {
  /** A title ("President") or a CAMEO code ("TURGOV"). */
  title: string;
  /** Id of the organisation or country the role is held in, when known. */
  of?: string | null;
  /** ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); null = open. */
  from?: string | null;
  to?: string | null;
}

export interface KbEntry {
  id: string;
  name: string;
  type: EntityType;
  country: string | null;
  aliases: string[];
  /** Demonyms (countries only): "Turkish", "Turks". */
  demonyms?: string[];
  /** Capital city names (countries only): acting as the country's government. */
  capitals?: string[];
  roles?: KbRole[];
  /** For organisations and groups: the kb id of the leader. */
  leader?: string | null;
  /** A news outlet: an entity, but never an antecedent for coreference. */
  outlet?: boolean;
  /** Where the entry came from (file name). */
  source?: string;
  /** A place (city, region) rather than an actor. */
  place?: boolean;
  /** Unparsed TSV role codes (`CODE:from:to;…`); see `kbRoles`. */
  codes?: string;
}

/** An entry's roles, with TSV codes parsed on demand (they are rarely needed, so loading stays fast). */
export function kbRoles(e: KbEntry): KbRole[] {
  if (!e.roles && e.codes) {
    e.roles = [];
    for (const c of e.codes.split(';')) {
      if (!c) continue;
      const [title, from, to] = c.split(':');
      e.roles.push({ title: title!, from: from || null, to: to || null });
    }
  }
  return e.roles ?? [];
}

const TYPES = new Set<EntityType>(['PERSON', 'ORG', 'GROUP', 'GPE', 'LOC', 'FACILITY', 'OTHER']);

/** Lower-case, strip diacritics, unify apostrophes/hyphens, collapse spaces. */
const SIMPLE = /^[A-Za-z0-9 ]*$/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
export function normName(s: string): string {
  // One word of ASCII letters and digits: its lower case.
  let lowerOnly = true;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    if (c >= 65 && c <= 90) lowerOnly = false;
    else break;
  }
  if (i === s.length && s.length) return lowerOnly ? s : s.toLowerCase();
  if (SIMPLE.test(s)) return s.indexOf('  ') >= 0 || s.startsWith(' ') || s.endsWith(' ') ? s.toLowerCase().replace(/\s+/g, ' ').trim() : s.toLowerCase();
  const ascii = ASCII_ONLY.test(s);
  if (ascii && s.length <= 200) return normAscii(s);
  return (ascii ? s : s.normalize('NFKD').replace(MARKS, ''))
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[-_‐–]/g, ' ')
    .replace(/[.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `normName` of an ASCII string in one pass (the same steps: lower case, ` to ', - and _ to spaces, no full stops, spaces collapsed and trimmed). */
function normAscii(s: string): string {
  // Most strings (punctuation, "'s") need no change but lower case.
  let change = false;
  let upper = false;
  for (let i = 0; i < s.length && !change; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c === 96 || c === 45 || c === 95 || c === 46 || c === 32 || (c >= 9 && c <= 13)) change = true;
  }
  if (!change) return upper ? s.toLowerCase() : s;
  const codes: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 96) c = 39;
    else if (c === 45 || c === 95 || (c >= 9 && c <= 13)) c = 32;
    else if (c === 46) continue;
    if (c === 32) {
      space = codes.length > 0;
      continue;
    }
    if (space) {
      codes.push(32);
      space = false;
    }
    codes.push(c);
  }
  return String.fromCharCode(...codes);
}

/** Title-cases an all-caps dictionary name ("RECEP TAYYIP ERDOGAN" → "Recep Tayyip Erdogan"). */
export function titleCase(s: string): string {
  if (HAS_LOWER.test(s)) return s;
  const small = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'du', 'la', 'al', 'el', 'bin', 'ibn', 'von', 'van', 'to', 'a']);
  return s
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

function fail(file: string, line: number, msg: string): never {
  throw new Error(`${file}:${line}: ${msg}`);
}

/** Parses sitrep JSONL knowledge-base text. */
export function parseKbJsonl(text: string, file: string): KbEntry[] {
  const out: KbEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#') || line.startsWith('//')) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      fail(file, i + 1, `not valid JSON (${(e as Error).message}); each line must be one KB entry object`);
    }
    if (typeof o.id !== 'string' || !o.id) fail(file, i + 1, 'field "id" (a non-empty string) is missing');
    if (typeof o.name !== 'string' || !o.name) fail(file, i + 1, 'field "name" (a non-empty string) is missing');
    const type = (o.type ?? 'OTHER') as EntityType;
    if (!TYPES.has(type)) fail(file, i + 1, `field "type" is "${String(o.type)}"; use one of ${[...TYPES].join(', ')}`);
    out.push({
      id: o.id,
      name: o.name,
      type,
      country: typeof o.country === 'string' ? o.country : null,
      aliases: Array.isArray(o.aliases) ? (o.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [],
      demonyms: Array.isArray(o.demonyms) ? (o.demonyms as string[]) : undefined,
      capitals: Array.isArray(o.capitals) ? (o.capitals as string[]) : undefined,
      roles: Array.isArray(o.roles) ? (o.roles as KbRole[]) : undefined,
      leader: typeof o.leader === 'string' ? o.leader : null,
      outlet: o.outlet === true,
      place: o.place === true,
      source: file,
    });
  }
  return out;
}

/** Parses sitrep TSV: id, type, country, name, aliases (|-separated), codes (code:from:to;…). */
export function parseKbTsv(text: string, file: string): KbEntry[] {
  const out: KbEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim() || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length < 4) fail(file, i + 1, `expected at least 4 tab-separated fields (id, type, country, name), found ${f.length}`);
    const type = (f[1] || 'OTHER') as EntityType;
    if (!TYPES.has(type)) fail(file, i + 1, `type "${f[1]}" is not one of ${[...TYPES].join(', ')}`);
    out.push({
      id: f[0]!,
      type,
      country: f[2] || null,
      name: f[3]!,
      aliases: f[4] ? f[4].split('|') : [],
      codes: f[5] || undefined,
      source: file,
    });
  }
  return out;
}

/** yymmdd or yyyymmdd → ISO date. Two-digit years ≥ 30 are 19xx. */
function cameoDate(s: string): string | null {
  const d = s.replace(/\D/g, '');
  if (d.length === 6) {
    const yy = Number(d.slice(0, 2));
    return `${yy >= 30 ? 1900 + yy : 2000 + yy}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
  }
  if (d.length === 8) return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  return null;
}

/** Words that make a dictionary name an organisation, a state or an office, not a person ("Communist Party of the Soviet Union"). */
const RE_NOT_PERSON =
  /\b(Party|Union|State|States|Republic|Kingdom|Council|Front|Army|Movement|Government|Ministry|Organi[sz]ation|Committee|Association|Federation|Brigades?|Forces|League|Alliance|Congress|Assembly|Bank|Company|Corporation|Group|Agency|Commission|Court|Police|Service|Office|Department|Institute|University|Secretary|Authority|Parliament|Senate|Coalition|Network|Society|Foundation|Fund|Church|Liberation|Democratic|Islamic|Krajina|Kurdistan|Levant|Sec|Tank)\b/;

/** The rough type of a CAMEO actor code ("ELI", elites, are people; a dated code marks a person unless the name is an organisation's). */
function cameoType(code: string, dated: boolean, person: boolean, name: string): EntityType {
  if (person) return 'PERSON';
  if (RE_NOT_PERSON.test(name)) {
    if (dated && /^[A-Z]{3}$/.test(code)) return 'GPE';
  } else if (dated || /^[A-Z]{3}ELI$/.test(code)) return 'PERSON';
  if (/(REB|INS|UAF|IMG|MIL.*REB|RAD)/.test(code.slice(3))) return 'GROUP';
  return 'ORG';
}

/**
 * Parses a CAMEO/PETRARCH/TABARI actor dictionary: a name line (`NAME_` with an optional
 * `[CODE]` on the same line), `+ALIAS` lines, and `[CODE from-to]` / `[CODE >from]` lines.
 */
export function parseCameoActors(text: string, file: string): KbEntry[] {
  const out: KbEntry[] = [];
  let cur: KbEntry | null = null;
  let dated = false;
  let person = false;
  const finish = () => {
    if (cur && cur.roles && cur.roles.length) {
      const first = cur.roles[0]!.title;
      cur.country = /^[A-Z]{3}/.test(first) && !/^(IGO|NGO|IMG|MNC|UIS|REF|ELI|UAF|SPY|BUS)/.test(first) ? first.slice(0, 3) : null;
      cur.type = cameoType(first, dated, person, cur.name);
      out.push(cur);
    }
    cur = null;
    dated = false;
    person = false;
  };
  const codesIn = (s: string) => {
    const re = /\[([^\]]*)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) && cur) {
      const parts = m[1]!.trim().split(/\s+/);
      const code = parts[0]!;
      if (!code || code === '---' || code === '~') continue;
      let from: string | null = null;
      let to: string | null = null;
      const r = parts[1];
      if (r) {
        dated = true;
        if (r.startsWith('>')) from = cameoDate(r.slice(1));
        else if (r.startsWith('<')) to = cameoDate(r.slice(1));
        else {
          const [a, b] = r.split('-');
          from = a ? cameoDate(a) : null;
          to = b ? cameoDate(b) : null;
        }
      }
      cur.roles!.push({ title: code, from, to });
    }
  };
  const clean = (s: string) => s.replace(/_+/g, ' ').replace(/\(.*?\)/g, ' ').replace(/\s+/g, ' ').trim();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const hash = raw.indexOf('#');
    const comment = hash >= 0 ? raw.slice(hash) : '';
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\s+$/, '');
    if (!line.trim()) continue;
    if (/^\s*\[/.test(line)) {
      if (cur) codesIn(line);
      continue;
    }
    if (line.startsWith('+')) {
      if (cur) {
        const a = clean(line.slice(1).split('[')[0]!);
        if (a) cur.aliases.push(titleCase(a));
        codesIn(line);
      }
      continue;
    }
    if (/^\s/.test(raw) && cur) continue;
    finish();
    const name = clean(line.split('[')[0]!);
    if (!name) continue;
    const tc = titleCase(name);
    cur = {
      id: 'cameo:' + normName(name).replace(/ /g, '-'),
      name: tc,
      type: 'ORG',
      country: null,
      aliases: [],
      roles: [],
      source: file,
    };
    person = /CountryInfo|IGOrulers/.test(comment);
    codesIn(line);
  }
  finish();
  return out;
}

/** Parses a KB file by its extension. */
export function parseKbFile(text: string, file: string): KbEntry[] {
  if (/\.jsonl$/i.test(file)) return parseKbJsonl(text, file);
  if (/\.tsv$/i.test(file)) return parseKbTsv(text, file);
  return parseCameoActors(text, file);
}

/** The alias index: normalised alias → entries (first = preferred), with prefixes for longest match. */
export class KbIndex {
  readonly entries = new Map<string, KbEntry>();
  readonly byAlias = new Map<string, KbEntry[]>();
  /**
   * Every proper prefix (in words) of an alias, to stop longest-match early. A bit filter: it
   * may say yes to a string that is no prefix (rarely), which costs a lookup that misses but never
   * changes a match, since no alias starts with a string that is not one of its prefixes.
   */
  readonly prefixes = new KeyFilter();
  /** Normalised demonym → country entry. */
  readonly demonyms = new Map<string, KbEntry>();
  /** Normalised capital → country entry. */
  readonly capitals = new Map<string, KbEntry>();
  /** Leader kb id → organisations and groups that person leads. */
  readonly ledBy = new Map<string, KbEntry[]>();
  /** Last word of multi-word person aliases → entries, for typo-tolerant lookup. */
  readonly byLastWord = new Map<string, KbEntry[]>();
  maxWords = 1;
  /** A bit filter over the alias keys and their prefixes (see `mayStart`). */
  private readonly gate = new KeyFilter();

  /**
   * False when `key` is surely neither an alias key nor a prefix of one (a quick test before
   * the lookups, which mostly miss); true when it may be.
   */
  mayStart(key: string): boolean {
    return this.gate.has(key);
  }

  add(e: KbEntry): void {
    const prev = this.entries.get(e.id);
    if (prev) {
      // A later file may add aliases to an existing id.
      for (const a of e.aliases) prev.aliases.push(a);
      e = prev;
    } else {
      this.entries.set(e.id, e);
    }
    this.addAlias(e.name, e);
    const aliases = e.aliases;
    for (let i = 0, n = aliases.length; i < n; i++) this.addAlias(aliases[i]!, e);
    if (e.demonyms) {
      for (const d of e.demonyms) {
        const k = normName(d);
        if (!this.demonyms.has(k)) this.demonyms.set(k, e);
      }
    }
    if (e.capitals) {
      for (const c of e.capitals) {
        const k = normName(c);
        if (!this.capitals.has(k)) this.capitals.set(k, e);
      }
    }
    if (e.leader) {
      const l = this.ledBy.get(e.leader) ?? [];
      l.push(e);
      this.ledBy.set(e.leader, l);
    }
  }

  addAlias(alias: string, e: KbEntry): void {
    const k = normName(alias);
    if (!k) return;
    this.gate.add(k);
    const list = this.byAlias.get(k);
    if (list) {
      if (!list.includes(e)) list.push(e);
    } else this.byAlias.set(k, [e]);
    // Every proper prefix in words ("government of", "government of national").
    let words = 1;
    let sp = k.indexOf(' ');
    let lastSp = -1;
    while (sp >= 0) {
      const h = hash32(k, sp);
      this.prefixes.addHash(h);
      this.gate.addHash(h);
      words++;
      lastSp = sp;
      sp = k.indexOf(' ', sp + 1);
    }
    if (words > this.maxWords) this.maxWords = Math.min(words, 10);
    if (e.type === 'PERSON' && words >= 2) {
      // Keyed by the first four letters of the surname, so that a typo at its end still finds it.
      const last = k.slice(lastSp + 1, lastSp + 5);
      const l = this.byLastWord.get(last);
      if (!l) this.byLastWord.set(last, [e]);
      else if (l[l.length - 1] !== e) l.push(e);
    }
  }

  lookup(alias: string): KbEntry[] | undefined {
    return this.byAlias.get(normName(alias));
  }
}

/** FNV-1a over the first `n` UTF-16 code units of `s` (all by default). */
function hash32(s: string, n = s.length): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // A signed 32-bit result stays a small integer (no number object is made).
  return h | 0;
}

const FILTER_MASK = (1 << 20) - 1;

/**
 * A set of strings that answers "surely not" or "maybe" (two bits of a 2^20-bit table per
 * string): no false no, rare false yes.
 */
export class KeyFilter {
  private readonly bits = new Uint32Array((FILTER_MASK + 1) >>> 5);

  add(key: string): void {
    this.addHash(hash32(key));
  }

  addHash(h: number): void {
    const a = h & FILTER_MASK;
    const b = Math.imul(h, 0x9e3779b1) >>> 12;
    this.bits[a >>> 5]! |= 1 << (a & 31);
    this.bits[b >>> 5]! |= 1 << (b & 31);
  }

  has(key: string): boolean {
    const h = hash32(key);
    const a = h & FILTER_MASK;
    const b = Math.imul(h, 0x9e3779b1) >>> 12;
    return (this.bits[a >>> 5]! & (1 << (a & 31))) !== 0 && (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
