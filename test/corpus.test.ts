import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Entity, EventRecord, Figure, Label, Quote } from '../src/types.js';
import { SCHEMA } from '../src/types.js';
import { DuplicateIndex, estimateJaccard, shingles, signature } from '../src/corpus/minhash.js';
import { StoryIndex, normStreet, storyIdentity } from '../src/corpus/stories.js';
import { filterEvents, mergeEvents } from '../src/corpus/events.js';
import { compareStory } from '../src/corpus/compare.js';
import { actorProfiles, findActor } from '../src/corpus/profiles.js';
import { acledRows, eventsCsv, gkgRecord, gkgTsv, ploverFromAnalyses, ploverFromMerged, toCsv, GKG_COLUMNS } from '../src/corpus/exports.js';
import { loadCorpusResources } from '../src/corpus/load.js';
import { dayNumber, outletOf, namePhrases } from '../src/corpus/text.js';
import { NO_SEED, analyzedSeed } from './helpers.js';
import { readPaths, type ReadResult } from '../src/ingest/index.js';
import { analyze } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const { stopwords } = loadCorpusResources();

// ---------------------------------------------------------------- hand-made analyses

interface Mk {
  title?: string;
  published?: string;
  source?: string;
  entities?: [id: string, name: string, type: Entity['type'], kb: string | null, surface: string[], roles?: string[]][];
  events?: [id: string, type: string, actor: string | null, target: string | null, date: string | null, evidence: string, figures?: number[], place?: string][];
  figures?: [evidence: string, kind: Figure['kind'], value: number, source: string | null, cumulative?: boolean][];
  labels?: [entity: string, text: string, kind: Label['kind']][];
  quotes?: [text: string, speaker: string][];
}

function span(text: string, s: string, from = 0) {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`"${s}" not in text`);
  return { start, end: start + s.length, text: s };
}

function mk(id: string, text: string, o: Mk = {}): Analysis {
  const entities: Entity[] = (o.entities ?? []).map(([eid, name, type, kb, surfaces, roles]) => ({
    id: eid, name, type, kb, country: null, roles: roles ?? [], mentions: surfaces.map((s) => span(text, s)),
  }));
  const figures: Figure[] = (o.figures ?? []).map(([ev, kind, value, source, cumulative]) => ({
    ...span(text, ev), kind, value, min: value, max: value, qualifier: null, counted: 'people', cumulative: !!cumulative, source, sourceMention: null,
  }));
  const events: EventRecord[] = (o.events ?? []).map(([eid, type, actor, target, date, ev, figs, place]) => ({
    ...span(text, ev), id: eid, type, mode: null, cameo: null, actor, target,
    date: { value: date, precision: date && date.length === 10 ? 'day' : date ? 'month' : null },
    place: place ? { name: place, country: 'LBY', lat: 32.9, lon: 13.2, geonameid: 2210247, precision: 'city' } : null,
    modality: [], reportedBy: null, figures: figs ?? [],
  }));
  const labels: Label[] = (o.labels ?? []).map(([entity, t, kind]) => ({ ...span(text, t), entity, kind }));
  const quotes: Quote[] = (o.quotes ?? []).map(([t, speaker]) => ({ ...span(text, t), direct: true, speaker, speakerMention: null, cue: null, date: null }));
  return {
    schema: SCHEMA,
    article: { id, source: o.source ?? null, url: null, title: o.title ?? null, published: o.published ?? null, publishedFrom: o.published ? 'header' : 'none', language: 'en', text },
    entities, times: [], quotes, figures, events, relations: [], labels, places: [], focus: [], warnings: [], meta: { version: 'test', ms: null },
  };
}

const PORT_A =
  'Forces loyal to the eastern commander shelled the port of Tripoli on Tuesday, hitting a cargo ship that was unloading grain at the main quay. ' +
  'Port officials said three dockworkers were killed and the harbour was closed to traffic. The Government of National Accord called the attack a war crime ' +
  'and suspended its participation in the Geneva talks. Witnesses described plumes of black smoke over the old harbour district near the fish market, ' +
  'and ambulances carried the wounded to the Abu Salim hospital.';
// a lightly edited copy of PORT_A (syndication): one word changed, one sentence dropped
const PORT_A_COPY = PORT_A.replace('on Tuesday', 'on Tuesday morning').replace(' Witnesses described plumes of black smoke over the old harbour district near the fish market, and ambulances carried the wounded to the Abu Salim hospital.', '');
const PORT_B =
  'The Government of National Accord said on Wednesday it would not return to the Geneva talks after the shelling of the Tripoli port, ' +
  'in which its health ministry said five people were killed. The so-called government blamed Khalifa Haftar, whose Libyan National Army denied hitting any ship. ' +
  'The grain ship, registered in Malta, was towed out of the harbour.';
const FIRE_A =
  'A fire broke out overnight at a chemical warehouse in the Lyon suburb of Vénissieux, forcing the evacuation of two hundred residents. ' +
  'Firefighters battled the blaze for six hours before bringing it under control, the prefecture said. No casualties were reported, ' +
  'but authorities told people nearby to keep windows closed because of the smoke from burning solvents stored on the site.';
const FIRE_B =
  'Residents evacuated after the Vénissieux warehouse fire were allowed home on Friday, the Lyon prefecture said, after air tests found no dangerous levels of solvents. ' +
  'The company that runs the chemical warehouse said an electrical fault may have started the blaze.';

function corpus(): Analysis[] {
  return [
    mk('a1', PORT_A, { title: 'Shelling hits Tripoli port, three killed', published: '2020-02-18', source: 'wire.example' }),
    mk('f1', FIRE_A, { title: 'Chemical warehouse fire in Vénissieux', published: '2020-02-18', source: 'lyon.example' }),
    mk('a2', PORT_A_COPY, { title: 'Shelling hits Tripoli port, three killed', published: '2020-02-18', source: 'paper.example' }),
    mk('a3', PORT_B, { title: 'GNA quits Geneva talks after Tripoli port shelling', published: '2020-02-19', source: 'gna.example' }),
    mk('f2', FIRE_B, { title: 'Vénissieux residents return home after warehouse fire', published: '2020-02-21', source: 'lyon.example' }),
  ];
}

// ---------------------------------------------------------------- near-duplicates

test('MinHash estimates Jaccard similarity: identical texts 1, a light edit high, another story low', () => {
  const sig = (t: string) => signature(shingles(t, 3), 64);
  assert.equal(estimateJaccard(sig(PORT_A), sig(PORT_A)), 1);
  assert.ok(estimateJaccard(sig(PORT_A), sig(PORT_A_COPY)) >= 0.6);
  assert.ok(estimateJaccard(sig(PORT_A), sig(FIRE_A)) < 0.2);
});

test('DuplicateIndex links a syndicated copy to its original, not other stories or short notices', () => {
  const d = new DuplicateIndex();
  assert.equal(d.add('a1', PORT_A, 'Shelling hits Tripoli port'), null);
  assert.equal(d.add('f1', FIRE_A, 'Warehouse fire'), null);
  const m = d.add('a2', PORT_A_COPY, 'Shelling hits Tripoli port');
  assert.equal(m?.duplicateOf, 'a1');
  // a copy of the copy points at the first original
  assert.equal(d.add('a4', PORT_A_COPY, 'Shelling hits Tripoli port')?.duplicateOf, 'a1');
  // a short page (paywall notice) is never called a copy
  const notice = 'Subscribe to keep reading. Already a subscriber? Log in here.';
  assert.equal(d.add('n1', notice, 'One'), null);
  assert.equal(d.add('n2', notice, 'Two'), null);
  // the same body under an unrelated headline is not a copy
  assert.equal(d.add('x1', PORT_A, 'Football results of the weekend'), null);
  // state survives toJSON/fromJSON
  const back = DuplicateIndex.fromJSON(JSON.parse(JSON.stringify(d.toJSON())));
  assert.equal(back.find(PORT_A_COPY, 'Shelling hits Tripoli port')?.duplicateOf, 'a1');
});

// ---------------------------------------------------------------- stories

test('StoryIndex folds the copy, groups each story, and keeps the two stories apart', () => {
  const idx = new StoryIndex({ stopwords });
  const res = corpus().map((a) => [a.article.id, idx.add(a)] as const);
  const r = Object.fromEntries(res);
  assert.equal(r.a2!.duplicateOf, 'a1');
  assert.equal(r.a2!.clusterId, r.a1!.clusterId);
  assert.equal(r.a3!.clusterId, r.a1!.clusterId, 'the follow-up on the port shelling joins its story');
  assert.equal(r.f2!.clusterId, r.f1!.clusterId, 'the fire follow-up joins the fire story');
  assert.notEqual(r.f1!.clusterId, r.a1!.clusterId);
  const port = idx.story(r.a1!.clusterId)!;
  assert.deepEqual(port.articles, ['a1', 'a3'], 'a copy is not counted as a second report');
  assert.deepEqual(port.duplicates, { a2: 'a1' });
  assert.equal(port.title, 'Shelling hits Tripoli port, three killed');
  assert.equal(port.first, '2020-02-18');
  assert.equal(port.last, '2020-02-19');
  assert.deepEqual(port.outlets, ['gna.example', 'paper.example', 'wire.example']);
  assert.equal(idx.stories().length, 2);
  assert.equal(idx.storyOf('f2')?.id, r.f1!.clusterId);
});

test('StoryIndex state survives toJSON/fromJSON: the restored index places a new article the same way', () => {
  const all = corpus();
  const a = new StoryIndex({ stopwords });
  for (const x of all.slice(0, 4)) a.add(x);
  const b = StoryIndex.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  assert.deepEqual(b.stories(), a.stories());
  assert.deepEqual(b.add(all[4]!), a.add(all[4]!));
  assert.deepEqual(b.stories(), a.stories());
});

test('StoryIndex keeps articles far apart in time in separate stories unless they share rare names', () => {
  const idx = new StoryIndex({ stopwords, windowDays: 30 });
  const first = idx.add(mk('x1', FIRE_A, { title: 'Warehouse fire', published: '2019-01-01' }));
  const late = idx.add(mk('x2', FIRE_B, { title: 'Residents return', published: '2020-06-01' }));
  assert.notEqual(late.clusterId, first.clusterId);
});

// GVA-like local reports: two shootings in one city a day apart, and a later report of the first in other words
const HAYES_1 =
  'By Laura Finch\n\nSpringfield police said Darnell Hayes, 24, was shot and killed late Friday on Kimball Avenue near the corner of Oak Street. ' +
  'Officers found Hayes lying in the driveway of a house in the 400 block of Kimball Avenue, and he died at Mercy Hospital. No arrests have been made, police said.';
const ROWE =
  'By Laura Finch\n\nA 31-year-old woman, Tamika Rowe, was wounded Saturday afternoon in a shooting on Pershing Road in Springfield, police said. ' +
  'Rowe was taken to Mercy Hospital with a gunshot wound to the leg and is expected to survive. Police are looking for a gray sedan seen leaving the scene.';
const HAYES_2 =
  'Relatives gathered Monday to remember Darnell Hayes, the 24-year-old father of two who was gunned down outside a home on Kimball Ave. on Friday night. ' +
  'Detectives released a sketch of a man seen running from the Kimball Avenue house, and Crime Stoppers is offering a reward for tips.';

function withTimes(a: Analysis, times: [text: string, value: string][]): Analysis {
  const t = a.article.text;
  return { ...a, times: times.map(([x, value]) => ({ ...span(t, x), type: 'DATE' as const, value, anchor: 'published' as const })) };
}

function localReports(): Analysis[] {
  return [
    withTimes(mk('h1', HAYES_1, { title: 'Man shot dead on Kimball Avenue', published: '2016-03-05', source: 'a.example', entities: [['P1', 'Laura Finch', 'PERSON', null, ['Laura Finch']], ['P2', 'Darnell Hayes', 'PERSON', null, ['Darnell Hayes']]] }), [['Friday', '2016-03-04']]),
    withTimes(mk('r1', ROWE, { title: 'Woman wounded in Springfield shooting', published: '2016-03-06', source: 'a.example', entities: [['P1', 'Laura Finch', 'PERSON', null, ['Laura Finch']], ['P2', 'Tamika Rowe', 'PERSON', null, ['Tamika Rowe']]] }), [['Saturday', '2016-03-05']]),
    withTimes(mk('h2', HAYES_2, { title: 'Family remembers father killed outside home', published: '2016-03-08', source: 'b.example', entities: [['P1', 'Darnell Hayes', 'PERSON', null, ['Darnell Hayes']]] }), [['Monday', '2016-03-07'], ['Friday', '2016-03-04']]),
  ];
}

test('storyIdentity: surnames (not the byline), streets in one form, ages and aged names, the days it happened, the counts', () => {
  const [h1, r1, h2] = localReports();
  const withFig = { ...h1!, figures: [{ ...span(HAYES_1, 'shot and killed'), kind: 'killed' as const, value: 1, min: 1, max: 1, qualifier: null, counted: 'people', cumulative: false, source: null, sourceMention: null }] };
  const id1 = storyIdentity(withFig, stopwords);
  assert.ok(id1.keys.includes('v:hayes') && !id1.keys.includes('v:finch'), id1.keys.join(' '));
  assert.ok(id1.keys.includes('s:kimball ave') && id1.keys.includes('s:oak st'));
  assert.ok(id1.keys.includes('a:24') && id1.keys.includes('x:hayes'));
  assert.deepEqual(id1.days, [dayNumber('2016-03-04')]);
  assert.equal(id1.killed, 1);
  assert.equal(id1.injured, -1);
  const id2 = storyIdentity(h2!, stopwords);
  assert.ok(id2.keys.includes('s:kimball ave'), 'Kimball Ave. and Kimball Avenue are one street');
  assert.deepEqual(id2.days, [dayNumber('2016-03-04'), dayNumber('2016-03-07')]);
  const idr = storyIdentity(r1!, stopwords);
  assert.ok(idr.keys.includes('s:pershing rd') && idr.keys.includes('a:31') && idr.keys.includes('x:rowe'), idr.keys.join(' '));
  assert.equal(normStreet('W.', 'Street', stopwords), 'w st');
  assert.equal(normStreet('On Main', 'St', stopwords), 'main st');
});

test('StoryIndex (pair model): another shooting in the same city a day later stays apart, a later report of the first in other words joins it', () => {
  const idx = new StoryIndex({ stopwords });
  const [h1, r1, h2] = localReports().map((a) => idx.add(a));
  assert.notEqual(r1!.clusterId, h1!.clusterId, 'different victim, street and day');
  assert.equal(h2!.clusterId, h1!.clusterId, 'same victim, street and day of the shooting');
  assert.ok(h2!.score > 0 && h2!.score <= 1, 'the score is the pair model\'s probability');
});

// a report months later (the trial) that names the day of the shooting
const HAYES_TRIAL =
  'A Greene County jury on Tuesday found Marcus Bell guilty of second-degree murder in the March 4, 2016, shooting death of Darnell Hayes. ' +
  'Prosecutors said Bell fired from a car as Hayes stood in a driveway on Kimball Avenue. Sentencing is set for November.';

test('StoryIndex (pair model): a report months later that names the day of the shooting joins its story', () => {
  const idx = new StoryIndex({ stopwords });
  const [h1, r1, h2] = localReports();
  const trial = withTimes(
    mk('t1', HAYES_TRIAL, { title: 'Jury convicts man in Kimball Avenue killing', published: '2016-09-20', source: 'c.example', entities: [['P1', 'Marcus Bell', 'PERSON', null, ['Marcus Bell']], ['P2', 'Darnell Hayes', 'PERSON', null, ['Darnell Hayes']]] }),
    [['Tuesday', '2016-09-20'], ['March 4, 2016', '2016-03-04']],
  );
  assert.deepEqual(storyIdentity(trial, stopwords).past, [dayNumber('2016-03-04')], 'an earlier day the report names');
  const [a1, , a2, t1] = [h1!, r1!, h2!, trial].map((a) => idx.add(a));
  assert.equal(a2!.clusterId, a1!.clusterId);
  assert.equal(t1!.clusterId, a1!.clusterId, 'same victim and street, and it names the day of the shooting');
});

test('StoryIndex.stripTitleBoilerplate drops a headline part seen in earlier headlines (the outlet), never the first', () => {
  const idx = new StoryIndex({ stopwords });
  const sfx = ' - KSLA News 12 Shreveport, Louisiana News Weather & Sports';
  assert.equal(idx.stripTitleBoilerplate('Man shot on Hearne Avenue' + sfx), 'Man shot on Hearne Avenue' + sfx);
  assert.equal(idx.stripTitleBoilerplate('Two wounded in drive-by' + sfx), 'Two wounded in drive-by' + sfx);
  assert.equal(idx.stripTitleBoilerplate('Victim identified in overnight shooting' + sfx), 'Victim identified in overnight shooting');
  assert.equal(idx.stripTitleBoilerplate('Shooting - update'), 'Shooting - update');
});

test('StoryIndex: an index saved before the pair model goes on with the older rule after fromJSON', () => {
  const idx = new StoryIndex({ stopwords });
  for (const a of corpus().slice(0, 3)) idx.add(a);
  const json = JSON.parse(JSON.stringify(idx.toJSON()));
  assert.ok(json.options.model, 'the model is saved with the index');
  delete json.options.model;
  const old = StoryIndex.fromJSON(json);
  assert.equal(old.options.model, null);
  assert.equal(StoryIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON()))).options.model?.threshold, idx.options.model?.threshold);
});

test('name phrases are runs of capitalised words that never start with a stopword', () => {
  assert.deepEqual(namePhrases('The Word Tabernacle Church on Edwards Street. In Rocky Mount, police', stopwords), ['word tabernacle church', 'edwards street', 'rocky mount']);
});

test('outletOf uses the source, else the URL host, unwrapping web.archive.org', () => {
  assert.equal(outletOf({ source: 'AP', url: 'https://x.org/a' }), 'AP');
  assert.equal(outletOf({ source: null, url: 'http://web.archive.org/web/20151030223013/http://www.wral.com/news/1' }), 'wral.com');
  assert.equal(outletOf({ source: null, url: null }), null);
});

// ---------------------------------------------------------------- merged events, comparison, profiles

function reports(): Analysis[] {
  const t1 = 'Haftar forces shelled the port of Tripoli on Tuesday. Three people were killed, port officials said. The rebel leader Haftar denies it.';
  const t2 = 'The LNA of Khalifa Haftar attacked the port of Tripoli, and five people were killed, said the health ministry of the so-called Government of National Accord. "We will not return to Geneva," the Government of National Accord said.';
  const t3 = 'A year ago, Haftar forces shelled the port of Tripoli as well.';
  return [
    mk('r1', t1, {
      published: '2020-02-18', source: 'wire.example',
      entities: [['E1', 'Khalifa Haftar', 'PERSON', 'khalifa-haftar', ['Haftar'], ['rebel leader']], ['E2', 'Port officials', 'ORG', null, ['port officials']]],
      figures: [['Three people were killed', 'killed', 3, 'E2']],
      events: [['V1', 'ASSAULT', 'E1', null, '2020-02-18', 'shelled the port of Tripoli on Tuesday', [0], 'Tripoli']],
      labels: [['E1', 'rebel leader', 'delegitimizing']],
    }),
    mk('r2', t2, {
      published: '2020-02-19', source: 'gna.example',
      entities: [['E1', 'Khalifa Haftar', 'PERSON', 'khalifa-haftar', ['Khalifa Haftar'], ['commander']], ['E2', 'Health ministry', 'ORG', null, ['health ministry']], ['E3', 'Government of National Accord', 'ORG', 'gna', ['Government of National Accord']]],
      figures: [['five people were killed', 'killed', 5, 'E2']],
      events: [['V1', 'ASSAULT', 'E1', null, '2020-02', 'attacked the port of Tripoli', [0], 'Tripoli']],
      labels: [['E3', 'so-called', 'delegitimizing']],
      quotes: [['We will not return to Geneva,', 'E3']],
    }),
    mk('r3', t3, {
      published: '2020-02-20', source: 'wire.example',
      entities: [['E1', 'Khalifa Haftar', 'PERSON', 'khalifa-haftar', ['Haftar']]],
      events: [['V1', 'ASSAULT', 'E1', null, '2019-02', 'shelled the port of Tripoli as well']],
    }),
  ];
}

test('mergeEvents: two reports of one attack become one event with the spread of figures and claimants', () => {
  const merged = mergeEvents(reports());
  assert.equal(merged.length, 2, 'the attack a year earlier stays a separate event');
  const ev = merged.find((e) => e.reports.length === 2)!;
  assert.equal(ev.type, 'ASSAULT');
  assert.equal(ev.actor?.kb, 'khalifa-haftar');
  assert.equal(ev.date.value, '2020-02-18', 'the day-precision report wins over the month');
  assert.deepEqual(ev.earliest, { article: 'r1', outlet: 'wire.example', published: '2020-02-18' });
  assert.deepEqual(ev.outlets, ['gna.example', 'wire.example']);
  const killed = ev.spread.find((s) => s.kind === 'killed')!;
  assert.equal(killed.min, 3);
  assert.equal(killed.max, 5);
  assert.deepEqual(killed.values.map((v) => [v.value, v.claimants]), [[3, ['Port officials']], [5, ['Health ministry']]]);
  for (const r of ev.reports) {
    const a = reports().find((x) => x.article.id === r.article)!;
    assert.equal(a.article.text.slice(r.evidence.start, r.evidence.end), r.evidence.text);
  }
  // filters for `sitrep events --merged`
  assert.deepEqual(filterEvents(merged, { actor: 'Khalifa Haftar', from: '2020-02-01' }).map((e) => e.id), [ev.id]);
  assert.equal(filterEvents(merged, { actor: 'khalifa-haftar', to: '2019-12-31' }).length, 1, 'the attack a year before');
  assert.equal(filterEvents(merged, { type: 'protest' }).length, 0);
  // stories keep reports apart
  const split = mergeEvents(reports(), { storyOf: (id) => (id === 'r1' ? 'S1' : 'S2') });
  assert.equal(split.filter((e) => e.reports.length > 1).length, 0);
});

test('compareStory: labels per outlet, who is quoted, omissions and contradicting figures', () => {
  const c = compareStory(reports().slice(0, 2));
  assert.deepEqual(c.outlets, ['gna.example', 'wire.example']);
  const wire = c.byOutlet.find((o) => o.outlet === 'wire.example')!;
  const gna = c.byOutlet.find((o) => o.outlet === 'gna.example')!;
  assert.deepEqual(wire.labels.map((l) => [l.actorName, l.labels.map((x) => x.text)]), [['Khalifa Haftar', ['rebel leader']]]);
  assert.deepEqual(gna.labels.map((l) => [l.actorName, l.labels.map((x) => x.text)]), [['Government of National Accord', ['so-called']]]);
  assert.deepEqual(gna.quoted.map((q) => q.speakerName), ['Government of National Accord']);
  assert.equal(wire.quoted.length, 0);
  assert.deepEqual(wire.figures.map((f) => [f.kind, f.value, f.claimant]), [['killed', 3, 'Port officials']]);
  const k = c.contradictions.find((x) => x.kind === 'killed')!;
  assert.deepEqual(k.values.map((v) => [v.value, v.outlets]), [[3, ['wire.example']], [5, ['gna.example']]]);
  const q = c.omissions.find((f) => f.fact === 'quote Government of National Accord')!;
  assert.deepEqual([q.reportedBy, q.omittedBy], [['gna.example'], ['wire.example']]);
  assert.ok(!c.omissions.some((f) => f.fact === 'figure killed'), 'both outlets give a killed figure');
});

test('actorProfiles: names, roles over time, quotes, events as actor, labels by outlet', () => {
  const profiles = actorProfiles(reports());
  const h = findActor(profiles, 'Haftar')!;
  assert.equal(h.key, 'khalifa-haftar');
  assert.deepEqual(h.names.map((n) => n.name).sort(), ['Haftar', 'Khalifa Haftar']);
  const rl = h.roles.find((r) => r.role === 'rebel leader')!;
  assert.deepEqual([rl.first, rl.last], ['2020-02-18', '2020-02-18']);
  assert.equal(h.roles.find((r) => r.role === 'commander')?.first, '2020-02-19');
  assert.equal(h.asActor.length, 3);
  assert.deepEqual(h.labels, [{ outlet: 'wire.example', labels: [{ text: 'rebel leader', kind: 'delegitimizing', count: 1 }] }]);
  const gna = findActor(profiles, 'gna')!;
  assert.equal(gna.quotes.length, 1);
  assert.equal(gna.quotes[0]!.text, 'We will not return to Geneva,');
  assert.equal(findActor(profiles, 'nobody'), null);
});

// ---------------------------------------------------------------- exports

test('toCsv quotes fields with commas, quotes and line breaks', () => {
  const csv = toCsv([{ a: 'x, y', b: 'say "hi"', c: 'two\nlines' }, { a: 1, b: null, c: '' }], ['a', 'b', 'c']);
  assert.equal(csv, 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,\r\n');
});

test('exports: events CSV, ACLED fatalities (lowest report), GKG counts with claimant and quotes with speaker, PLOVER', () => {
  const rs = reports();
  const csv = eventsCsv(rs);
  assert.equal(csv.split('\r\n').length, 1 + 3 + 1);
  assert.match(csv, /^article_id,source,published,event_id,type/);
  const merged = mergeEvents(rs);
  const acled = acledRows(merged);
  const attack = acled.find((r) => r.source === 'gna.example; wire.example')!;
  assert.equal(attack.fatalities, 3);
  assert.equal(attack.event_date, '18 February 2020');
  assert.equal(attack.event_type, 'Battles');
  assert.equal(attack.actor1, 'Khalifa Haftar');
  // a week-precision date is the week's Monday with ACLED time precision 2
  const weekly = mk('w1', 'Protesters marched in Tripoli this week.', {
    published: '2020-02-22', entities: [['E1', 'Protesters', 'GROUP', null, ['Protesters']]],
    events: [['V1', 'PROTEST', 'E1', null, '2020-W08', 'Protesters marched in Tripoli']],
  });
  const wk = acledRows(mergeEvents([weekly]))[0]!;
  assert.deepEqual([wk.event_date, wk.time_precision, wk.event_type, wk.fatalities], ['17 February 2020', 2, 'Protests', 0]);
  const g = gkgRecord(rs[1]!, 0);
  assert.match(String(g['V2.1COUNTS']), /^KILL#5#people#.*#Health ministry$/);
  assert.equal(String(g['V2.1QUOTATIONS']).split('|').at(-1), 'Government of National Accord');
  assert.equal(g['V2.1DATE'], '20200219000000');
  const tsv = gkgTsv(rs);
  const lines = tsv.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.split('\t').length === GKG_COLUMNS.length));
  const pl = ploverFromAnalyses(rs);
  assert.equal(pl.length, 3);
  assert.equal(pl[0]!.event, 'ASSAULT');
  assert.equal(pl[0]!.actor_kb, 'khalifa-haftar');
  const pm = ploverFromMerged(merged);
  assert.equal(pm.find((r) => r.reports!.length === 2)?.article_id, 'r1');
});

// ---------------------------------------------------------------- the real pipeline

test('the seed through the corpus layer: its copy is folded and every merged report keeps its evidence', { skip: NO_SEED }, () => {
  const seed = analyzedSeed();
  const copy: Analysis = { ...seed, article: { ...seed.article, id: 'seed-copy', source: 'copy.example' } };
  const idx = new StoryIndex({ stopwords });
  const first = idx.add(seed);
  const second = idx.add(copy);
  assert.equal(second.duplicateOf, seed.article.id);
  assert.equal(second.clusterId, first.clusterId);
  const merged = mergeEvents([seed, copy]);
  assert.equal(merged.length > 0, seed.events.length > 0);
  for (const ce of merged) {
    for (const r of ce.reports) assert.equal(seed.article.text.slice(r.evidence.start, r.evidence.end), r.evidence.text);
  }
  const cmp = compareStory([seed, copy]);
  assert.equal(cmp.outlets.length, 2);
  assert.equal(cmp.contradictions.length, 0, 'the same text cannot contradict itself');
});

// ---------------------------------------------------------------- the repository's examples

test('the examples: the syndicated copy is folded, the reports are one story, and the comparison shows their labels and numbers', () => {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
  const index = JSON.parse(readFileSync(join(dir, '_index.json'), 'utf8')) as { articles: { file: string; item: number; language: string; syndicatedFrom?: string }[] };
  const ok = [...readPaths([dir], { now: new Date('2026-01-01T00:00:00Z') })].filter((r): r is Extract<ReadResult, { ok: true }> => r.ok);
  const res = loadResources();
  const byFile = new Map<string, Analysis[]>();
  for (const r of ok) {
    const f = basename(r.input.split(' ')[0]!);
    (byFile.get(f) ?? byFile.set(f, []).get(f)!).push(analyze(r.article, res));
  }
  const all = [...byFile.values()].flat().sort((x, y) => ((x.article.published ?? '') < (y.article.published ?? '') ? -1 : 1));
  assert.ok(all.length >= 12);
  const idx = new StoryIndex({ stopwords });
  const added = new Map(all.map((a) => [a.article.id, idx.add(a)]));

  const copy = index.articles.find((e) => e.syndicatedFrom)!;
  const copyId = byFile.get(copy.file)![copy.item]!.article.id;
  const origId = byFile.get(copy.syndicatedFrom!)![0]!.article.id;
  assert.equal(added.get(copyId)!.duplicateOf, origId, 'the syndicated copy under a new headline is folded');

  const english = index.articles.filter((e) => e.language === 'en').map((e) => byFile.get(e.file)![e.item]!.article.id);
  const stories = new Set(english.map((id) => added.get(id)!.clusterId));
  assert.equal(stories.size, 1, 'the English reports of the week are one story');
  const story = idx.story([...stories][0]!)!;
  assert.ok(!story.articles.includes(copyId), 'the copy is not a second report');
  assert.ok(story.outlets.length >= 10);

  const cmp = compareStory(all.filter((a) => story.articles.includes(a.article.id)));
  const haftarLabels = new Set(cmp.byOutlet.flatMap((o) => o.labels.filter((l) => l.actorName === 'Khalifa Haftar').flatMap((l) => l.labels.map((x) => x.text))));
  assert.ok(haftarLabels.size >= 2, `outlets label Haftar differently: ${[...haftarLabels].join(', ')}`);
  const killed = cmp.contradictions.find((c) => c.kind === 'killed');
  assert.ok(killed && killed.values.length >= 2, 'the outlets give different death tolls');
  assert.ok(killed.values.some((v) => v.value === 3), 'three dead, as the GNA health ministry says');
});
