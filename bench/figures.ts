/**
 * Figures benchmark on Gun Violence Archive incidents joined to news articles (distant, incident-level gold).
 *
 * For each article and each of killed / injured we predict one number for the incident from the figures the
 * whole pipeline extracts (`analyze()` with `loadResources()`): the first non-cumulative count of that kind, as
 * news leads with the incident's toll (GVA_AGG=mode|max to compare: the most frequent, ties the larger; the
 * largest), 0 when there is none. Injured is the larger of the wounded count and "N people were shot" minus the
 * killed ("four people were shot", "struck four people" count the dead; "six others were shot" does not). The shooter's own death
 * ("… before killing himself") adds one to a count of the shooter's victims ("fatally shot his wife"), as GVA
 * counts the shooter among the killed. GVA_SINGLES=drop ignores one-person figures ("a man was shot") when a
 * number counts the group; a person named only by a pronoun ("she was hit", "shot him") is left out when any other
 * figure of the kind exists (GVA_PRONOUN_ONES=keep to compare; chosen on the development half, +1 pair).
 *
 * "Stated": the gold number is greater than 0 and the article's text states it — the number in digits or words
 * (or, for 1, "a/an/one" + a person noun) within 60 characters of a word of that kind (kill/dead/died/death/fatal…;
 * injur/wound/hurt/shot/hospital…) in the same sentence. `gvaExactStated` is the exact-match accuracy over these
 * (article, kind) pairs; `gvaExactAll` over every pair (gold 0 included); `regexExactStated` is a regex
 * baseline (the number right before "killed/dead" or "injured/wounded") on the stated pairs.
 *
 * Development split: incidents with an even id were used to develop; the figures reported are on incidents with
 * an odd id (pass --dev to score the development half, --all for both; --dev --debug prints each wrong stated pair of
 * the development half with the figures found, and refuses to run on the reported half).
 * Last line: {"bench":"figures","gvaExactStated":…,"gvaExactAll":…,"regexExactStated":…} (fractions).
 */
import { readFileSync } from 'node:fs';
import { goldPath } from './shared.js';
import { analyze, documentFor, STAGES, toAnalysis } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Figure } from '../src/types.js';

interface GvaDoc {
  doc_id: string;
  incident_id: string;
  title: string | null;
  dct: string | null;
  content: string | null;
  gold_num_killed: number;
  gold_num_injured: number;
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const KIND_RE = {
  killed: /\b(kill|dead|died|dies|death|fatal|slain|murder|homicide|lost (his|her|their) li)/i,
  injured: /\b(injur|wound|hurt|shot|hospital|grazed)/i,
};
const PERSON_RE = /\b(a|an|one)\s+(\S+\s+){0,3}(man|woman|boy|girl|person|teen|teenager|child|toddler|officer|victim|driver|student|resident|father|mother|son|daughter)\b/i;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/);
}

/** The number (or, for 1, "a/an/one" + a person noun) within 60 characters of a word of the kind, in one sentence. */
function stated(text: string, n: number, kind: 'killed' | 'injured'): boolean {
  if (n <= 0) return false;
  const num = `(?<![\\d,.])${n.toLocaleString('en-US').replace(/,/g, ',?')}(?![\\d,]*\\d)${n < WORDS.length ? `|\\b${WORDS[n]}\\b` : ''}`;
  const numRe = new RegExp(num, 'gi');
  const kindRe = new RegExp(KIND_RE[kind].source, 'gi');
  for (const s of sentences(text)) {
    const kinds = [...s.matchAll(kindRe)].map((m) => m.index!);
    if (!kinds.length) continue;
    const nums = [...s.matchAll(numRe)].map((m) => m.index!);
    if (n === 1) for (const m of s.matchAll(new RegExp(PERSON_RE.source, 'gi'))) nums.push(m.index!);
    if (nums.some((x) => kinds.some((y) => Math.abs(x - y) <= 60))) return true;
  }
  return false;
}

const AGG = process.env.GVA_AGG ?? 'first';
/** One number from several counts of a kind: the first (default: the lede's), the largest, or the most frequent. */
function pick(values: number[]): number {
  if (!values.length) return -1;
  if (AGG === 'first') return values[0]!;
  if (AGG === 'mode') {
    const c = new Map<number, number>();
    for (const v of values) c.set(v, (c.get(v) ?? 0) + 1);
    let best = values[0]!;
    for (const v of values) if (c.get(v)! > c.get(best)! || (c.get(v) === c.get(best) && v > best)) best = v;
    return best;
  }
  return Math.max(...values);
}

const LEAD = Number(process.env.GVA_LEAD ?? 0);
const SELF_RE = /\b(himself|herself|own life)\b/i;
/** "… seven dead, including the gunman": the count already holds the shooter. */
const WITH_SHOOTER_RE = /^[^.;]{0,60}\b(including|counting|among them|as well as)\s+(the\s+)?(suspected\s+|alleged\s+)?(gunman|shooter|suspect|attacker|killer)/i;
const AFTER_OTHERS_RE = /\b(before|then|after|and then)\s+(\w+\s+){0,2}$/i;
const VICTIMS_RE = /^(killed|killing|kills|kill|fatally|shot|shooting|gunned|murder)/i;
const MURDER_SUICIDE_RE = /\bmurder[- \/]suicide\b/i;
/** "six others were shot", "two other people": a count that leaves out the ones already named. */
const OTHERS_RE = /^(\S+\s+){0,3}(others?|another)\b/i;
/** A figure for one person that no number states: "a man was shot", "the victim died", "John Smith was killed". */
const singlePerson = (f: Figure) => f.value === 1 && !/\b(one|1)\b/i.test(f.text);
const SINGLES = process.env.GVA_SINGLES ?? 'keep';
const PRONOUN_ONES = process.env.GVA_PRONOUN_ONES ?? 'drop';
/** A figure for a person named only by a pronoun ("she was hit", "shot him"): someone a count elsewhere may hold. */
const pronounOne = (f: Figure) => f.value === 1 && /^(he|she)\b|\b(him|her)$/i.test(f.text.trim());
/**
 * One count from the figures of a kind: the people described one by one ("a 22-year-old man was shot") stand for
 * the members of a group when a number counts that group ("four people were shot"), so they only count when no
 * number does.
 */
function choose(fs: Figure[]): number {
  let counts = SINGLES === 'drop' && fs.some((f) => !singlePerson(f)) ? fs.filter((f) => !singlePerson(f)) : fs;
  if (PRONOUN_ONES === 'drop' && counts.some((f) => !pronounOne(f))) counts = counts.filter((f) => !pronounOne(f));
  return pick(counts.map((f) => f.value));
}
function predict(all: Figure[], text = ''): { killed: number; injured: number } {
  const kf: Figure[] = [], wf: Figure[] = [], sf: Figure[] = [];
  let self = false, selfOnly = false;
  // With GVA_LEAD=n, the counts in the first n characters win when there are any.
  const lead = LEAD > 0 ? all.filter((f) => f.start < LEAD) : [];
  const figures = lead.some((f) => f.kind === 'killed' || f.kind === 'wounded') ? lead : all;
  for (const f of figures) {
    if (f.cumulative) continue;
    // Only a shooter who killed others first ("… before killing himself", "then turned the gun on himself", a
    // murder-suicide): a child who shot himself by accident is the one victim, already counted.
    if (f.kind === 'killed' && SELF_RE.test(f.text)) {
      const afterOthers = AFTER_OTHERS_RE.test(text.slice(Math.max(0, f.start - 40), f.start)) || MURDER_SUICIDE_RE.test(text);
      self ||= afterOthers;
      // "A Chetek man accidentally shot himself to death": he is the one dead.
      if (!afterOthers) selfOnly = true;
    }
    else if (f.kind === 'killed') kf.push(f);
    if (f.kind === 'wounded') {
      // "Four people were shot", "shooting four people", "struck four people" include the dead; "six others were
      // shot" does not.
      if (/\b(shot|shooting|shoots|shoot|hit|hitting|struck|striking)\b/i.test(f.text) && !/wound|injur|hurt/i.test(f.text) && !OTHERS_RE.test(f.text)) sf.push(f);
      else wf.push(f);
    }
  }
  let killed = Math.max(0, choose(kf));
  const wounded = choose(wf), shot = choose(sf);
  // The shooter's own death ("… before killing himself") adds one to the victims, unless the count already holds
  // the shooter ("seven dead, including the gunman").
  // Only a count of the shooter's victims ("fatally shot seven people", "killed his wife") leaves the shooter out:
  // "three people were killed" may count him.
  if ((self || selfOnly) && !kf.length) killed = 1;
  else if (self && kf.some((f) => f.value === killed && VICTIMS_RE.test(f.text))
    && !kf.some((f) => f.value === killed && WITH_SHOOTER_RE.test(text.slice(f.end, f.end + 80)))) killed += 1;
  // "Four people were shot" counts the killed too: the injured are the shot minus the killed.
  let injured = Math.max(0, wounded);
  if (shot >= 0) injured = Math.max(injured, shot - killed);
  return { killed, injured };
}

const NUM = `(\\d+|${WORDS.join('|')})`;
const RX = {
  killed: new RegExp(`\\b${NUM}\\s+(?:\\w+\\s+){0,2}?(?:were\\s+|was\\s+)?(?:killed|dead)\\b`, 'i'),
  injured: new RegExp(`\\b${NUM}\\s+(?:\\w+\\s+){0,2}?(?:were\\s+|was\\s+)?(?:injured|wounded)\\b`, 'i'),
};
function regexBaseline(text: string, kind: 'killed' | 'injured'): number {
  const m = RX[kind].exec(text);
  if (!m) return 0;
  const w = m[1]!.toLowerCase();
  return /^\d+$/.test(w) ? Number(w) : WORDS.indexOf(w);
}

const res = loadResources();
const mode = process.argv.includes('--dev') ? 'dev' : process.argv.includes('--all') ? 'all' : 'test';
// --debug prints each wrong stated pair with the figures found; only on the development half (even ids), so that
// the reported (odd) half is never studied. It runs the stages up to figures only (later stages do not touch them).
const DEBUG = process.argv.includes('--debug');
if (DEBUG && mode !== 'dev') throw new Error('--debug is for the development half only: pass --dev');
const lines = readFileSync(goldPath('figures', 'gva', 'gva_casualty_gold.jsonl'), 'utf8').split('\n').filter(Boolean);
let nStated = 0, okStated = 0, okRegex = 0, nAll = 0, okAll = 0;
const perKind: Record<string, [number, number]> = { killed: [0, 0], injured: [0, 0] };
let docs = 0;
const t0 = performance.now();
for (const l of lines) {
  const d = JSON.parse(l) as GvaDoc;
  const odd = Number(d.incident_id) % 2 === 1;
  if (mode === 'test' && !odd) continue;
  if (mode === 'dev' && odd) continue;
  const text = d.content ?? '';
  docs++;
  let a;
  if (DEBUG) {
    const doc = documentFor({ id: d.doc_id, text, published: d.dct }, res);
    for (const [name, run] of STAGES) { run(doc, res); if (name === 'figures') break; }
    a = toAnalysis(doc, null);
  } else a = analyze({ id: d.doc_id, text, published: d.dct }, res);
  const p = predict(a.figures, text);
  if (DEBUG) {
    const bad = (['killed', 'injured'] as const).filter((kind) => {
      const gold = kind === 'killed' ? d.gold_num_killed : d.gold_num_injured;
      return stated(text, gold, kind) && p[kind] !== gold;
    });
    if (bad.length) {
      console.log(`\n## ${d.incident_id} gold k=${d.gold_num_killed} i=${d.gold_num_injured} got k=${p.killed} i=${p.injured} [${bad.join(',')}] ${d.title ?? ''}`);
      for (const f of a.figures) if (f.kind === 'killed' || f.kind === 'wounded') console.log(`   ${f.kind} ${f.value}${f.cumulative ? ' CUM' : ''} | ${f.text.replace(/\s+/g, ' ')}`);
      const lead = text.slice(0, 700).replace(/\s+/g, ' ');
      console.log(`   > ${lead}`);
    }
  }
  for (const kind of ['killed', 'injured'] as const) {
    const gold = kind === 'killed' ? d.gold_num_killed : d.gold_num_injured;
    const got = p[kind];
    nAll++;
    if (got === gold) okAll++;
    if (stated(text, gold, kind)) {
      nStated++;
      perKind[kind]![0]++;
      if (got === gold) { okStated++; perKind[kind]![1]++; }
      if (regexBaseline(text, kind) === gold) okRegex++;
    }
  }
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(`GVA ${mode} half: ${docs} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`stated pairs ${nStated}: exact ${(okStated / (nStated || 1)).toFixed(3)} (killed ${perKind.killed![1]}/${perKind.killed![0]}, injured ${perKind.injured![1]}/${perKind.injured![0]}); regex baseline ${(okRegex / (nStated || 1)).toFixed(3)}`);
console.log(`all pairs ${nAll}: exact ${(okAll / (nAll || 1)).toFixed(3)}`);
console.log(JSON.stringify({ bench: 'figures', gvaExactStated: r3(okStated / (nStated || 1)), gvaExactAll: r3(okAll / (nAll || 1)), regexExactStated: r3(okRegex / (nStated || 1)) }));
