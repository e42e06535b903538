import { join } from 'node:path';
import { readJson } from '../resources.js';
import { tokenize } from '../document/tokenize.js';
import type { LabelKind } from '../types.js';
import type { LabelEntry, LabelsResources } from './index.js';

interface LexiconGroup {
  name: string;
  kind: LabelKind;
  attach: LabelEntry['attach'];
  span?: 'label' | 'withActor';
  requirePerson?: boolean;
  nationality?: boolean;
  ignore?: boolean;
  phrases: string[];
}

const KINDS = new Set<LabelKind>(['delegitimizing', 'legitimizing', 'loaded', 'role', 'neutral']);
const ATTACH = new Set(['next', 'prev', 'head', 'none']);

/**
 * Loads data/labels/lexicon.json (see data/labels/README.md): phrases become token sequences,
 * tokenised like the document, indexed by their first token; longer phrases are tried first.
 */
export function loadLabelsResources(dataDir: string): LabelsResources {
  const path = join(dataDir, 'labels', 'lexicon.json');
  const f = readJson<{ groups: LexiconGroup[] }>(path);
  const byFirst = new Map<string, LabelEntry[]>();
  const seen = new Set<string>();
  f.groups.forEach((g, k) => {
    const where = `${path}: groups[${k}] ("${g.name}")`;
    if (!KINDS.has(g.kind)) throw new Error(`${where}: unknown kind "${g.kind}"`);
    if (!ATTACH.has(g.attach)) throw new Error(`${where}: "attach" must be next, prev, head or none`);
    for (const phrase of g.phrases) {
      const words = tokenize(phrase).map((t) => t.lower);
      if (words.length === 0) throw new Error(`${where}: empty phrase`);
      const key = words.join(' ');
      if (seen.has(key)) throw new Error(`${where}: phrase "${phrase}" is listed twice in the lexicon`);
      seen.add(key);
      const entry: LabelEntry = {
        words, kind: g.kind, attach: g.attach, withActor: g.span === 'withActor',
        requirePerson: !!g.requirePerson, nationality: !!g.nationality, ignore: !!g.ignore, group: g.name,
      };
      if (!byFirst.has(words[0]!)) byFirst.set(words[0]!, []);
      byFirst.get(words[0]!)!.push(entry);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst, size: seen.size };
}
