import type { Analysis } from '../types.js';

/** A readable report of one analysis, for `sitrep analyze` without --json and `sitrep show`. */
export function formatReport(a: Analysis): string {
  const out: string[] = [];
  const art = a.article;
  const name = (id: string | null) => (id ? a.entities.find((e) => e.id === id)?.name ?? id : '—');
  out.push(`# ${art.title ?? art.id}`);
  out.push(`id ${art.id} · ${art.source ?? 'unknown outlet'} · published ${art.published ?? 'unknown'} (${art.publishedFrom}) · ${art.language}`);
  for (const w of a.warnings) out.push(`! ${w}`);
  if (a.entities.length) {
    out.push('', `Actors (${a.entities.length})`);
    for (const e of a.entities) {
      const aliases = [...new Set(e.mentions.map((m) => m.text))].filter((t) => t !== e.name);
      out.push(`  ${e.id} ${e.name} [${e.type}${e.country ? ', ' + e.country : ''}]${e.roles.length ? ' — ' + e.roles.join(', ') : ''}${aliases.length ? ' (also: ' + aliases.join(', ') + ')' : ''}`);
    }
  }
  if (a.times.length) {
    out.push('', `Times (${a.times.length})`);
    for (const t of a.times) out.push(`  "${t.text}" → ${t.value ?? '?'} (${t.type}, ${t.anchor})`);
  }
  if (a.quotes.length) {
    out.push('', `Quotes (${a.quotes.length})`);
    for (const q of a.quotes) out.push(`  ${name(q.speaker)}${q.date ? ' on ' + q.date : ''}: ${q.direct ? '“' : ''}${clip(q.text, 110)}${q.direct ? '”' : ''}`);
  }
  if (a.figures.length) {
    out.push('', `Figures (${a.figures.length})`);
    for (const f of a.figures) out.push(`  ${f.kind} ${f.value}${f.qualifier ? ' (' + f.qualifier + ')' : ''}${f.counted ? ' ' + f.counted : ''}${f.cumulative ? ', cumulative' : ''} — says ${name(f.source)}: "${clip(f.text, 60)}"`);
  }
  if (a.events.length) {
    out.push('', `Events (${a.events.length})`);
    for (const v of a.events) {
      out.push(`  ${v.id} ${v.type}${v.mode ? '/' + v.mode : ''}${v.cameo ? ' [' + v.cameo + ']' : ''}: ${name(v.actor)} → ${name(v.target)}, ${v.date.value ?? 'date unknown'}${v.place ? ', ' + v.place.name : ''}${v.modality.length ? ' {' + v.modality.join(', ') + '}' : ''} — "${clip(v.text, 70)}"`);
    }
  }
  if (a.relations.length) {
    out.push('', `Relations (${a.relations.length})`);
    for (const r of a.relations) out.push(`  ${name(r.subject)} ${r.type} ${name(r.object)} — "${clip(r.text, 70)}"`);
  }
  if (a.labels.length) {
    out.push('', `Labels (${a.labels.length})`);
    for (const l of a.labels) out.push(`  "${l.text}" (${l.kind}) → ${name(l.entity)}`);
  }
  return out.join('\n');
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
