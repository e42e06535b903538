import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFor } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';

const res = loadResources();
const sentencesOf = (text: string) => {
  const d = documentFor({ text }, res);
  return d.sentences.map((s) => text.slice(s.start, s.end));
};

test('sentence splitting keeps abbreviations, initials, dates and decimals inside the sentence', () => {
  assert.deepEqual(sentencesOf('The U.N. envoy Gen. John F. Smith arrived on Feb. 18, 2020. He said 1.5 million fled. Mr. Smith left.'), [
    'The U.N. envoy Gen. John F. Smith arrived on Feb. 18, 2020.',
    'He said 1.5 million fled.',
    'Mr. Smith left.',
  ]);
  assert.deepEqual(sentencesOf('Fighting resumed on Feb.18, 2020 near the airport. Dozens fled.'), [
    'Fighting resumed on Feb.18, 2020 near the airport.',
    'Dozens fled.',
  ]);
});

test('a sentence ends after a closing quote and never crosses a paragraph', () => {
  assert.deepEqual(sentencesOf('“We will not stop.” The army said so\n\nNext paragraph here'), [
    '“We will not stop.”', 'The army said so', 'Next paragraph here',
  ]);
});

test('quotation marks pair across kinds, nest, and run on over paragraphs', () => {
  const text = '“First part, with ‘inner’ words.\n\n“Second part,” he said. She said "straight ones" too.';
  const d = documentFor({ text }, res);
  const spans = d.quoteMarks.map((q) => [text.slice(q.start, q.end), q.depth, q.continues, q.continued]);
  assert.deepEqual(spans, [
    ['First part, with ‘inner’ words.', 0, true, false],
    ['inner', 1, false, false],
    ['Second part,', 0, false, true],
    ['straight ones', 0, false, false],
  ]);
});

test('possessive clitics are their own tokens and apostrophes are not quote marks', () => {
  const text = 'Haftar’s forces and Turkey\'s troops don’t stop.';
  const d = documentFor({ text }, res);
  assert.deepEqual(d.tokens.map((t) => t.text), ['Haftar', '’s', 'forces', 'and', 'Turkey', "'s", 'troops', 'do', 'n’t', 'stop', '.']);
  assert.equal(d.quoteMarks.length, 0);
  for (const t of d.tokens) assert.equal(text.slice(t.start, t.end), t.text);
});

test("two apostrophes pair as quotation marks, and a period with no space after it ends no sentence", () => {
  const text = "''We will stay,'' said Rep. Trey Gowdy (R-S.C.) on Monday. ``Good,'' he added.";
  const d = documentFor({ text }, res);
  assert.deepEqual(d.quoteMarks.map((q) => text.slice(q.start, q.end)), ['We will stay,', 'Good,']);
  assert.deepEqual(sentencesOf(text), ["''We will stay,'' said Rep. Trey Gowdy (R-S.C.) on Monday.", "``Good,'' he added."]);
});
