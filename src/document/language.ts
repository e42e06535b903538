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

/** Sorted by first code point, for the binary search. */
const BLOCKS = [...RAW_BLOCKS].sort((a, b) => a[0] - b[0]);

function scriptOf(cp: number): string | null {
  if (cp < 0x41) return null;
  let lo = 0;
  let hi = BLOCKS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = BLOCKS[mid]!;
    if (cp < b[0]) hi = mid - 1;
    else if (cp > b[1]) lo = mid + 1;
    else return b[2];
  }
  return null;
}


const P = profiles as Profiles;
/** word → the languages (of one script) whose profile has it. */
const WORDS = new Map<string, Map<string, string[]>>();
for (const [script, langs] of Object.entries(P.stopwords)) {
  const m = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(langs)) {
    for (const w of words) {
      const k = w.normalize('NFC').toLowerCase();
      const list = m.get(k);
      if (list) { if (!list.includes(lang)) list.push(lang); } else m.set(k, [lang]);
    }
  }
  WORDS.set(script, m);
}

/** How much of the text is looked at: enough to decide, bounded so that long texts stay fast. */
const SCAN_CHARS = 6000;
const MIN_LETTERS = 12;
const MIN_WORDS = 4;

export function detectLanguage(text: string): string {
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  const counts = new Map<string, number>();
  let letters = 0;
  for (let i = 0; i < head.length; i++) {
    let cp = head.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < head.length) {
      cp = head.codePointAt(i)!;
      i++;
    }
    const s = scriptOf(cp);
    if (!s) continue;
    letters++;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (letters < MIN_LETTERS) return 'und';
  let script = '';
  let best = 0;
  for (const [s, n] of counts) if (n > best || (n === best && s < script)) { script = s; best = n; }
  // Japanese mixes Han with kana; Chinese has no kana.
  if (script === 'Han' || script === 'Kana') {
    const kana = counts.get('Kana') ?? 0;
    return kana >= 0.1 * ((counts.get('Han') ?? 0) + kana) ? (P.scripts.Kana ?? 'ja') : (P.scripts.Han ?? 'zh');
  }
  const direct = P.scripts[script];
  if (direct) return direct;
  const words = WORDS.get(script);
  if (!words) return 'und';
  return byFunctionWords(head, script, words);
}

function byFunctionWords(head: string, script: string, words: Map<string, string[]>): string {
  const hits = new Map<string, number>();
  let total = 0;
  const re = /[\p{L}\p{M}]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    const w = m[0];
    if (scriptOf(w.codePointAt(0)!) !== script) continue;
    total++;
    const langs = words.get(w.toLowerCase());
    if (langs) for (const l of langs) hits.set(l, (hits.get(l) ?? 0) + 1);
  }
  if (total < MIN_WORDS) return 'und';
  let first = '';
  let a = 0;
  let b = 0;
  for (const [l, n] of [...hits].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (n > a) { b = a; a = n; first = l; } else if (n > b) b = n;
  }
  // Clear winner: enough of the words are function words of that language, and it beats the runner-up.
  if (a >= 2 && a / total >= 0.08 && a > b * 1.2) return first;
  return 'und';
}
