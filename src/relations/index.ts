/**
 * The relations stage: who backs, leads, belongs to, is allied with or opposes whom, from cue
 * phrases ("backed by", "led by", "loyal to", "leader of", …), hyphen compounds ("Turkish-backed"),
 * possessives ("Haftar's Libyan National Army") and titles between an organisation and a person
 * ("Turkish President Erdogan"). Every relation links two entities of `doc.entities` and carries
 * its evidence span.
 *
 * Direction: `subject` `type` `object` reads as a sentence. "X leads Y": subject X (the leader)
 * leads object Y; "Y backed_by X": subject Y is backed by object X; "X member_of Y", "X part_of Y",
 * "X allied_with Y", "X opposes Y".
 */
import { sentenceAt, type Doc, type Sentence } from '../document/document.js';
import type { Token } from '../document/tokenize.js';
import type { EntityType, Relation, RelationType } from '../types.js';
import { actorSpansOf, isCapitalised, isHeadline, isPossessiveAt, type ActorAt, type ActorSpans } from './actorspans.js';
import WORDS from '../../data/relations/words.json' with { type: 'json' };

/** "Tripoli-based", "UN-backed"; hoisted, as the loader rebuilds a \p{…} literal on every call. */
const HYPHENATED_MODIFIER = /-\p{Ll}+$/u;

export interface Cue {
  /** The cue's words, lower case, matched in order (with up to `cueGap` gap words between them). */
  words: string[];
  type: RelationType;
  /** Which side of the cue is the relation's subject: the actor before it, or the ones after it. */
  subject: 'left' | 'right';
  /** How the actor before the cue is found: right before it (apposition, relative clause), anywhere earlier in the clause, or either. */
  left: 'adjacent' | 'clause' | 'either';
  /** The cue does not apply when the next word is one of these. */
  notBefore?: string[];
  /** The cue applies only after one of these words (a verb, not the noun: "to support"), or right after an actor. */
  after?: string[];
  /** False: not right after an actor either ("Clinton leads Sanders" in a poll is not leadership). */
  afterActor?: boolean;
  /** When the actor after the cue is a person, this relation instead, with the person as subject ("forces loyal to Haftar": Haftar leads them). */
  personObject?: RelationType;
  /** Only actors of these types may stand after the cue ("member of" an organisation, not of a city). */
  objectTypes?: EntityType[];
}

export interface Compound {
  suffix: string;
  type: RelationType;
  /** "head": the noun after the compound is the subject ("Turkish-backed GNA": GNA backed_by Turkey); "prefix": the prefix is ("Saudi-led coalition"). */
  subject: 'head' | 'prefix';
}

export interface PossessiveRule {
  possessor: EntityType[];
  possessed: EntityType[];
  type: RelationType;
  subject: 'possessor' | 'possessed';
}

/** "Iran's proxy Hezbollah": the noun between a possessive and an actor names the relation. */
export interface PossessiveNoun {
  type: RelationType;
  subject: 'possessor' | 'possessed';
}

/** What the relations stage needs, loaded once (see load.ts) and passed in. */
export interface RelationsResources {
  cues: Map<string, Cue[]>;
  cueGap: number;
  gapWords: Set<string>;
  compounds: Map<string, Compound>;
  possessives: PossessiveRule[];
  possessiveNouns: Map<string, PossessiveNoun>;
  collectiveHeads: Set<string>;
  possessiveModifiers: Set<string>;
  subunitNouns: Set<string>;
  modals: Set<string>;
  headTitles: string[][];
  memberTitles: string[][];
  demoteTitles: Set<string>;
  skipTitles: Set<string>;
  titleWords: Set<string>;
  adverbs: Set<string>;
  auxiliaries: Set<string>;
  relativePronouns: Set<string>;
  negations: Set<string>;
  clauseWindow: number;
  leadingAdverbials: Set<string>;
}

const DETERMINERS = new Set<string>(WORDS.determiners);
const CLAUSE_STOP = new Set(['.', ';', ':', '?', '!', ',', '"', '“', '”', '—', '–', '--']);
const LIST_JOIN = new Set([',', 'and', '&']);
/** Words that start a new clause: the clause search for a subject stops at them. */
const CLAUSE_BREAK = new Set<string>(WORDS.clauseBreak);
const ACTOR_TYPES = new Set<EntityType | null>(['PERSON', 'ORG', 'GROUP', 'GPE', null, 'OTHER']);

interface Ctx {
  doc: Doc;
  res: RelationsResources;
  spans: ActorSpans;
  toks: Token[];
  out: Relation[];
  seen: Set<string>;
  /** Sentence index → whether it is a headline in capitals. */
  loud: Map<number, boolean>;
}

/** The relations stage: reads the document built so far and adds its own layer. Pure: no I/O. */
export function runRelations(doc: Doc, res: RelationsResources): void {
  if (doc.entities.length < 2) return;
  const ctx: Ctx = { doc, res, spans: actorSpansOf(doc), toks: doc.tokens, out: [], seen: new Set(), loud: new Map() };
  for (const s of doc.sentences) {
    cueRelations(ctx, s);
    tokenRelations(ctx, s);
  }
  titleRelations(ctx);
  ctx.out.sort((a, b) => a.start - b.start || a.end - b.end); // stable: coordinated objects stay in text order
  doc.relations.push(...ctx.out);
}

function emit(ctx: Ctx, type: RelationType, subject: string, object: string, start: number, end: number): void {
  if (subject === object || start >= end) return;
  // Checked only when a relation is found: a headline's capitals say nothing about names.
  const s = sentenceAt(ctx.doc, start);
  if (s) {
    let loud = ctx.loud.get(s.i);
    if (loud === undefined) ctx.loud.set(s.i, (loud = isHeadline(ctx.toks, s, ctx.spans)));
    if (loud) return;
  }
  const key = type === 'allied_with' && subject > object ? `${type}|${object}|${subject}` : `${type}|${subject}|${object}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.out.push({ type, subject, object, start, end, text: ctx.doc.text.slice(start, end) });
}

// ---------------------------------------------------------------- heads of noun phrases

/**
 * The actor a noun phrase that begins with actor `a` stands for: `a` itself, or what a possessive
 * names ("Serraj's government" → the government when known, else Serraj for a collective noun),
 * extended over a trailing collective noun ("GNA forces"). Null for "Turkey's support".
 */
function headAfter(ctx: Ctx, a: ActorAt, limit: number): ActorAt | null {
  const { toks, res, spans } = ctx;
  if (isPossessiveAt(toks, a.tokEnd)) {
    const p = spans.possessed(a, limit, res.collectiveHeads, res.possessiveModifiers);
    if (p) return p;
    for (let j = a.tokEnd + 1; j < Math.min(limit, a.tokEnd + 4); j++) {
      const t = toks[j]!;
      if (t.kind !== 'word') return null;
      if (res.collectiveHeads.has(t.lower)) return { ...a, tokEnd: j + 1, end: t.end };
      if (isCapitalised(t)) return null;
    }
    return null;
  }
  const next = toks[a.tokEnd];
  if (next && a.tokEnd < limit && res.collectiveHeads.has(next.lower)) {
    const ent = spans.resolve(a.start, next.end);
    return { ...a, entity: ent ?? a.entity, type: ent ? spans.typeOf(ent) : a.type, tokEnd: a.tokEnd + 1, end: next.end };
  }
  return a;
}

/** The actor whose noun phrase ends at token `j`: a name, or "Haftar's forces", "GNA forces". */
function headEndingAt(ctx: Ctx, j: number, floor: number): ActorAt | null {
  const { toks, res, spans } = ctx;
  const a = spans.endingAt(j, floor);
  if (a) return a;
  const t = toks[j];
  if (!t || !res.collectiveHeads.has(t.lower)) return null;
  let k = j - 1;
  while (k >= floor && k >= j - 3 && toks[k]!.kind === 'word' && !isCapitalised(toks[k]) && !isPossessiveAt(toks, k)) k--;
  if (k < floor) return null;
  let owner: ActorAt | null = null;
  if (isPossessiveAt(toks, k)) owner = spans.endingAt(k - 1, floor);
  else owner = spans.endingAt(k, floor);
  if (!owner) return null;
  const ent = spans.resolve(owner.start, t.end);
  return { ...owner, entity: ent ?? owner.entity, type: ent ? spans.typeOf(ent) : owner.type, tokEnd: j + 1, end: t.end };
}

/** The grammatical subject of the sentence: its first actor phrase, after a leading adverbial. */
function sentenceSubject(ctx: Ctx, s: Sentence, before: number): ActorAt | null {
  const { toks, res, spans } = ctx;
  let i = s.tokenStart;
  if (res.leadingAdverbials.has(toks[i]?.lower ?? '')) {
    let k = i;
    while (k < Math.min(before, i + 12) && toks[k]!.text !== ',') k++;
    if (k < before && toks[k]!.text === ',') i = k + 1;
  }
  for (let j = i; j < Math.min(before, i + 3); j++) {
    const t = toks[j]!;
    if (DETERMINERS.has(t.lower) || t.kind === 'punct') continue;
    const a = spans.startingAt(j, before);
    if (a) return headAfter(ctx, a, before);
    if (!isCapitalised(t) && !ctx.res.titleWords.has(t.lower)) return null;
  }
  return null;
}

// ---------------------------------------------------------------- cue phrases

/** Matches `cue` at token i; returns the token index after the cue, or -1. */
function matchCue(ctx: Ctx, cue: Cue, i: number, limit: number): number {
  const { toks, res } = ctx;
  let j = i;
  for (let w = 0; w < cue.words.length; w++) {
    if (w > 0) {
      let gap = 0;
      while (j < limit && toks[j]!.lower !== cue.words[w] && res.gapWords.has(toks[j]!.lower) && gap < res.cueGap) {
        j++;
        gap++;
      }
    }
    if (j >= limit || toks[j]!.lower !== cue.words[w]) return -1;
    j++;
  }
  return j;
}

interface ActorList {
  actors: ActorAt[];
  end: number; // token after the last actor
}

/** "Russia, Egypt and the UAE": the coordinated actors starting at token i. */
function actorList(ctx: Ctx, i: number, limit: number): ActorList {
  const { toks, res, spans } = ctx;
  const actors: ActorAt[] = [];
  let j = i;
  let end = i;
  const skipLead = (k: number) => {
    let n = 0;
    while (k < limit && n < 6) {
      const t = toks[k]!;
      if (DETERMINERS.has(t.lower) || res.adverbs.has(t.lower) || t.lower === 'both') { k++; n++; continue; }
      // A hyphenated modifier ("Tripoli-based", "UN-backed") before the name.
      if (t.kind === 'word' && HYPHENATED_MODIFIER.test(t.text) && !spans.startingAt(k, limit, false)) { k++; n++; continue; }
      if (res.titleWords.has(t.lower) && !spans.startingAt(k, limit, false)) { k++; n++; continue; }
      if (t.text === '.' && n > 0 && res.titleWords.has(toks[k - 1]!.lower)) { k++; n++; continue; } // "Gen. X"
      break;
    }
    return k;
  };
  for (;;) {
    j = skipLead(j);
    const a = spans.startingAt(j, limit);
    if (!a) break;
    let h = headAfter(ctx, a, limit);
    if (!h) break;
    // "the San Diego chapter", "Hezbollah leader Hassan Nasrallah": the actor only modifies the noun after it.
    if (h.tokEnd < limit && res.subunitNouns.has(toks[h.tokEnd]!.lower)) {
      const k = skipLead(h.tokEnd + 1);
      const b = spans.startingAt(k, limit);
      h = b ? headAfter(ctx, b, limit) : null;
      if (!h) break;
    }
    actors.push(h);
    j = h.tokEnd;
    end = j;
    // A parenthesised acronym or aside: "(GNA)".
    if (toks[j]?.text === '(') {
      let k = j + 1;
      while (k < limit && k < j + 6 && toks[k]!.text !== ')') k++;
      if (toks[k]?.text === ')') j = k + 1;
    }
    if (j >= limit || !LIST_JOIN.has(toks[j]!.lower)) break;
    let k = j + 1;
    if (toks[j]!.text === ',' && toks[k]?.lower === 'and') k++;
    const nextStart = skipLead(k);
    if (!spans.startingAt(nextStart, limit)) break;
    j = k;
  }
  return { actors, end };
}

function cueRelations(ctx: Ctx, s: Sentence): void {
  const { toks, res } = ctx;
  let prev: { end: number; left: ActorAt } | null = null;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const cues = res.cues.get(toks[i]!.lower);
    if (!cues) continue;
    if (i > s.tokenStart && toks[i]!.text !== toks[i]!.lower) continue; // cue words are lower case mid-sentence
    for (const cue of cues) {
      const after = matchCue(ctx, cue, i, s.tokenEnd);
      if (after < 0) continue;
      if (cue.notBefore && after < s.tokenEnd && cue.notBefore.includes(toks[after]!.lower)) continue;
      // The verb, not the noun: after one of the cue's words, or right after an actor ("the UAE back Haftar").
      if (cue.after && (i === s.tokenStart || (!cue.after.includes(toks[i - 1]!.lower) && (cue.afterActor === false || !ctx.spans.endingAt(i - 1, s.tokenStart, false))))) continue;
      const list = actorList(ctx, after, s.tokenEnd);
      if (list.actors.length === 0) continue;
      const left = leftActor(ctx, cue, i, s, prev);
      if (!left) break;
      const start = toks[i]!.start;
      const end = toks[list.end - 1]!.end;
      // "Russia, Egypt and the UAE back Haftar": a coordinated subject, for a verb cue.
      const lefts = cue.left === 'clause' ? leftList(ctx, left, s) : [left];
      for (const l of lefts) for (const o of list.actors) {
        if (!ACTOR_TYPES.has(o.type) || !ACTOR_TYPES.has(l.type)) continue;
        if (cue.objectTypes && (!o.type || !cue.objectTypes.includes(o.type))) continue;
        if (cue.personObject && o.type === 'PERSON' && l.type !== 'PERSON') emit(ctx, cue.personObject, o.entity, l.entity, start, end);
        else if (cue.subject === 'left') emit(ctx, cue.type, l.entity, o.entity, start, end);
        else emit(ctx, cue.type, o.entity, l.entity, start, end);
      }
      prev = { end: list.end, left };
      i = list.end - 1;
      break;
    }
  }
}

/** `a` and the actors coordinated before it ("Russia, Egypt and the UAE"), in text order. */
function leftList(ctx: Ctx, a: ActorAt, s: Sentence): ActorAt[] {
  const { toks, spans } = ctx;
  const out = [a];
  let k = a.tokStart - 1;
  if (k >= s.tokenStart && toks[k]!.lower === 'the') k--;
  while (k > s.tokenStart && LIST_JOIN.has(toks[k]!.lower)) {
    let j = k - 1;
    if (toks[k]!.lower === 'and' && toks[j]?.text === ',') j--;
    const b = spans.endingAt(j, s.tokenStart);
    if (!b || b.type === null) break;
    out.unshift(b);
    k = b.tokStart - 1;
    if (k >= s.tokenStart && toks[k]!.lower === 'the') k--;
  }
  return out;
}

/** The actor on the left of a cue, found the way the cue says. */
function leftActor(ctx: Ctx, cue: Cue, i: number, s: Sentence, prev: { end: number; left: ActorAt } | null): ActorAt | null {
  const { toks, res } = ctx;
  // A chain: "led by X and backed by Y" shares its left actor.
  if (prev && prev.end <= i && i - prev.end <= 4) {
    let ok = true;
    for (let k = prev.end; k < i; k++) {
      const w = toks[k]!.lower;
      if (!(LIST_JOIN.has(w) || res.adverbs.has(w) || res.auxiliaries.has(w))) ok = false;
    }
    if (ok) return prev.left;
  }
  if (cue.left === 'adjacent' || cue.left === 'either') {
    const a = adjacentLeft(ctx, i, s);
    if (a === 'subject') return sentenceSubject(ctx, s, i);
    if (a) return a;
    if (cue.left === 'adjacent') return null;
  }
  return clauseLeft(ctx, i, s);
}

/** The actor right before a post-modifier ("the LNA (LNA), backed by"), or "subject" after a bare auxiliary ("…, and is backed by"). */
function adjacentLeft(ctx: Ctx, i: number, s: Sentence): ActorAt | 'subject' | null {
  const { toks, res } = ctx;
  let sawAux = false;
  let sawRel = false;
  let j = i - 1;
  while (j >= s.tokenStart) {
    const t = toks[j]!;
    const w = t.lower;
    if (w === ',' || res.adverbs.has(w) || DETERMINERS.has(w) || w === '—' || w === '–' || w === '-') { j--; continue; }
    if (res.auxiliaries.has(w)) {
      // "wants to be president of", "will be backed by", "shouldn't be": not a stated fact.
      const before = toks[j - 1]?.lower ?? '';
      if (j - 1 >= s.tokenStart && (res.modals.has(before) || res.negations.has(before))) return null;
      sawAux = true;
      j--;
      continue;
    }
    if (res.relativePronouns.has(w)) { sawRel = true; j--; continue; }
    if (w === ')' || w === ']') {
      let k = j - 1;
      while (k > s.tokenStart && k > j - 8 && toks[k]!.text !== '(' && toks[k]!.text !== '[') k--;
      if (toks[k]?.text === '(' || toks[k]?.text === '[') {
        const inner = ctx.spans.endingAt(j - 1, k + 1);
        if (inner && inner.tokStart === k + 1) return inner;
        j = k - 1;
        continue;
      }
      return null;
    }
    const a = headEndingAt(ctx, j, s.tokenStart);
    if (a) return a;
    break;
  }
  return sawAux && !sawRel ? 'subject' : null;
}

/** The nearest actor earlier in the same clause, not a possessive modifier, with no negation between. */
function clauseLeft(ctx: Ctx, i: number, s: Sentence): ActorAt | null {
  const { toks, res } = ctx;
  const floor = Math.max(s.tokenStart, i - res.clauseWindow);
  for (let j = i - 1; j >= floor; j--) {
    const t = toks[j]!;
    if (t.text === ',') {
      // Step over an apposition: "Hezbollah, the Iran-backed group, is fighting …".
      let k = j - 1;
      while (k > s.tokenStart && k > j - 10 && toks[k]!.text !== ',' && !CLAUSE_STOP.has(toks[k]!.text)) k--;
      if (toks[k]?.text === ',' && DETERMINERS.has(toks[k + 1]?.lower ?? '')) {
        const a = headEndingAt(ctx, k - 1, s.tokenStart);
        if (a) return a;
      }
      return null;
    }
    if (CLAUSE_STOP.has(t.text)) return null;
    if (res.negations.has(t.lower)) return null;
    // "the oil that funds X", "those who support X": the relative clause's subject is the noun before it.
    if (res.relativePronouns.has(t.lower)) {
      const k = toks[j - 1]?.text === ',' ? j - 2 : j - 1;
      return k >= s.tokenStart ? headEndingAt(ctx, k, s.tokenStart) : null;
    }
    if (CLAUSE_BREAK.has(t.lower)) return null;
    let a = headEndingAt(ctx, j, s.tokenStart);
    if (!a) continue;
    if (isPossessiveAt(toks, a.tokEnd)) {
      // "Turkey's support to fight": a modifier, not the subject, unless it owns a collective noun.
      const h = headAfter(ctx, a, i);
      if (!h) { j = a.tokStart; continue; }
      a = h;
    }
    // A demonym modifying a noun ("Syrian fighters") is not the subject.
    if (a.kind === 'demonym' && toks[a.tokEnd] && toks[a.tokEnd]!.kind === 'word' && !isCapitalised(toks[a.tokEnd])) { j = a.tokStart; continue; }
    // An actor that is itself the object of a preposition ("with Turkey") is not the subject.
    const before = toks[a.tokStart - 1];
    if (before && ['with', 'by', 'to', 'from', 'of', 'in', 'for', 'on', 'at', 'against'].includes(before.lower)) { j = a.tokStart; continue; }
    return a;
  }
  return null;
}

// ---------------------------------------------------------------- "Turkish-backed", "Saudi-led"

/** One pass over a sentence's tokens for hyphen compounds and possessives. */
function tokenRelations(ctx: Ctx, s: Sentence): void {
  const toks = ctx.toks;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = toks[i]!;
    if (t.kind === 'word') {
      const cut = t.text.lastIndexOf('-');
      if (cut > 0) compoundAt(ctx, s, i, cut);
    } else if (i > s.tokenStart && isPossessiveAt(toks, i)) possessiveAt(ctx, s, i);
  }
}

function compoundAt(ctx: Ctx, s: Sentence, i: number, cut: number): void {
  const { toks, res, spans } = ctx;
  const t = toks[i]!;
  {
    const c = res.compounds.get(t.lower.slice(cut + 1));
    if (!c) return;
    const prefix = spans.exact(t.start, t.start + cut);
    if (!prefix) return;
    // The noun the compound modifies: the name it stands in apposition to ("Hezbollah, the Iran-backed
    // group"), a name after it, or a collective noun the actors stage resolves.
    let head: ActorAt | null = null;
    if (i - 3 >= s.tokenStart && DETERMINERS.has(toks[i - 1]!.lower) && toks[i - 2]!.text === ',') head = headEndingAt(ctx, i - 3, s.tokenStart);
    for (let j = i + 1; !head && j < Math.min(s.tokenEnd, i + 4); j++) {
      const a = spans.startingAt(j, s.tokenEnd);
      if (a && a.kind === 'demonym' && toks[a.tokEnd] && !isCapitalised(toks[a.tokEnd])) continue; // "Iran-backed Lebanese group"
      if (a) { head = headAfter(ctx, a, s.tokenEnd); break; }
      const w = toks[j]!;
      if (w.kind !== 'word') break;
      if (res.collectiveHeads.has(w.lower)) {
        // "Libya's UN-backed government": the whole possessive phrase first, then the noun alone.
        const owner = i - 2 >= s.tokenStart && isPossessiveAt(toks, i - 1) ? spans.endingAt(i - 2, s.tokenStart) : null;
        let ent = owner ? spans.resolve(owner.start, w.end) : null;
        if (ent === owner?.entity) ent = null;
        ent ??= spans.resolve(t.start, w.end); // "UN-backed government", not the bare noun
        if (ent) head = { entity: ent, type: spans.typeOf(ent), tokStart: j, tokEnd: j + 1, start: w.start, end: w.end };
        break;
      }
    }
    if (!head) return;
    const [subj, obj] = c.subject === 'head' ? [head.entity, prefix] : [prefix, head.entity];
    emit(ctx, c.type, subj, obj, Math.min(t.start, head.start), Math.max(t.end, head.end));
  }
}

// ---------------------------------------------------------------- "Haftar's Libyan National Army"

function possessiveAt(ctx: Ctx, s: Sentence, i: number): void {
  const { res, spans } = ctx;
  {
    const owner = spans.endingAt(i - 1, s.tokenStart);
    if (!owner || !owner.type) return;
    const owned = spans.possessed(owner, s.tokenEnd, res.collectiveHeads, res.possessiveModifiers);
    if (!owned || !owned.type) {
      possessiveNounAt(ctx, s, i, owner);
      return;
    }
    // "Clinton's Wall Street connections", "Obama's Office of Management and Budget director": the actor only modifies a noun.
    if (owned.tokEnd < s.tokenEnd && res.subunitNouns.has(ctx.toks[owned.tokEnd]!.lower)) return;
    for (const r of res.possessives) {
      if (!r.possessor.includes(owner.type) || !r.possessed.includes(owned.type)) continue;
      const [subj, obj] = r.subject === 'possessor' ? [owner.entity, owned.entity] : [owned.entity, owner.entity];
      emit(ctx, r.type, subj, obj, owner.start, owned.end);
      break;
    }
  }
}

/** "Iran's proxy Hezbollah", "Turkey's ally, the GNA", "Haftar's rival Serraj". */
function possessiveNounAt(ctx: Ctx, s: Sentence, i: number, owner: ActorAt): void {
  const { toks, res, spans } = ctx;
  let j = i + 1;
  for (let n = 0; n < 2 && j < s.tokenEnd && res.possessiveModifiers.has(toks[j]!.lower); n++) j++; // "Iran's main ally"
  const noun = res.possessiveNouns.get(toks[j]?.lower ?? '');
  if (!noun || j >= s.tokenEnd) return;
  let k = j + 1;
  if (toks[k]?.text === ',') k++;
  if (DETERMINERS.has(toks[k]?.lower ?? '')) k++;
  const a = spans.startingAt(k, s.tokenEnd);
  let h: ActorAt | null = a && a.entity !== owner.entity ? headAfter(ctx, a, s.tokenEnd) ?? a : null;
  let start = owner.start;
  let end = h?.end ?? 0;
  if (!h) {
    // The apposition the other way round: "Hezbollah, Iran's proxy,".
    let b = owner.tokStart - 1;
    if (b > s.tokenStart && DETERMINERS.has(toks[b]!.lower)) b--;
    if (b > s.tokenStart && toks[b]!.text === ',') h = headEndingAt(ctx, b - 1, s.tokenStart);
    if (!h || h.entity === owner.entity) return;
    start = h.start;
    end = toks[j]!.end;
  }
  const [subj, obj] = noun.subject === 'possessor' ? [owner.entity, h.entity] : [h.entity, owner.entity];
  emit(ctx, noun.type, subj, obj, start, end);
}

// ---------------------------------------------------------------- "Turkish President Erdogan"

function titleRelations(ctx: Ctx): void {
  const { toks, res, spans, doc } = ctx;
  for (const person of spans.persons()) {
    const p = person.tokStart;
    const s = doc.sentences[toks[p]!.sentence];
    if (!s || p <= s.tokenStart) continue;
    let j = p - 1;
    const words: string[] = [];
    // Title words the actors stage kept inside the person's mention ("President Erdogan").
    for (let q = p; q < person.tokEnd - 1 && res.titleWords.has(toks[q]!.lower); q++) words.push(toks[q]!.lower);
    while (j >= s.tokenStart && words.length < 5 && res.titleWords.has(toks[j]!.lower) && !spans.endingAt(j, s.tokenStart, false)) {
      words.unshift(toks[j]!.lower);
      j--;
    }
    if (words.length === 0 || j < s.tokenStart) continue;
    let org: ActorAt | null;
    if (isPossessiveAt(toks, j)) org = spans.endingAt(j - 1, s.tokenStart);
    else org = spans.endingAt(j, s.tokenStart);
    if (!org || org.type === 'PERSON' || org.entity === person.entity) continue;
    if (words.some((w) => res.skipTitles.has(w))) continue;
    const has = (titles: string[][]) => titles.some((tt) => words.some((_, k) => tt.every((w, m) => words[k + m] === w)));
    let type: RelationType | null = null;
    if (has(res.headTitles)) type = words.some((w) => res.demoteTitles.has(w)) ? 'member_of' : 'leads';
    else if (has(res.memberTitles)) type = 'member_of';
    if (!type) continue;
    emit(ctx, type, person.entity, org.entity, org.start, person.end);
  }
}
