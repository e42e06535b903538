import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, documentFor, STAGES } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Analysis, Quote } from '../src/types.js';
import { NO_SEED, analyzedSeed } from './helpers.js';

const res = loadResources();
const run = (text: string, published = '2024-03-07') => analyze({ text, published }, res);
const nameOf = (a: Analysis, id: string | null) => a.entities.find((e) => e.id === id)?.name ?? null;
const find = (a: Analysis, part: string): Quote => {
  const q = a.quotes.find((x) => x.text.includes(part));
  assert.ok(q, `no quote containing "${part}" in ${JSON.stringify(a.quotes.map((x) => x.text))}`);
  return q;
};

function assertSpans(a: Analysis) {
  for (const q of a.quotes) {
    assert.equal(a.article.text.slice(q.start, q.end), q.text);
    for (const s of [q.speakerMention, q.cue]) if (s) assert.equal(a.article.text.slice(s.start, s.end), s.text);
  }
}

test('cue lexicon keeps speech apart from belief and perception, with tense', () => {
  assert.deepEqual([res.quotes.cues.get('said')?.cls, res.quotes.cues.get('said')?.tense], ['speech', 'past']);
  assert.deepEqual([res.quotes.cues.get('says')?.cls, res.quotes.cues.get('says')?.tense], ['speech', 'present']);
  assert.equal(res.quotes.cues.get('believes')?.cls, 'belief');
  assert.equal(res.quotes.cues.get('wants')?.cls, 'belief');
  assert.equal(res.quotes.cues.get('saw')?.cls, 'perception');
  assert.equal(res.quotes.cues.get('calls for')?.lemma, 'call');
});

test('seed: Haftar, the GNA twice and Ghassan Salame twice, with speakers and dates', { skip: NO_SEED }, () => {
  const a = analyzedSeed();
  assertSpans(a);
  const ceasefire = find(a, 'A ceasefire (would be) the result');
  assert.equal(ceasefire.direct, true);
  assert.match(nameOf(a, ceasefire.speaker) ?? '', /Haftar/);
  assert.equal(ceasefire.speakerMention?.text, 'Haftar');
  assert.equal(ceasefire.cue?.text, 'said');
  assert.equal(ceasefire.date, '2020-02-21'); // "said … on Friday"
  assert.ok(!ceasefire.text.startsWith('“') && !ceasefire.text.endsWith('”'), 'content without quote marks');

  const withdrawal = find(a, 'the withdrawal of Syrian and Turkish mercenaries');
  assert.match(nameOf(a, withdrawal.speaker) ?? '', /Haftar/);
  assert.equal(withdrawal.speakerMention?.text, 'He');

  const peace = find(a, 'There can be no peace under the bombing');
  const suspension = find(a, 'We are announcing the suspension');
  assert.match(nameOf(a, peace.speaker) ?? '', /Government of National Accord|GNA/);
  assert.equal(suspension.speaker, peace.speaker);
  assert.equal(suspension.speakerMention?.text, 'it');

  const returned = find(a, 'The representatives of the GNA returned');
  assert.equal(nameOf(a, returned.speaker), 'Ghassan Salame');
  assert.equal(returned.date, '2020-02-20'); // "said on Thursday"
  const difficult = find(a, 'extremely difficult, but possible');
  assert.equal(difficult.direct, false, 'a mixed quote: reported clause with a quoted fragment');
  assert.equal(difficult.speaker, returned.speaker);
  assert.equal(difficult.speakerMention?.text, 'He');
});

test('interrupted quote: the second part keeps the speaker of the first', () => {
  const a = run('Maria Lopez, the mayor, spoke to reporters. "We will not stop," Lopez said. "The fight goes on."');
  assertSpans(a);
  const first = find(a, 'We will not stop');
  const second = find(a, 'The fight goes on');
  assert.equal(first.speakerMention?.text, 'Lopez');
  assert.equal(first.cue?.text, 'said');
  assert.equal(second.speakerMention, null, 'a continuation has no surface speaker of its own');
  assert.equal(second.speaker, first.speaker);
  assert.equal(first.text, 'We will not stop', 'trailing comma trimmed');
});

test('reported speech: said that, told X that, according to, adding that', () => {
  let a = run('The ministry said that 40 people had been arrested.');
  let q = find(a, '40 people had been arrested');
  assert.equal(q.text, '40 people had been arrested');
  assert.equal(q.direct, false);
  assert.equal(q.speakerMention?.text, 'The ministry');

  a = run('Smith told RIA that the talks had failed.');
  q = find(a, 'the talks had failed');
  assert.equal(q.text, 'the talks had failed');
  assert.equal(q.cue?.text, 'told');
  assert.equal(q.speakerMention?.text, 'Smith');

  a = run('According to the police, the suspect fled on foot.');
  q = find(a, 'the suspect fled on foot');
  assert.equal(q.speakerMention?.text, 'the police');
  assert.equal(q.cue?.text, 'According to');

  a = run('The minister said the border would reopen, adding that trade would resume next week.');
  assert.equal(a.quotes.length, 2);
  assert.equal(find(a, 'trade would resume').cue?.text, 'adding');
  assert.equal(find(a, 'trade would resume').speakerMention?.text, 'The minister');
  assert.equal(find(a, 'the border would reopen').text, 'the border would reopen');
});

test('appositions, relative clauses and "said in a statement, adding that"', () => {
  let a = run('Erin Murphy, a former aide who travelled with her in 2011, said the trip was more important than the summit.');
  let q = find(a, 'the trip was more important');
  assert.equal(q.speakerMention?.text, 'Erin Murphy');
  assert.equal(q.text, 'the trip was more important than the summit');
  a = run('Oversight Chairman Jason Chaffetz said in a statement, adding that the agreements were handed out like candy.');
  q = find(a, 'the agreements were handed out');
  assert.equal(q.cue?.text, 'adding');
  assert.equal(q.text, 'the agreements were handed out like candy');
  assert.match(q.speakerMention?.text ?? '', /Jason Chaffetz/);
  a = run('Woodrow Benford, 58, who lives outside Minneapolis, says he plans to caucus for Sanders.');
  assert.equal(find(a, 'he plans to caucus').speakerMention?.text, 'Woodrow Benford');
});

test('speaker after the quote, colon form, "in a statement", dash form', () => {
  let a = run('"It was chaos," said John Miller, a witness.');
  assert.equal(find(a, 'It was chaos').speakerMention?.text, 'John Miller');

  a = run('The president said: "We are ready for anything."');
  const colon = find(a, 'We are ready for anything');
  assert.equal(colon.direct, true);
  assert.equal(colon.speakerMention?.text, 'The president');

  a = run('The attack was cowardly and unjustified, the ministry said in a statement.');
  const st = find(a, 'The attack was cowardly');
  assert.equal(st.text, 'The attack was cowardly and unjustified');
  assert.equal(st.speakerMention?.text, 'the ministry');

  a = run('The deal is dead and buried — the minister said.');
  assert.equal(find(a, 'The deal is dead').speakerMention?.text, 'the minister');
  assertSpans(a);
});

test('a quotation over two paragraphs is attributed in both', () => {
  const a = run('John Smith said: "We have done everything we could to stop this.\n\n"Now it is up to the courts and the people," Smith said.');
  assertSpans(a);
  const p1 = find(a, 'We have done everything');
  const p2 = find(a, 'Now it is up to the courts');
  assert.equal(p1.speakerMention?.text, 'John Smith');
  assert.equal(p2.speakerMention?.text, 'Smith');
  assert.ok(p1.speaker !== null && p1.speaker === p2.speaker);
});

test('beliefs, scare quotes and titles are not quotes', () => {
  assert.equal(run('He believes that the war will end soon.').quotes.length, 0);
  assert.equal(run('The "reckless" plan was dropped on Monday after a long debate.').quotes.length, 0);
  assert.equal(run('They watched "Saturday Night Live" together.').quotes.length, 0);
  assert.equal(run('She declined to say whether the talks would resume.').quotes.length, 0);
});

test('date: the day it was said, else the publication date', () => {
  const a = run('Rescuers said on Monday that the search would continue.', '2024-03-07');
  assert.equal(find(a, 'the search would continue').date, '2024-03-04');
  const b = run('The minister said the border would reopen next week.', '2024-03-07');
  assert.equal(find(b, 'the border would reopen').date, '2024-03-07');
});

test('speaker finding: apposition after the quote, "of Place", saying, and he after a named speaker', () => {
  const a = run(
    'Voters gathered in Columbia on Saturday. “Yes, I support the governor,” Mark Delaney, a retired teacher from Aiken, told The State newspaper.\n\n'
    + 'Rep. Tom Cole of Oklahoma, an ally of the leadership, said Thursday that the vote would be close. Yet the governor is also a “change agent,” Cole said. '
    + '“That is exactly what people want right now.” “It seems to me they have every incentive to find common ground,” he said of the two rivals.\n\n'
    + 'Senator Maria Ortiz posted a message of her own, saying, “We will keep fighting for these families.”',
  );
  assertSpans(a);
  const support = find(a, 'Yes, I support the governor');
  assert.equal(support.speakerMention?.text, 'Mark Delaney');
  assert.equal(nameOf(a, support.speaker), 'Mark Delaney');
  const agent = find(a, 'change agent');
  assert.equal(agent.direct, false);
  assert.match(nameOf(a, agent.speaker) ?? '', /Cole/);
  const exactly = find(a, 'That is exactly what people want');
  const seems = find(a, 'It seems to me');
  assert.equal(seems.speakerMention?.text, 'he');
  assert.match(nameOf(a, seems.speaker) ?? '', /Cole/, 'he after Cole’s quote is Cole');
  assert.equal(exactly.speaker, seems.speaker, 'a floating quote takes the next quote’s speaker in its paragraph');
  const fighting = find(a, 'We will keep fighting');
  assert.match(nameOf(a, fighting.speaker) ?? '', /Ortiz/);
});

test('direct-only introducers: "X continued:" opens a direct quote but no reported speech', () => {
  const a = run('Ted Cruz spoke for an hour in Des Moines. Cruz continued: “You look at the questions and you see the problem.” The campaign continued to grow in the state through the winter months.');
  assertSpans(a);
  const q = find(a, 'You look at the questions');
  assert.equal(q.cue?.text, 'continued');
  assert.match(nameOf(a, q.speaker) ?? '', /Cruz/);
  assert.ok(!a.quotes.some((x) => x.text.includes('to grow in the state')), 'continued to … is no quote');
});

test('a named subject with an apposition is not an inverted "…, said X"; an opening phrase is not the subject', () => {
  const a = run('Congressman Chris Collins, a party supporter, said campaign strategists plan to secure enough delegates in the first round. On Thursday, Paul Ryan criticized the foreign policy of the president and said allies wanted to know if the country is still in the game.');
  assertSpans(a);
  const plan = find(a, 'campaign strategists plan');
  assert.equal(nameOf(a, plan.speaker), 'Chris Collins');
  assert.ok(plan.text.startsWith('campaign strategists'), plan.text);
  const allies = find(a, 'allies wanted to know');
  assert.equal(allies.speakerMention?.text, 'Paul Ryan');
});

test('a speaker as a parenthetical after a short opening: "Voters, Clinton suggested, need not worry …"', () => {
  const a = run('Voters, Clinton suggested, do not have to worry that big banks can buy influence. After all, she argued, the president took money from the industry and still signed the law.');
  assertSpans(a);
  const worry = find(a, 'do not have to worry');
  assert.match(nameOf(a, worry.speaker) ?? '', /Clinton/);
  assert.equal(worry.cue?.text, 'suggested');
  const money = find(a, 'the president took money');
  assert.equal(money.speakerMention?.text, 'she');
  assert.equal(money.speaker, worry.speaker);
});

test("''…'' marks and a title abbreviation after the cue: \"''is a misguided approach,'' said Mr. Burman\"", () => {
  const a = run("''This is not tax reform,'' said Douglas Keller, an economist in Ottawa. However laudable the goal, using the capital gains tax ''is a misguided approach,'' said Mr. Burman. Not paying taxes ''makes me smart,'' Donald J. Trump said.");
  assertSpans(a);
  const reform = find(a, 'This is not tax reform');
  assert.equal(reform.direct, true);
  assert.equal(reform.speakerMention?.text, 'Douglas Keller');
  const approach = find(a, 'misguided approach');
  assert.equal(approach.speakerMention?.text, 'Mr. Burman');
  const smart = find(a, 'Not paying taxes');
  assert.equal(smart.speakerMention?.text, 'Donald J. Trump');
});

test('nominal speakers: a described person by role, an unnamed one left unresolved, a name inside a description is not the speaker', () => {
  let a = run('Jane Smith, a spokeswoman for the Ontario Ministry of Health, said tests continue. Mark Brown, a lawyer in Ottawa, said the case was weak. The spokeswoman said more tests would follow.');
  assertSpans(a);
  assert.equal(nameOf(a, find(a, 'more tests would follow').speaker), 'Jane Smith', 'the role from the apposition');
  a = run('Chris Christie spoke in Trenton on Monday. The Christie supporter said the rally was the largest in years.');
  let q = find(a, 'the rally was the largest');
  assert.equal(q.speakerMention?.text, 'The Christie supporter');
  assert.equal(q.speaker, null, 'a supporter of Christie is not Christie');
  a = run('Acme Corp. recalled 3,000 heaters on Monday. A spokesperson for the company said it was reviewing the case.');
  q = find(a, 'it was reviewing the case');
  assert.equal(q.speakerMention?.text, 'A spokesperson for the company', 'the spokesperson speaks, not the company');
  assert.equal(q.speaker, null, 'an unnamed spokesperson');
});

test('a manner adverb after the cue is no speaker', () => {
  const a = run('Maria Lopez met the families on Monday. "That is far too many for one town," said Lopez softly. "It was a hard day for everyone," she said twice.');
  assertSpans(a);
  assert.equal(find(a, 'far too many').speakerMention?.text, 'Lopez');
  const q = find(a, 'a hard day for everyone');
  assert.equal(q.speakerMention?.text, 'she');
  assert.equal(nameOf(a, q.speaker), 'Maria Lopez');
});

test('a floating quote goes to a person the narrative brought in after the last quote', () => {
  const a = run('"We will rebuild," Mayor John Tory said.\n\nJane Doe, a nurse, has worked at the hospital for 20 years.\n\n"It has been very hard for all of us," she told reporters.\n\n"We will keep going, every single day."');
  assertSpans(a);
  assert.equal(nameOf(a, find(a, 'We will rebuild').speaker), 'John Tory');
  assert.equal(nameOf(a, find(a, 'very hard for all of us').speaker), 'Jane Doe');
  const q = find(a, 'every single day');
  assert.equal(q.speakerMention, null);
  assert.equal(nameOf(a, q.speaker), 'Jane Doe');
  const b = run('"We will rebuild," Mayor John Tory said.\n\nJane Doe, a nurse, has worked at the hospital for 20 years.\n\n"We will keep going, every single day."');
  assert.equal(nameOf(b, find(b, 'every single day').speaker), 'Jane Doe', 'introduced between the quotes, not the last speaker');
});

test('a pronoun speaker is not resolved to a possessor when the sentence names another person', () => {
  const a = run('Lester Holt moderated the debate on Monday. Holt’s NBC News colleague Matt Lauer faced heavy criticism after the forum. "I did my best with the time we had," he said.');
  assertSpans(a);
  assert.equal(nameOf(a, find(a, 'I did my best').speaker), 'Matt Lauer');
});

test('a cue before "that" with an adjunct between, and a colon closing the paragraph before, introduce a direct quote', () => {
  const a = run('John Smith said in a statement on Monday that “the company will fully cooperate with the investigation.”\n\nThe New York Times reports:\n\n“Without this network, the campaign is being made to compete for money with other groups.”');
  assertSpans(a);
  let q = find(a, 'fully cooperate');
  assert.equal(q.speakerMention?.text, 'John Smith');
  assert.equal(q.cue?.text, 'said');
  q = find(a, 'Without this network');
  assert.equal(q.speakerMention?.text, 'The New York Times');
  assert.equal(q.cue?.text, 'reports');
});

test('a document noun that is also a cue form speaks after a determiner; a particle before a surname joins the speaker', () => {
  let a = run('The report, released Tuesday, says wait times have doubled since 2015.');
  let q = find(a, 'wait times have doubled');
  assert.equal(q.speakerMention?.text, 'The report');
  assert.equal(q.cue?.text, 'says');
  a = run('An acre of trees can convert 156 tons of carbon over the years, Mr. Van Voorhis said.');
  q = find(a, 'An acre of trees');
  assert.equal(q.speakerMention?.text, 'Mr. Van Voorhis');
});

test('an inverted cue takes what follows as speaker only when the sentence ends there', () => {
  let a = run('The city has cut its budget twice, says the auditor general in a new report.');
  assert.equal(find(a, 'cut its budget twice').speakerMention?.text, 'the auditor general');
  a = run('Spending on roads fell sharply last year, says wait times have doubled since 2015.');
  assert.ok(!a.quotes.some((q) => q.speakerMention?.text === 'wait times'), 'a clause after the cue is no speaker');
  a = run("Using the capital gains tax ''is a misguided approach,'' said Mr. Burman (a view echoed by others).");
  assert.equal(find(a, 'capital gains tax').speakerMention?.text, 'Mr. Burman');
});

test('a first name outweighs one pronoun that happens to follow the name', () => {
  const a = run('Donald Trump spoke to a veterans group in Virginia on Monday. He blamed Hillary Clinton and his audience cheered. The Republican nominee also linked cyber attacks to the email server used by his opponent, Hillary Clinton. He said that the country needed a task force against hackers.');
  assertSpans(a);
  assert.equal(nameOf(a, find(a, 'needed a task force').speaker), 'Donald Trump');
});

test('subjects of "…, saying" and of a cue after a day: a description to its head, a title with its name, no day for a speaker', () => {
  let a = run('The billionaire businessman began by talking about the drug crisis, saying that heroin is now cheaper than candy.');
  assert.equal(find(a, 'heroin is now cheaper').speakerMention?.text, 'The billionaire businessman');
  a = run('Once he was president, Mr. Obama made peace a priority, announcing the appointment of a special envoy two days after taking office.');
  assert.equal(find(a, 'appointment of a special envoy').speakerMention?.text, 'Mr. Obama');
  a = run('Hillary Clinton on Tuesday said that the violence against minorities was a genocide. And on Tuesday, Kevin Brady, chairman of the committee, said that Republicans might delay the tax.');
  assert.equal(find(a, 'was a genocide').speakerMention?.text, 'Hillary Clinton');
  assert.equal(find(a, 'might delay the tax').speakerMention?.text, 'Kevin Brady');
});

test('a role description goes to the person last named with that role, two-word titles and abbreviations included', () => {
  let a = run('President Barack Obama spoke first. Vice President Joe Biden followed him on stage in Scranton. The vice president said the election was about the middle class.');
  assert.equal(nameOf(a, find(a, 'about the middle class').speaker), 'Joe Biden');
  a = run('Sen. Ted Cruz met voters in Iowa on Monday. Donald Trump held a rally in Ohio. Trump criticized the senator for his ties to banks. The senator said the attacks were false and desperate.');
  assert.equal(nameOf(a, find(a, 'attacks were false').speaker), 'Ted Cruz');
  a = run('President Barack Obama praised the troops. Later the president portrayed Donald Trump as divisive. The president said voters would reject fear.');
  assert.equal(nameOf(a, find(a, 'voters would reject fear').speaker), 'Barack Obama', 'a verb ends the title run before a name');
});

test('the coreference service: a name that only modifies a person noun is not the one meant', () => {
  const text = 'Chris Christie spoke in Trenton. Marco Rubio spoke later. The Christie spokesman said it was fine.';
  const d = documentFor({ text }, res);
  for (const [name, stage] of STAGES) { if (name === 'quotes') break; stage(d, res); }
  const at = (p: string) => { const s = text.indexOf(p); return d.entities.find((e) => e.id === d.services.resolve(s, s + p.length))?.name ?? null; };
  assert.notEqual(at('The Christie spokesman'), 'Chris Christie');
  assert.equal(at('Marco Rubio'), 'Marco Rubio');
});

test('a description owning a place is not the place: "The UN envoy for Libya, Ghassan Salame, said", "Diplomats in Geneva said"', () => {
  let a = run('Talks stalled on Tuesday. The UN envoy for Libya, Ghassan Salame, said he regretted the decision and urged both sides to return.');
  let q = find(a, 'he regretted the decision');
  assert.equal(q.speakerMention?.text, 'Ghassan Salame');
  a = run('Haftar offered a truce on Friday. Diplomats in Geneva said the offer was unlikely to move the talks forward.');
  q = find(a, 'unlikely to move the talks');
  assert.equal(q.speakerMention?.text, 'Diplomats in Geneva');
  assert.equal(q.speaker, null, 'several unnamed people, not the city');
});

test('"they" is an organisation or group, never one person or a country', () => {
  let a = run('Maria Lopez met residents in Ottawa on Monday. They said the road had been closed for weeks without warning.');
  let q = find(a, 'closed for weeks');
  assert.equal(q.speakerMention?.text, 'They');
  assert.equal(q.speaker, null);
  a = run('The Canadian Union of Public Employees rejected the offer on Monday. They said the wage increase was far too small.');
  assert.match(nameOf(a, find(a, 'far too small').speaker) ?? '', /Union/);
});

test('"“…,” according to X" names the speaker of the direct quote', () => {
  const a = run('Premier Doug Ford spoke on Monday.\n\n"We will get it done for the people of this province," according to Health Minister Christine Elliott.');
  const q = find(a, 'get it done');
  assert.equal(q.speakerMention?.text, 'Health Minister Christine Elliott');
  assert.equal(nameOf(a, q.speaker), 'Christine Elliott');
  assert.equal(q.cue?.text, 'according to');
});

test('an apposition with a titled name ("The top doctor, Dr. David Williams, said") and no speaker in "…, said the same"', () => {
  let a = run("The province's chief medical officer of health, Dr. David Williams, said cases are rising in long-term care homes.");
  const q = find(a, 'cases are rising');
  assert.equal(q.speakerMention?.text, 'Dr. David Williams');
  assert.equal(nameOf(a, q.speaker), 'David Williams');
  a = run('The top doctor, Dr. Jane Smith, said the same.');
  assert.ok(!a.quotes.some((x) => x.text === 'The top doctor'), 'the description of the speaker is not what was said');
});

test('"A spokesperson for Finance Minister Bill Morneau said": the spokesperson speaks; an unmarked titled name in an apposition speaks', () => {
  let a = run('Ottawa announced the plan on Monday. A spokesperson for Finance Minister Bill Morneau said the minister was reviewing the options.');
  let q = find(a, 'reviewing the options');
  assert.equal(q.speakerMention?.text, 'A spokesperson for Finance Minister Bill Morneau');
  assert.equal(q.speaker, null);
  a = run('Kadzik refused to answer the questions, said one GOP source in the room.');
  assert.equal(find(a, 'Kadzik refused').speakerMention?.text, 'one GOP source');
});

test('a title abbreviation or middle initial after a direct quote keeps the attribution ("“…,” Sen. Ted Cruz said")', () => {
  const a = run('Experts were split. "It is good," Sen. Ted Cruz said. "It has the virtue of being fiscally responsible," Leonard E. Burman, director of the Tax Policy Center and a professor at the Maxwell School of Syracuse University, said of the plan.');
  assertSpans(a);
  let q = find(a, 'It is good');
  assert.equal(q.direct, true);
  assert.equal(q.speakerMention?.text, 'Sen. Ted Cruz');
  q = find(a, 'fiscally responsible');
  assert.equal(q.speakerMention?.text, 'Leonard E. Burman');
});

test('a speaker after the cue stops at the sentence end; a described person in an apposition after a quote speaks', () => {
  const a = run('"We want answers," said her brother Mike Chen.\n\nHis lawyer, Peter Brauti, declined to comment.\n\n"It was terrifying to see," one witness, who lives nearby, told CBC.');
  assertSpans(a);
  assert.equal(find(a, 'We want answers').speakerMention?.text, 'her brother Mike Chen');
  const q = find(a, 'terrifying to see');
  assert.equal(q.direct, true);
  assert.equal(q.speakerMention?.text, 'one witness');
});

test('", adding that …" after a direct quote finds the speaker even when later paragraphs have quotes too', () => {
  const a = run('Health Minister Patty Hajdu said the funding would start on Tuesday. "This is a first step," Hajdu said, adding that more money would follow.\n\n"We will take every dollar," Ford said.');
  const q = find(a, 'more money would follow');
  assert.equal(q.speakerMention?.text, 'Hajdu');
  assert.equal(q.cue?.text, 'adding');
});

test('a pronoun speaker skips a person named in an opening phrase of the sentence before', () => {
  const a = run('After meeting Donald Trump in New York, Mike Pence flew to Iowa. "We are ready to win this state," he said.');
  assert.equal(nameOf(a, find(a, 'ready to win').speaker), 'Mike Pence');
});

test('an adverb before the cue is not the speaker ("has strongly denied", "has long said")', () => {
  const a = run('The Saudi government has strongly denied any involvement in the attacks. Cruz has long said that he qualifies as a natural-born citizen.');
  assert.equal(find(a, 'any involvement in the attacks').speakerMention?.text, 'The Saudi government');
  assert.equal(find(a, 'he qualifies as').speakerMention?.text, 'Cruz');
});

test('time phrases before the cue, a relative clause before the main verb, and "…, telling reporters, “…”"', () => {
  let a = run('Dianne Feinstein last week said Clinton was not the source of the leak. Beck, who has in the past described Trump as a liar, said he would vote for him.');
  assert.equal(find(a, 'not the source of the leak').speakerMention?.text, 'Dianne Feinstein');
  const q = find(a, 'he would vote for him');
  assert.equal(q.text, 'he would vote for him', 'the relative clause does not swallow the main clause');
  assert.equal(q.speakerMention?.text, 'Beck');
  a = run('The Ryan campaign shrugged off the comments, telling reporters, "Neither Speaker Ryan nor anyone else will comment on this."');
  assert.notEqual(find(a, 'Neither Speaker Ryan').speakerMention?.text, 'reporters');
});

test('a named speaker without an entity gets one; a full name with another first name is another person', () => {
  let a = run('Officers arrived at noon. Okonkwo-Baptiste said the building had been empty for weeks.');
  let q = find(a, 'building had been empty');
  assert.match(nameOf(a, q.speaker) ?? '', /Okonkwo-Baptiste/);
  a = run('Donald Trump spoke first at the rally in Ohio. Ivanka Trump said the plan would help working mothers.');
  q = find(a, 'help working mothers');
  assert.equal(nameOf(a, q.speaker), 'Ivanka Trump');
  // Common nouns opening a sentence and plurals are no names.
  a = run('Police said the road would stay closed until Monday. Spokesman said the bridge was unsafe.');
  for (const x of a.quotes) assert.ok(!/^(Police|Spokesman)$/.test(nameOf(a, x.speaker) ?? ''), JSON.stringify(nameOf(a, x.speaker)));
});

test('a parenthesis after the name before the cue, and a titled subject with lower-case title words', () => {
  let a = run('The vote was close. “It’s a dog whistle to all Americans,” Rep. Gwen Moore (D-Wis.) said.');
  assertSpans(a);
  assert.equal(find(a, 'dog whistle').speakerMention?.text, 'Rep. Gwen Moore');
  a = run('Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying that officials should release the videos at once.');
  const q = find(a, 'release the videos');
  assert.equal(q.speakerMention?.text, 'Hillary Clinton');
});

test('an opening time or gerund phrase is not the subject; a job in a relative clause ("who advises") is no cue', () => {
  let a = run('Hours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon and I have been friends for a long time.”');
  assert.equal(find(a, 'friends for a long time').speakerMention?.text, 'Trump');
  a = run('The race tightened. Geoff Garin, a Democratic pollster who advises the pro-Clinton super PAC Priorities USA Action, said the numbers were soft.');
  const q = find(a, 'numbers were soft');
  assert.equal(q.speakerMention?.text, 'Geoff Garin');
  assert.equal(q.text, 'the numbers were soft');
  // "Donna Sampson Rawlings, 59, of Ashton, Md., who …, said": the period of "Md." before a comma ends no sentence.
  a = run('The ceremony ended at noon. Donna Rawlings, 59, of Ashton, Md., who watched the ceremony on a screen, said the event brought back memories of her father.');
  assert.equal(find(a, 'brought back memories').speakerMention?.text, 'Donna Rawlings');
});

test('"he"/"she": a sentence whose subject is the same pronoun carries the person on; its other names are not the antecedent', () => {
  const a = run('Tennis great Billie Jean King remembered Ali as fun to be around. She watched the fight with Joe Frazier at Madison Square Garden in 1971.\n\n“He always whispered in my ear that I was the queen,” she said.');
  assert.match(nameOf(a, find(a, 'whispered in my ear').speaker) ?? '', /Billie Jean King/);
});

test('a whole-utterance quotation inside a reported clause takes the clause cue\'s speaker; "But a few days later," opens no subject', () => {
  const a = run('But a few days later, Trump reversed himself yet again, telling CBS that the laws on abortion “are set. And I think we have to leave it that way.”');
  const q = find(a, 'leave it that way');
  assert.equal(q.speakerMention?.text, 'Trump');
  assert.equal(q.cue?.text, 'telling');
});

test('an honorific with its period ("Ms. Brainard") marks the sex: "he" is not her', () => {
  const a = run('Gene Sperling, a longtime policy maker, hired Ms. Brainard as his deputy at the White House in the 1990s. He said he was tickled that people ask about her.');
  assert.match(nameOf(a, find(a, 'tickled').speaker) ?? '', /Sperling/);
});

test('a floating quote continues the speaker named after the previous one, past that attribution\'s own apposition', () => {
  const a = run('North Dakota Rep. Kevin Cramer had worked quietly behind the scenes.\n\n“This is a long play,” said Alan Cobb, a senior Trump adviser who spent the weekend working the convention. “This is a three-month process between now and Cleveland.”');
  assert.match(nameOf(a, find(a, 'three-month process').speaker) ?? '', /Alan Cobb/);
});

test('"he" after "Clinton campaign manager Robby Mook released …" is Mook, not the name modifying his title', () => {
  const a = run('On Monday night, Clinton campaign manager Robby Mook released a memo about the race.\n\nHe writes that the campaign has built a nearly insurmountable lead among delegates.');
  assert.match(nameOf(a, find(a, 'insurmountable lead').speaker) ?? '', /Mook/);
});

test('a dateline, a place after a preposition and a name suffix\'s period do not make the speaker', () => {
  let a = run('WASHINGTON — Sen. Bernie Sanders (I-Vt.) defended his call to raise the minimum wage, saying the positives would outweigh the losses.');
  assert.match(find(a, 'positives would outweigh').speakerMention?.text ?? '', /Bernie Sanders/);
  a = run('In October, Mr. Paulson, who made billions on a bet against mortgages, told investors that concerns about drug makers were overblown.');
  assert.equal(find(a, 'concerns about drug makers').speakerMention?.text, 'Mr. Paulson');
  a = run('Vice President Joseph R. Biden Jr., who was to travel to Columbus, Ohio, on Wednesday to promote the new rules, said they touched on a core issue for workers.');
  assert.match(find(a, 'core issue for workers').speakerMention?.text ?? '', /Biden/);
});

test('"he" after a named quote: a woman named in between is no rival antecedent', () => {
  const a = run('“Our friends no longer trust us,” former Florida governor Jeb Bush said. Hillary Clinton was in Iowa on the same day.\n\n“She might be going back and forth to the courthouse,” he said.');
  assert.match(nameOf(a, find(a, 'back and forth').speaker) ?? '', /Jeb Bush/);
});

test('a sentence ending in a speech cue with nothing said introduces the quotation after it; "“…,” he said. “…”" stays a continuation', () => {
  let a = run('Party officials say a recount could not be done.\n\nSam Lau, the communications director for the party, said in a statement. “There are no paper ballots to recount. The caucuses were a unique event.”');
  let q = find(a, 'no paper ballots');
  assert.equal(q.speakerMention?.text, 'Sam Lau');
  a = run('“We will win,” Smith said. “There is no doubt about that at all.”');
  q = find(a, 'no doubt about that');
  assert.equal(q.speakerMention, null);
  assert.match(nameOf(a, q.speaker) ?? '', /Smith/);
});

test('a sexed role in an apposition ("a spokeswoman for …") marks the person for she/he', () => {
  const a = run('Navdeep Okafor, a spokeswoman for the ministry, spoke after Raj Patel left the room.\n\n“We are reviewing every case,” she said.');
  assert.match(nameOf(a, find(a, 'reviewing every case').speaker) ?? '', /Okafor/);
});

test('"said Sen. Sherrod Brown of Ohio": the person speaks, not the place', () => {
  const a = run('“I want Bernie in the fold, I want him enthusiastic,” said Sen. Sherrod Brown of Ohio, another potential choice.');
  assert.match(nameOf(a, find(a, 'in the fold').speaker) ?? '', /Sherrod Brown/);
});
