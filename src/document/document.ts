import type {
  ArticleBlock, Entity, EntityType, EventRecord, Figure, Label, PlaceMention, Quote, Relation, Span, TimeExpr,
} from '../types.js';
import { tokenize, type Token } from './tokenize.js';
import { splitParagraphs, SentenceSplitter, type Abbreviations, type Paragraph, type Sentence } from './sentences.js';
import { pairQuoteMarks, type QuoteMarkSpan } from './quotemarks.js';

export type { Token, Sentence, Paragraph, QuoteMarkSpan };

/** An actor mention inside the document, linked to its entity. Richer than the contract's `Span`. */
export interface MentionRef extends Span {
  entity: string;
  type: EntityType;
  kind: 'name' | 'acronym' | 'pronoun' | 'nominal' | 'title' | 'demonym';
  tokenStart: number;
  tokenEnd: number;
}

/**
 * Services that a stage offers to the stages after it. Each has a neutral default,
 * replaced by the stage that owns it (time: `timeFor`; actors: `resolve`).
 */
export interface DocServices {
  /** The time expression that governs the clause around [start, end), or null. */
  timeFor(start: number, end: number): TimeExpr | null;
  /**
   * The entity a span refers to: a name, a nominal ("the ministry") or a pronoun ("he", "it"),
   * resolved to the nearest compatible antecedent before `start`. Null when unknown.
   */
  resolve(start: number, end: number): string | null;
}

/** The one shared document every stage reads and adds its layer to. */
export interface Doc {
  article: ArticleBlock;
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  quoteMarks: QuoteMarkSpan[];
  // Layers, in stage order.
  times: TimeExpr[];
  entities: Entity[];
  mentions: MentionRef[];
  places: PlaceMention[];
  focus: string[];
  quotes: Quote[];
  figures: Figure[];
  events: EventRecord[];
  relations: Relation[];
  labels: Label[];
  warnings: string[];
  services: DocServices;
}

export function buildDocument(article: ArticleBlock, abbreviations: Abbreviations): Doc {
  const text = article.text;
  const paragraphs = splitParagraphs(text);
  const tokens = tokenize(text);
  const sentences = new SentenceSplitter(abbreviations).split(text, tokens, paragraphs);
  const quoteMarks = pairQuoteMarks(text, paragraphs);
  return {
    article, text, paragraphs, sentences, tokens, quoteMarks,
    times: [], entities: [], mentions: [], places: [], focus: [], quotes: [], figures: [], events: [],
    relations: [], labels: [], warnings: [],
    services: { timeFor: () => null, resolve: () => null },
  };
}

/** A span of the document's text, checked. */
export function spanOf(doc: Doc, start: number, end: number): Span {
  if (start < 0 || end > doc.text.length || start > end) throw new RangeError(`span ${start}-${end} is outside the text`);
  return { start, end, text: doc.text.slice(start, end) };
}

/** Index of the first token whose end is after `offset` (binary search). */
export function tokenIndexAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sentence that contains `offset`, or null. */
export function sentenceAt(doc: Doc, offset: number): Sentence | null {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/** Tokens that lie inside [start, end). */
export function tokensIn(doc: Doc, start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = tokenIndexAt(doc, start); i < doc.tokens.length && doc.tokens[i]!.start < end; i++) {
    if (doc.tokens[i]!.start >= start) out.push(doc.tokens[i]!);
  }
  return out;
}

/** The innermost quotation-mark span that contains [start, end), or null. */
export function quoteAround(doc: Doc, start: number, end: number = start): QuoteMarkSpan | null {
  let best: QuoteMarkSpan | null = null;
  for (const q of doc.quoteMarks) {
    if (q.start > start) break;
    if (q.start <= start && end <= q.end && (!best || q.depth >= best.depth)) best = q;
  }
  return best;
}
