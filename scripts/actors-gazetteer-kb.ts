/**
 * Writes the knowledge base's word classes into data/actors/gazetteer.tsv, so that loading need
 * not derive them: `kbfirst`, `kblast` (words of person names) and `kborg` (words that recur in
 * organisation names), as `enrichGazetteer` (src/actors/load.ts) derives them from the shipped KB
 * files. The first line then says "[kb classes]"; `loadActorsResources` derives the classes only
 * for a user's `--kb` files. Run after scripts/actors-build-kb.ts or any change to a shipped KB file:
 *
 *   node --import tsx scripts/actors-gazetteer-kb.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../src/resources.js';
import { KbIndex, parseKbFile } from '../src/actors/kb.js';
import { parseGazetteer } from '../src/actors/ner.js';
import { KB_FILES, KB_CLASSES_MARK, enrichGazetteer } from '../src/actors/load.js';

const dir = join(DATA_DIR, 'actors');
const path = join(dir, 'gazetteer.tsv');
const text = readFileSync(path, 'utf8');
const header = text.slice(0, text.indexOf('\n'));
// Start from the gazetteer without KB classes (a second run must not add them twice).
const gaz = parseGazetteer(text);
for (const [w, cls] of gaz) {
  const keep = cls.filter((c) => c !== 'kbfirst' && c !== 'kblast' && c !== 'kborg');
  if (!keep.length) gaz.delete(w);
  else if (keep.length !== cls.length) gaz.set(w, keep);
}
const kb = new KbIndex();
for (const f of KB_FILES) for (const e of parseKbFile(readFileSync(join(dir, f), 'utf8'), f)) kb.add(e);
enrichGazetteer(gaz, kb);
const lines = [...gaz.keys()].sort().map((w) => `${w}\t${gaz.get(w)!.join(',')}`);
const head = header.includes(KB_CLASSES_MARK) ? header : `${header} ${KB_CLASSES_MARK}: kbfirst, kblast, kborg from the shipped KB files (scripts/actors-gazetteer-kb.ts)`;
writeFileSync(path, head + '\n' + lines.join('\n') + '\n');
console.error(`wrote ${path}: ${lines.length} words`);
