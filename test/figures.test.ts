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

const kv = (text: string) => run(text).figures.map((f) => `${f.kind} ${f.value}`);

test('ages written "17-year old", "17 year old", "three-year old" introduce one person', () => {
  assert.deepEqual(kv('A 17-year old boy was killed on Friday.'), ['killed 1']);
  assert.deepEqual(kv('A 17 year old girl was wounded.'), ['wounded 1']);
  assert.deepEqual(kv('Police investigate the shooting death of a three-year old child.'), ['killed 1']);
  assert.deepEqual(kv('A 14-year-old teen was injured on Wednesday.'), ['wounded 1']);
});

test('"one dead, two hurt"; "one fatally"; "killing another"; "killing the other"', () => {
  assert.deepEqual(kv('One dead, two hurt in overnight shooting.'), ['killed 1', 'wounded 2']);
  assert.deepEqual(kv('Two men were shot, one fatally.'), ['wounded 2', 'killed 1']);
  assert.deepEqual(kv('Gunmen opened fire, wounding four men and killing another.'), ['wounded 4', 'killed 1']);
  assert.deepEqual(kv('The gun went off, injuring one and killing the other.'), ['wounded 1', 'killed 1']);
});

test('people joined by "and" are counted together; an apposition is not a list', () => {
  const two = one('A man and a woman were killed in the crash.');
  assert.deepEqual([two.kind, two.value, two.text], ['killed', 2, 'A man and a woman were killed']);
  assert.deepEqual(kv('Three men and one woman were shot outside the hall.'), ['wounded 4']);
  assert.deepEqual(kv('A man, a woman and a boy were wounded.'), ['wounded 3']);
  assert.deepEqual(kv('He is accused of killing six children and two adults.'), ['killed 8']);
  assert.deepEqual(kv('Police say he shot his partner and their two children.'), ['wounded 3']);
  // "a 25-year-old man and a 26-year-old man" restates the two victims.
  assert.deepEqual(kv('Two victims, a 25-year-old man and a 26-year-old man, died at the scene.'), ['killed 2']);
});

test('asides between a count and its cue', () => {
  assert.deepEqual(kv('Four people -- including a child -- were injured in a shooting.'), ['wounded 4']);
  const named = one('Erica Robinson, a 26-year-old West Haven resident, was killed at the club.');
  assert.deepEqual([named.kind, named.value], ['killed', 1]);
  assert.deepEqual(kv('One person, a 19-year-old man, was pronounced dead at the scene.'), ['killed 1']);
  assert.deepEqual(kv('A 12-year old boy, who was shot on Sunday morning, has died.'), ['killed 1']);
});

test('a named person after a cue counts one: "shot and killed John Smith"', () => {
  const f = one('Police said Carl Jones shot and killed Matthew Regula inside a home.');
  assert.deepEqual([f.kind, f.value, f.text], ['killed', 1, 'shot and killed Matthew Regula']);
  assert.equal(f.sourceMention?.text, 'Police');
  assert.deepEqual(kv('The officer fatally shot 7-year-old Iris Rodriguez.'), ['killed 1']);
  assert.deepEqual(kv('Williams fired, killing Jacinta Walker, 18, and Aveion Bolden, 20, police said.'), ['killed 2']);
  assert.deepEqual(kv('The shooting claimed the life of a 19-year-old man.'), ['killed 1']);
});

test('the shooter\'s own death is one killed, the reflexive is what is counted', () => {
  const a = run('He killed his wife before killing himself.');
  assert.deepEqual(a.figures.map((f) => [f.kind, f.value, f.counted]), [['killed', 1, 'wife'], ['killed', 1, 'himself']]);
  assert.deepEqual(kv('The gunman then turned the gun on himself.'), ['killed 1']);
  assert.deepEqual(kv('The suspect took his own life.'), ['killed 1']);
  assert.deepEqual(kv('The boy accidentally shot himself to death.'), ['killed 1']);
  // Shot, not killed: an accident the boy survived.
  assert.deepEqual(kv('The boy accidentally shot himself in the leg.'), ['wounded 1']);
});

test('passives, pronouns and injuries: "shot … to death", "she later died", "non-life-threatening injuries"', () => {
  assert.deepEqual(kv('He is charged with shooting three relatives to death.'), ['killed 3']);
  assert.deepEqual(kv('She was shot in the head. She later died at the hospital.'), ['wounded 1', 'killed 1']);
  assert.deepEqual(kv('A man suffered non-life-threatening injuries.'), ['wounded 1']);
  assert.deepEqual(kv('The victim died at the hospital.'), ['killed 1']);
  assert.deepEqual(kv('Both victims were taken to the hospital.'), ['wounded 2']);
  assert.deepEqual(kv('A shooting left two Gary men dead and four wounded.'), ['killed 2', 'wounded 4']);
  assert.deepEqual(kv('4 Shot, 2 Killed In Apartment Complex'), ['wounded 4', 'killed 2']);
});

test('"including …" without commas; "the youngest …" asides; the accused are not the dead', () => {
  assert.deepEqual(kv('Officials said that 4 people including a 21-year-old girl were injured.'), ['wounded 4']);
  assert.deepEqual(kv('Four people, the youngest being 11 years old, were shot on Friday.'), ['wounded 4']);
  assert.deepEqual(kv('Two men were indicted in the shooting death of 7-year-old Iris Rodriguez.'), ['killed 1']);
});

test('an age between the number and the noun; bare nouns and adjectives in a list', () => {
  assert.deepEqual(kv('Two 16-year-old boys were fatally shot on Tuesday.'), ['killed 2']);
  assert.deepEqual(kv('He is accused of killing a father and son in November.'), ['killed 2']);
  assert.deepEqual(kv('He is accused of killing his wife and their two infant daughters.'), ['killed 3']);
});

test('an age in commas before "who" and a stray number before a capitalised count are not counts', () => {
  assert.ok(!run('The man, 19, who had been shot in the back, died.').figures.some((f) => f.value === 19));
  assert.deepEqual(kv('Photos 11 One person is dead after a shooting.'), ['killed 1']);
});

test('wounded cues: grazed, struck by gunfire, at the hospital, recovering, suffering from gunshot wounds; "another is injured"', () => {
  assert.deepEqual(kv('A 15-year-old boy was grazed in the leg by a bullet.'), ['wounded 1']);
  assert.deepEqual(kv('Officers arrived to find four Hispanic males suffering from gunshot wounds.'), ['wounded 4']);
  assert.deepEqual(kv('Three other victims showed up at the hospital with gunshot wounds.'), ['wounded 3']);
  assert.deepEqual(kv('Four people are recovering tonight after being shot overnight.'), ['wounded 4']);
  assert.deepEqual(kv('All four victims were struck by gunfire.'), ['wounded 4']);
  assert.deepEqual(kv('A woman was sent to the hospital with minor injuries.'), ['wounded 1']);
  assert.deepEqual(kv('One man is dead and another is injured after shots were fired.'), ['killed 1', 'wounded 1']);
  assert.deepEqual(kv('Police say one adult male and one adult female were shot.'), ['wounded 2']);
});

test('"killing the two suspects", "murdering four of them", "the older man"; clock times and holidays are not counts or names', () => {
  assert.deepEqual(kv('The guard fired, striking and killing the two suspects.'), ['killed 2']);
  assert.deepEqual(kv('Adams shot the victims, murdering four of them and wounding a fifth.'), ['killed 4']);
  assert.deepEqual(kv('He fatally shot the older man while hunting.'), ['killed 1']);
  assert.deepEqual(kv('The sheriff identified the four people killed Christmas Eve.'), ['killed 4']);
  assert.ok(!run('1:51 Boy killed with machete; uncle suspected').figures.some((f) => f.value === 51));
});

test('a bare age opens one person; "in his 40s"; "the wounding of three men"', () => {
  assert.deepEqual(kv('A 22-year-old man was killed and 6-year-old girl was shot in Chicago.'), ['killed 1', 'wounded 1']);
  assert.deepEqual(kv('2-year-old Joseph Bankston was shot in the head.'), ['wounded 1']);
  assert.deepEqual(kv('A man in his 40s was shot in his hand.'), ['wounded 1']);
  assert.deepEqual(kv('Police are investigating the fatal shooting of a woman and the wounding of three men.'), ['killed 1', 'wounded 3']);
  assert.deepEqual(kv('Shots were fired into a home, wounding one juvenile.'), ['wounded 1']);
});

test('"shot his brother to death" counts the dead; a name, age and "who" clause before the cue', () => {
  assert.deepEqual(kv('The boy shot his 6-year-old brother to death and wounded his older brother.'), ['killed 1', 'wounded 1']);
  assert.deepEqual(kv('Gunmen shot a man to death on Friday.'), ['killed 1']);
  assert.deepEqual(kv('Tony Johnson, 28, who lived in the same block, was pronounced dead.'), ['killed 1']);
  assert.ok(!run('Tony Johnson Jr., 28, who lived in the same block, was pronounced dead.').figures.some((f) => f.value === 28));
});

test('names joined by "and" before the cue; "a young couple" is two', () => {
  assert.deepEqual(kv('Mary Smith and Rita Langworthy were shot dead on Friday.'), ['killed 2']);
  assert.deepEqual(kv('Jennifer Friedel, 32, and Leroy Friedel, 3, died of gunshot wounds.'), ['killed 2']);
  assert.deepEqual(kv('Police say a man broke into a home, killed a young couple and shot two others.'), ['killed 2', 'wounded 2']);
});

test('hospitals by any name; "four of them were shot"; adverbs between count and cue', () => {
  assert.deepEqual(kv('An 8-year-old child was airlifted to a Charleston-area hospital.'), ['wounded 1']);
  assert.deepEqual(kv('One man is dead and another man was taken to an area hospital.'), ['killed 1', 'wounded 1']);
  assert.deepEqual(kv('A man was taken to the hospital and later died.'), ['killed 1']);
  assert.deepEqual(kv('There were 200 teens at the party and four of them were shot.'), ['wounded 4']);
  assert.deepEqual(kv('Two of the victims remain in critical condition.'), []);
  assert.deepEqual(kv('Three other men inside the home were subsequently injured.'), ['wounded 3']);
  assert.deepEqual(kv('Four federal law enforcement officers have been shot in Kansas.'), ['wounded 4']);
});

test('"shot three times" is how often; "shot at" in the active is firing, not a wound', () => {
  assert.deepEqual(kv('A man was shot three times in the chest.'), ['wounded 1']);
  assert.deepEqual(kv('He was shot 3 times.'), ['wounded 1']);
  assert.deepEqual(kv('The man shot at two officers but missed.'), []);
  assert.deepEqual(kv('A man was shot at his home.'), ['wounded 1']);
  assert.deepEqual(kv('He faces two counts of attempted murder.'), []);
});

test('ages listed after the count; "struck", "hit", "treated and released"', () => {
  assert.deepEqual(kv('Four boys between ages 12 and 16 were wounded in a shooting.'), ['wounded 4']);
  assert.deepEqual(kv('Three males ages 17, 18 and 22, were shot on Sunday.'), ['wounded 3']);
  assert.deepEqual(kv('Shots were fired inside the club, where four victims were struck.'), ['wounded 4']);
  assert.deepEqual(kv('The six others hit in the gunfire were taken to a local hospital.'), ['wounded 6']);
  assert.deepEqual(kv('Four were treated and released from the hospital.'), ['wounded 4']);
  assert.deepEqual(kv('Two men hit a store clerk.'), []);
});

test('a list of people closed by a comma is still counted; an apposition after a plural noun is read once', () => {
  assert.deepEqual(kv('Police said a 19-year-old man, a 22-year-old man and an 11-year-old boy, all from the area, were shot.'), ['wounded 3']);
  assert.deepEqual(kv('The victims, a man and a woman, died.'), ['killed 2']);
});

test('an age in commas after a person describes that person', () => {
  assert.deepEqual(kv('Deputies found two women and a child, eight years old, who were fatally shot.'), ['killed 3']);
});

test('"this year" marks a running total', () => {
  const f = one('Forty people have been shot in the city this year.');
  assert.deepEqual([f.kind, f.value, f.cumulative], ['wounded', 40, true]);
});

test('"put three women into the hospital", "survived but were also hit and injured" are wounded counts', () => {
  let f = one('The home invasion put three women into the hospital.');
  assert.deepEqual([f.kind, f.value], ['wounded', 3]);
  f = one('The three other teens survived but were also hit and injured by gunfire.');
  assert.deepEqual([f.kind, f.value], ['wounded', 3]);
});

test('"the shooting deaths of a mother and her 8-year-old daughter" is two (an age after "her" is no count)', () => {
  const f = one('Police are offering a reward in the shooting deaths of a mother and her 8-year-old daughter.');
  assert.deepEqual([f.kind, f.value], ['killed', 2]);
});
