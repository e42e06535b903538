/**
 * The coreference service the actors stage installs as `doc.services.resolve`: pronouns and
 * nominals ("he", "the group", "the ministry") to the nearest compatible antecedent entity.
 */
import type { Doc, MentionRef } from '../document/document.js';
import { quoteAround, tokenIndexAt } from '../document/document.js';
import { lexCache, type ActorsResources, type Cluster } from './index.js';

const tokenAt = tokenIndexAt;

/**
 * The resolver the later stages call: a span that is (or lies in) a mention gives its entity;
 * a pronoun or a nominal ("the group", "the official", "the UN envoy") gives the nearest
 * compatible antecedent before it. Outlets and places are never antecedents.
 */
export function makeResolver(doc: Doc, res: ActorsResources, mentions: MentionRef[], meta: Map<string, Cluster>) {
  const c = lexCache(res);
  const madeCluster = (id: string): Pick<Cluster, 'outlet' | 'place' | 'kb' | 'type' | 'roles'> | null => {
    const e = doc.entities.find((x) => x.id === id);
    return e ? { outlet: false, place: false, kb: null, type: e.type, roles: e.roles } : null;
  };
  return (start: number, end: number): string | null => {
    // 1. A mention overlapping the span: the one with most overlap.
    let best: MentionRef | null = null;
    let bestOv = 0;
    for (const m of mentions) {
      if (m.start >= end) break;
      const ov = Math.min(end, m.end) - Math.max(start, m.start);
      if (ov > bestOv || (ov === bestOv && best && m.end - m.start > best.end - best.start)) {
        bestOv = ov;
        best = m;
      }
    }
    let raw = doc.text.slice(start, end).trim().toLowerCase().replace(/[’]/g, "'");
    if (best && bestOv > 0) {
      // "the Republican presidential candidate", "the Christie supporter": a name that only modifies a person noun is
      // not the one meant; the description is resolved as a nominal below.
      const last = raw.split(/\s+/).pop()!;
      const coversHead = best.end >= end - 1 || doc.text.slice(best.start, best.end).toLowerCase().endsWith(last);
      if (coversHead || !/^(the|this|that|a|an)\s/.test(raw) || c.nominal.get(last) !== 'PERSON') return best.entity;
    }
    const modifier = best && bestOv > 0 ? best.entity : null;
    // 2. A pronoun or a nominal.
    // "its troops", "their leader": the possessive decides.
    const poss = /^(its|his|her|their)\s/.exec(raw);
    if (poss) raw = poss[1]!;
    const words = raw.replace(/^(the|this|that|these|those)\s+/, '').split(/\s+/);
    let want: string | undefined = c ? res.lex.pronouns[raw] : undefined;
    let role: string | null = null;
    if (!want) {
      const head = words[words.length - 1]!;
      const two = words.slice(-2).join(' ');
      want = c.nominal.get(two) ?? c.nominal.get(head);
      if (!want) return null;
      if (want === 'PERSON') role = head;
    }
    const inQuote = quoteAround(doc, start, end);
    const sent = doc.tokens.length ? doc.tokens[Math.min(doc.tokens.length - 1, tokenAt(doc, start))]!.sentence : 0;
    let fallback: string | null = null;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.end > start) continue;
      // An entity a later stage added (the quotes stage's speakers) has no cluster: its type is the entity's.
      const cl = meta.get(m.entity) ?? madeCluster(m.entity);
      if (!cl) continue;
      if (cl.outlet || cl.place || (m.kind === 'demonym' && want === 'PERSON') || m.entity === modifier) continue;
      const ms = doc.tokens[m.tokenStart]!.sentence;
      if (sent - ms > 4) break;
      if (!inQuote && quoteAround(doc, m.start, m.end)) continue;
      const t = cl.kb?.type ?? cl.type;
      const ok =
        want === 'PERSON' ? t === 'PERSON' :
        want === 'NONPERSON' ? t === 'ORG' || t === 'GROUP' || t === 'GPE' :
        want === 'PLURAL' ? t === 'GROUP' || t === 'ORG' || t === 'GPE' :
        want === 'GPE' ? t === 'GPE' :
        want === 'GROUP' ? t === 'GROUP' || t === 'ORG' :
        want === 'ORG' ? t === 'ORG' || t === 'GPE' || t === 'GROUP' : false;
      if (!ok) continue;
      if (role) {
        if (cl.roles.some((r) => r.toLowerCase().includes(role!))) return m.entity;
        fallback ??= m.entity;
        continue;
      }
      return m.entity;
    }
    return role && /^(official|man|woman|leader|president|minister|spokesman|spokeswoman|spokesperson|commander)$/.test(role) ? fallback : null;
  };
}

