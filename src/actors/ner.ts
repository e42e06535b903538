/**
 * A small named-entity tagger: an averaged perceptron over word, shape, affix, context,
 * gazetteer and knowledge-base features, decoded greedily left to right (BIO tags).
 * The weights ship in data/actors/ner-model.json (trained by scripts/train-ner.ts).
 */
import { normName, type KbEntry, type KbIndex } from './kb.js';
import WORDS from '../../data/actors/words.json' with { type: 'json' };

// Regular expressions used per token, made once (a literal in a loop makes a new RegExp object each time).
const RE_UPPER_START = /^\p{Lu}/u;
const RE_HAS_LETTER = /\p{L}/u;
const RE_UPPER_CHAR = /\p{Lu}/u;
const RE_LOWER_CHAR = /\p{Ll}/u;
const RE_NUMBER_CHAR = /\p{N}/u;
const RE_ASCII_LOWER_START = /^[a-z]/;
const RE_JOINER_START = /^[\d'’.&-]/;

export const NER_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type NerTag = (typeof NER_TAGS)[number];

/** word (lower-case) → gazetteer classes ("first", "last", "city", "common", …). */
export type Gazetteer = Map<string, string[]>;

export interface NerModel {
  tags: readonly string[];
  /** Word feature → offset into `w` (T weights per feature); see `modelFromJson`. */
  index: Map<string, number>;
  w: Float32Array;
  /** Word-feature scores already computed, keyed by word (bounded). */
  wordCache?: Map<string, Float64Array>;
  /** The context features' weights by template, built on first use (see `compileContext`). */
  ctx?: ContextTables;
}

type Table = Map<string, number>;
type PairTable = Map<string, Map<string, number>>;

/**
 * The context features' offsets into `w` by template, so that a token is scored without
 * building feature strings. Words are numbered (`vocab`, every word some context feature
 * names, "<s>" and "</s>" included): a one-word template ("w-1=" + word) is an array by word
 * number, a two-value template ("w-1w=" + a + "|" + b) a map from a·V + b (tags are numbered
 * by `tagNo`). Other templates are maps from the value, or from a to a map from b. A value
 * holding "|" is entered under every split, so a lookup finds exactly the feature whose
 * string it would build; -1 or no entry is no feature.
 */
interface ContextTables {
  vocab: Map<string, number>;
  V: number;
  tagNo: Map<string, number>;
  /** tagNo(prev) × T: whether tag t may follow prev (see `allowed`). */
  allowed: Uint8Array;
  wm1: Int32Array; wp1: Int32Array; wm2: Int32Array; wp2: Int32Array;
  wm1w: Map<number, number>; wwp1: Map<number, number>; t1w: Map<number, number>;
  t1: Table; capT1: Table; sm1: Table; sp1: Table; gm1: Table; gp1: Table; kb: Table; kbp1: Table; kbm1: Table;
  t12: PairTable; sm1s: PairTable; kbT1: PairTable;
  /** A scratch score vector. */
  scratch?: Float64Array;
}

/** The templates of `contextFeatures` (the rest are word features, scored through `index`). */
const CONTEXT_TEMPLATES = new Set(['t1', 't12', 'cap|t1', 'w-1', 'w+1', 'w-2', 'w+2', 's-1', 's+1', 's-1s', 'w-1w', 'ww+1', 't1w', 'g-1', 'g+1', 'kb', 'kb|t1', 'kb+1', 'kb-1']);

/** The context features' tables from their template names, values and offsets. */
function compileContext(tags: readonly string[], names: string[], vals: string[], offs: number[]): ContextTables {
  const vocab = new Map<string, number>();
  const num = (word: string) => {
    let k = vocab.get(word);
    if (k === undefined) vocab.set(word, (k = vocab.size));
    return k;
  };
  num('<s>');
  num('</s>');
  const tagNo = new Map<string, number>();
  for (const t of ['<s>', ...tags]) if (!tagNo.has(t)) tagNo.set(t, tagNo.size);
  // Word-keyed features: (table, word a or tag number, word b or -1, offset), numbered first.
  const wordKind: number[] = [];
  const wa: number[] = [];
  const wb: number[] = [];
  const wo: number[] = [];
  const T = tags.length;
  const single = new Map<string, Table>();
  const pair = new Map<string, PairTable>();
  const S = (name: string) => {
    const m: Table = new Map();
    single.set(name, m);
    return m;
  };
  const P = (name: string) => {
    const m: PairTable = new Map();
    pair.set(name, m);
    return m;
  };
  const allowedM = new Uint8Array(tagNo.size * T);
  for (const [p, n] of tagNo) for (let t = 0; t < T; t++) allowedM[n * T + t] = allowed(tags[t]!, p) ? 1 : 0;
  const x: ContextTables = {
    vocab, V: 0, tagNo, allowed: allowedM,
    wm1: new Int32Array(0), wp1: new Int32Array(0), wm2: new Int32Array(0), wp2: new Int32Array(0), wm1w: new Map(), wwp1: new Map(), t1w: new Map(),
    t1: S('t1'), capT1: S('cap|t1'), sm1: S('s-1'), sp1: S('s+1'),
    gm1: S('g-1'), gp1: S('g+1'), kb: S('kb'), kbp1: S('kb+1'), kbm1: S('kb-1'),
    t12: P('t12'), sm1s: P('s-1s'), kbT1: P('kb|t1'),
  };
  // Kinds: 0-3 w-1, w+1, w-2, w+2; 4 w-1w; 5 ww+1; 6 t1w.
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const val = vals[i]!;
    const o = offs[i]!;
    const kind = name === 'w-1' ? 0 : name === 'w+1' ? 1 : name === 'w-2' ? 2 : name === 'w+2' ? 3 : name === 'w-1w' ? 4 : name === 'ww+1' ? 5 : name === 't1w' ? 6 : -1;
    if (kind >= 0 && kind <= 3) {
      wordKind.push(kind);
      wa.push(num(val));
      wb.push(-1);
      wo.push(o);
      continue;
    }
    if (kind >= 4) {
      // A value holding "|" is entered under every split.
      for (let bar = val.indexOf('|'); bar >= 0; bar = val.indexOf('|', bar + 1)) {
        const a = val.slice(0, bar);
        let an: number;
        if (kind === 6) {
          const p = tagNo.get(a);
          if (p === undefined) continue;
          an = p;
        } else an = num(a);
        wordKind.push(kind);
        wa.push(an);
        wb.push(num(val.slice(bar + 1)));
        wo.push(o);
      }
      continue;
    }
    const sm = single.get(name);
    if (sm) {
      sm.set(val, o);
      continue;
    }
    const pm = pair.get(name);
    if (!pm) continue;
    for (let bar = val.indexOf('|'); bar >= 0; bar = val.indexOf('|', bar + 1)) {
      const a = val.slice(0, bar);
      let m = pm.get(a);
      if (!m) pm.set(a, (m = new Map()));
      m.set(val.slice(bar + 1), o);
    }
  }
  const V = vocab.size;
  x.V = V;
  const arrs = [(x.wm1 = new Int32Array(V).fill(-1)), (x.wp1 = new Int32Array(V).fill(-1)), (x.wm2 = new Int32Array(V).fill(-1)), (x.wp2 = new Int32Array(V).fill(-1))];
  const pairs = [x.wm1w, x.wwp1, x.t1w];
  for (let i = 0; i < wordKind.length; i++) {
    const kind = wordKind[i]!;
    if (kind <= 3) arrs[kind]![wa[i]!] = wo[i]!;
    else pairs[kind - 4]!.set(wa[i]! * V + wb[i]!, wo[i]!);
  }
  return x;
}

/** The context tables of a model whose `index` holds every feature (a model not read by `modelFromJson`). */
function compileFromIndex(model: NerModel): ContextTables {
  const names: string[] = [];
  const vals: string[] = [];
  const offs: number[] = [];
  model.index.forEach((o, k) => {
    const eq = k.indexOf('=');
    if (eq < 0) return;
    names.push(k.slice(0, eq));
    vals.push(k.slice(eq + 1));
    offs.push(o);
  });
  return compileContext(model.tags, names, vals, offs);
}

function addWeights(out: Float64Array, w: Float32Array, o: number | undefined): void {
  if (o === undefined || o < 0) return;
  for (let t = 0; t < out.length; t++) out[t]! += w[o + t]!;
}

/** Word numbers of a sentence (see `ContextTables`), looked up as needed; -1 = a word no feature names. */
function wordNo(x: ContextTables, c: SentenceContext, i: number): number {
  const ids = c.wordNos!;
  let k = ids[i]!;
  if (k === -2) ids[i] = k = x.vocab.get(c.lower[i]!) ?? -1;
  return k;
}

/** Adds the weights of `contextFeatures(c, i, prev, prev2)` to `out` (zeroed first), in the same order. */
export function scoreContext(model: NerModel, c: SentenceContext, i: number, prev: string, prev2: string, out: Float64Array): void {
  const x = (model.ctx ??= compileFromIndex(model));
  if (!c.wordNos || c.wordNosOf !== x) {
    c.wordNos = new Int32Array(c.words.length).fill(-2);
    c.wordNosOf = x;
  }
  out.fill(0);
  const w = model.w;
  const V = x.V;
  const n = c.words.length;
  const w0 = c.words[i]!;
  const p = x.tagNo.get(prev);
  addWeights(out, w, x.t1.get(prev));
  addWeights(out, w, x.t12.get(prev2)?.get(prev));
  const ch = w0.charCodeAt(0);
  if ((ch >= 65 && ch <= 90) || (ch > 127 && RE_UPPER_START.test(w0))) addWeights(out, w, x.capT1.get(prev));
  // "<s>" is word 0, "</s>" word 1.
  const me = wordNo(x, c, i);
  const wm1 = i > 0 ? wordNo(x, c, i - 1) : 0;
  const wp1 = i + 1 < n ? wordNo(x, c, i + 1) : 1;
  if (wm1 >= 0) addWeights(out, w, x.wm1[wm1]);
  if (wp1 >= 0) addWeights(out, w, x.wp1[wp1]);
  const wm2 = i > 1 ? wordNo(x, c, i - 2) : 0;
  if (wm2 >= 0) addWeights(out, w, x.wm2[wm2]);
  const wp2 = i + 2 < n ? wordNo(x, c, i + 2) : 1;
  if (wp2 >= 0) addWeights(out, w, x.wp2[wp2]);
  const sm1 = i > 0 ? c.shapes[i - 1]! : '<s>';
  addWeights(out, w, x.sm1.get(sm1));
  addWeights(out, w, x.sp1.get(i + 1 < n ? c.shapes[i + 1]! : '</s>'));
  addWeights(out, w, x.sm1s.get(sm1)?.get(c.shapes[i]!));
  if (me >= 0) {
    if (wm1 >= 0) addWeights(out, w, x.wm1w.get(wm1 * V + me));
    if (wp1 >= 0) addWeights(out, w, x.wwp1.get(me * V + wp1));
    if (p !== undefined) addWeights(out, w, x.t1w.get(p * V + me));
  }
  if (i > 0) for (const g of c.gaz[i - 1]!) addWeights(out, w, x.gm1.get(g));
  if (i + 1 < n) for (const g of c.gaz[i + 1]!) addWeights(out, w, x.gp1.get(g));
  const k = c.kbTags[i]!;
  if (k) {
    addWeights(out, w, x.kb.get(k));
    addWeights(out, w, x.kbT1.get(k)?.get(prev));
  }
  if (i + 1 < n && c.kbTags[i + 1]) addWeights(out, w, x.kbp1.get(c.kbTags[i + 1]!));
  if (i > 0 && c.kbTags[i - 1]) addWeights(out, w, x.kbm1.get(c.kbTags[i - 1]!));
}

export function shapeOf(w: string): string {
  let s = '';
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else {
      const ch = w[i]!;
      c = RE_UPPER_CHAR.test(ch) ? 'X' : RE_LOWER_CHAR.test(ch) ? 'x' : RE_NUMBER_CHAR.test(ch) ? 'd' : ch;
    }
    if (c !== last || s.length < 2) s += c;
    last = c;
    if (s.length > 6) break;
  }
  return s.length > 6 ? s.slice(0, 6) : s;
}

const KB_TYPE: Record<string, string> = { PERSON: 'PER', ORG: 'ORG', GROUP: 'ORG', GPE: 'LOC', LOC: 'LOC', FACILITY: 'LOC', OTHER: 'MISC' };

/**
 * Knowledge-base span features: the longest alias match starting at each token whose first
 * word is capitalised (or all caps), as B-/I- of its coarse type. Also marks demonyms.
 */
/**
 * What the knowledge base says of a word's normalised form on its own, noted by `kbSpanTags`
 * for the words it looks up (by word index) so that a later lookup of the same key can be skipped:
 * `seen[i]`, the entries (`hits[i]`, null for none) and whether it begins a longer alias (`prefix[i]`).
 */
export interface FirstKeys {
  seen: Uint8Array;
  hits: (KbEntry[] | null)[];
  prefix: Uint8Array;
}

export function kbSpanTags(words: string[], kb: KbIndex | null, norms?: string[], first?: FirstKeys): string[] {
  const out = new Array<string>(words.length).fill('');
  if (!kb) return out;
  const norm = norms ?? words.map((w) => normName(w));
  for (let i = 0; i < words.length; i++) {
    const ch = words[i]!.charCodeAt(0);
    if (ch < 128 ? !(ch >= 65 && ch <= 90) : !RE_UPPER_START.test(words[i]!)) continue;
    let best = -1;
    let bestType = '';
    let key = '';
    if (!norm[i] || !kb.mayStart(norm[i]!)) {
      if (first) {
        first.seen[i] = 1;
        first.hits[i] = null;
      }
      if (kb.demonyms.has(norm[i]!)) out[i] = 'DEM';
      continue;
    }
    for (let j = i; j < Math.min(words.length, i + kb.maxWords); j++) {
      if (!norm[j]) break;
      key = key ? key + ' ' + norm[j] : norm[j]!;
      const hit = kb.byAlias.get(key);
      if (hit) {
        best = j;
        bestType = KB_TYPE[hit[0]!.type] ?? 'MISC';
      }
      const more = kb.prefixes.has(key);
      if (first && j === i) {
        first.seen[i] = 1;
        first.hits[i] = hit ?? null;
        first.prefix[i] = more ? 1 : 0;
      }
      if (!more) break;
    }
    if (best >= 0) {
      for (let j = i; j <= best; j++) out[j] = (j === i ? 'B-' : 'I-') + bestType;
      i = best;
    } else if (kb.demonyms.has(norm[i]!)) out[i] = 'DEM';
  }
  return out;
}

/** Context computed once per sentence. */
export interface SentenceContext {
  words: string[];
  lower: string[];
  shapes: string[];
  gaz: string[][];
  kbTags: string[];
  allCaps: boolean;
  /** A Title Case headline (truecased like an all-caps line). */
  titleCase?: boolean;
  /** The tokens the tagger tags (see `activeTokens`); the others are O. */
  active?: Uint8Array;
  /** The tagger's word numbers (see `scoreContext`), filled as needed, and the tables they belong to. */
  wordNos?: Int32Array;
  wordNosOf?: object;
}

/** A plain word: in the common-word list and in no name list. */
export function isCommonOnly(cls: string[]): boolean {
  return cls.includes('common') && !cls.some((x) => NAME_CLASSES.has(x));
}

const NAME_CLASSES = new Set(['first', 'last', 'city', 'country', 'region', 'org', 'team', 'demonym', 'place', 'person']);

/** The words a document writes in lower case, and those (lower-cased) it writes capitalised, not all in capitals, inside a sentence. */
export interface DocCaseSets {
  lower: Set<string>;
  midCap: Set<string>;
}

/**
 * Restores likely case in an all-caps line ("SOCCER - JAPAN GET LUCKY WIN" → "soccer - Japan get
 * lucky win"): common words go lower-case, known names and short acronyms keep a capital.
 */
export function truecase(words: string[], gaz: Gazetteer, kb: KbIndex | null, docCase?: DocCaseSets): string[] {
  // Two-word names first ("NEW YORK", "KANSAS CITY").
  const pair = new Uint8Array(words.length);
  for (let i = 0; i + 1 < words.length; i++) {
    const two = words[i]!.toLowerCase() + ' ' + words[i + 1]!.toLowerCase();
    if (gaz.get(two)?.some((x) => NAME_CLASSES.has(x)) || kb?.byAlias.has(normName(two))) pair[i] = pair[i + 1] = 1;
  }
  return words.map((w, i) => {
    if (!RE_HAS_LETTER.test(w)) return w;
    if (pair[i]) return w.charAt(0) + w.slice(1).toLowerCase();
    const lw = w.toLowerCase();
    // A word the story writes in lower case elsewhere is a common word here too ("VICTORY", "LEAGUE"), unless
    // the KB knows it; one it writes only capitalised inside sentences is a name ("NICE", "RANGERS").
    const low = docCase?.lower.has(lw);
    const capd = docCase?.midCap.has(lw);
    if (low && !capd && !kb?.byAlias.has(normName(w))) return lw;
    if (capd && !low) return w.charAt(0) + w.slice(1).toLowerCase();
    const cls = gaz.get(lw);
    const name = cls?.some((x) => NAME_CLASSES.has(x)) || (!cls?.includes('common') && (kb?.byAlias.has(normName(w)) ?? false));
    if (cls?.includes('common') && !name) return lw;
    if (w.length <= 3 && !name && !cls) return w;
    return w.charAt(0) + w.slice(1).toLowerCase();
  });
}

const NO_CLASSES: string[] = [];

/** 0: no letter; 1: a letter and a lower-case letter (or a lower-case start); 2: letters, none lower-case. */
function capsClass(w: string): 0 | 1 | 2 {
  let letter = false;
  for (let i = 0; i < w.length; i++) {
    const ch = w.charCodeAt(i);
    if (ch >= 97 && ch <= 122) return 1;
    if (ch >= 128) return RE_ASCII_LOWER_START.test(w) ? 1 : !RE_HAS_LETTER.test(w) ? 0 : !RE_LOWER_CHAR.test(w) ? 2 : 1;
    if (ch >= 65 && ch <= 90) letter = true;
  }
  return letter ? 2 : 0;
}

/**
 * The sentence's context for the tagger. `lowers`, when given, are the words in lower case
 * (the document's own strings). Shapes and gazetteer classes are filled for the tokens the
 * tagger reads (the active tokens and their neighbours; see `activeTokens`), and the first word.
 */
export function sentenceContext(
  words: string[],
  gaz: Gazetteer,
  kb: KbIndex | null,
  norms?: string[],
  lowers?: string[],
  first?: FirstKeys,
  /** Filled (by word index, when the words were not truecased) with what the gazetteer gave for `lowers[i]`; null where not looked up. */
  raw?: (string[] | undefined | null)[],
  /** What the document writes in lower case and capitalised, for truecasing an all-caps or Title Case line (asked only for such a line). */
  docCase?: (wanted: string[]) => DocCaseSets,
): SentenceContext {
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    const k = capsClass(w);
    if (k === 0) continue;
    letters++;
    if (k === 2) upper++;
  }
  const allCaps = letters > 1 && upper === letters;
  // A headline in Title Case ("Turkey Sends Troops To Libya") is truecased like an all-caps line.
  let titled = 0;
  let lettered = 0;
  for (const w of words) {
    const ch = w.charCodeAt(0);
    if (!(ch >= 65 && ch <= 90) && !(ch >= 97 && ch <= 122)) continue;
    lettered++;
    if (ch <= 90) titled++;
  }
  const titleCase = !allCaps && lettered >= 5 && titled >= lettered - 1;
  const ws = allCaps || titleCase ? truecase(words, gaz, kb, docCase?.(words.map((w) => w.toLowerCase()))) : words;
  const lower = ws === words && lowers ? lowers : ws.map((w) => w.toLowerCase());
  const n = ws.length;
  const shapes = new Array<string>(n).fill('');
  const g = new Array<string[]>(n).fill(NO_CLASSES);
  const keep = raw && ws === words && lower === lowers ? raw : null;
  if (n) {
    const r = gaz.get(lower[0]!);
    if (keep) keep[0] = r;
    g[0] = r ?? NO_CLASSES;
  }
  const c: SentenceContext = { words: ws, lower, shapes, gaz: g, kbTags: kbSpanTags(ws, kb, norms, first), allCaps, titleCase };
  const act = activeTokens(c);
  c.active = act;
  for (let i = 0; i < n; i++) {
    if (!act[i] && !(i > 0 && act[i - 1]) && !(i + 1 < n && act[i + 1])) continue;
    shapes[i] = shapeOf(ws[i]!);
    if (i > 0) {
      const r = gaz.get(lower[i]!);
      if (keep) keep[i] = r;
      g[i] = r ?? NO_CLASSES;
    }
  }
  return c;
}

/** Features that depend only on the word (and whether it opens an all-caps line or a sentence). */
export function wordFeatures(c: SentenceContext, i: number): string[] {
  const w = c.words[i]!;
  const lw = c.lower[i]!;
  const f: string[] = ['b', 'w=' + lw, 's=' + c.shapes[i]];
  f.push('p3=' + lw.slice(0, 3), 'x2=' + lw.slice(-2), 'x3=' + lw.slice(-3), 'x4=' + lw.slice(-4));
  const cap = RE_UPPER_START.test(w);
  if (i === 0) f.push('init', 'init|s=' + c.shapes[i]);
  if (c.allCaps) f.push('ac', 'ac|w=' + lw);
  for (const g of c.gaz[i]!) f.push('g=' + g, 'g|cap=' + g + (cap ? 1 : 0) + (i === 0 ? 'i' : ''));
  return f;
}

/** Features of the context and the two previous tags. */
export function contextFeatures(c: SentenceContext, i: number, prev: string, prev2: string): string[] {
  const w = c.words[i]!;
  const lw = c.lower[i]!;
  const n = c.words.length;
  const f: string[] = ['t1=' + prev, 't12=' + prev2 + '|' + prev];
  const ch = w.charCodeAt(0);
  const cap = (ch >= 65 && ch <= 90) || (ch > 127 && RE_UPPER_START.test(w));
  if (cap) f.push('cap|t1=' + prev);
  const wm1 = i > 0 ? c.lower[i - 1]! : '<s>';
  const wp1 = i + 1 < n ? c.lower[i + 1]! : '</s>';
  f.push('w-1=' + wm1, 'w+1=' + wp1, 'w-2=' + (i > 1 ? c.lower[i - 2] : '<s>'), 'w+2=' + (i + 2 < n ? c.lower[i + 2] : '</s>'));
  f.push('s-1=' + (i > 0 ? c.shapes[i - 1] : '<s>'), 's+1=' + (i + 1 < n ? c.shapes[i + 1] : '</s>'));
  f.push('s-1s=' + (i > 0 ? c.shapes[i - 1] : '<s>') + '|' + c.shapes[i]);
  f.push('w-1w=' + wm1 + '|' + lw, 'ww+1=' + lw + '|' + wp1);
  f.push('t1w=' + prev + '|' + lw);
  if (i > 0) for (const g of c.gaz[i - 1]!) f.push('g-1=' + g);
  if (i + 1 < n) for (const g of c.gaz[i + 1]!) f.push('g+1=' + g);
  const k = c.kbTags[i]!;
  if (k) f.push('kb=' + k, 'kb|t1=' + k + '|' + prev);
  if (i + 1 < n && c.kbTags[i + 1]) f.push('kb+1=' + c.kbTags[i + 1]);
  if (i > 0 && c.kbTags[i - 1]) f.push('kb-1=' + c.kbTags[i - 1]);
  return f;
}

/** All features of token i given the two previous tags (training uses this). */
export function features(c: SentenceContext, i: number, prev: string, prev2: string): string[] {
  return [...wordFeatures(c, i), ...contextFeatures(c, i, prev, prev2)];
}

/** Scores of every tag for a feature list. */
export function score(model: NerModel, feats: string[], out: Float64Array): void {
  out.fill(0);
  const T = out.length;
  const w = model.w;
  for (const f of feats) {
    const o = model.index.get(f);
    if (o === undefined) continue;
    for (let t = 0; t < T; t++) out[t]! += w[o + t]!;
  }
}

/**
 * Tokens worth tagging: capitalised words, their neighbours, and every token of an all-caps
 * sentence. Others are O (names in news are capitalised), which keeps the stage fast.
 */
export function activeTokens(c: SentenceContext): Uint8Array {
  const n = c.words.length;
  const a = new Uint8Array(n);
  const cap = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = c.words[i]!;
    const ch = w.charCodeAt(0);
    cap[i] = (ch >= 65 && ch <= 90) || (ch > 127 && RE_UPPER_START.test(w)) ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    if (cap[i]) {
      // A sentence-opening common word followed by a lower-case word is not a name ("The offensive").
      if (i === 0 && i + 1 < n && !cap[1] && isCommonOnly(c.gaz[0]!)) continue;
      a[i] = 1;
    } else if (i > 0 && i + 1 < n && cap[i - 1] && (cap[i + 1] || CONNECT.has(c.lower[i + 1]!)) && CONNECT.has(c.lower[i]!)) {
      // Lower-case words that join a name: "Government of National Accord", "Bank of the West".
      a[i] = 1;
    } else if (i > 0 && cap[i - 1] && RE_JOINER_START.test(c.words[i]!)) {
      a[i] = 1;
    }
  }
  return a;
}
const CONNECT = new Set<string>(WORDS.connect);

/** A tag is allowed after `prev` when it does not continue a different (or no) entity. */
export function allowed(tag: string, prev: string): boolean {
  if (!tag.startsWith('I-')) return true;
  return prev.slice(2) === tag.slice(2) && prev !== 'O';
}

/** Tags one sentence. */
export function tagSentence(model: NerModel, c: SentenceContext): string[] {
  const tags: string[] = [];
  const x = (model.ctx ??= compileFromIndex(model));
  const T = model.tags.length;
  const sc = (x.scratch ??= new Float64Array(T));
  const act = c.active ?? activeTokens(c);
  const cache = (model.wordCache ??= new Map());
  for (let i = 0; i < c.words.length; i++) {
    if (!act[i]) {
      tags.push('O');
      continue;
    }
    const prev = i > 0 ? tags[i - 1]! : '<s>';
    const prev2 = i > 1 ? tags[i - 2]! : '<s>';
    const key = i === 0 || c.allCaps ? (i === 0 ? '^' : '') + (c.allCaps ? '!' : '') + c.words[i]! : c.words[i]!;
    let ws = cache.get(key);
    if (!ws) {
      ws = new Float64Array(T);
      score(model, wordFeatures(c, i), ws);
      if (cache.size > 100_000) cache.clear();
      cache.set(key, ws);
    }
    scoreContext(model, c, i, prev, prev2, sc);
    for (let t = 0; t < T; t++) sc[t]! += ws[t]!;
    const row = x.tagNo.get(prev)! * T;
    let best = 0;
    let bestScore = -Infinity;
    for (let t = 0; t < T; t++) {
      if (!x.allowed[row + t]) continue;
      if (sc[t]! > bestScore) {
        bestScore = sc[t]!;
        best = t;
      }
    }
    tags.push(model.tags[best]!);
  }
  return tags;
}

/** BIO tags → spans [start, end) with type. */
export function spansOf(tags: string[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  let cur: { start: number; end: number; type: string } | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t.startsWith('B-') || (t.startsWith('I-') && (!cur || cur.type !== t.slice(2)))) {
      if (cur) out.push(cur);
      cur = { start: i, end: i + 1, type: t.slice(2) };
    } else if (t.startsWith('I-') && cur) cur.end = i + 1;
    else {
      if (cur) out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Model file: { tags, names, counts, pairs } — feature i is `names[i]`, with `counts[i]` pairs
 * (tag index, weight) next in `pairs` (flat). The older { tags, features: { name: [tagIndex,
 * weight, …] } } is read too. The word features go in `index`; the context features straight into
 * the tagger's tables (`ctx`).
 */
export function modelFromJson(o: { tags: string[]; features?: Record<string, number[]>; names?: string[]; counts?: number[]; pairs?: number[] }): NerModel {
  const T = o.tags.length;
  const keys = o.names ?? Object.keys(o.features ?? {});
  const w = new Float32Array(keys.length * T);
  const index = new Map<string, number>();
  const names: string[] = [];
  const vals: string[] = [];
  const offs: number[] = [];
  let p = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const off = i * T;
    if (o.names) {
      const end = p + 2 * o.counts![i]!;
      const pairs = o.pairs!;
      for (; p < end; p += 2) w[off + pairs[p]!] = pairs[p + 1]!;
    } else {
      const arr = o.features![k]!;
      for (let j = 0; j + 1 < arr.length; j += 2) w[off + arr[j]!] = arr[j + 1]!;
    }
    const eq = k.indexOf('=');
    const name = eq < 0 ? k : k.slice(0, eq);
    if (CONTEXT_TEMPLATES.has(name)) {
      names.push(name);
      vals.push(k.slice(eq + 1));
      offs.push(off);
    } else index.set(k, off);
  }
  return { tags: o.tags, index, w, ctx: compileContext(o.tags, names, vals, offs) };
}

/** The model file's compact form (see `modelFromJson`) from feature → [tagIndex, weight, …]. */
export function compactModel(about: string, tags: readonly string[], features: Record<string, number[]>): object {
  const names = Object.keys(features);
  const counts: number[] = [];
  const pairs: number[] = [];
  for (const k of names) {
    const arr = features[k]!;
    counts.push(arr.length >> 1);
    for (let j = 0; j + 1 < arr.length; j += 2) pairs.push(arr[j]!, arr[j + 1]!);
  }
  return { about, tags: [...tags], names, counts, pairs };
}

export function parseGazetteer(text: string): Gazetteer {
  const g: Gazetteer = new Map();
  // Many words share a class list: one array per distinct list (the lists are only read).
  const lists = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const cls = line.slice(tab + 1);
    let l = lists.get(cls);
    if (!l) lists.set(cls, (l = cls.split(',')));
    g.set(line.slice(0, tab), l);
  }
  return g;
}
