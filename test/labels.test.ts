import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { articleBlock } from '../src/analyze.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { runLabels } from '../src/labels/index.js';
import { loadLabelsResources } from '../src/labels/load.js';
import type { Doc } from '../src/document/document.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { withActors, SEED_ACTORS, SEED_EXTRA, type ActorSpec } from './actor-layer.js';
import { NO_SEED, analyzedSeed, seedArticle } from './helpers.js';

// Only this stage's data and the sentence splitter's: these tests do not depend on the other stages.
const res = { labels: loadLabelsResources(DATA_DIR), abbreviations: readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json')) };
const documentFor = (input: { text: string }, r: typeof res) => buildDocument(articleBlock(input), r.abbreviations);


const labelsOf = (doc: Doc) => {
  runLabels(doc, res.labels);
  for (const l of doc.labels) {
    assert.ok(l.start < l.end, `empty or reversed span ${l.start}-${l.end}`);
    assert.equal(doc.text.slice(l.start, l.end), l.text);
  }
  if (process.env.SHOW) console.log(doc.labels.map((l) => `${l.kind} ${l.entity} :: ${l.text}`).join('\n'));
  return doc.labels;
};
const has = (labels: ReturnType<typeof labelsOf>, text: string, kind: string, entity: string | null) =>
  labels.some((l) => l.text === text && l.kind === kind && l.entity === entity);


test('seed: the labels the spec lists, attached to the actor they describe', { skip: NO_SEED }, () => {
  const labels = labelsOf(withActors(seedArticle().text, SEED_ACTORS, SEED_EXTRA));
  const show = labels.map((l) => `${l.kind} ${l.entity} ${l.text}`).join('; ');
  assert.ok(has(labels, 'Field Marshal', 'role', 'HAF'), show);
  assert.ok(labels.some((l) => l.text === 'rebel leader' && l.entity === 'HAF' && l.kind !== 'role' && l.kind !== 'neutral'), show);
  assert.ok(has(labels, 'so-called Government of National Accord', 'delegitimizing', 'GNA'), show);
  assert.equal(labels.filter((l) => l.text === 'terrorist groups' && l.kind === 'delegitimizing' && l.entity === null).length, 2, show);
  assert.ok(labels.some((l) => /mercenaries$/.test(l.text) && l.kind === 'delegitimizing'), show);
  assert.ok(has(labels, 'the aggressor', 'delegitimizing', 'HAF'), show);
  assert.ok(has(labels, 'Libyan revolutionary leader', 'legitimizing', 'GAD'), show);
  assert.ok(has(labels, 'NATO invasion', 'loaded', 'NATO'), show);
  assert.ok(has(labels, 'Prime Minister', 'role', 'SER') && has(labels, 'President', 'role', 'ERD') && has(labels, 'mediator', 'role', 'SAL'), show);
  assert.ok(has(labels, 'Turkish forces', 'neutral', 'TUR') && has(labels, 'Haftar’s forces', 'neutral', 'LNA'), show);
  // "the UN envoy is still attempting": a title with no name after it is not a label.
  assert.ok(!labels.some((l) => l.text === 'envoy'), show);
});

test('appositions, possessives, definite nominals and a bare modifier', () => {
  const actors: ActorSpec[] = [
    ['HAF', 'PERSON', ['Khalifa Haftar', 'Haftar']],
    ['ASD', 'PERSON', ['Assad']],
    ['GNA', 'ORG', ['GNA']],
    ['WAG', 'GROUP', ['Wagner']],
    ['RUS', 'GPE', ['Russia']],
  ];
  const text = 'Haftar, the renegade commander, rejected the offer. On Friday Haftar, the eastern strongman, set out his price. The Assad regime and Wagner mercenaries were blamed. '
    + 'The GNA, the internationally recognised government, protested. The self-styled leader spoke. Russian mercenaries arrived.';
  const labels = labelsOf(withActors(text, actors, { 'the internationally recognised government': 'GNA', Russian: 'RUS' }));
  const show = labels.map((l) => `${l.kind} ${l.entity} ${l.text}`).join('; ');
  assert.ok(has(labels, 'renegade commander', 'delegitimizing', 'HAF'), show);
  assert.ok(has(labels, 'strongman', 'delegitimizing', 'HAF'), show);
  assert.ok(has(labels, 'Assad regime', 'delegitimizing', 'ASD'), show);
  assert.ok(has(labels, 'Wagner mercenaries', 'delegitimizing', 'WAG'), show);
  assert.ok(has(labels, 'the internationally recognised government', 'legitimizing', 'GNA'), show);
  assert.ok(has(labels, 'self-styled', 'delegitimizing', null), show);
  assert.ok(has(labels, 'Russian mercenaries', 'delegitimizing', 'RUS'), show);
});

test('without any actors, loaded words are still found, with no entity; titles need a name', () => {
  const doc = documentFor({ text: 'Critics slammed the draconian law as a sham. The president spoke. Militias looted the town.' }, res);
  const labels = labelsOf(doc);
  assert.deepEqual(labels.map((l) => [l.text, l.kind, l.entity]), [
    ['slammed', 'loaded', null], ['draconian', 'loaded', null], ['sham', 'loaded', null], ['Militias', 'loaded', null],
  ]);
});

test('a phrase does not run across a sentence boundary, and neutral text has no labels', () => {
  assert.deepEqual(labelsOf(documentFor({ text: 'The group met the rebel. Leader talks resumed on Monday in Geneva.' }, res)).map((l) => l.text), []);
});

test('end to end: the seed through analyze() labels the actors stage’s entities', { skip: NO_SEED }, (t) => {
  const a = analyzedSeed();
  if (a.entities.length === 0) return t.skip('the actors stage produced no entities yet');
  const idOf = (s: string) => a.entities.find((e) => e.mentions.some((m) => m.text === s))?.id ?? null;
  const find = (text: string) => a.labels.find((l) => l.text.includes(text));
  assert.equal(find('Field Marshal')?.entity, idOf('Haftar'));
  assert.equal(find('rebel leader')?.entity, idOf('Haftar'));
  assert.equal(find('so-called')?.entity, idOf('GNA'));
  assert.equal(find('NATO invasion')?.entity, idOf('NATO'));
  assert.equal(find('revolutionary leader')?.entity, idOf('Muammar al-Gaddafi'));
  assert.ok(find('terrorist groups') && find('mercenaries') && find('the aggressor'));
  for (const l of a.labels) assert.equal(a.article.text.slice(l.start, l.end), l.text);
});

test('"the militias of X" names X; a definite label is not the actor it hangs from', () => {
  const actors: ActorSpec[] = [
    ['HAF', 'PERSON', ['Khalifa Haftar']],
    ['MOH', 'ORG', ['Ministry of Health']],
    ['GNA', 'ORG', ['GNA']],
  ];
  const text = 'Rockets fired by the militias of warlord Khalifa Haftar hit the port, the Ministry of Health of the internationally recognised government said.';
  // A resolver that, like a naive one, gives the nearest organisation for any definite nominal.
  const doc = withActors(text, actors, { 'the internationally recognised government': 'MOH' });
  const labels = labelsOf(doc);
  const show = labels.map((l) => `${l.kind} ${l.entity} ${l.text}`).join('; ');
  assert.ok(has(labels, 'militias', 'loaded', 'HAF'), show);
  assert.ok(has(labels, 'warlord', 'delegitimizing', 'HAF'), show);
  assert.ok(has(labels, 'the internationally recognised government', 'legitimizing', null), show);
});

test('a title inside the actors stage’s mention labels that mention’s person', () => {
  const labels = labelsOf(withActors('With Governor Bush and Senator Rubio still in the race, the field is set.', [['BUS', 'PERSON', ['Governor Bush']], ['RUB', 'PERSON', ['Rubio']]]));
  assert.deepEqual(labels.map((l) => [l.text, l.entity]), [['Governor', 'BUS'], ['Senator', 'RUB']]);
});

test('a blocker phrase ("terrorist attack") keeps its label word from labelling anyone', () => {
  const labels = labelsOf(documentFor({ text: 'Officials said it was a terrorist attack. The terrorists fled.' }, res));
  assert.deepEqual(labels.map((l) => l.text), ['terrorists']);
});

test('abbreviated titles with their period ("Gen. Haftar", "Lt. Gen. X")', () => {
  const labels = labelsOf(withActors('Gen. Khalifa Haftar met Lt. Gen. Abdelrazek al-Nadhouri in Benghazi.', [['HAF', 'PERSON', ['Khalifa Haftar']], ['NAD', 'PERSON', ['Abdelrazek al-Nadhouri']]]));
  assert.deepEqual(labels.map((l) => [l.text, l.kind, l.entity]), [['Gen', 'role', 'HAF'], ['Lt. Gen', 'role', 'NAD']]);
});

test('in a headline set in title case, labels stand alone: capitals are not names there', () => {
  const doc = withActors('Trump Slams Clinton Over Libya Invasion Plans', [['TRU', 'PERSON', ['Trump']], ['CLI', 'PERSON', ['Clinton']], ['LBY', 'GPE', ['Libya']]]);
  assert.deepEqual(labelsOf(doc).map((l) => [l.text, l.entity]), [['Slams', null], ['Invasion', null]]);
  const body = withActors('Trump said the Libya invasion was a mistake.', [['TRU', 'PERSON', ['Trump']], ['LBY', 'GPE', ['Libya']]]);
  assert.deepEqual(labelsOf(body).map((l) => [l.text, l.entity]), [['Libya invasion', 'LBY']]);
});
