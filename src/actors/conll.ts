/** Readers for the CoNLL-style NER sets (used by scripts/train-ner.ts and bench/entities.ts; never at run time). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Module constants (test/source.test.ts): the TypeScript loader rebuilds a \p{…} literal inside a function on every call.
const STARTS_UPPER = /^\p{Lu}/u;

export interface TaggedSentence {
  words: string[];
  /** IOB2 tags over PER/ORG/LOC/MISC (or the set's own types). */
  tags: string[];
}

/** Reads "TOKEN … TAG" columns (space or tab), blank line = sentence end; converts IOB1 to IOB2. */
export function readConll(path: string, map: (t: string) => string | null = (t) => t): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length) out.push({ words, tags: toIob2(tags) });
    words = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const l = line.trim();
    if (!l || l.startsWith('-DOCSTART-')) {
      flush();
      continue;
    }
    const cols = l.split(/\s+/);
    const w = cols[0]!;
    const t = cols[cols.length - 1]!;
    words.push(w);
    if (t === 'O' || cols.length < 2) tags.push('O');
    else {
      const m = /^([BI])-(.+)$/.exec(t);
      const type = map(m ? m[2]! : t);
      tags.push(type ? `${m ? m[1] : 'I'}-${type}` : 'O');
    }
  }
  flush();
  return out;
}

/** IOB1 (I- starts an entity unless it continues one of the same type) → IOB2. */
export function toIob2(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const p = i > 0 ? tags[i - 1]! : 'O';
    return p === 'O' || p.slice(2) !== t.slice(2) ? 'B-' + t.slice(2) : t;
  });
}

const GUM_MAP: Record<string, string> = { person: 'PER', place: 'LOC', organization: 'ORG' };
const PARTICLE = /^(of|the|and|for|de|al|el|du|la|van|von|'s|&)$/;

/**
 * GUM news (coreference-style mentions without B/I): in a run of person/place/organization,
 * the capitalised words at its start (after "the") are a named entity of that type when they
 * make the whole mention or are followed by an apposition or a prepositional phrase; GUM also
 * tags nominal mentions ("veteran politicians"), which are not names.
 */
export function readGumNews(dir: string, files?: string[]): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  const names = (files ?? readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort());
  for (const f of names) {
    let words: string[] = [];
    let types: string[] = [];
    const flush = () => {
      if (!words.length) return;
      const tags = new Array<string>(words.length).fill('O');
      let i = 0;
      while (i < words.length) {
        const ty = types[i]!;
        let j = i + 1;
        while (j < words.length && types[j] === ty) j++;
        const mapped = GUM_MAP[ty];
        if (mapped) {
          let s = i;
          if (/^the$/i.test(words[s]!) && s + 1 < j) s++;
          // The name is the capitalised prefix of the mention ("Fuad Basya , spokesman for …",
          // "Raymond Chan of People Power"); a possessor ("Malaysia 's Prime Minister") is nested, not it.
          let e = s;
          // A person's name does not run on through "of", "the", "and", "for" or "&" ("Nathan Law of Demosisto" is a person of a party).
          const particle = (w: string) => PARTICLE.test(w.toLowerCase()) && w !== "'s" && !(mapped === 'PER' && /^(of|the|and|for|&)$/i.test(w));
          while (e < j && (STARTS_UPPER.test(words[e]!) || (e > s && /^[\d.-]+$/.test(words[e]!)) || (e > s && e + 1 < j && STARTS_UPPER.test(words[e + 1]!) && particle(words[e]!)))) e++;
          const after = e < j ? words[e]! : '';
          const ok = e > s && (e === j || after === ',' || after === '(' || /^(of|from|in|at|who|which|,)$/.test(after));
          if (ok && !/^(I|He|She|We|They|It|One|Two)$/.test(words[s]!)) {
            for (let k = s; k < e; k++) tags[k] = (k === s ? 'B-' : 'I-') + mapped;
          }
        }
        i = j;
      }
      out.push({ words, tags });
      words = [];
      types = [];
    };
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) {
        flush();
        continue;
      }
      const [w, t] = line.split('\t');
      words.push(w!);
      types.push(t ?? 'O');
    }
    flush();
  }
  return out;
}

/** Held-out parts of the may-train sets (never trained on; bench/entities.ts measures on them). */
export const WIKIGOLD_HELDOUT = (i: number) => i % 5 === 0;
export function gumNewsSplit(dir: string): { train: string[]; test: string[] } {
  const all = readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  return { train: all.filter((_, i) => i % 4 !== 0), test: all.filter((_, i) => i % 4 === 0) };
}

/**
 * CoNLL-2003's copy here has no -DOCSTART- lines; its stories still open with a headline and a
 * dateline ("LONDON 1996-08-30", "AL-RAM , West Bank 1996-08-30"), sometimes with a byline between. Groups the sentences into
 * those stories (a story starts at the headline before each dateline), as [first, end) ranges.
 */
export function conllDocuments(sents: TaggedSentence[]): [number, number][] {
  const isDateline = (s: TaggedSentence) => s.words.length <= 10 && /^\d{4}-\d\d-\d\d$/.test(s.words[s.words.length - 1]!);
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 2; i < sents.length; i++) {
    if (isDateline(sents[i]!) && i - 1 > start) {
      // A byline may stand between the headline and the dateline ("David Jones").
      const by = sents[i - 1]!.words;
      const h = by.length <= 4 && by.every((w) => STARTS_UPPER.test(w)) && i - 2 > start ? i - 2 : i - 1;
      out.push([start, h]);
      start = h;
    }
  }
  if (start < sents.length) out.push([start, sents.length]);
  return out;
}
