import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { articleBlock } from '../src/analyze.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { runRelations } from '../src/relations/index.js';
import { loadRelationsResources } from '../src/relations/load.js';
import type { Doc } from '../src/document/document.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { withActors, SEED_ACTORS, SEED_EXTRA, type ActorSpec } from './actor-layer.js';
import { NO_SEED, analyzedSeed, seedArticle } from './helpers.js';

// Only this stage's data and the sentence splitter's: these tests do not depend on the other stages.
const res = { relations: loadRelationsResources(DATA_DIR), abbreviations: readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json')) };
const documentFor = (input: { text: string }, r: typeof res) => buildDocument(articleBlock(input), r.abbreviations);


const relationsOf = (doc: Doc) => {
  if (process.env.SHOW) queueMicrotask(() => console.log(doc.relations.map((r) => `${r.subject} ${r.type} ${r.object} :: ${r.text}`).join("\n")));
  runRelations(doc, res.relations);
  for (const r of doc.relations) {
    assert.ok(r.start < r.end, `empty or reversed span ${r.start}-${r.end}`);
    assert.equal(doc.text.slice(r.start, r.end), r.text);
  }
  return doc.relations.map((r) => `${r.subject} ${r.type} ${r.object}`);
};


test('seed: the relations the spec lists, each once, in the stated direction', { skip: NO_SEED }, () => {
  const rels = relationsOf(withActors(seedArticle().text, SEED_ACTORS, SEED_EXTRA));
  for (const want of [
    'LNA backed_by RUS', 'LNA backed_by EGY', 'LNA backed_by UAE',
    'SER leads GNA',
    'GNA backed_by USA', 'GNA backed_by TUR', 'GNA backed_by QAT',
    'HAF leads LNA',
  ]) assert.ok(rels.includes(want), `missing ${want} in ${rels.join('; ')}`);
  assert.equal(new Set(rels).size, rels.length, 'no duplicate relations');
  // Nothing backs the LNA from the GNA's list, nor the other way round.
  for (const wrong of ['LNA backed_by USA', 'GNA backed_by RUS', 'SER backed_by USA', 'GNA leads SER']) assert.ok(!rels.includes(wrong), wrong);
});

test('seed: coordinated backers share one evidence span; titles give leads and member_of', { skip: NO_SEED }, () => {
  const doc = withActors(seedArticle().text, SEED_ACTORS, SEED_EXTRA);
  const rels = relationsOf(doc);
  const lna = doc.relations.filter((r) => r.subject === 'LNA' && r.type === 'backed_by');
  assert.deepEqual(lna.map((r) => r.text), ['backed by Russia, Egypt and the UAE', 'backed by Russia, Egypt and the UAE', 'backed by Russia, Egypt and the UAE']);
  const gna = doc.relations.filter((r) => r.subject === 'GNA' && r.type === 'backed_by' && r.object !== 'TUR');
  assert.deepEqual(gna.map((r) => r.text), ['backed mainly by the United States, Turkey and Qatar', 'backed mainly by the United States, Turkey and Qatar']);
  assert.equal(doc.relations.find((r) => r.type === 'leads' && r.subject === 'SER')!.text, 'led by Prime Minister Fayez al-Serraj');
  assert.ok(rels.includes('ERD leads TUR'), 'Turkish President Erdogan leads Turkey');
  assert.ok(rels.includes('SAL member_of UN'), 'UN mediator Ghassan Salame');
  assert.ok(rels.includes('GNA opposes LNA'), 'Serraj’s government … to fight against Haftar’s forces');
});

test('hyphen compounds, loyal to, allied with, leader of, part of, active verbs', () => {
  const actors: ActorSpec[] = [
    ['HOU', 'GROUP', ['Houthis', 'Houthi movement']],
    ['IRN', 'GPE', ['Iran']],
    ['SAU', 'GPE', ['Saudi Arabia']],
    ['COA', 'GROUP', ['coalition']],
    ['NAS', 'PERSON', ['Hassan Nasrallah']],
    ['HEZ', 'GROUP', ['Hezbollah']],
    ['AQ', 'GROUP', ['al-Qaeda']],
    ['AQAP', 'GROUP', ['AQAP']],
    ['HAD', 'PERSON', ['Abd-Rabbu Mansour Hadi']],
    ['MIL', 'GROUP', ['Southern Movement']],
  ];
  const text = 'The Iran-backed Houthis fought the Saudi-led coalition. Hezbollah, led by Hassan Nasrallah, is allied with Iran. '
    + 'AQAP, a branch of al-Qaeda, is not allied with the Houthis. Fighters loyal to Abd-Rabbu Mansour Hadi clashed with the Southern Movement, which is backed by Saudi Arabia.';
  const rels = relationsOf(withActors(text, actors, { Saudi: 'SAU' }));
  for (const want of ['HOU backed_by IRN', 'SAU leads COA', 'NAS leads HEZ', 'HEZ allied_with IRN', 'AQAP part_of AQ', 'MIL backed_by SAU']) {
    assert.ok(rels.includes(want), `missing ${want} in ${rels.join('; ')}`);
  }
  // "is not allied with": a negated relation is not asserted; "loyal to" with no named group on the left gives nothing.
  assert.ok(!rels.some((r) => r.startsWith('AQAP allied_with')), rels.join('; '));
  assert.ok(!rels.some((r) => r.includes('HAD')), rels.join('; '));
});

test('an active verb takes its subject from the clause, and a possessive is not a subject', () => {
  const actors: ActorSpec[] = [
    ['TUR', 'GPE', ['Turkey', 'Ankara']],
    ['GNA', 'ORG', ['GNA']],
    ['RUS', 'GPE', ['Russia']],
    ['WAG', 'GROUP', ['Wagner Group']],
    ['LNA', 'GROUP', ['LNA']],
  ];
  const text = 'Ankara agreed to send troops to support GNA forces. Russia’s Wagner Group fights for the LNA. Russia denied it would support the LNA.';
  const rels = relationsOf(withActors(text, actors));
  assert.ok(rels.includes('GNA backed_by TUR'), rels.join('; '));
  assert.ok(rels.includes('WAG part_of RUS'), rels.join('; '));
  assert.ok(!rels.includes('LNA backed_by RUS'), 'denied: not asserted');
});

test('no actors, no relations; every span slices the text', () => {
  const doc = documentFor({ text: 'The army, backed by tanks, advanced. It was led by a colonel.' }, res);
  runRelations(doc, res.relations);
  assert.deepEqual(doc.relations, []);
});

test('end to end: the seed through analyze() relates the actors stage’s entities', { skip: NO_SEED }, (t) => {
  const a = analyzedSeed();
  if (a.entities.length === 0) return t.skip('the actors stage produced no entities yet');
  const byName = (s: string) => a.entities.find((e) => e.mentions.some((m) => m.text === s))?.id;
  const rels = a.relations.map((r) => `${r.subject} ${r.type} ${r.object}`);
  const want: [string, string, string][] = [
    ['LNA', 'backed_by', 'Russia'], ['LNA', 'backed_by', 'Egypt'], ['LNA', 'backed_by', 'UAE'],
    ['Fayez al-Serraj', 'leads', 'GNA'], ['GNA', 'backed_by', 'United States'], ['GNA', 'backed_by', 'Turkey'], ['GNA', 'backed_by', 'Qatar'],
    ['Haftar', 'leads', 'LNA'],
  ];
  for (const [s, type, o] of want) {
    const si = byName(s);
    const oi = byName(o);
    assert.ok(si && oi, `entities for ${s} and ${o}`);
    assert.ok(rels.includes(`${si} ${type} ${oi}`), `missing ${s} ${type} ${o}`);
  }
  for (const r of a.relations) assert.equal(a.article.text.slice(r.start, r.end), r.text);
});

test('a demonym modifying a noun is not the subject of an active verb', () => {
  const actors: ActorSpec[] = [
    ['TUR', 'GPE', ['Turkey']],
    ['SYR', 'GPE', ['Syrian']],
    ['SER', 'PERSON', ['Fayez al-Serraj']],
  ];
  const text = 'Officials criticised Turkey for sending troops and Syrian fighters to support Prime Minister Fayez al-Serraj.';
  const doc = withActors(text, actors);
  doc.mentions.find((m) => m.text === 'Syrian')!.kind = 'demonym';
  const rels = relationsOf(doc);
  assert.deepEqual(rels, ['SER backed_by TUR']);
});

test('coordinated subjects, appositive compounds, fighting, and what is not a stated relation', () => {
  const actors: ActorSpec[] = [
    ['RUS', 'GPE', ['Russia']],
    ['EGY', 'GPE', ['Egypt']],
    ['UAE', 'GPE', ['UAE']],
    ['HAF', 'PERSON', ['Haftar']],
    ['HEZ', 'GROUP', ['Hezbollah']],
    ['IRN', 'GPE', ['Iran']],
    ['LBN', 'GPE', ['Lebanese']],
    ['ISR', 'GPE', ['Israel']],
    ['TRU', 'PERSON', ['Trump']],
    ['USA', 'GPE', ['United States']],
    ['CLI', 'PERSON', ['Clinton']],
    ['DEM', 'ORG', ['Democratic Party']],
  ];
  const text = 'Russia, Egypt and the UAE back Haftar. Hezbollah, the Iran-backed Lebanese group, is fighting Israel. '
    + 'Trump wants to be president of the United States. Clinton’s new book Democratic Party was out. Those who back Haftar and those who oppose him disagree.';
  const doc = withActors(text, actors);
  doc.mentions.find((m) => m.text === 'Lebanese')!.kind = 'demonym';
  const rels = relationsOf(doc);
  for (const want of ['HAF backed_by RUS', 'HAF backed_by EGY', 'HAF backed_by UAE', 'HEZ backed_by IRN', 'HEZ opposes ISR']) {
    assert.ok(rels.includes(want), `missing ${want} in ${rels.join('; ')}`);
  }
  assert.ok(!rels.some((r) => r.includes('TRU')), 'a wish is not a relation');
  assert.ok(!rels.some((r) => r.includes('CLI')), 'a possessive that owns a noun is not a relation');
  assert.ok(!rels.includes('LBN backed_by IRN'), 'the demonym is not the head');
  assert.equal(rels.length, 5, rels.join('; '));
});

test('a headline in title case gives no relations', () => {
  const rels = relationsOf(withActors('Obama Backed By Clinton In Surprise Move Says Report', [['OBA', 'PERSON', ['Obama']], ['CLI', 'PERSON', ['Clinton']]]));
  assert.deepEqual(rels, []);
});

test('a title kept inside the person’s mention still relates the person to the country before it', () => {
  const rels = relationsOf(withActors('Turkish President Recep Tayyip Erdogan spoke.', [['TUR', 'GPE', ['Turkish']], ['ERD', 'PERSON', ['President Recep Tayyip Erdogan']]]));
  assert.deepEqual(rels, ['ERD leads TUR']);
});

test('"loyal to": a group is a member of an organisation, and led by a person', () => {
  const actors: ActorSpec[] = [
    ['MIS', 'GROUP', ['Misrata brigades']],
    ['GNA', 'ORG', ['GNA']],
    ['B166', 'GROUP', ['166th Brigade']],
    ['HAF', 'PERSON', ['Khalifa Haftar']],
  ];
  const text = 'The Misrata brigades, loyal to the GNA, held the line. The 166th Brigade, which is loyal to Khalifa Haftar, advanced.';
  assert.deepEqual(relationsOf(withActors(text, actors)), ['MIS member_of GNA', 'HAF leads B166']);
});

test('a group owned by another group is part of it', () => {
  const rels = relationsOf(withActors('The Libyan National Army’s 106th Brigade attacked.', [['LNA', 'GROUP', ['Libyan National Army']], ['B106', 'GROUP', ['106th Brigade']]]));
  assert.deepEqual(rels, ['B106 part_of LNA']);
});

test('a hyphenated modifier before the object is stepped over, not taken for an actor', () => {
  const actors: ActorSpec[] = [['SER', 'PERSON', ['Fayez al-Serraj']], ['GNA', 'ORG', ['GNA']], ['TRP', 'GPE', ['Tripoli']]];
  const rels = relationsOf(withActors('Fayez al-Serraj, head of the Tripoli-based GNA, left.', actors, { 'Tripoli-based': 'TRP' }));
  assert.deepEqual(rels, ['SER leads GNA']);
});

test('a relational noun after a possessive: proxy, ally, backer, rival', () => {
  const actors: ActorSpec[] = [
    ['IRN', 'GPE', ['Iran']], ['HEZ', 'GROUP', ['Hezbollah']], ['TUR', 'GPE', ['Turkey']], ['GNA', 'ORG', ['GNA']],
    ['HAF', 'PERSON', ['Haftar']], ['SER', 'PERSON', ['Serraj']], ['LNA', 'GROUP', ['LNA']], ['UAE', 'GPE', ['UAE']],
  ];
  const text = 'Iran’s proxy Hezbollah fired rockets. Turkey’s main ally, the GNA, held Tripoli. Haftar’s rival Serraj flew to Rome. The LNA’s backer the UAE paid. Turkey’s support was decisive. Hezbollah, Iran’s closest ally, agreed.';
  assert.deepEqual(relationsOf(withActors(text, actors)), ['HEZ backed_by IRN', 'GNA allied_with TUR', 'SER opposes HAF', 'LNA backed_by UAE', 'HEZ allied_with IRN']);
});

test('a possessed actor that only modifies a noun is not owned ("Clinton’s Wall Street connections")', () => {
  const actors: ActorSpec[] = [['CLI', 'PERSON', ['Clinton']], ['WS', 'ORG', ['Wall Street']], ['OBA', 'PERSON', ['Obama']], ['WH', 'ORG', ['White House']]];
  assert.deepEqual(relationsOf(withActors('Clinton’s Wall Street connections hurt her. Obama’s White House replied.', actors)), ['OBA leads WH']);
});

test('"who leads" is a relation; "leads" in a poll is not', () => {
  const actors: ActorSpec[] = [['HAF', 'PERSON', ['Haftar']], ['LNA', 'GROUP', ['LNA']], ['CLI', 'PERSON', ['Clinton']], ['SAN', 'PERSON', ['Sanders']]];
  assert.deepEqual(relationsOf(withActors('Haftar, who leads the LNA, refused. Clinton leads Sanders in the polls.', actors)), ['HAF leads LNA']);
});

test('"currently leads" in a race is not leadership', () => {
  const actors: ActorSpec[] = [['CLI', 'PERSON', ['Clinton']], ['SAN', 'PERSON', ['Sanders']]];
  assert.deepEqual(relationsOf(withActors('Clinton currently leads Sanders by roughly 270 delegates.', actors)), []);
});
