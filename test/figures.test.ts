import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Analysis, Figure } from '../src/types.js';
import { NO_SEED, analyzedSeed } from './helpers.js';

const res = loadResources();
const run = (text: string) => analyze({ text, published: '2024-03-07' }, res);
const nameOf = (a: Analysis, id: string | null) => a.entities.find((e) => e.id === id)?.name ?? null;
const one = (text: string): Figure => {
  const a = run(text);
  assert.equal(a.figures.length, 1, `one figure expected in "${text}", got ${JSON.stringify(a.figures.map((f) => f.text))}`);
  assert.equal(a.article.text.slice(a.figures[0]!.start, a.figures[0]!.end), a.figures[0]!.text);
  return a.figures[0]!;
};

test('seed: killed 1,000 people and displaced some 146,000, cumulative, according to United Nations figures', { skip: NO_SEED }, () => {
  const a = analyzedSeed();
  for (const f of a.figures) {
    assert.equal(a.article.text.slice(f.start, f.end), f.text);
    if (f.sourceMention) assert.equal(a.article.text.slice(f.sourceMention.start, f.sourceMention.end), f.sourceMention.text);
  }
  const killed = a.figures.find((f) => f.kind === 'killed');
  const displaced = a.figures.find((f) => f.kind === 'displaced');
  assert.ok(killed && displaced);
  assert.equal(killed.text, 'killed 1,000 people');
  assert.deepEqual([killed.value, killed.min, killed.max, killed.qualifier, killed.counted, killed.cumulative], [1000, 1000, 1000, null, 'people', true]);
  assert.equal(displaced.value, 146000);
  assert.equal(displaced.qualifier, 'about');
  assert.equal(displaced.cumulative, true);
  for (const f of [killed, displaced]) {
    assert.equal(f.sourceMention?.text, 'United Nations figures');
    assert.match(nameOf(a, f.source) ?? '', /United Nations/);
  }
  assert.equal(a.figures.filter((f) => f.kind === 'killed' || f.kind === 'displaced').length, 2);
});

test('a man shot and killed is one; an agent is not counted', () => {
  const f = one('A man was shot and killed on Tuesday night.');
  assert.deepEqual([f.kind, f.value, f.counted], ['killed', 1, 'man']);
  const g = one('A gunman killed six people at a market.');
  assert.deepEqual([g.kind, g.value, g.text], ['killed', 6, 'killed six people']);
  assert.deepEqual([one('A 23-year-old woman died at the hospital.').value, one('A 23-year-old woman died at the hospital.').kind], [1, 'killed']);
  const named = one('John Smith was shot and killed outside a bar on Friday.');
  assert.deepEqual([named.kind, named.value, named.text], ['killed', 1, 'John Smith was shot and killed']);
  const wounded = one('An injured woman was found outside the house.');
  assert.deepEqual([wounded.kind, wounded.value], ['wounded', 1]);
});

test('numbers in digits and words, vague quantities', () => {
  assert.equal(one('Three civilians were killed.').value, 3);
  assert.equal(one('A dozen soldiers were wounded.').value, 12);
  const dozens = one('Dozens of people were injured.');
  assert.deepEqual([dozens.kind, dozens.min, dozens.max], ['wounded', 24, 99]);
  assert.deepEqual([one('Hundreds of people were arrested.').kind, one('Hundreds of people were arrested.').min], ['arrested', 200]);
  assert.equal(one('The war has displaced 1.5 million people.').value, 1500000);
  assert.equal(one('Twenty-five people were killed.').value, 25);
});

test('qualifiers and ranges', () => {
  const atLeast = one('At least 12 people were killed in the blast.');
  assert.deepEqual([atLeast.qualifier, atLeast.value], ['at_least', 12]);
  const more = one('More than 300 people were arrested.');
  assert.deepEqual([more.qualifier, more.min], ['more_than', 301]);
  assert.equal(one('Nearly 200 people are missing.').qualifier, 'fewer_than');
  assert.equal(one('Nearly 200 people are missing.').kind, 'missing');
  const upTo = one('Up to 40 people were abducted.');
  assert.deepEqual([upTo.qualifier, upTo.kind, upTo.max], ['up_to', 'kidnapped', 40]);
  const range = one('Between 10 and 15 protesters were detained.');
  assert.deepEqual([range.qualifier, range.min, range.max, range.kind, range.counted], ['range', 10, 15, 'arrested', 'protesters']);
});

test('kinds: refugees, troops, wounded', () => {
  const r = one('The camp holds 20,000 refugees.');
  assert.deepEqual([r.kind, r.value], ['refugees', 20000]);
  const t = one('Ankara sent 2,000 troops to the border.');
  assert.deepEqual([t.kind, t.value], ['troops', 2000]);
  const w = one('The blast left 14 people injured.');
  assert.deepEqual([w.kind, w.value], ['wounded', 14]);
});

test('cumulative totals and claimants', () => {
  const c = one('Since April, 5,000 people have been killed.');
  assert.equal(c.cumulative, true);
  const n = one('Five people were killed on Monday.');
  assert.equal(n.cumulative, false);
  const m = one('Medics said nine people were wounded in the attack.');
  assert.equal(m.sourceMention?.text, 'Medics');
  const s = one('Four soldiers were killed, the ministry said.');
  assert.equal(s.sourceMention?.text, 'the ministry');
  const u = one('Some 300 people have fled, according to figures from the Red Crescent.');
  assert.equal(u.kind, 'displaced');
  assert.match(u.sourceMention?.text ?? '', /Red Crescent/);
});

test('money, years, ages and times are not counts', () => {
  assert.equal(run('He paid $5,000 in 2019 to settle the case.').figures.length, 0);
  assert.equal(run('John Smith, 23, was walking home at 10 p.m.').figures.length, 0);
  assert.equal(run('The 24-hour truce began in 1998.').figures.length, 0);
});

test('an aside between count and cue; a part of the wounded is not their number', () => {
  const f = one('Fifteen people, including two children, were shot at a nightclub early Sunday.');
  assert.deepEqual([f.kind, f.value], ['wounded', 15]);
  const a = run('Six people were wounded in the attack. Two of the victims remain in critical condition. One of them died on Monday.');
  const wounded = a.figures.filter((x) => x.kind === 'wounded').map((x) => x.value);
  assert.deepEqual(wounded, [6]);
  assert.ok(a.figures.some((x) => x.kind === 'killed' && x.value === 1), 'one of them died is one dead');
});
