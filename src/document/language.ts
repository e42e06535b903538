/**
 * Language of a text as an ISO 639-1 code, or "und" when it cannot be told. Pure and fast.
 *
 * Two steps. First the writing system: the letters of the first few thousand characters are
 * counted by Unicode block; a script used by one main language (Han, Hangul, Greek, Hebrew, Thai…)
 * decides by itself (Han with kana is Japanese). Then, for a script that several languages share
 * (Latin, Cyrillic, Arabic), the words are matched against short function-word profiles
 * (data/text/languages.json) and the language with the most hits wins, if it wins clearly.
 */
import profiles from '../../data/text/languages.json' with { type: 'json' };

interface Profiles {
  scripts: Record<string, string>;
  stopwords: Record<string, Record<string, string[]>>;
}

/** Unicode blocks (first, last code point) of the scripts the profiles name. */
const RAW_BLOCKS: ReadonlyArray<readonly [number, number, string]> = [
  [0x41, 0x5a, 'Latin'], [0x61, 0x7a, 'Latin'], [0xc0, 0x24f, 'Latin'], [0x1e00, 0x1eff, 'Latin'],
  [0x370, 0x3ff, 'Greek'], [0x1f00, 0x1fff, 'Greek'],
  [0x400, 0x52f, 'Cyrillic'],
  [0x530, 0x58f, 'Armenian'],
  [0x590, 0x5ff, 'Hebrew'],
  [0x600, 0x6ff, 'Arabic'], [0x750, 0x77f, 'Arabic'], [0x8a0, 0x8ff, 'Arabic'], [0xfb50, 0xfdff, 'Arabic'], [0xfe70, 0xfeff, 'Arabic'],
  [0x900, 0x97f, 'Devanagari'],
  [0x980, 0x9ff, 'Bengali'],
  [0xb80, 0xbff, 'Tamil'],
  [0xe00, 0xe7f, 'Thai'],
  [0x10a0, 0x10ff, 'Georgian'],
  [0x1100, 0x11ff, 'Hangul'], [0x3130, 0x318f, 'Hangul'], [0xac00, 0xd7af, 'Hangul'],
  [0x1200, 0x137f, 'Ethiopic'],
  [0x3040, 0x30ff, 'Kana'],
  [0x3400, 0x4dbf, 'Han'], [0x4e00, 0x9fff, 'Han'], [0xf900, 0xfaff, 'Han'],
];

/** Sorted by first code point, for the binary search; scripts interned as small integers. */
const SCRIPT_NAMES = [...new Set(RAW_BLOCKS.map((b) => b[2]))].sort();
const BLOCKS = [...RAW_BLOCKS].sort((a, b) => a[0] - b[0]).map(([lo, hi, name]) => [lo, hi, SCRIPT_NAMES.indexOf(name)] as const);
const LATIN = SCRIPT_NAMES.indexOf('Latin');

/** Script id of a code point, or -1 for anything that is not a letter of a known script. */
function scriptOf(cp: number): number {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) ? LATIN : -1;
  if (cp === 0xd7 || cp === 0xf7) return -1;
  let lo = 0;
  let hi = BLOCKS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = BLOCKS[mid]!;
    if (cp < b[0]) hi = mid - 1;
    else if (cp > b[1]) lo = mid + 1;
    else return b[2];
  }
  return -1;
}

const P = profiles as Profiles;
/** Per script id: word → the languages (of that script) whose profile has it. */
const WORDS = new Map<number, Map<string, string[]>>();
for (const [script, langs] of Object.entries(P.stopwords)) {
  const m = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(langs)) {
    for (const w of words) {
      const k = w.normalize('NFC').toLowerCase();
      const list = m.get(k);
      if (list) { if (!list.includes(lang)) list.push(lang); } else m.set(k, [lang]);
    }
  }
  WORDS.set(SCRIPT_NAMES.indexOf(script), m);
}
const LONGEST_WORD = Math.max(...[...WORDS.values()].flatMap((m) => [...m.keys()].map((k) => k.length)));

/** How much of the text is looked at: enough to decide, bounded so that long texts stay fast. */
const SCAN_CHARS = 3000;
const MIN_LETTERS = 12;
const MIN_WORDS = 4;

export function detectLanguage(text: string): string {
  const n = Math.min(text.length, SCAN_CHARS);
  const counts = new Int32Array(SCRIPT_NAMES.length);
  // Words as [start, end, script] triples, in one pass with the letter counts.
  const words: number[] = [];
  let letters = 0;
  let ws = -1;
  let wscript = -1;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) { cp = text.codePointAt(i)!; width = 2; }
    const s = scriptOf(cp);
    if (s >= 0) {
      letters++;
      counts[s] = counts[s]! + 1;
      if (ws < 0) { ws = i; wscript = s; }
    } else if (!(cp >= 0x300 && cp <= 0x36f) && ws >= 0) {
      words.push(ws, i, wscript);
      ws = -1;
    }
    i += width - 1;
  }
  if (ws >= 0) words.push(ws, n, wscript);
  if (letters < MIN_LETTERS) return 'und';
  let script = -1;
  let best = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k]! > best) { script = k; best = counts[k]!; }
  const name = SCRIPT_NAMES[script]!;
  // Japanese mixes Han with kana; Chinese has no kana.
  if (name === 'Han' || name === 'Kana') {
    const kana = counts[SCRIPT_NAMES.indexOf('Kana')] ?? 0;
    const han = counts[SCRIPT_NAMES.indexOf('Han')] ?? 0;
    return kana >= 0.1 * (han + kana) ? (P.scripts.Kana ?? 'ja') : (P.scripts.Han ?? 'zh');
  }
  const direct = P.scripts[name];
  if (direct) return direct;
  const table = WORDS.get(script);
  if (!table) return 'und';
  return byFunctionWords(text, words, script, table);
}

function byFunctionWords(text: string, words: number[], script: number, table: Map<string, string[]>): string {
  const hits = new Map<string, number>();
  let total = 0;
  for (let k = 0; k < words.length; k += 3) {
    if (words[k + 2] !== script) continue;
    total++;
    const start = words[k]!;
    const end = words[k + 1]!;
    if (end - start > LONGEST_WORD) continue;
    const langs = table.get(text.slice(start, end).toLowerCase());
    if (langs) for (const l of langs) hits.set(l, (hits.get(l) ?? 0) + 1);
  }
  if (total < MIN_WORDS) return 'und';
  let first = '';
  let a = 0;
  let b = 0;
  for (const [l, c] of [...hits].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (c > a) { b = a; a = c; first = l; } else if (c > b) b = c;
  }
  // Clear winner: enough of the words are function words of that language, and it beats the runner-up.
  if (a >= 2 && a / total >= 0.08 && a > b * 1.2) return first;
  return 'und';
}
