import type { Paragraph } from './sentences.js';

/**
 * A stretch of text between paired quotation marks.
 * `start`/`end` bound the content (marks excluded); `open`/`close` are the offsets of the marks
 * (`close` is -1 when the quote runs on to the end of its paragraph without a closing mark).
 */
export interface QuoteMarkSpan {
  open: number;
  close: number;
  start: number;
  end: number;
  /** 0 for an outer quote, 1 for a quote inside a quote. */
  depth: number;
  /** The quotation goes on in the next paragraph (its opening mark repeated there, as news style does). */
  continues: boolean;
  /** This span continues a quotation opened in an earlier paragraph. */
  continued: boolean;
}

interface Mark {
  at: number;
  len: number;
  role: 'open' | 'close' | 'either';
  family: 'double' | 'single';
}

const SPACE_OR_OPENER = /[\s([{\u2014\u2013-]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u; // hoisted: see tokenize.ts
const isSpace = (c: string | undefined) => c === undefined || SPACE_OR_OPENER.test(c);
const isLetter = (c: string | undefined) => c !== undefined && LETTER_OR_DIGIT.test(c);

function marksOf(text: string, p: Paragraph): Mark[] {
  const marks: Mark[] = [];
  for (let i = p.start; i < p.end; i++) {
    const c = text[i]!;
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = text[i + 1];
    if (c === '“' || c === '„' || c === '«') marks.push({ at: i, len: 1, role: 'open', family: 'double' });
    else if (c === '”' || c === '»') marks.push({ at: i, len: 1, role: 'close', family: 'double' });
    else if (c === '"') marks.push({ at: i, len: 1, role: isSpace(prev) ? 'open' : isSpace(next) || /[.,;:!?]/.test(next ?? ' ') ? 'close' : 'either', family: 'double' });
    else if (c === '`' && next === '`') { marks.push({ at: i, len: 2, role: 'open', family: 'double' }); i++; }
    else if (c === "'" && next === "'") {
      // Two apostrophes: the closing half of ``…'', or both halves in texts that use ''…'' as a quotation mark.
      const after = text[i + 2];
      marks.push({ at: i, len: 2, role: isSpace(prev) ? 'open' : isSpace(after) || /[.,;:!?]/.test(after ?? ' ') ? 'close' : 'either', family: 'double' });
      i++;
    }
    else if (c === '‘') marks.push({ at: i, len: 1, role: 'open', family: 'single' });
    else if (c === '’') {
      // An apostrophe sits between letters ("Haftar’s", "don’t"); a closing mark does not.
      if (isLetter(prev) && isLetter(next)) continue;
      if (!isLetter(prev) && !/[.,!?;:)\]…]/.test(prev ?? '')) continue;
      marks.push({ at: i, len: 1, role: 'close', family: 'single' });
    }
  }
  return marks;
}

/** Pairs quotation marks paragraph by paragraph. Spans are returned in text order. */
export function pairQuoteMarks(text: string, paragraphs: Paragraph[]): QuoteMarkSpan[] {
  const spans: QuoteMarkSpan[] = [];
  let carry = false; // the previous paragraph ended inside an open double quote
  for (const p of paragraphs) {
    const marks = marksOf(text, p);
    const stack: Mark[] = [];
    const first = marks[0];
    const opensAtStart = first !== undefined && first.family === 'double' && first.role !== 'close' && first.at === p.start;
    const continuedHere = carry && opensAtStart;
    carry = false;
    for (const m of marks) {
      const top = stack[stack.length - 1];
      if (m.family === 'single') {
        if (m.role === 'open') stack.push(m);
        else if (top && top.family === 'single') {
          stack.pop();
          spans.push(span(top, m, stack.length, false));
        }
        continue;
      }
      // Double marks.
      const closes = m.role === 'close' || (m.role === 'either' && stack.some((s) => s.family === 'double'));
      if (closes) {
        // Drop unclosed singles above the matching double.
        while (stack.length && stack[stack.length - 1]!.family === 'single') stack.pop();
        const opener = stack.pop();
        if (opener) spans.push(span(opener, m, stack.length, continuedHere && opener === first));
      } else if (m.role === 'open' || m.role === 'either') {
        stack.push(m);
      }
    }
    // An opening double mark left at the paragraph's end: the quotation runs on to the paragraph's end.
    const open = stack.find((s) => s.family === 'double');
    if (open) {
      const content = open.at + open.len;
      let end = p.end;
      if (end > content) {
        spans.push({ open: open.at, close: -1, start: content, end, depth: 0, continues: false, continued: continuedHere && open === first });
        carry = true;
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || a.depth - b.depth);
  // Mark the spans whose quotation goes on in the next paragraph.
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]!;
    if (s.close !== -1) continue;
    const nxt = spans.slice(k + 1).find((t) => t.depth === 0);
    if (nxt && nxt.continued) s.continues = true;
  }
  return spans;

  function span(o: Mark, c: Mark, depth: number, continued: boolean): QuoteMarkSpan {
    return { open: o.at, close: c.at, start: o.at + o.len, end: c.at, depth, continues: false, continued };
  }
}
