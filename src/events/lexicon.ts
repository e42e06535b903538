/**
 * The events stage's knowledge, in memory: trigger entries (curated sitrep triggers and
 * CAMEO/PETRARCH verb dictionaries), the CAMEO → PLOVER table and closed-class word lists.
 * Parsing is pure (text in, structures out) so that users can bring their own dictionaries.
 */

export type TriggerPos = 'v' | 'n' | 'a';

export interface TriggerEntry {
  pos: TriggerPos;
  /** Lemma of the head word (lower case). */
  head: string;
  /** Words that must follow the head right away ("call" + ["for"]). */
  after: string[];
  /** Words that must precede the head right away (CAMEO multi-word nouns: "air" before "strike"). */
  before: string[];
  type: string | null;
  mode: string | null;
  cameo: string | null;
  obj: string[] | null;
  tgt: string[];
  intrans: boolean;
  speech: boolean;
  nopart: boolean;
  subj: string[] | null;
  /** CAMEO verb patterns of the entry's block (only for dictionary entries). */
  patterns: CameoPattern[];
  /** The same patterns indexed by each word of their first element (built by `parseCameoVerbs`). */
  patternIndex?: Map<string, CameoPattern[]>;
  source: 'curated' | 'dictionary';
}

/** A PETRARCH verb pattern, reduced to the words that must appear before and after the verb. */
export interface CameoPattern {
  pre: string[][];
  post: string[][];
  code: string;
  /** Has at least one word that is not a preposition (a pattern of prepositions alone is weak). */
  content: boolean;
}

const HAS_LETTER = /\p{L}/u; // a module constant: see test/source.test.ts
const PATTERN_PREPS = new Set(['to', 'of', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'against', 'over', 'under', 'about', 'after', 'before', 'between', 'toward', 'towards', 'through', 'across', 'off', 'out', 'up', 'down', 'back', 'away']);

export interface VerbForm {
  entry: TriggerEntry;
  /** The surface form can be a past participle (for passives). */
  participle: boolean;
}

export interface Lexicon {
  determiners: Set<string>;
  auxiliaries: Set<string>;
  beForms: Set<string>;
  adverbs: Set<string>;
  negations: Set<string>;
  negatingVerbs: Set<string>;
  /** Cue phrases, padded with a space at each end for `includes` on padded word strings. */
  future: string[];
  hypothetical: string[];
  /** Multi-word hypothetical cues only (padded). */
  hypotheticalPhrases: string[];
  /** Condition cues: padded phrase, first word, the phrase, and its longest word (`key`, to skip sentences without it). */
  conditionCues: Array<{ padded: string; first: string; phrase: string; key: string }>;
  reportingVerbs: Set<string>;
  boundaries: Set<string>;
  intros: Set<string>;
  prepositions: Set<string>;
  locativePreps: Set<string>;
  participleLeads: Set<string>;
  pronouns: Set<string>;
  firstPerson: Set<string>;
  objectBreakers: Set<string>;
  lightVerbs: Set<string>;
  agentHeads: Set<string>;
  figureKindsByType: Record<string, string[]>;
  complementModes: Record<string, Record<string, string>>;
  occurrenceVerbs: Set<string>;
  /** Heads that cannot be an actor (weapons, victims): "Shells struck…", "Eleven people…". */
  nonActors: Set<string>;
  /** Object heads that make a verb a non-event ("released a statement", "released from hospital"). */
  nonEventObjects: Set<string>;
  /** Words the CAMEO dictionary fallback never codes (too generic in news: "died", "took", "moved"). */
  dictionaryStoplist: Set<string>;
  typeChanges: Record<string, Record<string, string>>;
  modalityTypeChanges: Record<string, Record<string, string>>;
  /** New type → old CAMEO code prefix → new CAMEO code, for type changes ('' is the default). */
  cameoShifts: Record<string, Record<string, string>>;
  /** seats of power a protest held at is aimed at ("outside the US embassy") */
  protestSites: Set<string>;
  /** actor heads whose violence is a riot (PROTEST riot, CAMEO 145): "angry crowds torched cars" */
  riotActors: Set<string>;
  /** verb-group phrases by which an actor states its own plan ("plans to", "is ready to"), padded with spaces */
  intentCues: string[];
  /** head words of inverted official names ("Korea, Republic of"): ISO 3166 short names */
  invertedNameHeads: Set<string>;
  /** Per type, [mode, cue words] tried in order when the trigger gives no mode. */
  modeCues: Record<string, Array<[string, string[]]>>;
  /** PLOVER 2.0 modes of each type. */
  typeModes: Record<string, string[]>;
  /** Nouns before "of" that count events ("a wave of strikes"). */
  quantifiers: Set<string>;
  /** Time words that end a noun phrase or precede a trigger ("yesterday", "overnight"). */
  timeWords: Set<string>;
  /** Title abbreviations whose full stop does not end a noun phrase ("Mr. Abbas"). */
  titleAbbreviations: Set<string>;
  /** Words before "to" that take an infinitive (besides verbs): "ready to", "about to", "set to". */
  controlWords: Set<string>;
  /** Words in -ly that are no adverb ("family", "rally"). */
  notAdverbs: Set<string>;
  /** Adjectives after a verb that state its result ("shot dead"). */
  resultatives: Set<string>;
  /** Past-tense forms without -ed ("took", "held"). */
  irregularPast: Set<string>;
  /** Verbs whose past participle equals another form ("hit", "held"). */
  sameParticiple: Set<string>;
  /** Verbs before "on strike" ("went on strike", "remained on strike"). */
  onStrikeVerbs: Set<string>;
  /** Day and month names. */
  monthsDays: Set<string>;
  /** Number words before a noun ("three", "dozens"). */
  numberWords: Set<string>;
  /** Object heads that are parties themselves ("freed the hostages"), and suffixes that make one ("-ers", "-ists"). */
  partyObjectWords: Set<string>;
  partyObjectSuffixes: string[];
  /** Prepositions that may introduce a named target, in the order tried. */
  targetPreps: string[];
  /** Prepositions after a thing-object naming the party it is about ("sanctions on Iran"). */
  thingPreps: Set<string>;
  /** Prepositions after which a common-noun party is a target too ("talks with the rebels"). */
  partyPreps: Set<string>;
  /** Agent head nouns from the CAMEO agents dictionary (data/events/agent-nouns.txt): "governor", "senator". */
  agentNouns: Set<string>;
  /** Reporting verbs that take the addressee as object before "that" ("told X that", "assured X that"). */
  objectReportingVerbs: Set<string>;
  /** Modals by which a reported act is the reporter's demand ("said Tokyo must apologize"). */
  demandModals: string[];
  /** Heads of common-noun places and installations that can be a target ("shelled the town", "raided a camp"). */
  placeNouns: Set<string>;
  /** Heads of the forces a mobilisation moves ("deployed tanks"): the actor's own, never its target. */
  mobilizedForces: Set<string>;
  /** PLOVER types whose object's on/of phrase is a topic, not a party ("signed an agreement on trade"). */
  topicTypes: Set<string>;
  /** CAMEO roots (two digits) whose dictionary verbs are coded without a pattern by default. */
  bareCameoRoots: Set<string>;
}

export interface CameoPlover {
  codes: Record<string, { type: string; mode: string | null }>;
}

// ---------------------------------------------------------------- inflection

const VOWEL = /[aeiou]/;

function doubles(lemma: string): boolean {
  // one-syllable consonant-vowel-consonant words double their last consonant: ban → banned, stab → stabbing
  return /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(lemma) && !/(?:ee|oo|ea|ai|oa)/.test(lemma);
}

/** Regular English verb forms of a lemma (base, -s, -ed, -ing). */
export function verbForms(lemma: string): { forms: string[]; participles: string[] } {
  const l = lemma;
  let s: string;
  if (/(?:s|x|z|ch|sh)$/.test(l)) s = `${l}es`;
  else if (/[^aeiou]y$/.test(l)) s = `${l.slice(0, -1)}ies`;
  else s = `${l}s`;
  let ed: string;
  let ing: string;
  if (/e$/.test(l)) {
    ed = `${l}d`;
    ing = /(?:ee|ye|oe)$/.test(l) ? `${l}ing` : /ie$/.test(l) ? `${l.slice(0, -2)}ying` : `${l.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(l)) {
    ed = `${l.slice(0, -1)}ied`;
    ing = `${l}ing`;
  } else if (doubles(l) && VOWEL.test(l)) {
    const c = l[l.length - 1]!;
    ed = `${l}${c}ed`;
    ing = `${l}${c}ing`;
  } else {
    ed = `${l}ed`;
    ing = `${l}ing`;
  }
  // longer words ending in one vowel + one consonant double when the last syllable is stressed (expel → expelled,
  // commit → committed, kidnap → kidnapped) or in British spelling (cancelled): both spellings are listed, an
  // unused one never matches
  if (!doubles(l) && /[^aeiou][aeiou][bdglmnprt]$/.test(l) && l.length > 4) {
    const c = l[l.length - 1]!;
    return { forms: [l, s, ed, ing, `${l}${c}ed`, `${l}${c}ing`], participles: [ed, `${l}${c}ed`] };
  }
  return { forms: [l, s, ed, ing], participles: [ed] };
}

/** Plural of a noun. */
export function plural(noun: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

// ---------------------------------------------------------------- sitrep trigger file

/** Parses data/events/triggers.txt (format in its header). */
export function parseTriggers(text: string): TriggerEntry[] {
  const out: TriggerEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/#.*$/, '').trim();
    if (!line) continue;
    const f = line.split(/\s+/);
    if (f.length < 5) throw new Error(`triggers line ${n + 1}: expected POS WORDS TYPE MODE CAMEO, got "${line}"`);
    const [pos, words, type, mode, cameo, ...opts] = f as [string, string, string, string, string, ...string[]];
    if (pos !== 'v' && pos !== 'n' && pos !== 'a') throw new Error(`triggers line ${n + 1}: bad POS "${pos}"`);
    const [phrase, irregular] = words.split('/') as [string, string | undefined];
    const parts = phrase.toLowerCase().split('+');
    const e: TriggerEntry = {
      pos, head: parts[0]!, after: parts.slice(1), before: [],
      type, mode: mode === '-' ? null : mode, cameo: cameo === '-' ? null : cameo,
      obj: null, tgt: [], intrans: false, speech: false, nopart: false, subj: null, patterns: [], source: 'curated',
    };
    if (pos === 'n' && e.head.includes('_')) {
      const w = e.head.split('_');
      e.head = w[w.length - 1]!;
      e.before = w.slice(0, -1);
    }
    for (const o of opts) {
      const [k, v] = o.split('=') as [string, string | undefined];
      const list = v ? v.toLowerCase().split(',').filter(Boolean) : [];
      if (k === 'obj') e.obj = list;
      else if (k === 'tgt') e.tgt = list;
      else if (k === 'subj') e.subj = list;
      else if (k === 'intrans') e.intrans = true;
      else if (k === 'speech') e.speech = true;
      else if (k === 'nopart') e.nopart = true;
      else if (k === 'light') { /* documentation only */ } else throw new Error(`triggers line ${n + 1}: unknown option "${o}"`);
    }
    (e as TriggerEntry & { irregular?: string[] }).irregular = irregular ? irregular.toLowerCase().split(',') : [];
    out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------- PETRARCH / CAMEO verb dictionary

function patternWords(side: string, synsets: Map<string, string[]>): string[][] {
  const out: string[][] = [];
  for (let raw of side.replace(/[(){}]/g, ' ').split(/\s+/)) {
    raw = raw.trim();
    if (!raw || /^[$+^%=|]+$/.test(raw)) continue;
    raw = raw.replace(/^[$+^%]+/, '');
    if (raw.startsWith('&')) {
      const set = synsets.get(raw.toUpperCase());
      if (set && set.length) out.push(set);
      continue;
    }
    const w = raw.toLowerCase().replace(/_+$/, '').replace(/_/g, ' ').split(' ')[0];
    if (w && HAS_LETTER.test(w)) out.push([w]);
  }
  return out;
}

/**
 * Reads a PETRARCH-format CAMEO verb dictionary (the `CAMEO.2.0.txt` shipped with PETRARCH2, or a
 * user's own): synonym sets (`&NAME` + `+WORD` lines), verb blocks (`--- NAME [code] ---`), verb
 * lines (`WORD {FORMS} [code]`) and patterns (`- words * words [code]`). Role markers ($ + ^ %) are
 * dropped: roles come from sitrep's clause reader. Codes are mapped to PLOVER with `cameoPlover`.
 */
export function parseCameoVerbs(text: string, cameoPlover: CameoPlover): { entries: TriggerEntry[]; forms: Map<string, VerbForm[]> } {
  const lines = text.split(/\r?\n/);
  const synsets = new Map<string, string[]>();
  // pass 1: synonym sets
  let cur: string[] | null = null;
  for (const l0 of lines) {
    const l = l0.replace(/#.*$/, '').trim();
    if (l.startsWith('&')) {
      cur = [];
      synsets.set(l.split(/\s+/)[0]!.toUpperCase(), cur);
    } else if (cur && l.startsWith('+')) {
      const w = l.slice(1).trim().toLowerCase().replace(/_+$/, '').replace(/_/g, ' ').split(' ')[0];
      if (w) cur.push(w);
    } else if (!l || l.startsWith('---')) cur = l ? null : cur;
  }
  const entries: TriggerEntry[] = [];
  const forms = new Map<string, VerbForm[]>();
  let blockCode: string | null = null;
  let blockVerbs: TriggerEntry[] = [];
  let blockPatterns: CameoPattern[] = [];
  const flush = () => {
    const index = new Map<string, CameoPattern[]>();
    for (const p of blockPatterns) {
      const first = p.pre[0] ?? p.post[0];
      if (!first) continue;
      for (const w of first) {
        const list = index.get(w) ?? [];
        list.push(p);
        index.set(w, list);
      }
    }
    for (const e of blockVerbs) {
      e.patterns = blockPatterns;
      e.patternIndex = index;
    }
    blockVerbs = [];
    blockPatterns = [];
  };
  const codeOf = (s: string | undefined): string | null => {
    if (!s) return null;
    const c = s.replace(/[[\]\s]/g, '').split(':')[0] ?? '';
    return /^\d{2,4}$/.test(c) ? c : null;
  };
  for (const l0 of lines) {
    const l = l0.replace(/#.*$/, '').trim();
    if (!l || l.startsWith('&') || l.startsWith('+') && !blockVerbs.length && blockCode === null && !l.includes('_')) continue;
    const block = /^---\s+(\S+)\s+\[([^\]]*)\]/.exec(l);
    if (block) {
      flush();
      blockCode = codeOf(block[2]);
      continue;
    }
    if (l.startsWith('-')) {
      const m = /^-\s*(.*?)\[([^\]]*)\]/.exec(l);
      if (!m) continue;
      const code = codeOf(m[2]);
      if (!code) continue;
      const body = m[1]!;
      const star = body.indexOf('*');
      if (star < 0) continue;
      const pre = patternWords(body.slice(0, star), synsets);
      const post = patternWords(body.slice(star + 1), synsets);
      const content = [...pre, ...post].some((alts) => alts.some((w) => !PATTERN_PREPS.has(w)));
      blockPatterns.push({ pre, post, code, content });
      continue;
    }
    // a verb line: WORD {FORMS} [code]
    const vm = /^\+?([A-Z][A-Z0-9_'-]*|[A-Z])\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/i.exec(l);
    if (!vm || synsets.has(`&${vm[1]}`)) continue;
    const words = vm[1]!.toLowerCase().replace(/\+/g, '').split('_').filter(Boolean);
    if (!words.length) continue;
    const code = codeOf(vm[3]) ?? blockCode;
    const mapped = code ? ploverOf(code, cameoPlover) : null;
    const e: TriggerEntry = {
      pos: 'v', head: words[0]!, after: words.slice(1), before: [],
      type: mapped?.type ?? null, mode: mapped?.mode ?? null, cameo: code,
      obj: null, tgt: [], intrans: false, speech: false, nopart: false, subj: null, patterns: [], source: 'dictionary',
    };
    entries.push(e);
    blockVerbs.push(e);
    const explicit = vm[2] ? vm[2].replace(/[{}+]/g, ' ').trim().toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.split('_')[0]!) : [];
    const reg = verbForms(e.head);
    const all = new Set([...reg.forms, ...explicit]);
    for (const f of all) {
      // explicit forms mix past tense and participle: keep the ones that look like participles
      const participle = reg.participles.includes(f) || (explicit.includes(f) && !f.endsWith('ing') && /(?:ed|en|wn|ne|t|ck|ld|ung)$/.test(f));
      const list = forms.get(f) ?? [];
      list.push({ entry: e, participle });
      forms.set(f, list);
    }
  }
  flush();
  return { entries, forms };
}

/** PLOVER type and mode of a CAMEO code (longest known prefix). */
export function ploverOf(code: string, table: CameoPlover): { type: string; mode: string | null } | null {
  for (let c = code; c.length >= 3; c = c.slice(0, -1)) {
    const hit = table.codes[c];
    if (hit) return hit;
  }
  return null;
}

/** The CAMEO code an event gets when a type change gives it type `to` (its code was `from`): the longest prefix of
 *  `from` listed under `to` in `cameoShifts`, else the list's default; a code that does not map to `to` in the table
 *  is not used (the default, else null). */
export function shiftedCameo(from: string | null, to: string, shifts: Record<string, Record<string, string>>, table: CameoPlover): string | null {
  const row = shifts[to];
  if (!row) return null;
  let code: string | undefined;
  if (from) for (let c = from; c.length >= 2 && code === undefined; c = c.slice(0, -1)) code = row[c];
  const ok = (c: string | undefined) => !!c && ploverOf(c, table)?.type === to;
  if (ok(code)) return code!;
  return ok(row['']) ? row['']! : null;
}

/** Builds the surface-form indexes of curated entries. */
export function indexCurated(entries: TriggerEntry[]): { verbs: Map<string, VerbForm[]>; nouns: Map<string, TriggerEntry[]> } {
  const verbs = new Map<string, VerbForm[]>();
  const nouns = new Map<string, TriggerEntry[]>();
  for (const e of entries) {
    const irregular = (e as TriggerEntry & { irregular?: string[] }).irregular ?? [];
    if (e.pos === 'n') {
      for (const f of new Set([e.head, plural(e.head)])) {
        const list = nouns.get(f) ?? [];
        list.push(e);
        nouns.set(f, list);
      }
      continue;
    }
    const reg = e.pos === 'a' ? { forms: [e.head], participles: [] as string[] } : verbForms(e.head);
    const all = new Set([...reg.forms, ...irregular]);
    // "speak/spoke,spoken": when the list has an -en / -wn / -ne participle, its other forms are past tense only
    const enParticiple = irregular.some((f) => /(?:en|wn|ne)$/.test(f));
    for (const f of all) {
      const participle = reg.participles.includes(f) || (irregular.includes(f) && !f.endsWith('ing') && !/[^s]s$/.test(f)
        && (!enParticiple || /(?:en|wn|ne)$/.test(f)));
      const list = verbs.get(f) ?? [];
      list.push({ entry: e, participle });
      verbs.set(f, list);
    }
  }
  return { verbs, nouns };
}
