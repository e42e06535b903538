import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { AnalysisSchema, contractProblems } from '../src/schema.js';
import { NO_SEED, seedArticle, analyzedSeed } from './helpers.js';

const res = loadResources();

function assertContract(a: unknown) {
  const parsed = AnalysisSchema.safeParse(a);
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5), null, 1));
  assert.deepEqual(contractProblems(parsed.data), []);
}

test('the seed analysis is a valid sitrep/analysis@1 object with its header date', { skip: NO_SEED }, () => {
  const a = analyzedSeed();
  assertContract(a);
  assert.equal(a.article.published, '2020-02-22');
  assert.equal(a.article.language, 'en');
  assert.match(a.article.id, /^[0-9a-f]{16}$/);
  assert.ok(a.article.text.startsWith('Libyan Field Marshal'));
});

test('analysis is deterministic: same input, same bytes', { skip: NO_SEED }, () => {
  const one = JSON.stringify(analyze(seedArticle(), res));
  const two = JSON.stringify(analyze(seedArticle(), res));
  assert.equal(one, two);
  assert.equal(JSON.parse(one).meta.ms, null, 'no timing unless asked for');
  assert.equal(typeof analyze(seedArticle(), res, { timing: true }).meta.ms, 'number');
});

test('a non-English article is flagged, not mangled', () => {
  const text = 'Les forces du maréchal ont attaqué le port de Tripoli mardi, selon le gouvernement, qui a suspendu sa participation aux pourparlers de Genève.';
  const a = analyze({ text }, res);
  assertContract(a);
  assert.notEqual(a.article.language, 'en');
  assert.equal(a.article.text, text);
  assert.ok(a.warnings.some((w) => /not English/.test(w)));
});

test('empty text still yields a valid, empty analysis', () => {
  const a = analyze({ text: '' }, res);
  assertContract(a);
  assert.equal(a.entities.length + a.events.length + a.quotes.length, 0);
});

const newsy = fc.array(
  fc.constantFrom('Haftar', 'said', '“', '”', '"', 'on Tuesday', 'the UN', '1,000', 'killed', '.', ',', '\n\n', 'Ankara',
    'in April', 'he', 'Feb. 30', '٢٠٢٠', 'U.N.', 'backed by', 'Russia', "'s", '(', ')', 'so-called', 'the capital', 'Tripoli'),
  { maxLength: 80 },
).map((parts) => parts.join(' '));

test('property: analyze never throws on random or mutated text, and every span indexes the text', { skip: NO_SEED }, () => {
  const seed = seedArticle().text;
  const mutated = fc.tuple(fc.nat(seed.length), fc.nat(400), fc.string({ maxLength: 30 }))
    .map(([at, len, ins]) => seed.slice(0, at) + ins + seed.slice(at + len));
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), newsy, mutated), fc.option(fc.constantFrom('2020-02-22', '2019-12-31')), (text, published) => {
      const a = analyze({ text, published }, res);
      const parsed = AnalysisSchema.safeParse(a);
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
      const problems = contractProblems(parsed.data);
      if (problems.length) throw new Error(problems.slice(0, 3).join('; '));
    }),
    { numRuns: 150, seed: 20200222 },
  );
});
