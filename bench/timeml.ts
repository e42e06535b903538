/**
 * TimeML reading and TempEval-3 Task A scoring (timex extent, value, type), re-implemented.
 *
 * Scoring follows the TempEval-3 toolkit's definitions (UzZaman et al. 2013):
 *  - relaxed match: a system timex matches a gold one when they share a token (here: their
 *    character ranges overlap on a non-space character); pairing is one-to-one, in text order;
 *  - strict match: same start and end;
 *  - attribute F1 (value, type) = attribute accuracy over relaxed matches × relaxed-match F1,
 *    which equals the F1 of "matched with the right attribute" counted against system and gold totals.
 */

export interface Timex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string | null;
}

export interface TmlDoc {
  name: string;
  /** The document creation time's value (the anchor), e.g. "2013-03-22". */
  dct: string | null;
  /** Text of <TEXT> with tags removed and entities decoded. */
  text: string;
  timexes: Timex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

/** Parses one .tml file's contents. */
export function parseTml(name: string, xml: string): TmlDoc {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml);
  const dct = dctTag ? attr(dctTag[1]!, 'value') : null;
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml);
  const raw = body ? body[1]! : '';
  let text = '';
  const timexes: Timex[] = [];
  const open: { start: number; type: string; value: string | null }[] = [];
  const re = /<[^>]+>|[^<]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const piece = m[0];
    if (piece[0] !== '<') {
      text += decode(piece);
      continue;
    }
    if (/^<TIMEX3\b/.test(piece)) {
      const t = { start: text.length, type: attr(piece, 'type') ?? 'DATE', value: attr(piece, 'value') };
      if (piece.endsWith('/>')) continue; // empty timex (no extent) is not scored
      open.push(t);
    } else if (/^<\/TIMEX3>/.test(piece)) {
      const t = open.pop();
      if (t) timexes.push({ start: t.start, end: text.length, text: text.slice(t.start, text.length), type: t.type, value: t.value });
    }
  }
  timexes.sort((a, b) => a.start - b.start || a.end - b.end);
  return { name, dct, text, timexes };
}

export interface Counts {
  gold: number;
  sys: number;
  relaxed: number;
  strict: number;
  value: number;
  type: number;
}

export const zeroCounts = (): Counts => ({ gold: 0, sys: 0, relaxed: 0, strict: 0, value: 0, type: 0 });

function overlaps(text: string, a: Timex, b: Timex): boolean {
  const s = Math.max(a.start, b.start);
  const e = Math.min(a.end, b.end);
  return s < e && /\S/.test(text.slice(s, e));
}

/** One document: pairs system timexes with gold ones one-to-one (strict pairs first, then in text order). */
export function scoreDoc(text: string, gold: Timex[], sys: Timex[], into: Counts = zeroCounts()): Counts {
  into.gold += gold.length;
  into.sys += sys.length;
  const usedG = new Set<number>();
  const usedS = new Set<number>();
  const pairs: [number, number][] = [];
  sys.forEach((s, si) => {
    const gi = gold.findIndex((g, k) => !usedG.has(k) && g.start === s.start && g.end === s.end);
    if (gi >= 0) { usedG.add(gi); usedS.add(si); pairs.push([gi, si]); }
  });
  sys.forEach((s, si) => {
    if (usedS.has(si)) return;
    const gi = gold.findIndex((g, k) => !usedG.has(k) && overlaps(text, g, s));
    if (gi >= 0) { usedG.add(gi); usedS.add(si); pairs.push([gi, si]); }
  });
  for (const [gi, si] of pairs) {
    const g = gold[gi]!;
    const s = sys[si]!;
    into.relaxed++;
    if (g.start === s.start && g.end === s.end) into.strict++;
    if (normValue(g.value) === normValue(s.value)) into.value++;
    if (g.type === s.type) into.type++;
  }
  return into;
}

function normValue(v: string | null): string {
  return (v ?? '').trim().toUpperCase();
}

const f1 = (hit: number, sys: number, gold: number): number => {
  const p = sys ? hit / sys : 0;
  const r = gold ? hit / gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

export interface Scores {
  extentP: number; extentR: number; extentF1: number; strictF1: number; valueF1: number; typeF1: number;
  valueAcc: number; typeAcc: number;
}

const pct = (x: number) => Math.round(x * 10000) / 100;

/** Percentages, two decimals. */
export function summarize(c: Counts): Scores {
  const extentF1 = f1(c.relaxed, c.sys, c.gold);
  const valueAcc = c.relaxed ? c.value / c.relaxed : 0;
  const typeAcc = c.relaxed ? c.type / c.relaxed : 0;
  return {
    extentP: pct(c.sys ? c.relaxed / c.sys : 0),
    extentR: pct(c.gold ? c.relaxed / c.gold : 0),
    extentF1: pct(extentF1),
    strictF1: pct(f1(c.strict, c.sys, c.gold)),
    valueF1: pct(valueAcc * extentF1),
    typeF1: pct(typeAcc * extentF1),
    valueAcc: pct(valueAcc),
    typeAcc: pct(typeAcc),
  };
}
