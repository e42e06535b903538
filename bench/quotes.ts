/**
 * Quotes benchmark.
 *  - GGT (Gender Gap Tracker gold, test only): precision / recall / F1 at 30% and 80% overlap as
 *    GGT's evaluate_quotes.py defines them (a gold quote matches the remaining prediction that covers the
 *    largest share of the gold quote's characters, above the threshold; each prediction matches once),
 *    speaker-match accuracy (speaker spans overlap, or both floating), and resolved-speaker accuracy
 *    (our speaker entity's name against the gold `reference`, over matched quotes that have one; a reference that
 *    only describes an unnamed speaker, "the company", counts as right when we name no entity and our speaker
 *    mention is that description; an acronym matches the name it abbreviates, "FBI" = "Federal Bureau of
 *    Investigation").
 *  - PolNeAR dev (speech cues only): F1 at 30% overlap against attributions whose cue is a speech verb;
 *    a prediction counts as false only when it overlaps no attribution at all (PolNeAR also annotates
 *    beliefs and perceptions, which this stage leaves out on purpose).
 *  - `--speakers=train|dev [--debug]`: a development measure of speaker resolution on PolNeAR train/dev only (see
 *    speakerDev below); GGT is never printed quote by quote.
 * Last line: {"bench":"quotes","ggtF1At30":…,"ggtF1At80":…,"ggtSpeakerAcc":…,"ggtResolvedSpeakerAcc":…,"polnearDevF1":…}
 */
import { readFileSync } from 'node:fs';
import { goldPath } from './shared.js';
import { analyze, documentFor, STAGES } from '../src/analyze.js';
import { loadResources } from '../src/resources.js';
import type { Analysis } from '../src/types.js';

type Range = [number, number];

interface GgtQuote {
  quote: string;
  quote_span: Range | null;
  speaker: string | null;
  speaker_span: Range | null;
  verb: string | null;
  reference: string | null;
}
interface GgtDoc { id: string; text: string; quotes: GgtQuote[] }

/** Share of `gold`'s characters that `pred` covers (GGT's asymmetric score). */
function cover(gold: Range, pred: Range): number {
  const len = gold[1] - gold[0];
  if (len <= 0 || pred[1] <= pred[0]) return 0;
  return Math.max(0, Math.min(gold[1], pred[1]) - Math.max(gold[0], pred[0])) / len;
}

// Accents are dropped before punctuation becomes space: NFKD splits "é" into "e" and a combining mark, which would
// otherwise cut "Andrés" into "andre s" and miss "Andres".
const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** Entity name vs gold reference: equal once normalised, or every word of the shorter is in the longer. */
function sameName(name: string, ref: string): boolean {
  const a = norm(name), b = norm(ref);
  if (!a || !b) return false;
  if (a === b) return true;
  // An acronym and the name it abbreviates: "FBI" and "Federal Bureau of Investigation", "RCMP" and "Royal Canadian
  // Mounted Police".
  if (acronymOf(name, ref) || acronymOf(ref, name)) return true;
  const ta = a.split(' '), tb = b.split(' ');
  const [short, long] = ta.length <= tb.length ? [ta, new Set(tb)] : [tb, new Set(ta)];
  return short.every((w) => long.has(w));
}

function acronymOf(short: string, long: string): boolean {
  const s = short.trim().replace(/^the\s+/i, '').replace(/\./g, '');
  if (!/^\p{Lu}{2,6}$/u.test(s)) return false;
  const initials = long.replace(/^the\s+/i, '').split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  return initials === s;
}

/** A gold reference that describes an unnamed speaker rather than naming one: it starts in lower case. */
const unnamed = (ref: string) => /^\p{Ll}/u.test(ref.trim());

const res = loadResources();

function ggt() {
  const lines = readFileSync(goldPath('quotes', 'ggt', 'ggt_gold_quotes_realigned.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out: Record<string, number> = {};
  const analyses: Array<{ doc: GgtDoc; a: Analysis }> = [];
  for (const l of lines) {
    const doc = JSON.parse(l) as GgtDoc;
    analyses.push({ doc, a: analyze({ id: doc.id, text: doc.text }, res) });
  }
  for (const thr of [0.3, 0.8]) {
    let tp = 0, fp = 0, fn = 0, spk = 0, resolvedN = 0, resolvedOk = 0;
    for (const { doc, a } of analyses) {
      let remaining = a.quotes.slice();
      for (const g of doc.quotes) {
        if (!g.quote_span) { fn++; continue; }
        let best = -1, bestScore = 0;
        remaining.forEach((p, k) => {
          const s = cover(g.quote_span!, [p.start, p.end]);
          if (s > thr && s > bestScore) { bestScore = s; best = k; }
        });
        if (best < 0) { fn++; continue; }
        const p = remaining[best]!;
        remaining = remaining.filter((_, k) => k !== best);
        tp++;
        const goldHasSpeaker = !!(g.speaker && g.speaker.trim() && g.speaker_span);
        if (goldHasSpeaker && p.speakerMention && cover(g.speaker_span!, [p.speakerMention.start, p.speakerMention.end]) > 0) spk++;
        else if (!goldHasSpeaker && !p.speakerMention) spk++;
        if (g.reference && g.reference.trim()) {
          resolvedN++;
          const ent = p.speaker ? a.entities.find((e) => e.id === p.speaker) : undefined;
          if (ent && sameName(ent.name, g.reference)) resolvedOk++;
          // A reference that is no name ("the company", "a spokesperson", "authorities": lower-case, as GGT's annotators
          // wrote an unnamed speaker) has no entity to resolve to: right when we too name no entity and give that
          // description as the speaker.
          else if (!ent && unnamed(g.reference) && p.speakerMention && sameName(p.speakerMention.text, g.reference)) resolvedOk++;
        }
      }
      fp += remaining.length;
    }
    const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1), F = (2 * P * R) / (P + R || 1);
    const tag = thr === 0.3 ? '30' : '80';
    console.log(`GGT @${thr}: P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${(100 * F).toFixed(1)} speaker ${(100 * spk / (tp || 1)).toFixed(1)} resolved ${(100 * resolvedOk / (resolvedN || 1)).toFixed(1)} (tp ${tp} fp ${fp} fn ${fn})`);
    out[`f1${tag}`] = 100 * F;
    out[`spk${tag}`] = 100 * spk / (tp || 1);
    out[`res${tag}`] = 100 * resolvedOk / (resolvedN || 1);
  }
  // Cost of the quotes and figures stages alone, per 3,000 characters.
  let ms = 0, chars = 0;
  for (let rep = 0; rep < 3; rep++) {
    for (const { doc } of analyses) {
      const d = documentFor({ text: doc.text }, res);
      for (const [name, run] of STAGES) {
        if (name === 'quotes' || name === 'figures') {
          // CPU time, not wall-clock: the machine is shared, and waiting for a core is not our cost.
          const c0 = process.cpuUsage();
          run(d, res);
          const c = process.cpuUsage(c0);
          ms += (c.user + c.system) / 1000;
        } else if (name === 'time' || name === 'actors' || name === 'places') run(d, res);
      }
      chars += doc.text.length;
    }
  }
  console.log(`cost: quotes+figures ${(ms / chars * 3000).toFixed(3)} ms CPU per 3,000 characters`);
  return out;
}

/** Speech cues for the PolNeAR figure: a fixed list, independent of the lexicon under test. */
const SPEECH_CUE = new RegExp(`\\b(according to|${['say', 'tell', 'add', 'announce', 'state', 'claim', 'explain', 'note', 'insist', 'argue', 'warn', 'declare', 'report', 'write', 'ask', 'reply', 'respond', 'confirm', 'deny', 'acknowledge', 'admit', 'allege', 'assert', 'comment', 'complain', 'conclude', 'contend', 'stress', 'emphasize', 'suggest', 'testify', 'urge', 'vow', 'pledge', 'promise', 'predict', 'recall', 'remark', 'reveal', 'repeat', 'tweet', 'tell'].map((v) => `${v}(s|es|ed|d|ing)?`).join('|')}|said|says|told|wrote|written|writes|denied|denies|replied|replies|testified|testifies)\\b`);

interface PnSpan { start: number; end: number; text: string }
interface PnAttr { type: string; cue?: PnSpan[]; content?: PnSpan[]; source?: PnSpan[] }
interface PnDoc { compartment: string; article: string; text: string; attributions: PnAttr[] }

/** The documents of one PolNeAR compartment (train, dev or test), each article once, at most `limit` of them. */
function* polnearDocs(split: string, limit = Infinity): Generator<PnDoc> {
  const seen = new Set<string>();
  for (const l of readFileSync(goldPath('quotes', 'polnear', 'polnear_all.jsonl'), 'utf8').split('\n')) {
    if (!l || !l.includes(`"compartment": "${split}"`)) continue;
    const d = JSON.parse(l) as PnDoc;
    if (d.compartment !== split || seen.has(d.article)) continue;
    seen.add(d.article);
    if (seen.size > limit) return;
    yield d;
  }
}

function polnear(split: string, limit = Infinity): number {
  let tp = 0, fp = 0, fn = 0;
  let docs = 0;
  for (const d of polnearDocs(split, limit)) {
    docs++;
    const a = analyze({ text: d.text }, res);
    const all: Range[] = [];
    const speech: Range[] = [];
    for (const at of d.attributions) {
      if (!at.content?.length) continue;
      const r: Range = [Math.min(...at.content.map((c) => c.start)), Math.max(...at.content.map((c) => c.end))];
      all.push(r);
      const cue = (at.cue ?? []).map((c) => c.text.toLowerCase()).join(' ');
      if (SPEECH_CUE.test(cue)) speech.push(r);
    }
    let remaining = a.quotes.slice();
    for (const g of speech) {
      let best = -1, bestScore = 0;
      remaining.forEach((p, k) => {
        const s = cover(g, [p.start, p.end]);
        if (s > 0.3 && s > bestScore) { bestScore = s; best = k; }
      });
      if (best < 0) { fn++; continue; }
      remaining = remaining.filter((_, k) => k !== best);
      tp++;
    }
    for (const p of remaining) if (!all.some((g) => cover(g, [p.start, p.end]) > 0.3)) fp++;
  }
  const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1), F = (2 * P * R) / (P + R || 1);
  console.log(`PolNeAR ${split} (speech cues) @0.3: P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${(100 * F).toFixed(1)} (tp ${tp} fp ${fp} fn ${fn}, ${docs} articles)`);
  return 100 * F;
}

/**
 * Development measure of speaker resolution on PolNeAR train/dev (never GGT): for every predicted quote matched to a
 * speech attribution, is the speaker entity right?
 *  - named sources (a capitalised word in the source): the entity's name against the source's last capitalised run
 *    ("Trump's campaign manager Kellyanne Conway" → "Kellyanne Conway");
 *  - he/she/they/it sources: a pseudo-gold antecedent that does not depend on our actors stage: the nearest earlier
 *    gold source (of any attribution) that is named, within 3 paragraphs, whose first name is not of the other sex
 *    for he/she (data/quotes/first-names.json) — noisy, read as a trend only.
 * Descriptions ("a spokesman", "the campaign") are counted but not scored. `--debug` prints misses (train/dev only).
 */
function speakerDev(split: string, debug: boolean, limit = Infinity): void {
  const names = JSON.parse(readFileSync(new URL('../data/quotes/first-names.json', import.meta.url), 'utf8')) as { male: string[]; female: string[] };
  const sexOf = new Map<string, string>([...names.male.map((n) => [n.toLowerCase(), 'm'] as [string, string]), ...names.female.map((n) => [n.toLowerCase(), 'f'] as [string, string])]);
  const tally: Record<string, [number, number]> = {};
  const add = (k: string, ok: boolean) => { const t = tally[k] ??= [0, 0]; t[0]++; if (ok) t[1]++; };
  let spanN = 0, spanOk = 0;
  const capRun = (s: string): string | null => {
    const runs = s.replace(/[’]s\b|'s\b/g, ' |').split(/[^\p{L}\p{N}.'’-]+/u);
    let best: string[] = [], cur: string[] = [];
    for (const w of runs) {
      if (/^\p{Lu}/u.test(w) && !/^(The|A|An|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Dr\.|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|Senator|Secretary|Former|Republican|Democratic|Democrat|GOP|Vice|Gen\.|Judge|Speaker|Chairman)$/.test(w)) cur.push(w);
      else { if (cur.length) best = cur; cur = []; }
    }
    if (cur.length) best = cur;
    return best.length ? best.join(' ') : null;
  };
  // The source's head: before an apposition, a parenthesis, a relative clause or an owner ("Rep. John Mica (R-Fla.)",
  // "Phil Smith, a spokesman for …", "Mr. Morgan of the Sierra Club"); null when that head is a description ("A
  // reporter for USA Today", "Pagliano's lawyer", "The Indiana governor", "Police officials").
  const headOf = (src: string): string | null => {
    const h = src.split(/,|\(| who | whose | --| —| of | for | from | at | in /)[0]!.trim();
    if (!h || /^\p{Ll}/u.test(h.split(/\s+/).pop()!)) return null;
    return h;
  };
  for (const d of polnearDocs(split, limit)) {
    const a = analyze({ text: d.text }, res);
    const paraAt = (off: number) => { let p = 0; for (let i = d.text.indexOf('\n\n'); i >= 0 && i < off; i = d.text.indexOf('\n\n', i + 2)) p++; return p; };
    const named = d.attributions.map((at) => ({ at, h: at.source?.length ? headOf(at.source.map((x) => x.text).join(' ')) : null }))
      .filter((x) => x.h && capRun(x.h) && !/^(he|she|they|it|i|we|you)$/i.test(x.h))
      .map((x) => ({ start: x.at.source![0]!.start, name: capRun(x.h!)! }))
      .sort((x, y) => x.start - y.start);
    let remaining = a.quotes.slice();
    for (const at of d.attributions) {
      if (!at.content?.length || !at.source?.length) continue;
      const cue = (at.cue ?? []).map((c) => c.text.toLowerCase()).join(' ');
      if (!SPEECH_CUE.test(cue)) continue;
      const r: Range = [Math.min(...at.content.map((c) => c.start)), Math.max(...at.content.map((c) => c.end))];
      let best = -1, bestScore = 0;
      remaining.forEach((p, k) => { const s = cover(r, [p.start, p.end]); if (s > 0.3 && s > bestScore) { bestScore = s; best = k; } });
      if (best < 0) continue;
      const p = remaining[best]!;
      remaining = remaining.filter((_, k) => k !== best);
      const src = at.source.map((x) => x.text).join(' ');
      spanN++;
      if (p.speakerMention && at.source.some((x) => x.start < p.speakerMention!.end && p.speakerMention!.start < x.end)) spanOk++;
      const ent = p.speaker ? a.entities.find((e) => e.id === p.speaker) : undefined;
      const low = src.toLowerCase();
      let goldName: string | null = null;
      let cat: string;
      if (/^(he|she|they|it)$/.test(low)) {
        cat = `pronoun:${low}`;
        const s0 = at.source[0]!.start, p0 = paraAt(s0);
        for (let i = named.length - 1; i >= 0; i--) {
          const c = named[i]!;
          if (c.start >= s0) continue;
          if (p0 - paraAt(c.start) > 3) break;
          const sx = sexOf.get(c.name.split(' ')[0]!.toLowerCase());
          if ((low === 'he' && sx === 'f') || (low === 'she' && sx === 'm')) continue;
          // he/she: a person's name (not an acronym or "The …" organisation); they/it: anything named.
          if ((low === 'he' || low === 'she') && (/^\p{Lu}{2,}$/u.test(c.name) || /^The /.test(c.name))) continue;
          goldName = c.name;
          break;
        }
        if (!goldName) { add('pronoun:no-pseudo-gold', false); continue; }
      } else if (headOf(src) && capRun(headOf(src)!)) { cat = 'named'; goldName = capRun(headOf(src)!); }
      else { add('description(unscored)', true); continue; }
      const ok = !!ent && sameName(ent.name, goldName!);
      add(cat, ok);
      // The same, by what our side had to resolve.
      const sm = p.speakerMention?.text ?? null;
      add(`ours:${sm === null ? 'floating' : /^(he|she|they|it|i|we)$/i.test(sm) ? 'pronoun' : /^\p{Lu}/u.test(sm) && !/^(The|A|An)\s/.test(sm) ? 'name' : 'description'}${p.direct ? '/direct' : '/reported'}`, ok);
      if (debug && !ok && process.env.CTX && (!process.env.ONLY || process.env.ONLY === (sm === null ? 'floating' : 'other'))) console.log(`\n=== ${cat} [${sm}${p.direct ? "/direct" : ""}] ours=${ent?.name} pseudo=${goldName}\n${d.text.slice(Math.max(0, p.start - Number(process.env.CTX)), p.start + 80)}`);
      if (debug && !ok) console.log(`MISS ${cat} ${d.article} gold="${src}"→${goldName} ours=${JSON.stringify(p.speakerMention?.text ?? null)}→${ent ? `${ent.name} (${ent.type})` : 'null'} | ${d.text.slice(Math.max(0, p.start - 80), p.start).replace(/\s+/g, ' ')}[[${p.text.slice(0, 60).replace(/\s+/g, ' ')}]]`);
    }
  }
  let all = 0, ok = 0;
  for (const [k, [t, o]] of Object.entries(tally).sort()) {
    console.log(`  ${k}: ${o}/${t} ${(100 * o / t).toFixed(1)}%`);
    if (!k.includes('unscored') && !k.startsWith('ours:')) { all += t; ok += o; }
  }
  console.log(`PolNeAR ${split} speaker: span ${(100 * spanOk / (spanN || 1)).toFixed(1)}% of ${spanN}; resolved (scored) ${(100 * ok / (all || 1)).toFixed(1)}% of ${all}`);
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const spk = process.argv.find((x) => x.startsWith('--speakers='));
if (spk) {
  const split = spk.split('=')[1]!;
  if (split !== 'train' && split !== 'dev') throw new Error('--speakers= takes train or dev');
  const lim = process.argv.find((x) => x.startsWith('--limit='));
  speakerDev(split, process.argv.includes('--debug'), lim ? Number(lim.split('=')[1]) : Infinity);
  process.exit(0);
}
const onlyPolnear = process.argv.includes('--polnear-only');
const g = onlyPolnear ? null : ggt();
const pn = polnear('dev');
console.log(JSON.stringify({
  bench: 'quotes',
  ggtF1At30: g ? r1(g.f130!) : null,
  ggtF1At80: g ? r1(g.f180!) : null,
  ggtSpeakerAcc: g ? r1(g.spk30!) : null,
  ggtResolvedSpeakerAcc: g ? r1(g.res30!) : null,
  polnearDevF1: r1(pn),
}));
