/**
 * A hand-made actor layer, standing in for the actors stage so that a later stage's tests pin that stage alone:
 * every occurrence of each name becomes a mention, and `resolve` knows the names plus the extra phrases given
 * (demonyms, "Serraj's government"). Only the sentence splitter's data is loaded.
 */
import { join } from 'node:path';
import { articleBlock } from '../src/analyze.js';
import { DATA_DIR, readJson } from '../src/resources.js';
import { buildDocument, tokenIndexAt, type Doc } from '../src/document/document.js';
import type { Abbreviations } from '../src/document/sentences.js';
import type { EntityType } from '../src/types.js';

const abbreviations = readJson<Abbreviations>(join(DATA_DIR, 'text', 'abbreviations.json'));

export type ActorSpec = [id: string, type: EntityType, names: string[]];

export function withActors(text: string, actors: ActorSpec[], extra: Record<string, string> = {}): Doc {
  const doc = buildDocument(articleBlock({ text }), abbreviations);
  const found: { start: number; end: number; id: string; type: EntityType }[] = [];
  const names = actors.flatMap(([id, type, ns]) => ns.map((n) => ({ n, id, type }))).sort((a, b) => b.n.length - a.n.length);
  const taken = new Uint8Array(text.length);
  for (const { n, id, type } of names) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const s = m.index!;
      const e = s + n.length;
      if (taken.subarray(s, e).some((x) => x)) continue;
      taken.fill(1, s, e);
      found.push({ start: s, end: e, id, type });
    }
  }
  found.sort((a, b) => a.start - b.start);
  for (const [id, type, ns] of actors) {
    doc.entities.push({ id, name: ns[0]!, type, kb: null, country: null, roles: [], mentions: found.filter((f) => f.id === id).map((f) => ({ start: f.start, end: f.end, text: text.slice(f.start, f.end) })) });
  }
  for (const f of found) {
    doc.mentions.push({ start: f.start, end: f.end, text: text.slice(f.start, f.end), entity: f.id, type: f.type, kind: 'name', tokenStart: tokenIndexAt(doc, f.start), tokenEnd: tokenIndexAt(doc, f.end) });
  }
  const lookup = new Map<string, string>(Object.entries(extra));
  for (const [id, , ns] of actors) for (const n of ns) lookup.set(n, id);
  doc.services.resolve = (s, e) => lookup.get(text.slice(s, e)) ?? null;
  return doc;
}

/** The seed's actors as the spec lists them, with the extra phrases that name them. */
export const SEED_ACTORS: ActorSpec[] = [
  ['HAF', 'PERSON', ['Khalifa Haftar', 'Haftar', 'Genersl Haftar']],
  ['LNA', 'GROUP', ['Libyan National Army', 'LNA']],
  ['GNA', 'ORG', ['Government of National Accord', 'GNA', 'Tripoli government']],
  ['SER', 'PERSON', ['Fayez al-Serraj', 'Serraj']],
  ['ERD', 'PERSON', ['Recept Tayyip Erdogan']],
  ['TUR', 'GPE', ['Turkey', 'Ankara']],
  ['RUS', 'GPE', ['Russia']],
  ['EGY', 'GPE', ['Egypt']],
  ['UAE', 'GPE', ['UAE']],
  ['USA', 'GPE', ['United States']],
  ['QAT', 'GPE', ['Qatar']],
  ['SYR', 'GPE', ['Syria']],
  ['UN', 'ORG', ['United Nations', 'UN']],
  ['RIA', 'ORG', ['RIA']],
  ['SAL', 'PERSON', ['Ghassan Salame']],
  ['NATO', 'ORG', ['NATO']],
  ['GAD', 'PERSON', ['Muammar al-Gaddafi']],
  ['LBY', 'GPE', ['Libya']],
];
export const SEED_EXTRA = { 'Turkish': 'TUR', 'Libyan': 'LBY', 'Syrian': 'SYR', 'Serraj’s government': 'GNA', 'Haftar’s forces': 'LNA' };
