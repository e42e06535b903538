/**
 * The sitrep page: stories side by side, articles with their evidence highlighted, actors, a timeline,
 * and "analyse an article". Every string from the data is set with textContent, never as HTML.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
import { eventMap } from './map.js';

const main = document.getElementById('main')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) if (k !== null) e.append(typeof k === 'string' ? document.createTextNode(k) : k);
  return e;
}
const link = (href: string, text: string) => el('a', { href }, text);

async function api(path: string, init?: RequestInit): Promise<Json> {
  const r = await fetch(path, init);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
  return body;
}

function show(...nodes: Node[]) {
  main.replaceChildren(...nodes);
  main.focus();
}

async function stories() {
  const { items } = await api('/api/stories?limit=200');
  const rows = items.map((s: Json) => el('tr', {},
    el('td', {}, link(`#/story/${encodeURIComponent(s.id)}`, s.title)),
    el('td', {}, `${(s.first ?? '?').slice(0, 10)} – ${(s.last ?? '?').slice(0, 10)}`),
    el('td', {}, String(s.articles) + (s.copies ? ` (+${s.copies} copies)` : '')),
    el('td', {}, s.outlets.join(', '))));
  show(el('h1', {}, 'Stories'), items.length
    ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Story'), el('th', {}, 'Dates'), el('th', {}, 'Reports'), el('th', {}, 'Outlets'))), el('tbody', {}, ...rows))
    : el('p', {}, 'No stories yet: ingest some articles (sitrep ingest PATH).'));
}

function entityName(a: Json, id: string | null): string {
  return id ? a.entities.find((e: Json) => e.id === id)?.name ?? id : '—';
}

/** One outlet's account of a story: labels per actor, figures with claimants, who is quoted. */
function account(a: Json): HTMLElement {
  const labels = el('ul', {}, ...a.labels.map((l: Json) => el('li', {}, `“${l.text}” `, el('span', { class: 'muted' }, `(${l.kind}) → ${entityName(a, l.entity)}`))));
  const figures = el('ul', {}, ...a.figures.map((f: Json) => el('li', {}, `${f.kind} ${f.value}${f.qualifier ? ' (' + f.qualifier + ')' : ''} — says ${entityName(a, f.source)}`)));
  const quoted = [...new Set(a.quotes.map((q: Json) => entityName(a, q.speaker)))] as string[];
  return el('section', { class: 'card' },
    el('h3', {}, link(`#/article/${encodeURIComponent(a.article.id)}`, a.article.title ?? a.article.id)),
    el('p', { class: 'muted' }, `${a.article.source ?? 'unknown outlet'} · ${a.article.published ?? 'undated'}`),
    el('h4', {}, 'Labels'), a.labels.length ? labels : el('p', { class: 'muted' }, 'none'),
    el('h4', {}, 'Figures'), a.figures.length ? figures : el('p', { class: 'muted' }, 'none'),
    el('h4', {}, 'Quoted'), el('p', {}, quoted.join(', ') || 'nobody'));
}

async function story(id: string) {
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  const analyses = await Promise.all(s.articles.filter((a: Json) => !a.duplicateOf).map((a: Json) => api(`/api/articles/${encodeURIComponent(a.id)}`)));
  const cmp = s.comparison;
  const contradictions = el('ul', {}, ...cmp.contradictions.map((c: Json) => el('li', {},
    `${c.kind}${c.cumulative ? ' (running total)' : ''}: `,
    ...c.values.flatMap((v: Json, i: number) => [i ? '; ' : '', el('strong', {}, String(v.value)), ` per ${v.outlets.join(', ')}${v.claimants.length ? ' (claimed by ' + v.claimants.join(', ') + ')' : ''}`]))));
  const omissions = el('ul', {}, ...cmp.omissions.slice(0, 30).map((f: Json) => el('li', {}, `${f.fact} — reported by ${f.reportedBy.join(', ')}; not by ${f.omittedBy.join(', ')}`)));
  show(el('h1', {}, s.story.title), el('p', { class: 'muted' }, `${s.story.outlets.join(', ')} · ${s.story.first ?? '?'} – ${s.story.last ?? '?'}`),
    el('h2', {}, 'Where the outlets disagree'), cmp.contradictions.length ? contradictions : el('p', { class: 'muted' }, 'No contradicting figures.'),
    el('h2', {}, 'Reported by some, not by others'), cmp.omissions.length ? omissions : el('p', { class: 'muted' }, 'Every outlet reports the same facts.'),
    el('h2', {}, 'Each outlet’s account'),
    el('div', { class: 'cols' }, ...analyses.map(account)));
}

interface Mark { start: number; end: number; kind: string; tag: string; title: string; key: string }

/** The article text with every fact's evidence marked; the fact list links to its evidence and back. */
const LAYERS = [
  ['entity', 'E', 'actors (solid line)'], ['time', 'T', 'times (dashed)'], ['quote', 'Q', 'quotes (dotted)'],
  ['figure', 'F', 'figures (double)'], ['event', 'V', 'events (wavy)'], ['label', 'L', 'labels (thick)'],
] as const;
const shownLayers = new Set<string>(['entity', 'time', 'quote', 'figure']);

/** The article text with the chosen layers' evidence marked. Marks that would cross one another are left out. */
function markedText(a: Json): HTMLElement {
  const marks: Mark[] = [];
  const on = (k: string) => shownLayers.has(k);
  if (on('entity')) a.entities.forEach((e: Json) => e.mentions.forEach((m: Json, j: number) => marks.push({ start: m.start, end: m.end, kind: 'entity', tag: 'E', title: `${e.name} (${e.type})`, key: `${e.id}-${j}` })));
  if (on('time')) a.times.forEach((t: Json, i: number) => marks.push({ start: t.start, end: t.end, kind: 'time', tag: 'T', title: `${t.type} ${t.value ?? '?'}`, key: `T${i}` }));
  if (on('figure')) a.figures.forEach((f: Json, i: number) => marks.push({ start: f.start, end: f.end, kind: 'figure', tag: 'F', title: `${f.kind} ${f.value}`, key: `F${i}` }));
  if (on('quote')) a.quotes.forEach((q: Json, i: number) => marks.push({ start: q.start, end: q.end, kind: 'quote', tag: 'Q', title: `quote: ${entityName(a, q.speaker)}`, key: `Q${i}` }));
  if (on('event')) a.events.forEach((v: Json) => marks.push({ start: v.start, end: v.end, kind: 'event', tag: 'V', title: `${v.type}: ${entityName(a, v.actor)} → ${entityName(a, v.target)}`, key: v.id }));
  if (on('label')) a.labels.forEach((l: Json, i: number) => marks.push({ start: l.start, end: l.end, kind: 'label', tag: 'L', title: `label (${l.kind}) → ${entityName(a, l.entity)}`, key: `L${i}` }));
  // Outermost first.
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  const text = a.article.text as string;
  const root = el('div', { class: 'text' });
  const stack: { node: HTMLElement; end: number }[] = [{ node: root, end: text.length }];
  let pos = 0;
  for (const m of marks) {
    while (stack.length > 1 && stack[stack.length - 1]!.end <= m.start) {
      const top = stack.pop()!;
      top.node.append(text.slice(pos, top.end));
      pos = top.end;
    }
    const parent = stack[stack.length - 1]!;
    if (m.start < pos || m.end > parent.end) continue;
    parent.node.append(text.slice(pos, m.start));
    const node = el('mark', { 'data-kind': m.kind, 'data-tag': m.tag, title: m.title, id: `ev-${m.key}`, tabindex: '0', 'aria-label': `${m.title}: ${text.slice(m.start, m.end)}` });
    // The reverse link: a highlight leads to its fact in the list (click or Enter).
    const toFact = (ev: Event) => {
      const fact = document.getElementById(`fact-${m.key}`);
      if (!fact) return;
      ev.stopPropagation();
      document.querySelectorAll('.facts li.active').forEach((x) => x.classList.remove('active'));
      fact.classList.add('active');
      fact.querySelector('a')?.focus();
    };
    node.addEventListener('click', toFact);
    node.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') toFact(ev); });
    parent.node.append(node);
    stack.push({ node, end: m.end });
    pos = m.start;
  }
  while (stack.length) {
    const top = stack.pop()!;
    top.node.append(text.slice(pos, top.end));
    pos = top.end;
  }
  return root;
}

/** The article with its layers on demand; every fact links to its evidence. */
function articleView(a: Json): Node[] {
  let root = markedText(a);
  const toggles = el('fieldset', { class: 'legend' }, el('legend', {}, 'Highlight'),
    ...LAYERS.map(([kind, tag, label]) => {
      const box = el('input', { type: 'checkbox', id: `layer-${kind}`, 'data-layer': kind });
      box.checked = shownLayers.has(kind);
      box.addEventListener('change', () => {
        if (box.checked) shownLayers.add(kind); else shownLayers.delete(kind);
        const next = markedText(a);
        root.replaceWith(next);
        root = next;
      });
      return el('span', {}, box, el('label', { for: `layer-${kind}` }, ` ${tag} = ${label}`));
    }));
  const evidence = (key: string, label: string, layer: string) => {
    const b = el('a', { href: `#ev-${key}` }, label);
    b.addEventListener('click', (ev) => {
      ev.preventDefault();
      document.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
      // Its layer switched on first when it is off.
      const box = document.getElementById(`layer-${layer}`) as HTMLInputElement | null;
      if (box && !box.checked) box.click();
      const m = document.getElementById(`ev-${key}`);
      if (m) { m.classList.add('active'); m.focus(); }
    });
    return b;
  };
  const facts = el('ul', { class: 'facts' },
    ...a.quotes.map((q: Json, i: number) => el('li', { id: `fact-Q${i}` }, evidence(`Q${i}`, 'quote', 'quote'), ` ${entityName(a, q.speaker)}: “${q.text.slice(0, 140)}”`)),
    ...a.figures.map((f: Json, i: number) => el('li', { id: `fact-F${i}` }, evidence(`F${i}`, 'figure', 'figure'), ` ${f.kind} ${f.value} — ${entityName(a, f.source)}`)),
    ...a.events.map((v: Json) => el('li', { id: `fact-${v.id}` }, evidence(v.id, 'event', 'event'), ` ${v.type}${v.cameo ? ' [' + v.cameo + ']' : ''}: ${entityName(a, v.actor)} → ${entityName(a, v.target)}, ${v.date.value ?? 'undated'}${v.place ? ', ' + v.place.name : ''} — “${v.text.slice(0, 100)}”`)),
    ...a.relations.map((r: Json) => el('li', {}, `relation: ${entityName(a, r.subject)} ${r.type} ${entityName(a, r.object)}`)),
    ...a.labels.map((l: Json, i: number) => el('li', { id: `fact-L${i}` }, evidence(`L${i}`, 'label', 'label'), ` “${l.text}” (${l.kind}) → ${entityName(a, l.entity)}`)));
  const actors = el('ul', {}, ...a.entities.map((e: Json) => el('li', {}, link(`#/actor/${encodeURIComponent(e.name)}`, e.name), ` (${e.type}${e.roles.length ? ', ' + e.roles.join(', ') : ''})`)));
  return [toggles, el('div', { class: 'cols' }, el('div', {}, root), el('div', {}, el('h2', {}, 'Actors'), actors, el('h2', {}, 'Facts'), facts))];
}

async function article(id: string, focusStart?: number) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  show(el('h1', {}, a.article.title ?? a.article.id), el('p', { class: 'muted' }, `${a.article.source ?? 'unknown outlet'} · ${a.article.published ?? 'undated'}`), ...articleView(a));
  // Arriving from a quote elsewhere (#/article/ID/START): its evidence is marked and focused.
  if (focusStart !== undefined) {
    const i = (a.quotes as Json[]).findIndex((q) => q.start === focusStart);
    const m = i >= 0 ? document.getElementById(`ev-Q${i}`) : null;
    if (m) { m.classList.add('active'); m.focus(); }
  }
}

/** A small star graph: the actor in the middle, each related actor around it, each edge labelled in words. */
function relationGraph(center: string, rels: Json[]): Node {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  const W = 640, H = 360, cx = W / 2, cy = H / 2, r = 140;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Relations of ${center}: ` + rels.map((x) => `${x.direction === 'subject' ? center : x.otherName} ${x.type.replace('_', ' ')} ${x.direction === 'subject' ? x.otherName : center}`).join('; '));
  const text = (x: number, y: number, t: string, cls = '') => {
    const e = document.createElementNS(NS, 'text');
    e.setAttribute('x', String(x)); e.setAttribute('y', String(y)); e.setAttribute('text-anchor', 'middle');
    if (cls) e.setAttribute('class', cls);
    e.textContent = t;
    svg.append(e);
  };
  const shown = rels.slice(0, 12);
  shown.forEach((rel, i) => {
    const ang = (2 * Math.PI * i) / shown.length - Math.PI / 2;
    const x = cx + r * Math.cos(ang) * 1.6, y = cy + r * Math.sin(ang);
    const line = document.createElementNS(NS, 'line');
    line.setAttribute('x1', String(cx)); line.setAttribute('y1', String(cy)); line.setAttribute('x2', String(x)); line.setAttribute('y2', String(y));
    line.setAttribute('stroke', '#8a94a0');
    svg.append(line);
    const verb = rel.direction === 'subject' ? `${rel.type.replace('_', ' ')} →` : `← ${rel.type.replace('_', ' ')}`;
    text((cx + x) / 2, (cy + y) / 2 - 4, verb, 'edge');
    text(x, y + (y < cy ? -6 : 16), rel.otherName, 'node');
  });
  text(cx, cy + 5, center, 'center');
  return svg;
}

async function actor(name: string) {
  const p = await api(`/api/actors/${encodeURIComponent(name)}`);
  const rels = p.relations as Json[];
  show(el('h1', {}, p.name), el('p', { class: 'muted' }, `${p.type}${p.country ? ' · ' + p.country : ''} · in ${p.articles.length} articles${p.kb ? ' · ' + p.kb : ''}`),
    el('p', {}, 'Also called: ' + (p.names.filter((n: Json) => n.name !== p.name).map((n: Json) => `${n.name} (${n.count})`).join(', ') || '—')),
    el('h2', {}, 'Roles over time'), el('ul', {}, ...p.roles.map((r: Json) => el('li', {}, `${r.role}: ${r.first ?? '?'} – ${r.last ?? '?'} (${r.articles.length} articles)`))),
    el('h2', {}, 'Relations'), rels.length ? relationGraph(p.name, rels) : el('p', { class: 'muted' }, 'none found'),
    el('ul', {}, ...rels.map((r: Json) => el('li', {}, r.direction === 'subject' ? `${p.name} ${r.type} ` : '', link(`#/actor/${encodeURIComponent(r.otherName)}`, r.otherName), r.direction === 'object' ? ` ${r.type} ${p.name}` : '', ` (${r.articles.length} articles)`))),
    el('h2', {}, 'How each outlet labels it'), el('table', {}, el('tbody', {}, ...p.labels.map((o: Json) => el('tr', {}, el('th', {}, o.outlet), el('td', {}, o.labels.map((l: Json) => `“${l.text}” (${l.kind}${l.count > 1 ? ', ×' + l.count : ''})`).join('; ')))))),
    el('h2', {}, 'Events as actor'), el('ul', {}, ...p.asActor.slice(0, 100).map((e: Json) => el('li', {}, `${e.date ?? 'undated'} ${e.type} → ${e.target ?? '—'} `, link(`#/article/${encodeURIComponent(e.article)}`, 'evidence')))),
    el('h2', {}, 'Events as target'), el('ul', {}, ...p.asTarget.slice(0, 100).map((e: Json) => el('li', {}, `${e.date ?? 'undated'} ${e.type} ← ${e.actor ?? '—'} `, link(`#/article/${encodeURIComponent(e.article)}`, 'evidence')))),
    el('h2', {}, 'Quotes'), el('ul', {}, ...p.quotes.slice(0, 100).map((q: Json) => el('li', {}, `${q.direct ? '“' : ''}${String(q.text).slice(0, 200)}${q.direct ? '”' : ''} — ${q.outlet ?? '?'}, ${q.published ?? 'undated'} `, link(`#/article/${encodeURIComponent(q.article)}/${q.start}`, 'evidence')))));
}

async function timeline() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const form = el('form', { class: 'filters' },
    el('label', { for: 'f-actor' }, 'Actor '), el('input', { id: 'f-actor', name: 'actor', value: params.get('actor') ?? '' }),
    el('label', { for: 'f-type' }, ' Type '), el('input', { id: 'f-type', name: 'type', value: params.get('type') ?? '', placeholder: 'ASSAULT' }),
    el('label', { for: 'f-place' }, ' Place '), el('input', { id: 'f-place', name: 'place', value: params.get('place') ?? '' }),
    ' ', el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of ['actor', 'type', 'place']) { const v = (form.elements.namedItem(k) as HTMLInputElement).value.trim(); if (v) q.set(k, v); }
    location.hash = `#/timeline?${q}`;
  });
  const q = new URLSearchParams({ limit: '500' });
  for (const k of ['actor', 'type', 'place']) if (params.get(k)) q.set(k, params.get(k)!);
  const { items } = await api(`/api/events/merged?${q}`);
  const days = new Map<string, Json[]>();
  for (const e of items as Json[]) {
    const d = e.date.value ?? 'undated';
    if (!days.has(d)) days.set(d, []);
    days.get(d)!.push(e);
  }
  const order = [...days.keys()].sort((a, b) => (a === 'undated' ? 1 : b === 'undated' ? -1 : a.localeCompare(b)));
  show(el('h1', {}, 'Timeline of merged events'), form,
    el('ol', {}, ...order.map((d) => el('li', {}, el('strong', {}, d), el('ul', {}, ...days.get(d)!.map((e: Json) => el('li', {},
      `${e.type}${e.mode ? '/' + e.mode : ''}: ${e.actor?.name ?? '—'} → ${e.target?.name ?? '—'}${e.place ? ' in ' + e.place.name : ''} — ${e.reports.length} report(s) from ${e.outlets.join(', ')}`,
      e.spread.length ? ` · ${e.spread.map((s: Json) => `${s.kind} ${s.min === s.max ? s.min : s.min + '–' + s.max}`).join(', ')}` : '', ' ',
      link(`#/article/${encodeURIComponent(e.earliest.article)}`, 'earliest report'))))))));
}

async function mapView() {
  const { items } = await api('/api/events/merged?limit=1000');
  const placed = (items as Json[]).filter((e) => e.place && e.place.lat !== null && e.place.lon !== null);
  const points = placed.map((e) => ({
    lat: e.place.lat, lon: e.place.lon, weight: e.reports.length,
    label: `${e.type}: ${e.actor?.name ?? '—'} → ${e.target?.name ?? '—'} in ${e.place.name}, ${e.date.value ?? 'undated'} (${e.reports.length} reports)`,
  }));
  show(el('h1', {}, 'Map of events'), el('p', { class: 'muted' }, `${placed.length} of ${items.length} merged events have a place. Country shapes: Natural Earth via world-atlas.`),
    eventMap(points, `Map of ${placed.length} events`),
    el('h2', {}, 'The events on the map'),
    el('ul', {}, ...placed.map((e: Json, i: number) => el('li', {}, points[i]!.label, ' ', link(`#/article/${encodeURIComponent(e.earliest.article)}`, 'earliest report')))));
}

async function figures() {
  const [{ items }, merged] = await Promise.all([api('/api/figures?limit=500'), api('/api/events/merged?limit=500')]);
  const spread = (merged.items as Json[]).filter((e) => e.spread.length);
  show(el('h1', {}, 'Figures'),
    el('h2', {}, 'Spread across outlets'), el('p', { class: 'muted' }, 'For each event reported by several articles: the lowest and highest count of each kind, and who claims which.'),
    el('ul', {}, ...spread.map((e: Json) => el('li', {}, `${e.type}: ${e.actor?.name ?? '—'} → ${e.target?.name ?? '—'}${e.place ? ' in ' + e.place.name : ''}, ${e.date.value ?? 'undated'}: `,
      e.spread.map((x: Json) => `${x.kind} ${x.min === x.max ? x.min : `${x.min}–${x.max}`}`).join('; '), ' — ',
      (e.figures as Json[]).map((f) => `${f.value} per ${f.outlet ?? '?'}${f.claimant ? ' (claimed by ' + f.claimant.name + ')' : ''}`).join(', ')))),
    el('h2', {}, 'Every count'), el('p', { class: 'muted' }, 'Every count with its claimant, as each outlet reported it.'),
    el('table', {}, el('thead', {}, el('tr', {}, ...['Kind', 'Count', 'Qualifier', 'Counted', 'Claimant', 'Outlet', 'Published', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...items.map((f: Json) => el('tr', {}, el('td', {}, f.kind), el('td', {}, String(f.value)), el('td', {}, f.qualifier ?? ''), el('td', {}, f.counted ?? ''),
        el('td', {}, f.claimant_name ?? 'not said'), el('td', {}, f.source ?? '?'), el('td', {}, f.published ?? '?'), el('td', {}, link(`#/article/${encodeURIComponent(f.article_id)}`, 'evidence')))))));
}

interface Analyser {
  prepare(onProgress?: (done: number, total: number) => void): Promise<unknown>;
  analyzeInBrowser(text: string, published: string | null): Promise<Json>;
}
let analyser: Promise<Analyser> | null = null;
/** The analyser module, fetched the first time it is needed (the page itself stays small). */
function loadAnalyser(): Promise<Analyser> {
  const url = '/analyzer.js';
  analyser ??= import(/* not bundled: loaded on demand */ url) as Promise<Analyser>;
  return analyser;
}

function analyzeForm() {
  const ta = el('textarea', { id: 'paste', 'aria-label': 'Article text' });
  const date = el('input', { id: 'pdate', type: 'date', 'aria-label': 'Publication date' });
  const local = el('input', { id: 'plocal', type: 'checkbox' });
  local.checked = true;
  const status = el('p', { role: 'status', class: 'muted' });
  const out = el('div', {});
  const form = el('form', {}, el('label', { for: 'paste' }, 'Paste an article'), ta, el('label', { for: 'pdate' }, 'Published '), date, ' ',
    local, el('label', { for: 'plocal' }, ' analyse in this browser (the same analyze() as the server; the first time it fetches its data)'), ' ',
    el('button', { type: 'submit' }, 'Analyse'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    status.textContent = 'Analysing…';
    try {
      let a: Json;
      if (local.checked) {
        const m = await loadAnalyser();
        await m.prepare((done, total) => { status.textContent = `Loading the analyser's data: ${done} of ${total} files…`; });
        a = await m.analyzeInBrowser(ta.value, date.value || null);
        status.textContent = `Analysed in this browser in ${a.meta.ms} ms.`;
      } else {
        a = await api('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: ta.value, published: date.value || null }) });
        status.textContent = 'Analysed by the server.';
      }
      out.replaceChildren(...articleView(a));
    } catch (e) {
      status.textContent = '';
      out.replaceChildren(el('p', { role: 'alert' }, `Could not analyse: ${(e as Error).message}`));
    }
  });
  show(el('h1', {}, 'Analyse an article'), form, status, out);
}

async function search(q: string) {
  const { items } = await api(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
  show(el('h1', {}, `Search: ${q}`), el('ul', {}, ...items.map((a: Json) => el('li', {}, link(`#/article/${encodeURIComponent(a.id)}`, a.title ?? a.id), ` — ${a.source ?? '?'}, ${a.published ?? 'undated'}`))));
}

async function route() {
  const [, view, arg, extra] = decodeURIComponent(location.hash.slice(1).split('?')[0]!).split('/');
  try {
    if (view === 'story' && arg) await story(arg);
    else if (view === 'article' && arg) await article(arg, extra ? Number(extra) : undefined);
    else if (view === 'actor' && arg) await actor(arg);
    else if (view?.startsWith('timeline')) await timeline();
    else if (view === 'figures') await figures();
    else if (view === 'map') await mapView();
    else if (view === 'analyze') analyzeForm();
    else if (view === 'search' && arg) await search(arg);
    else await stories();
  } catch (e) {
    show(el('p', { role: 'alert' }, `Could not load this page: ${(e as Error).message}`));
  }
}

document.getElementById('search')!.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = (document.getElementById('q') as HTMLInputElement).value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});
window.addEventListener('hashchange', route);
route();
