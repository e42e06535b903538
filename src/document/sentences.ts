import type { Token } from './tokenize.js';

export interface Paragraph {
  start: number;
  end: number;
}

export interface Sentence {
  i: number;
  start: number;
  end: number;
  /** Tokens [tokenStart, tokenEnd) of `doc.tokens`. */
  tokenStart: number;
  tokenEnd: number;
  paragraph: number;
}

export interface Abbreviations {
  titles: string[];
  months: string[];
  other: string[];
  sentenceStarters: string[];
}

/** Paragraphs are separated by one or more blank lines, or by single newlines (pages often use one). */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', "''"]);
const ENDERS = new Set(['.', '!', '?', '…', '...']);
// Hoisted: a \p{…} literal inside a function is rebuilt on every call once the TypeScript loader has lowered it.
const STARTS_UPPER = /^[\p{Lu}\p{N}"“‘'`(\[«]/u;
const DOTTED_ACRONYM = /^(\p{L}\.)+\p{L}$/u;
const UPPER = /\p{Lu}/u;

export class SentenceSplitter {
  private titles: Set<string>;
  private months: Set<string>;
  private other: Set<string>;
  private starters: Set<string>;

  constructor(abbr: Abbreviations) {
    this.titles = new Set(abbr.titles);
    this.months = new Set(abbr.months);
    this.other = new Set(abbr.other);
    this.starters = new Set(abbr.sentenceStarters);
  }

  /** Assigns `sentence` and `paragraph` on every token and returns the sentences. */
  split(text: string, tokens: Token[], paragraphs: Paragraph[]): Sentence[] {
    const sentences: Sentence[] = [];
    let ti = 0;
    for (let p = 0; p < paragraphs.length; p++) {
      const para = paragraphs[p]!;
      const first = ti;
      while (ti < tokens.length && tokens[ti]!.start < para.end) {
        tokens[ti]!.paragraph = p;
        ti++;
      }
      let sStart = first;
      for (let k = first; k < ti; k++) {
        const tok = tokens[k]!;
        const isEnder = ENDERS.has(tok.text) || (tok.kind === 'word' && tok.text.endsWith('.') && tok.text.length > 2);
        if (!isEnder) continue;
        // Swallow closing quotes and brackets that follow the end mark.
        let last = k;
        while (last + 1 < ti && CLOSERS.has(tokens[last + 1]!.text) && tokens[last + 1]!.start === tokens[last]!.end) last++;
        const next = last + 1 < ti ? tokens[last + 1]! : null;
        if (next === null) break; // paragraph end closes it anyway
        if (!this.breaksAfter(tokens, k, next, text)) continue;
        sentences.push(this.make(sentences.length, tokens, sStart, last + 1, p));
        sStart = last + 1;
        k = last;
      }
      if (sStart < ti) sentences.push(this.make(sentences.length, tokens, sStart, ti, p));
    }
    return sentences;
  }

  private make(i: number, tokens: Token[], from: number, to: number, paragraph: number): Sentence {
    for (let k = from; k < to; k++) tokens[k]!.sentence = i;
    return { i, start: tokens[from]!.start, end: tokens[to - 1]!.end, tokenStart: from, tokenEnd: to, paragraph };
  }

  private breaksAfter(tokens: Token[], k: number, next: Token, text: string): boolean {
    const tok = tokens[k]!;
    // The next sentence must start with a capital, a digit or an opening mark, after whitespace.
    // A period with no space after it is inside something ("R-S.C.", "e.g", "Feb.18"), not at a sentence's end.
    if (next.start === tokens[k]!.end && tok.text === '.') return false;
    const startsUpper = STARTS_UPPER.test(next.text);
    if (!startsUpper) return false;
    if (tok.text === '!' || tok.text === '?' || tok.text === '…' || tok.text === '...') return true;
    // Acronym token such as "U.N." holds its own period.
    if (tok.text !== '.') {
      const bare = tok.lower.replace(/\.$/, '');
      if (this.other.has(bare) || DOTTED_ACRONYM.test(bare)) return this.starters.has(next.lower);
      return true;
    }
    const prev = k > 0 ? tokens[k - 1]! : null;
    if (!prev || prev.end !== tok.start) return true;
    const w = prev.lower;
    if (prev.kind === 'word' && prev.text.length === 1 && UPPER.test(prev.text)) {
      // An initial: "John F. Kennedy". Break only before an obvious sentence starter.
      return this.starters.has(next.lower);
    }
    if (this.titles.has(w)) return false;
    if (this.months.has(w) || w === 'no' || w === 'nos' || w === 'art' || w === 'vol') {
      return !(next.kind === 'number');
    }
    if (this.other.has(w)) return this.starters.has(next.lower);
    void text;
    return true;
  }
}
