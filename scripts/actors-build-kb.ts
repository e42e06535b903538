/**
 * Builds the generated parts of the actor knowledge base in data/actors/ (see its README.md):
 *  - countries.jsonl  from the npm package countries-list (MIT: names, ISO codes, capitals)
 *                     and NGEC's countries.csv (MIT, ../shared/data/events/ngec: demonyms)
 *  - gazetteer.tsv    word lists from compromise's lexicon (MIT): first/last names, cities, …
 *  - phoenix.tsv      persons and organisations from the Phoenix actor dictionaries
 *                     (MIT, Open Event Data Alliance; ../shared/data/events/petrarch2)
 *
 * Run once: `npm install --no-save countries-list @faker-js/faker@10 && node --import tsx scripts/actors-build-kb.ts`
 * (COUNTRIES_LIST_DIR and FAKER_DIR may point at other folders whose node_modules hold them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nlp from 'compromise';
import { SHARED_DIR } from '../bench/shared.js';
import { DATA_DIR } from '../src/resources.js';
import { normName, parseCameoActors, type KbEntry } from '../src/actors/kb.js';

const OUT = join(DATA_DIR, 'actors');
const req = createRequire(join(process.env.COUNTRIES_LIST_DIR ?? process.cwd(), 'x.js'));
const cl = req('countries-list') as {
  getCountryDataList(): { name: string; iso2: string; iso3: string; capital: string }[];
};

// --- countries ---------------------------------------------------------------
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}
const ngec = new Map<string, { name: string; nat: string[] }>();
const csv = readFileSync(join(SHARED_DIR, 'data', 'events', 'ngec', 'countries.csv'), 'utf8').trim().split('\n').slice(1);
for (const l of csv) {
  const [, name, iso3, nat] = parseCsvLine(l.trim());
  if (!iso3) continue;
  ngec.set(iso3, { name: name!, nat: (nat ?? '').split(',').map((s) => s.trim()).filter(Boolean) });
}
// Short names and aliases that news uses and that neither source gives (public facts).
const EXTRA: Record<string, string[]> = {
  USA: ['United States', 'US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GBR: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  ARE: ['United Arab Emirates', 'UAE', 'U.A.E.', 'the Emirates'],
  RUS: ['Russia', 'Russian Federation'],
  KOR: ['South Korea', 'Republic of Korea'],
  PRK: ['North Korea', 'DPRK'],
  SYR: ['Syria'], IRN: ['Iran'], TUR: ['Turkey', 'Türkiye', 'Turkiye'], LBY: ['Libya'],
  COD: ['Democratic Republic of the Congo', 'DR Congo', 'DRC', 'Congo-Kinshasa'],
  COG: ['Republic of the Congo', 'Congo-Brazzaville'], CIV: ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
  VNM: ['Vietnam', 'Viet Nam'], LAO: ['Laos'], BOL: ['Bolivia'], VEN: ['Venezuela'], TZA: ['Tanzania'],
  MDA: ['Moldova'], PSE: ['Palestine', 'Palestinian territories'], CZE: ['Czech Republic', 'Czechia'],
  MKD: ['North Macedonia', 'Macedonia'], MMR: ['Myanmar', 'Burma'], SWZ: ['Eswatini', 'Swaziland'],
  TWN: ['Taiwan'], VAT: ['Vatican', 'Holy See', 'Vatican City'], FSM: ['Micronesia'], BRN: ['Brunei'],
  CPV: ['Cape Verde', 'Cabo Verde'], TLS: ['East Timor', 'Timor-Leste'], NLD: ['Netherlands', 'Holland'],
  KSV: ['Kosovo'], XKX: ['Kosovo'],
  // Short and former names still common in news archives.
  BIH: ['Bosnia and Herzegovina', 'Bosnia', 'Bosnia-Herzegovina'], BLR: ['Belarus', 'Byelorussia', 'Belorussia'],
  KGZ: ['Kyrgyzstan', 'Kirghizia'], MAC: ['Macao', 'Macau'],
};
// Former names (public facts): an alias, not a demonym, even where NGEC lists one as such ("Zaire").
EXTRA.COD!.push('Zaire');
// Demonyms that NGEC lacks or that need the adjective form (public facts).
const DEMONYMS: Record<string, string[]> = {
  USA: ['American', 'Americans', 'U.S.'], GBR: ['British', 'Briton', 'Britons', 'UK'], ARE: ['Emirati', 'Emiratis'],
  TUR: ['Turkish', 'Turk', 'Turks'], RUS: ['Russian', 'Russians'], LBY: ['Libyan', 'Libyans'], SYR: ['Syrian', 'Syrians'],
  EGY: ['Egyptian', 'Egyptians'], QAT: ['Qatari', 'Qataris'], FRA: ['French'], DEU: ['German', 'Germans'],
  CHN: ['Chinese'], ISR: ['Israeli', 'Israelis'], PSE: ['Palestinian', 'Palestinians'], IRN: ['Iranian', 'Iranians'],
  IRQ: ['Iraqi', 'Iraqis'], SAU: ['Saudi', 'Saudis'], UKR: ['Ukrainian', 'Ukrainians'], NLD: ['Dutch'],
  ESP: ['Spanish'], ITA: ['Italian', 'Italians'], JPN: ['Japanese'], PRK: ['North Korean'], KOR: ['South Korean'],
  GRC: ['Greek', 'Greeks'], SDN: ['Sudanese'], TUN: ['Tunisian', 'Tunisians'], DZA: ['Algerian', 'Algerians'],
  COD: ['Zairean', 'Zaireans', 'Zairian', 'Zairians'], BIH: ['Bosnian', 'Bosnians'],
};
const countries: KbEntry[] = [];
for (const c of cl.getCountryDataList().sort((a, b) => a.iso3.localeCompare(b.iso3))) {
  const n = ngec.get(c.iso3);
  const aliases = new Set<string>([...(EXTRA[c.iso3] ?? []), ...(n && n.name !== c.name ? [n.name] : [])]);
  const demonyms = new Set<string>(DEMONYMS[c.iso3] ?? []);
  for (const d of n?.nat ?? []) {
    // NGEC lists demonyms and official long names together; long names are aliases.
    if (d.split(' ').length > 1 && /Republic|Kingdom|State|Federation|Commonwealth|Principality|Union|Emirate/.test(d)) aliases.add(d);
    else demonyms.add(d);
  }
  const name = (EXTRA[c.iso3]?.[0]) ?? c.name;
  aliases.delete(name);
  countries.push({
    id: 'country:' + c.iso3.toLowerCase(),
    name,
    type: 'GPE',
    country: c.iso3,
    aliases: [...aliases],
    demonyms: [...demonyms],
    capitals: c.capital ? c.capital.split(',').map((s) => s.trim()).filter(Boolean) : [],
  });
}
// NGEC's nationality column also lists places (England, Scotland, Gibraltar, Cayman Islands, Hong
// Kong): a demonym that is a country's name or alias, a home nation, or a territory is not one.
{
  const placeNames = new Set<string>();
  for (const c of countries) for (const n of [c.name, ...c.aliases]) placeNames.add(n.toLowerCase());
  const HOME = new Set(['england', 'scotland', 'wales', 'britain', 'great britain', 'uk', 'u.k.', 'northern ireland']);
  for (const c of countries) {
    c.demonyms = (c.demonyms ?? []).filter((d) => {
      const l = d.toLowerCase();
      return !placeNames.has(l) && !HOME.has(l) && !(/\bislands?\b/.test(l) && !/islanders?\b/.test(l)) && !/territor|\(/.test(l);
    });
  }
}
const ser = (e: KbEntry) => {
  const o: Record<string, unknown> = { id: e.id, name: e.name, type: e.type, country: e.country, aliases: e.aliases };
  if (e.demonyms?.length) o.demonyms = e.demonyms;
  if (e.capitals?.length) o.capitals = e.capitals;
  return JSON.stringify(o);
};
writeFileSync(join(OUT, 'countries.jsonl'), countries.map(ser).join('\n') + '\n');
// Capitals as places (GPE, with their country).
const caps: string[] = [];
const seenCap = new Set<string>();
for (const c of countries) {
  for (const cap of c.capitals ?? []) {
    const id = 'city:' + normName(cap).replace(/ /g, '-');
    if (seenCap.has(id)) continue;
    seenCap.add(id);
    caps.push(JSON.stringify({ id, name: cap, type: 'GPE', country: c.country, aliases: [], place: true }));
  }
}
writeFileSync(join(OUT, 'capitals.jsonl'), caps.join('\n') + '\n');

// --- gazetteer from compromise ----------------------------------------------
const lex = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
const classes: Record<string, string> = {
  FirstName: 'first', MaleName: 'first', FemaleName: 'first', LastName: 'last', City: 'city', Country: 'country',
  Region: 'region', Organization: 'org', SportsTeam: 'team', Demonym: 'demonym', Place: 'place', Person: 'person',
};
const gaz: string[] = [];
for (const [w, t] of Object.entries(lex).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const tags = Array.isArray(t) ? t : [t];
  const cls = new Set<string>();
  for (const tag of tags) if (classes[tag]) cls.add(classes[tag]!);
  if (!cls.size && /^[a-z][a-z'-]*$/.test(w) && tags.some((x) => /Verb|Tense|Infinitive|Gerund|Adjective|Adverb|Singular|Plural|Noun|Preposition|Conjunction|Determiner|Pronoun|Modal|Uncountable/.test(x))) {
    cls.add('common');
    // A coarse part of speech as a second class (a verb after a capitalised word marks a subject).
    if (tags.some((x) => /Verb|Tense|Infinitive|Gerund|Modal/.test(x))) cls.add('verb');
    else if (tags.some((x) => /Adjective|Adverb/.test(x))) cls.add('adj');
    else if (tags.some((x) => /Preposition|Conjunction|Determiner|Pronoun/.test(x))) cls.add('func');
    else cls.add('noun');
  }
  if (cls.size) gaz.push(`${w}\t${[...cls].sort().join(',')}`);
}
writeFileSync(join(OUT, 'gazetteer.tsv'), '# word<TAB>classes — derived from compromise (MIT) lexicon; see README.md\n' + gaz.join('\n') + '\n');

// --- Phoenix actors ------------------------------------------------------------
const pdir = join(SHARED_DIR, 'data', 'events', 'petrarch2');
const rows: string[] = [];
const seen = new Set<string>();
// Country names: Phoenix has some countries as dated entries (with their cities as aliases); those come from countries.jsonl.
const countryNames = new Set<string>();
for (const c of countries) for (const n of [c.name, ...c.aliases]) countryNames.add(normName(n));
for (const f of ['Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt', 'Phoenix.Countries.actors.txt']) {
  for (const e of parseCameoActors(readFileSync(join(pdir, f), 'utf8'), f)) {
    // Country-level entries (the bare country code) come from countries.jsonl instead.
    if (!e.roles?.length || (e.roles.length === 1 && /^[A-Z]{3}$/.test(e.roles[0]!.title) && e.type !== 'PERSON')) continue;
    if (e.name.length < 3 || seen.has(e.id) || countryNames.has(normName(e.name))) continue;
    seen.add(e.id);
    // Aliases that open with a title ("Prime Minister Recep Erdogan") are found anyway: the stage
    // reads titles itself and looks the rest up.
    const TITLE = /^(President|Prime Minister|Premier|Minister|Foreign Minister|King|Queen|Prince|Sheikh|Emir|General|Gen|Secretary|Secretary-General|Chancellor|Senator|Governor|Mayor|Ambassador|Dr|Mr|Mrs|Ms|Col|Colonel|Lt|Major|Captain|Admiral|Marshal|Field Marshal|Ayatollah|Pope|Vice President|Deputy)\b/i;
    const aliases = [...new Set(e.aliases.filter((a) => normName(a) !== normName(e.name) && a.length >= 3 && !TITLE.test(a)))];
    const codes = e.roles.map((r) => `${r.title}:${r.from ?? ''}:${r.to ?? ''}`).join(';');
    rows.push([e.id, e.type, e.country ?? '', e.name, aliases.join('|'), codes].join('\t'));
  }
}
// Place names that Phoenix lists under each country (cities, provinces): a gazetteer class "pplace".
{
  const countryNames2 = new Set<string>();
  for (const c of countries) for (const n of [c.name, ...c.aliases, ...(c.demonyms ?? [])]) countryNames2.add(normName(n));
  const gazMap = new Map<string, Set<string>>();
  for (const line of gaz) {
    const [w, cls] = line.split('\t');
    gazMap.set(w!, new Set(cls!.split(',')));
  }
  for (const e of parseCameoActors(readFileSync(join(pdir, 'Phoenix.Countries.actors.txt'), 'utf8'), 'Phoenix.Countries.actors.txt')) {
    const bare = e.roles?.length && e.roles.every((r) => /^[A-Z]{3}$/.test(r.title));
    if (!bare || !countryNames2.has(normName(e.name))) continue;
    for (const a of e.aliases) {
      const k = normName(a);
      if (k.length < 4 || countryNames2.has(k) || /\b(of|the)\b/.test(k)) continue;
      const w = k.includes(' ') ? k.slice(k.lastIndexOf(' ') + 1) : k;
      if (w.length < 4) continue;
      const set = gazMap.get(w) ?? new Set<string>();
      set.add('pplace');
      gazMap.set(w, set);
    }
  }
  // First and last names of many countries from @faker-js/faker's locale lists (MIT), Latin script:
  // classes "first" and "last" for words compromise does not list as common words.
  const fakerReq = createRequire(join(process.env.FAKER_DIR ?? process.cwd(), 'x.js'));
  const faker = fakerReq('@faker-js/faker') as { allLocales: Record<string, { person?: { first_name?: unknown; middle_name?: unknown; last_name?: unknown } }> };
  const flat = (v: unknown): string[] => (v == null ? [] : Array.isArray(v) ? (v as unknown[]).flatMap(flat) : typeof v === 'object' ? Object.values(v as object).flatMap(flat) : typeof v === 'string' ? [v] : []);
  const RE_NAME = /^\p{Lu}[\p{Ll}'-]+$/u;
  for (const loc of Object.keys(faker.allLocales).sort()) {
    const p = faker.allLocales[loc]!.person;
    if (!p) continue;
    for (const [cls, list] of [['first', [...flat(p.first_name), ...flat(p.middle_name)]], ['last', flat(p.last_name)]] as const) {
      for (const n of list) {
        if (!RE_NAME.test(n) || /[^\p{Script=Latin}'-]/u.test(n)) continue;
        const w = n.toLowerCase();
        const set = gazMap.get(w) ?? new Set<string>();
        // Not a common word, nor a word already known as a place, an organisation or a demonym ("Jordan", "Berlin").
        if (set.has('common') || ['city', 'country', 'region', 'place', 'pplace', 'org', 'team', 'demonym'].some((k) => set.has(k))) continue;
        set.add(cls);
        gazMap.set(w, set);
      }
    }
  }
  const lines = [...gazMap.keys()].sort().map((w) => `${w}\t${[...gazMap.get(w)!].sort().join(',')}`);
  writeFileSync(join(OUT, 'gazetteer.tsv'), '# word<TAB>classes — derived from compromise (MIT) lexicon, the Phoenix place aliases (MIT) and @faker-js/faker name lists (MIT); see README.md\n' + lines.join('\n') + '\n');
}
writeFileSync(
  join(OUT, 'phoenix.tsv'),
  '# id\ttype\tcountry\tname\taliases\tcodes — converted from the Phoenix actor dictionaries (MIT, Open Event Data Alliance); see README.md\n' +
    rows.join('\n') + '\n',
);
console.log(`countries ${countries.length}, capitals ${caps.length}, gazetteer ${gaz.length}, phoenix ${rows.length}`);
