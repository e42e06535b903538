import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { articleBlock } from '../src/analyze.js';
import { buildDocument } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { calendarDate, runTime } from '../src/time/index.js';
import { loadTimeResources } from '../src/time/load.js';
import type { TimeExpr } from '../src/types.js';
import type { Doc } from '../src/document/document.js';
import { NO_SEED, seedArticle } from './helpers.js';
import { parseTml, scoreDoc, summarize, type Timex } from '../bench/timeml.js';

// Only what this stage needs, so that the test does not depend on other stages' data.
const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));
const timeRes = loadTimeResources(DATA_DIR);

function tag(text: string, published: string | null = '2020-02-22'): Doc {
  const doc = buildDocument(articleBlock({ text, published }), abbreviations);
  runTime(doc, timeRes);
  return doc;
}

function find(doc: Doc, needle: string): TimeExpr {
  const t = doc.times.find((x) => x.text.includes(needle));
  assert.ok(t, `no time expression containing "${needle}" in ${JSON.stringify(doc.times.map((x) => x.text))}`);
  return t;
}

function spansHold(doc: Doc): void {
  for (const t of doc.times) assert.equal(doc.text.slice(t.start, t.end), t.text);
}

test('seed: every time expression in the spec has its value', { skip: NO_SEED }, () => {
  const doc = tag(seedArticle().text, seedArticle().published);
  spansHold(doc);
  const at = (needle: string, before: string) => {
    // The expression right after a given context, so that two "on Friday"s cannot be confused.
    const i = doc.text.indexOf(before);
    assert.ok(i >= 0, `context "${before}" not in the seed`);
    const t = doc.times.find((x) => x.start >= i && x.text.includes(needle));
    assert.ok(t, `no "${needle}" after "${before}"`);
    return t;
  };
  assert.equal(at('Friday', 'agency RIA').value, '2020-02-21');
  assert.equal(at('Friday', 'agency RIA').anchor, 'published');
  assert.equal(at('April', 'launched an offensive').value, '2019-04');
  assert.equal(at('November', 'Back in').value, '2019-11');
  assert.equal(at('Tuesday', 'key port').value, '2020-02-18');
  assert.equal(at('Thursday', 'Salame said').value, '2020-02-20');
  const morning = at('this morning', 'returned');
  // TimeML value of a part of a day: the date plus TMO (documented in data/time/README.md).
  assert.equal(morning.value, '2020-02-20TMO');
  assert.equal(morning.anchor, 'reported');
  assert.equal(morning.type, 'TIME');
  const h24 = at('24-hour', 'short,');
  assert.equal(h24.value, 'PT24H');
  assert.equal(h24.type, 'DURATION');
  assert.equal(at('2011', 'murder since').value, '2011');
  assert.equal(at('1969', 'the country since').value, '1969');
  // TimeML extents leave out the preposition.
  assert.equal(at('Friday', 'agency RIA').text, 'Friday');
  assert.equal(at('2011', 'murder since').text, '2011');
});

test('seed: timeFor gives the clause\'s own time, else the sentence\'s', { skip: NO_SEED }, () => {
  const doc = tag(seedArticle().text, seedArticle().published);
  const span = (s: string, from = 0) => {
    const i = doc.text.indexOf(s, from);
    assert.ok(i >= 0, s);
    return [i, i + s.length] as const;
  };
  assert.equal(doc.services.timeFor(...span('attacked'))?.value, '2020-02-18');
  assert.equal(doc.services.timeFor(...span('launched'))?.value, '2019-04');
  assert.equal(doc.services.timeFor(...span('signed'))?.value, '2019-11');
  const salame = doc.text.indexOf('Ghassan Salame said');
  assert.equal(doc.services.timeFor(...span('said', salame))?.value, '2020-02-20');
  // Inside the quote, the quote's own "this morning" governs "returned".
  assert.equal(doc.services.timeFor(...span('returned'))?.value, '2020-02-20TMO');
  // A sentence without a time has none.
  assert.equal(doc.services.timeFor(...span('Meanwhile')), null);
});

test('relative days: tense decides past or future; explicit last/next win', () => {
  const doc = tag('The minister met rebels on Friday. He will fly to Cairo on Monday. Last Saturday the talks failed; next Saturday they resume.');
  spansHold(doc);
  assert.equal(find(doc, 'Friday').value, '2020-02-21');
  assert.equal(find(doc, 'Monday').value, '2020-02-24');
  assert.equal(find(doc, 'Last Saturday').value, '2020-02-15');
  assert.equal(find(doc, 'next Saturday').value, '2020-02-29');
});

test('months and years: "in April" in a February paper is last April unless the verb is future', () => {
  const doc = tag('Fighting began in April. Elections will be held in June. Prices rose last year and this month.');
  assert.equal(find(doc, 'April').value, '2019-04');
  assert.equal(find(doc, 'June').value, '2020-06');
  assert.equal(find(doc, 'last year').value, '2019');
  assert.equal(find(doc, 'this month').value, '2020-02');
});

test('tense around the timex: the paper\'s own weekday, scheduled present, "to be" + participle, -ceed', () => {
  // 2020-02-21 is a Friday.
  const fri = tag('The council voted to support the plan Friday. The Senate votes Monday on the bill. The law takes effect in July.', '2020-02-21');
  assert.equal(find(fri, 'Friday').value, '2020-02-21');
  assert.equal(find(fri, 'Monday').value, '2020-02-24');
  assert.equal(find(fri, 'July').value, '2020-07');
  const oct = tag('Mr. Schwarz will succeed Daniel Davison Feb. 1. He added that final guidelines to be published in early November would decide. It would be paid on a still unspecified date in January.', '1989-10-26');
  assert.equal(find(oct, 'Feb. 1').value, '1990-02-01');
  assert.equal(find(oct, 'early November').value, '1989-11');
  assert.equal(find(oct, 'January').value, '1990-01');
  // A past verb still wins: the vote took place last Monday.
  assert.equal(find(tag('The Senate voted Monday on the bill.', '2020-02-21'), 'Monday').value, '2020-02-17');
});

test('extents keep approximators; "for the year" is a span; "the end of the month"', () => {
  const doc = tag('He left almost two years ago and arrived around 7:15 p.m. after over a week. Profit for the year rose. The deal closes by the end of the month.');
  spansHold(doc);
  assert.equal(find(doc, 'two years').text, 'almost two years ago');
  assert.equal(find(doc, 'two years').value, '2018');
  assert.equal(find(doc, '7:15').text, 'around 7:15 p.m.');
  assert.equal(find(doc, 'week').text, 'over a week');
  const year = find(doc, 'the year');
  assert.equal(year.type, 'DURATION');
  assert.equal(year.value, 'P1Y');
  assert.equal(find(doc, 'the end of the month').value, '2020-02');
  // "over" before "the past" is a preposition, not part of the span.
  assert.equal(find(tag('Costs fell over the past two years.'), 'two years').text, 'the past two years');
});

test('a clock time takes its day from a neighbouring day; deadlines look ahead; the verb "last" stays out', () => {
  // 2020-02-22 is a Saturday.
  const doc = tag('The attack began shortly after 2 p.m. on Tuesday, police said. On Wednesday at 10 a.m. they met. The trial is expected to last three weeks. He hoped for a deal by summer.');
  spansHold(doc);
  assert.equal(find(doc, '2 p.m.').value, '2020-02-18T14:00');
  assert.equal(find(doc, '10 a.m.').value, '2020-02-19T10:00');
  assert.equal(find(doc, 'three weeks').text, 'three weeks');
  assert.equal(find(doc, 'summer').value, '2020-SU');
  assert.equal(find(tag('Prices had risen by March.'), 'March').value, '2019-03');
});

test('years in words, as broadcast transcripts write them', () => {
  const doc = tag('In nineteen ninety-six and in January nineteen ninety-seven, by the year two thousand; the winter of nineteen ninety-four. Two thousand people marched.', '1998-03-03');
  spansHold(doc);
  assert.equal(find(doc, 'nineteen ninety-six').value, '1996');
  assert.equal(find(doc, 'January nineteen').value, '1997-01');
  assert.equal(find(doc, 'the year two thousand').value, '2000');
  assert.equal(find(doc, 'winter').value, '1994-WI');
  assert.ok(!doc.times.some((t) => t.text.includes('Two thousand')));
});

test('"the next morning" after a coarser date is anchored to the last day-precise one', () => {
  const doc = tag('The blast came on March 4, 2009. In 2010 more followed. The next morning police came.');
  const t = find(doc, 'The next morning');
  assert.equal(t.type, 'TIME');
  assert.equal(t.value, '2009-03-05TMO');
  assert.equal(t.anchor, 'previous');
});

test('datelines, typos, and full dates', () => {
  const doc = tag('TRIPOLI, Feb.18, 2020 (Reuters) - Shelling hit the port. The ceasefire of Fen. 12 collapsed. The accord of March 3, 2019 held.');
  spansHold(doc);
  assert.equal(find(doc, 'Feb.18, 2020').value, '2020-02-18');
  assert.equal(find(doc, 'Feb.18, 2020').anchor, 'none');
  assert.equal(find(doc, 'Fen. 12').value, '2020-02-12');
  assert.equal(find(doc, 'March 3, 2019').value, '2019-03-03');
  // "fen" without a day after it is not a month.
  assert.equal(tag('The fen drained slowly.').times.length, 0);
});

test('anaphoric times are anchored to the previous time', () => {
  const doc = tag('The convoy left on March 3, 2019. Two days later it was attacked, and the day before it had been warned.');
  const later = find(doc, 'Two days later');
  assert.equal(later.value, '2019-03-05');
  assert.equal(later.anchor, 'previous');
  const before = find(doc, 'the day before');
  assert.equal(before.value, '2019-03-04');
  assert.equal(before.anchor, 'previous');
});

test('reported speech anchors deictic words to the speech date', () => {
  const doc = tag('The mayor said on Wednesday that the water was cut off this morning. Officials said the roads reopened today.');
  assert.equal(find(doc, 'Wednesday').value, '2020-02-19');
  const morning = find(doc, 'this morning');
  assert.equal(morning.value, '2020-02-19TMO');
  assert.equal(morning.anchor, 'reported');
  assert.equal(find(doc, 'today').value, '2020-02-22');
  assert.equal(find(doc, 'today').anchor, 'published');
});

test('durations, sets and references follow TimeML', () => {
  const doc = tag('The siege lasted three years and at least 10 days, a 24-hour truce held, and talks take place every Monday and twice a year. For now, the past two months were calm; the 1990s were worse, as was the 19th century.');
  assert.equal(find(doc, 'three years').value, 'P3Y');
  assert.equal(find(doc, 'at least 10 days').value, 'P10D');
  assert.equal(find(doc, '24-hour').value, 'PT24H');
  assert.equal(find(doc, 'every Monday').type, 'SET');
  assert.equal(find(doc, 'every Monday').value, 'XXXX-WXX-1');
  assert.equal(find(doc, 'a year').type, 'SET');
  assert.equal(find(doc, 'now').value, 'PRESENT_REF');
  assert.equal(find(doc, 'the past two months').value, 'P2M');
  assert.equal(find(doc, 'the 1990s').value, '199');
  assert.equal(find(doc, 'century').value, '18');
});

test('without a publication date, underspecified values stay underspecified', () => {
  const doc = tag('The offensive began in April and the envoy spoke on Friday, March 6, and yesterday.', null);
  assert.equal(find(doc, 'April').value, 'XXXX-04');
  assert.equal(find(doc, 'March 6').value, 'XXXX-03-06');
  const y = find(doc, 'yesterday');
  assert.equal(y.value, null);
  assert.equal(y.anchor, 'none');
});

test('no input makes it throw, and every span holds', () => {
  const inputs = [
    'It happened on Feb. 30, 2020 and on 31/31/2020.',
    'In the year 99999 and 12345, or 0000.',
    'During the 1990s and the \'80s, and in 2020/21 and 2009-10.',
    'Arabic-Indic digits: ٢٠٢٠ and ١٨ فبراير.',
    'See https://example.com/2020/02/21/story-on-friday.html for details.',
    '', '   ', 'Friday', 'May', 'may may may 5', '12:99 p.m. and 25:00 hours',
    'the day before', 'two days later', 'at 10 a.m. Thursday', 'Christmas Day 2019 and Thanksgiving',
  ];
  for (const text of inputs) {
    for (const published of ['2020-02-22', null, '2020-02-22T10:00:00Z', 'not a date']) {
      const doc = tag(text, published);
      spansHold(doc);
      for (const t of doc.times) assert.ok(['DATE', 'TIME', 'DURATION', 'SET'].includes(t.type));
    }
  }
  const url = tag('See https://example.com/2020/02/21/story-on-friday.html for details.');
  assert.equal(url.times.length, 0, 'nothing is tagged inside a URL');
  assert.equal(find(tag('During the 1990s.'), '1990s').value, '199');
  assert.equal(find(tag('It was Feb. 30, 2020.'), 'Feb. 30').value, null);
});

test('output is deterministic', { skip: NO_SEED }, () => {
  const a = tag(seedArticle().text, seedArticle().published).times;
  const b = tag(seedArticle().text, seedArticle().published).times;
  assert.deepEqual(a, b);
});

test('TempEval-3 scorer: gold against itself is 100, a hand case scores as computed', () => {
  const xml = '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>'
    + '<TEXT>He left <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> &amp; came back <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> later.</TEXT></TimeML>';
  const d = parseTml('x', xml);
  assert.equal(d.dct, '2013-03-22');
  assert.equal(d.text, 'He left Friday & came back two days later.');
  assert.deepEqual(d.timexes.map((t) => t.text), ['Friday', 'two days']);
  const self = summarize(scoreDoc(d.text, d.timexes, d.timexes));
  assert.equal(self.extentF1, 100);
  assert.equal(self.valueF1, 100);
  const sys: Timex[] = [
    { start: 8, end: 14, text: 'Friday', type: 'DATE', value: '2013-03-15' },
    { start: 27, end: 42, text: 'two days later', type: 'DATE', value: '2013-03-24' },
  ];
  const s = summarize(scoreDoc(d.text, d.timexes, sys));
  assert.equal(s.extentF1, 100); // both overlap a gold timex
  assert.equal(s.strictF1, 50); // one exact extent of two
  assert.equal(s.valueF1, 0); // neither value right
  assert.equal(s.typeF1, 50); // DATE right once
});

test('property: any mix of time words, digits and punctuation never throws and keeps spans exact', async () => {
  const fc = await import('fast-check');
  const pieces = ['Friday', 'May', 'may', 'Feb.', 'Fen.', '18', '2020', '1990s', "'90s", 'the', 'day', 'before', 'after', 'two', 'days',
    'later', 'ago', 'last', 'next', 'this', 'morning', 'a.m.', '10:30', 'p.m.', 'quarter', 'third-quarter', 'year-ago', 'every',
    'twice', 'a', 'year', 'since', 'now', '“', '”', '"', ',', '.', '-', '/', '٢٠٢٠', '99999', 'https://x.org/2020/02/21', 'century',
    '21st', 'half', 'early', 'mid-', 'said', 'will', 'Christmas', 'Thanksgiving', 'noon', '24-hour', 'and a half', '1/2', 'the weekend'];
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...pieces), { maxLength: 30 }),
    fc.array(fc.constantFrom(' ', '', '\n', '  '), { minLength: 30, maxLength: 30 }),
    fc.constantFrom('2020-02-22', '2013-03-31', '1999-12-31', null),
    (words, seps, published) => {
      const text = words.map((w, i) => w + seps[i]!).join('');
      const doc = tag(text, published);
      spansHold(doc);
      for (let i = 1; i < doc.times.length; i++) assert.ok(doc.times[i - 1]!.end <= doc.times[i]!.start, 'expressions do not overlap');
      for (const t of doc.times) {
        assert.ok(['DATE', 'TIME', 'DURATION', 'SET'].includes(t.type));
        assert.ok(t.value === null || /^[0-9A-Z_:.-]+$/.test(t.value), `odd value ${t.value}`);
      }
    },
  ), { numRuns: 300, seed: 42 });
});

test('calendarDate: the date and precision of a TimeML value', () => {
  assert.deepEqual(calendarDate('2020-02-20TMO'), { value: '2020-02-20', precision: 'day' });
  assert.deepEqual(calendarDate('2020-02-20T09:30'), { value: '2020-02-20', precision: 'day' });
  assert.deepEqual(calendarDate('2020-W08'), { value: '2020-W08', precision: 'week' });
  assert.deepEqual(calendarDate('2019-04'), { value: '2019-04', precision: 'month' });
  assert.deepEqual(calendarDate('2019-Q3'), { value: '2019', precision: 'year' });
  assert.deepEqual(calendarDate('2019'), { value: '2019', precision: 'year' });
  for (const v of ['P3Y', 'PRESENT_REF', 'XXXX-04', '199', null]) assert.equal(calendarDate(v), null);
});

test('2013-style news expressions: kinds rare in the 1989–2000 development news', () => {
  const p = '2013-03-15'; // a Friday
  const one = (text: string, needle: string) => { const d = tag(text, p); spansHold(d); return find(d, needle); };
  const expect = (text: string, needle: string, extent: string, type: string, value: string | null) => {
    const t = one(text, needle);
    assert.deepEqual([t.text, t.type, t.value], [extent, type, value], text);
  };
  expect('The plant will open later this year.', 'year', 'later this year', 'DATE', '2013');
  expect('He resigned earlier this month.', 'month', 'earlier this month', 'DATE', '2013-03');
  expect('He left last fall.', 'fall', 'last fall', 'DATE', '2012-FA');
  expect('The rules take effect this spring.', 'spring', 'this spring', 'DATE', '2013-SP');
  expect('The law took effect Jan. 1, 2013.', 'Jan', 'Jan. 1, 2013', 'DATE', '2013-01-01');
  expect('Sales fell in January 2013.', 'January', 'January 2013', 'DATE', '2013-01');
  expect('The report was released on 2013-01-15.', '2013', '2013-01-15', 'DATE', '2013-01-15');
  expect('He was arrested on Christmas Eve.', 'Christmas', 'Christmas Eve', 'DATE', '2012-12-24');
  expect('The conflict has lasted decades.', 'decades', 'decades', 'DURATION', 'PXDE');
  expect('He signed a two-year contract.', 'two', 'two-year', 'DURATION', 'P2Y');
  expect('The 18-month study ended.', '18', '18-month', 'DURATION', 'P18M');
  expect('The festival is held every year.', 'year', 'every year', 'SET', 'P1Y');
  expect('He was arrested Monday night.', 'Monday', 'Monday night', 'TIME', '2013-03-11TNI');
  expect('The vote is set for Tuesday morning.', 'Tuesday', 'Tuesday morning', 'TIME', '2013-03-19TMO');
  expect('Rebels attacked overnight.', 'overnight', 'overnight', 'TIME', '2013-03-15TNI');
  expect('At the moment, the talks are stalled.', 'moment', 'At the moment', 'DATE', 'PRESENT_REF');
  expect('The plant closed in mid-2012.', '2012', 'mid-2012', 'DATE', '2012');
  // "year-end" is that December 31 (as TimeBank writes it); "year's end" the year itself.
  expect('The deal should close by year-end.', 'year', 'year-end', 'DATE', '2013-12-31');
  expect("Sales were weak at year's end.", 'year', "year's end", 'DATE', '2013');
  // A price before "a week earlier" does not make it a rate ("$9 a week").
  expect('Shares rose to $10 from $9 a week earlier.', 'week', 'a week earlier', 'DATE', '2013-W10');
  assert.equal(tag('Fares are $9 a week.', p).times.length, 0);
  // "the Tuesday vote": "vote" is a noun the weekday modifies, not a scheduled-present verb.
  expect('The Tuesday vote failed.', 'Tuesday', 'Tuesday', 'DATE', '2013-03-12');
  expect('The Senate votes Tuesday.', 'Tuesday', 'Tuesday', 'DATE', '2013-03-19');
  // Ages are not time expressions.
  assert.equal(tag('The 45-year-old man was arrested.', p).times.length, 0);
  assert.equal(tag('He is 45 years old.', p).times.length, 0);
});

test('holidays by rule (Easter, Black Friday, Election Day) and business shorthand (Q4 2012, H1, FY2013)', () => {
  const p = '2013-03-15';
  const one = (text: string, needle: string, published: string | null = p) => { const d = tag(text, published); spansHold(d); return find(d, needle); };
  const expect = (text: string, needle: string, extent: string, value: string | null) => {
    const t = one(text, needle);
    assert.deepEqual([t.text, t.type, t.value], [extent, 'DATE', value], text);
  };
  expect('He was born on Easter Sunday, 1990.', 'Easter', 'Easter Sunday, 1990', '1990-04-15');
  expect('Shops closed for Easter.', 'Easter', 'Easter', '2012-04-08');
  expect('Stores expect big crowds on Black Friday.', 'Black', 'Black Friday', '2013-11-29');
  expect('Voters went to the polls on Election Day.', 'Election', 'Election Day', '2012-11-06');
  expect("Flowers sold well on Valentine's Day.", 'Valentine', "Valentine's Day", '2013-02-14');
  expect('Fireworks lit the sky on July Fourth.', 'July', 'July Fourth', '2012-07-04');
  // A sentence's full stop is not part of "July" or a run-together "3am".
  expect('He left on the fourth of July.', 'July', 'the fourth of July', '2012-07-04');
  const am = one('It ended at 3am.', '3am');
  assert.deepEqual([am.text, am.value], ['3am', '2013-03-15T03:00']);
  expect('Sales rose in Q4 2012.', 'Q4', 'Q4 2012', '2012-Q4');
  expect('Sales rose in H1 2013.', 'H1', 'H1 2013', '2013-H1');
  expect('The FY2013 budget was cut.', 'FY', 'FY2013', '2013');
  expect('Sales rose in 3Q.', '3Q', '3Q', '2012-Q3');
  for (const text of ['He drove a Q7 car.', 'He rated it 3 Q.', 'The easter wind blew.']) assert.equal(tag(text, p).times.length, 0, text);
});

test('looking-ahead quarters, "the weeks ahead", "decades-old", clock times in words', () => {
  const p = '2013-03-15';
  const got = (text: string, needle: string) => { const d = tag(text, p); spansHold(d); const t = find(d, needle); return [t.text, t.type, t.value]; };
  assert.deepEqual(got('Sales will rise in the third quarter.', 'quarter'), ['the third quarter', 'DATE', '2013-Q3']);
  assert.deepEqual(got('Sales rose in the third quarter.', 'quarter'), ['the third quarter', 'DATE', '2012-Q3']);
  assert.deepEqual(got('In the weeks ahead, talks resume.', 'weeks'), ['the weeks ahead', 'DURATION', 'PXW']);
  assert.deepEqual(got('The decades-old dispute flared.', 'decades'), ['decades-old', 'DURATION', 'PXDE']);
  assert.deepEqual(got('He died at 4 in the afternoon.', '4'), ['4 in the afternoon', 'TIME', '2013-03-15T16:00']);
  assert.deepEqual(got("The meeting began at 10 o'clock.", '10'), ["10 o'clock", 'TIME', '2013-03-15T10:00']);
  // "the fall" under a past verb, said in March, is last year's; under a future verb this year's.
  assert.deepEqual(got('The law was passed in the fall.', 'fall'), ['the fall', 'DATE', '2012-FA']);
  assert.deepEqual(got('The law will pass in the fall.', 'fall'), ['the fall', 'DATE', '2013-FA']);
  assert.deepEqual(got('By mid afternoon, troops left.', 'mid'), ['mid afternoon', 'TIME', '2013-03-15TAF']);
  assert.deepEqual(got('At mid-afternoon yesterday, shares fell.', 'mid'), ['mid-afternoon yesterday', 'TIME', '2013-03-14TAF']);
  assert.equal(tag('He was a mid-afternoon guest.', p).times.length, 0);
  assert.deepEqual(got('It was tough in recent quarters.', 'quarters'), ['recent quarters', 'DURATION', 'PXQ']);
  assert.deepEqual(got('It bodes ill for coming quarters.', 'quarters'), ['coming quarters', 'DATE', 'FUTURE_REF']);
  assert.deepEqual(got('Cuts will come by year end.', 'year'), ['year end', 'DATE', '2013']);
  // A short past form is a tense cue too: Good Friday 2013 (March 29) had not come yet.
  assert.deepEqual(got('He died on Good Friday.', 'Good'), ['Good Friday', 'DATE', '2012-04-06']);
});

test('"the latest period", "that same day", a clock time\'s colon is no clause break, "midmorning"', () => {
  const p = '2013-03-19'; // a Tuesday
  const got = (text: string, needle: string) => { const d = tag(text, p); spansHold(d); const t = find(d, needle); return [t.text, t.type, t.value]; };
  // In a quarterly report, "the latest period" is the quarter just reported, like "the latest quarter".
  assert.deepEqual(got('Sales in the latest period were $1.76 billion.', 'period'), ['the latest period', 'DATE', '2012-Q4']);
  // "that same day" is the previous time's day, as "that day" and "the same day" are.
  assert.deepEqual(got('On Jan. 5 police arrived; his name was crossed out that same day.', 'same'), ['that same day', 'DATE', '2013-01-05']);
  assert.deepEqual(got('Police arrived on Jan. 5. Earlier that same day, he left.', 'same'), ['Earlier that same day', 'DATE', '2013-01-05']);
  // The scheduled present "votes" governs Monday across the clock time "18:00" (its colon does not end the clause).
  assert.deepEqual(got('The parliament votes at 18:00 GMT on Monday.', 'Monday'), ['Monday', 'DATE', '2013-03-25']);
  assert.deepEqual(got('The parliament votes at 18:00 GMT on Monday.', '18'), ['18:00 GMT', 'TIME', '2013-03-25T18:00']);
  // A real colon still ends the clause: nothing looks ahead past it.
  assert.deepEqual(got('The parliament votes: on Monday, calm.', 'Monday'), ['Monday', 'DATE', '2013-03-18']);
  assert.deepEqual(got('Shares rose by midmorning.', 'mid'), ['midmorning', 'TIME', '2013-03-19TMO']);
  // "the previous/following <weekday>" counts from the previous day in the text; "last Friday" from publication.
  assert.deepEqual(got('Stocks fell on Friday, March 1, down 4% from the previous Friday.', 'previous'), ['the previous Friday', 'DATE', '2013-02-22']);
  assert.deepEqual(got('The ship left on Feb. 1, 2013. The following Monday, it sank.', 'following'), ['The following Monday', 'DATE', '2013-02-04']);
  assert.deepEqual(got('Stocks fell on Friday, March 1, down 4% from last Friday.', 'last'), ['last Friday', 'DATE', '2013-03-15']);
  assert.deepEqual(got('We met the previous Friday.', 'previous'), ['the previous Friday', 'DATE', '2013-03-15']);
  // A plan seen from a past perfect is over: "had been due/scheduled to expire Friday" is last Friday.
  const q = '1989-10-30'; // a Monday
  const at = (text: string, needle: string) => find(tag(text, q), needle).value;
  assert.equal(at('The offer was extended. It had been due to expire Friday evening.', 'Friday'), '1989-10-27TEV');
  assert.equal(at('The offer previously had been scheduled to expire at midnight Friday.', 'Friday'), '1989-10-27T24:00');
  assert.equal(at('The offer is due to expire Friday evening.', 'Friday'), '1989-11-03TEV');
  assert.equal(at('The offer is scheduled to expire at midnight Friday.', 'Friday'), '1989-11-03T24:00');
  // The date a plan is made for lies ahead, though "planned" is a past form.
  assert.equal(find(tag('The accession was planned for early March, officials said.', '1999-02-10'), 'March').value, '1999-03');
  assert.equal(find(tag('The accession had been planned for early March.', '1999-02-10'), 'March').value, '1998-03');
  // A noun of intention before "to" + verb looks ahead like a verb does ("plans to", "agreed to").
  assert.equal(find(tag('It signed an agreement to acquire the bank in January.', '1989-11-02'), 'January').value, '1990-01');
  assert.equal(find(tag('It signed an agreement with the bank in January.', '1989-11-02'), 'January').value, '1989-01');
  // Scheduled present: "ends", "closes", "takes place", "falls on", "travels to", "heads to" look ahead.
  const f = '2013-03-15'; // a Friday
  assert.equal(find(tag('The session of parliament ends in June.', f), 'June').value, '2013-06');
  assert.equal(find(tag('The minister travels to Paris on Monday.', f), 'Monday').value, '2013-03-18');
  assert.equal(find(tag('The minister heads to Paris on Monday.', f), 'Monday').value, '2013-03-18');
  assert.equal(find(tag('The anniversary falls on Wednesday.', f), 'Wednesday').value, '2013-03-20');
  assert.equal(find(tag('The meeting takes place on Tuesday.', f), 'Tuesday').value, '2013-03-19');
  assert.equal(find(tag('He went to Paris on Monday.', f), 'Monday').value, '2013-03-11');
  // A range's end does not come before its start; under a past verb the start moves back instead.
  const r = (text: string) => tag(text, f).times.map((t) => t.value);
  assert.deepEqual(r('The talks will run from Monday to Friday.'), ['2013-03-18', '2013-03-22']);
  assert.deepEqual(r('He worked between Friday and Monday.'), ['2013-03-08', '2013-03-11']);
  assert.deepEqual(r('It rained Monday and Friday.'), ['2013-03-11', '2013-03-15']);
  // "a decade ago" is the year ten years back, like "10 years ago" (AQUAINT writes 1989 for it in 1999).
  assert.deepEqual(r('A decade ago the city was a war zone.'), ['2003']);
  assert.deepEqual(r('The war began 10 years ago.'), ['2003']);
  assert.deepEqual(r('The firm was founded a century ago.'), ['1913']);
  // "or so" and a range of counts belong to the expression (TimeBank tags them inside).
  const span = (text: string, d = '1989-10-30') => tag(text, d).times.map((t) => [t.text, t.value]);
  assert.deepEqual(span('The plant will be closed over the next year or so.'), [['the next year or so', '1990']]);
  assert.deepEqual(span('Then, a week or so ago, he left.', '1991-02-25'), [['a week or so ago', '1991-W08']]);
  assert.deepEqual(span('Shipments resume within two to three weeks.'), [['two to three weeks', 'P2W']]);
  assert.deepEqual(span('Deals will be made during the next 12 to 18 months.'), [['the next 12 to 18 months', 'P12M']]);
  assert.deepEqual(span('Shares rose 2 to 3 percent over three days.'), [['three days', 'P3D']]);
  // "the past century" is the last hundred years; "last century" is the century before this one.
  assert.deepEqual(span('It was one of the events of the past century.'), [['the past century', 'P100Y']]);
  assert.deepEqual(span('Last century, wars raged.', '2013-03-15'), [['Last century', '19']]);
  // A clock time with no day is on the day the text is talking about, if that day is near.
  assert.deepEqual(span('Police arrived on Tuesday. At 10 a.m., the suspect surrendered.', '2013-03-15'),
    [['Tuesday', '2013-03-12'], ['10 a.m.', '2013-03-12T10:00']]);
  assert.deepEqual(span('He was born on Jan. 5, 1950. He has a wife. He has two sons. He has a dog. The meeting starts at 10 a.m.', '2013-03-15'),
    [['Jan. 5, 1950', '1950-01-05'], ['10 a.m.', '2013-03-15T10:00']]);
  // …and takes the day that follows a parenthesis: "10:35 a.m. (0735 GMT) Friday".
  assert.deepEqual(span('The blast occurred at about 10:35 a.m. (0735 GMT) Friday, police said.', '1998-08-08'),
    [['10:35 a.m.', '1998-08-07T10:35'], ['0735 GMT', '1998-08-07T07:35'], ['Friday', '1998-08-07']]);
});

test('a month and day under a past verb looks back unless it lies within ~6 weeks; "payable" looks ahead', () => {
  const v = (text: string, d: string) => tag(text, d).times.map((t) => [t.text, t.value]);
  // Three months ahead is too far for a past verb: the last Jan. 31.
  assert.deepEqual(v('In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.', '1989-10-31'),
    [['the fiscal year', 'P1Y'], ['Jan. 31', '1989-01-31']]);
  // A dividend declared now is paid later.
  assert.deepEqual(v('Oneida declared a 10% stock dividend, payable Dec. 15.', '1989-10-26'), [['Dec. 15', '1989-12-15']]);
  // Without a past verb the nearest date stands.
  assert.deepEqual(v('The offer expires Jan. 31.', '1989-10-31'), [['Jan. 31', '1990-01-31']]);
});

test('compounds and "the future" as a noun are not times; data lists drive both', () => {
  const v = (text: string) => tag(text, '1989-10-30').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v('The quarter-to-quarter comparison was also hurt.'), []);
  assert.deepEqual(v('Profit fell in the quarter.'), [['the quarter', '1989-Q3']]);
  assert.deepEqual(v('That is very important to the future of our peoples.'), []);
  assert.deepEqual(v('The future looks anything but encouraging.'), []);
  assert.deepEqual(v('They will expand in the future.'), [['the future', 'FUTURE_REF']]);
  // The lists come from the lexicon: without them, both are tagged again.
  const file = readJson<import('../src/time/lexicon.js').TimeLexiconFile>(join(DATA_DIR, 'time', 'lexicon.json'));
  assert.ok(file.compoundLinks?.includes('to') && file.futureNounAfter?.includes('of'));
});

test('decades written with an apostrophe: "the 1980\'s" is the decade, a bare "1980\'s" a year', () => {
  const v = (text: string) => tag(text, '2013-03-15').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v("Crime rose in the 1980's."), [["the 1980's", '198']]);
  assert.deepEqual(v("Crime rose in the late 1980’s."), [['the late 1980’s', '198']]);
  assert.deepEqual(v("He won 1980's election."), [['1980', '1980']]);
});

test('the trigger-side checks (follow / before) keep every form of date and count they guard', () => {
  const v = (text: string) => tag(text, '2013-03-15').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v('It lasted twenty-one months, then 1 1/2 years, then two and a half years, then a couple of weeks, then several straight days, then two - year terms, then 3.5 hours and half an hour.'),
    [['twenty-one months', 'P21M'], ['1 1/2 years', 'P1Y6M'], ['two and a half years', 'P2Y6M'], ['a couple of weeks', 'P2W'],
      ['several straight days', 'PXD'], ['two - year', 'P2Y'], ['3.5 hours', 'PT3H30M'], ['half an hour', 'PT30M']]);
  assert.deepEqual(v('On 2020-02-21, 02/21/2020 and 2020/02/21, in March, 2012, in May of last year and on March 3rd it rained.'),
    [['2020-02-21', '2020-02-21'], ['02/21/2020', '2020-02-21'], ['2020/02/21', '2020-02-21'], ['March, 2012', '2012-03'],
      ['May of last year', '2012-05'], ['March 3rd', '2013-03-03']]);
  assert.deepEqual(v('He left at 4 in the morning, at 10 o\'clock and at 18:00 GMT; the decades-old feud goes on.').map((x) => x[0]),
    ['4 in the morning', '10 o\'clock', '18:00 GMT', 'decades-old']);
  // A bare month before a digit is left to the month-day pattern; a unit with no count before it is no counted duration.
  assert.deepEqual(v('In March 5 people died, and the year ended.'), [['March 5', '2013-03-05'], ['the year', '2013']]);
});

test('a bare plural unit before "of" is a duration after the words in bareUnitAfter; "the early hours of" is not', () => {
  const v = (text: string) => tag(text, '2000-02-24').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v('The agreement follows months of twists and turns.'), [['months', 'PXM']]);
  assert.deepEqual(v('After weeks of sparring, they met.'), [['weeks', 'PXW']]);
  assert.deepEqual(v('He has years of experience.'), []);
  assert.deepEqual(v('He was arrested in the early hours of Thursday morning.').map((x) => x[0]), ['Thursday morning']);
});

test('the later days of a list after a month and day ("April 24 and 25"), not a count ("May 3 and 10 people")', () => {
  const v = (text: string) => tag(text, '1999-02-10').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v('The summit will be held on April 24 and 25.'), [['April 24', '1999-04-24'], ['25', '1999-04-25']]);
  assert.deepEqual(v('They vote on March 21 or 22.'), [['March 21', '1999-03-21'], ['22', '1999-03-22']]);
  assert.deepEqual(v('On May 3 and 10 people died.').map((x) => x[0]), ['May 3']);
  assert.deepEqual(v('On March 3 and 5 percent rose.').map((x) => x[0]), ['March 3']);
});

test('"for a while" is an unspecified span; "once in a while" and "a while ago" are not', () => {
  const v = (text: string) => tag(text, '1998-01-11').times.map((t) => [t.text, t.type, t.value]);
  assert.deepEqual(v('They will have to live without it for a while.'), [['a while', 'DURATION', 'PXX']]);
  assert.deepEqual(v('Once in a while it rains.'), []);
  assert.deepEqual(v('He waited a while.'), []);
});

test('counted business days: "eight trading days", "five business days", "three working days"', () => {
  const v = (text: string) => tag(text, '1989-10-30').times.map((t) => [t.text, t.value]);
  assert.deepEqual(v('Eight trading days after Oct. 12, stocks fell.'), [['Eight trading days', 'P8D'], ['Oct. 12', '1989-10-12']]);
  assert.deepEqual(v('Payment is due within five business days.'), [['five business days', 'P5D']]);
  // "a calendar year" (the kind of accounting year) is left alone.
  assert.deepEqual(v('The company changed from a fiscal year to a calendar year.'), []);
});
