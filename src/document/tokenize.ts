/** Tokens with offsets into the cleaned text. Whitespace is not a token. */

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol';

export interface Token {
  /** Position in `doc.tokens`. */
  i: number;
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: TokenKind;
  /** Index of the sentence that holds the token (set when sentences are split). */
  sentence: number;
  /** Index of the paragraph that holds the token. */
  paragraph: number;
}

// One alternative per token shape, tried in order at each position.
//  - acronyms with periods: U.N., U.S.A., e.g.
//  - numbers: 1,000  1.5  146,000  2020-02-21 stays as pieces; 24-hour splits at the hyphen? no: kept as a word
//  - words with internal apostrophes or hyphens: al-Serraj, don't (split below), 24-hour, O'Brien
//  - clitics: 's ’s n't split off as their own tokens
const TOKEN_RE = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}(?!\p{L})`, // U.N. U.S.A.
    String.raw`\d+(?:[.,]\d+)*(?:-\p{L}[\p{L}\p{N}]*)*`, // 1,000  1.5  24-hour
    String.raw`\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’]\p{L}[\p{L}\p{M}\p{N}]*)*`, // words
    String.raw`[\p{N}]+`,
    String.raw`\.{3}|…|--|—|–`,
    String.raw`[^\s]`,
  ].join('|'),
  'gu',
);

const CLITIC_RE = /^(.+?)(['’]s|n['’]t|['’](?:re|ve|ll|d|m))$/iu;
// Module constants, not literals in the functions: the TypeScript loader (esbuild, targeting this Node) turns a
// literal with \p{…} into `new RegExp(…)`, which would be rebuilt on every call.
const NUMBER_START = /^\p{N}/u;
const LETTER_START = /^\p{L}/u;
const PUNCT_START = /^[\p{P}]/u;

function kindOf(text: string): TokenKind {
  if (NUMBER_START.test(text)) return 'number';
  if (LETTER_START.test(text)) return 'word';
  if (PUNCT_START.test(text)) return 'punct';
  return 'symbol';
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const push = (start: number, end: number) => {
    const t = text.slice(start, end);
    out.push({ i: out.length, start, end, text: t, lower: t.toLowerCase(), kind: kindOf(t), sentence: -1, paragraph: -1 });
  };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    const word = m[0];
    const c = LETTER_START.test(word) ? CLITIC_RE.exec(word) : null;
    if (c && c[1]!.length > 0 && !/['’]/.test(c[1]!.slice(-1))) {
      const cut = start + c[1]!.length;
      push(start, cut);
      push(cut, start + word.length);
    } else {
      push(start, start + word.length);
    }
  }
  return out;
}
