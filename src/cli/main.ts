import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../analyze.js';
import { loadResources, DATA_DIR } from '../resources.js';
import { readPaths } from '../ingest/index.js';
import type { ReadResult } from '../ingest/types.js';
import type { Analysis } from '../types.js';
import type { Store } from '../store/store.js';
import * as corpus from '../corpus/index.js';
import { openStore } from '../store/open.js';
import { ingest, type IngestSummary } from '../store/ingest.js';
import { formatReport } from './report.js';
import { StoryKeeper } from '../store/stories.js';
import { Queue } from '../queue/queue.js';
import { runWorker } from '../queue/worker.js';
import { loadCorpusResources } from '../corpus/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DB = 'sitrep.db';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, unknown>, positionals: string[]): number | Promise<number>;
}

const db = { type: 'string', default: DEFAULT_DB } as const;
const json = { type: 'boolean', default: false } as const;
const kb = { type: 'string', multiple: true } as const;

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'analyse articles and print one analysis each (JSON Lines with --json, a readable report without)',
    usage: 'sitrep analyze PATH... [--date YYYY-MM-DD] [--source OUTLET] [--json] [--kb FILE]...   (PATH "-" reads standard input)',
    options: { date: { type: 'string' }, source: { type: 'string' }, json, kb, timing: { type: 'boolean', default: false } },
    run(v, paths) {
      if (!paths.length) return usageError('analyze', 'give at least one file, folder, or - for standard input');
      const res = loadResources({ kb: v.kb as string[] | undefined });
      let ok = 0;
      let bad = 0;
      for (const r of read(paths, v)) {
        if (!r.ok) {
          bad++;
          process.stderr.write(`sitrep: ${r.input}: ${r.error}\n`);
          continue;
        }
        try {
          const a = analyze(r.article, res, { timing: Boolean(v.timing) });
          process.stdout.write(v.json ? JSON.stringify(a) + '\n' : formatReport(a) + '\n\n');
          ok++;
        } catch (e) {
          bad++;
          process.stderr.write(`sitrep: ${r.input}: analysis failed: ${(e as Error).message}\n`);
        }
      }
      if (bad) process.stderr.write(`sitrep: ${ok} analysed, ${bad} could not be read\n`);
      return ok === 0 ? 1 : 0;
    },
  },
  ingest: {
    summary: 'analyse articles and store them (idempotent; resumable after a crash)',
    usage: 'sitrep ingest PATH... [--db FILE|postgres://…] [--queue] [--date YYYY-MM-DD] [--source OUTLET] [--kb FILE]...   (--queue: only enqueue, for `sitrep worker`)',
    options: { db, date: { type: 'string' }, source: { type: 'string' }, kb, queue: { type: 'boolean', default: false } },
    async run(v, paths) {
      if (!paths.length) return usageError('ingest', 'give at least one file, folder, or - for standard input');
      if (v.queue) {
        return withStore(v.db as string, async (store) => {
          const s = await new Queue(store.db).enqueue(read(paths, v), store);
          process.stderr.write(`sitrep ingest --queue: ${s.read} read, ${s.enqueued} enqueued, ${s.duplicates} already stored or queued, ${s.rejected} rejected → run sitrep worker --db ${v.db as string}\n`);
          return s.enqueued + s.duplicates === 0 ? 1 : 0;
        });
      }
      const summary = await runIngest(paths, v);
      return summary.stored + summary.duplicates === 0 ? 1 : 0;
    },
  },
  show: {
    summary: 'print one stored article\'s analysis',
    usage: 'sitrep show ID [--db FILE] [--json]',
    options: { db, json },
    async run(v, [id]) {
      if (!id) return usageError('show', 'give an article id (a unique prefix is enough)');
      return withStore(v.db as string, async (store) => {
        const a = await store.analysis(id);
        if (!a) {
          process.stderr.write(`sitrep show: no article "${id}" in ${v.db as string}\n`);
          return 1;
        }
        process.stdout.write(v.json ? JSON.stringify(a) + '\n' : formatReport(a) + '\n');
        return 0;
      });
    },
  },
  stories: {
    summary: 'list story clusters (most reported first)',
    usage: 'sitrep stories [--db FILE] [--json] [--from DATE] [--to DATE] [--limit N]',
    options: { db, json, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string', default: '1000' } },
    async run(v) {
      return withStore(v.db as string, async (store) => {
        for (const s of await store.stories({ from: v.from as string | undefined, to: v.to as string | undefined, limit: Number(v.limit) })) {
          const detail = (await store.story(s.id))!;
          if (v.json) {
            const articles = detail.articles.map((a) => a.id);
            const duplicates = Object.fromEntries(detail.articles.filter((a) => a.duplicateOf).map((a) => [a.id, a.duplicateOf]));
            process.stdout.write(JSON.stringify({ id: s.id, title: s.title, articles, duplicates, outlets: s.outlets, first: s.first, last: s.last }) + '\n');
          } else {
            process.stdout.write(`${s.id}  ${(s.first ?? '?').slice(0, 10)}…${(s.last ?? '?').slice(0, 10)}  ${String(s.articles).padStart(3)} reports${s.copies ? ` +${s.copies} copies` : ''}  ${s.title.slice(0, 70)}\n`);
          }
        }
        return 0;
      });
    },
  },
  story: {
    summary: 'one story: its articles, outlets and dates',
    usage: 'sitrep story ID [--db FILE] [--json]',
    options: { db, json },
    async run(v, [id]) {
      if (!id) return usageError('story', 'give a story id (see sitrep stories)');
      return withStore(v.db as string, async (store) => {
        const s = await store.story(id);
        if (!s) {
          process.stderr.write(`sitrep story: no story "${id}" in ${v.db as string}\n`);
          return 1;
        }
        const analyses = (await Promise.all(s.articles.map((a) => store.analysis(a.id)))).filter((a): a is Analysis => a !== null);
        const comparison = corpus.compareStory(analyses);
        if (v.json) process.stdout.write(JSON.stringify({ ...s, comparison }) + '\n');
        else {
          process.stdout.write(`# ${s.story.title}\n${s.story.first ?? '?'} … ${s.story.last ?? '?'} · outlets: ${s.story.outlets.join(', ')}\n\n`);
          for (const a of s.articles) process.stdout.write(`  ${(a.published ?? '?').slice(0, 10)}  ${(a.source ?? '?').padEnd(24)} ${a.id}${a.duplicateOf ? ' (copy of ' + a.duplicateOf + ')' : ''}  ${a.title ?? ''}\n`);
          process.stdout.write(`\nComparison by outlet:\n${JSON.stringify(comparison, null, 2)}\n`);
        }
        return 0;
      });
    },
  },
  events: {
    summary: 'events across the store, one per report or merged across reports, in the formats analysts use',
    usage: 'sitrep events [--db FILE] [--merged] [--actor NAME] [--type PLOVER] [--from DATE] [--to DATE] [--format json|csv|acled|gkg|plover]',
    options: { db, merged: { type: 'boolean', default: false }, actor: { type: 'string' }, type: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' } },
    async run(v) {
      const format = v.format as string;
      if (!['json', 'csv', 'acled', 'gkg', 'plover'].includes(format)) return usageError('events', `unknown --format ${format}`);
      return withStore(v.db as string, async (store) => {
        const analyses = await allAnalyses(store);
        const keep = eventFilter(v);
        const filtered = analyses.map((a) => ({ ...a, events: a.events.filter((e) => keep(a, e)) }));
        if (format === 'gkg') { process.stdout.write(corpus.gkgTsv(filtered, true)); return 0; }
        if (format === 'csv') { process.stdout.write(corpus.eventsCsv(filtered)); return 0; }
        const merged = v.merged || format === 'acled' ? corpus.mergeEvents(filtered) : null;
        if (format === 'acled') { process.stdout.write(corpus.acledCsv(merged!)); return 0; }
        if (format === 'plover') { process.stdout.write(corpus.ploverJsonl(merged ? corpus.ploverFromMerged(merged) : corpus.ploverFromAnalyses(filtered))); return 0; }
        if (merged) for (const e of merged) process.stdout.write(JSON.stringify(e) + '\n');
        else for (const a of filtered) for (const e of a.events) process.stdout.write(JSON.stringify({ article: a.article.id, source: a.article.source, published: a.article.published, ...e, actorName: name(a, e.actor), targetName: name(a, e.target) }) + '\n');
        return 0;
      });
    },
  },
  actors: {
    summary: 'actors across the store, most mentioned first',
    usage: 'sitrep actors [--db FILE] [--json] [--limit N]',
    options: { db, json, limit: { type: 'string', default: '100' } },
    async run(v) {
      return withStore(v.db as string, async (store) => {
        const profiles = corpus.actorProfiles(await allAnalyses(store)).slice(0, Number(v.limit));
        for (const p of profiles) {
          process.stdout.write(v.json ? JSON.stringify(p) + '\n' : `${p.name.padEnd(40)} ${p.type.padEnd(8)} ${String(p.articles.length).padStart(5)} articles  ${p.names.filter((n) => n.name !== p.name).slice(0, 4).map((n) => n.name).join(', ')}\n`);
        }
        return 0;
      });
    },
  },
  actor: {
    summary: 'one actor across the store: names, roles over time, relations, quotes, events, labels by outlet',
    usage: 'sitrep actor NAME [--db FILE] [--json]',
    options: { db, json },
    async run(v, words) {
      const query = words.join(' ');
      if (!query) return usageError('actor', 'give a name, alias or knowledge-base id');
      return withStore(v.db as string, async (store) => {
        const p = corpus.findActor(corpus.actorProfiles(await allAnalyses(store)), query);
        if (!p) {
          process.stderr.write(`sitrep actor: no actor "${query}" in ${v.db as string}\n`);
          return 1;
        }
        process.stdout.write(v.json ? JSON.stringify(p) + '\n' : JSON.stringify(p, null, 2) + '\n');
        return 0;
      });
    },
  },
  worker: {
    summary: 'take queued articles, analyse and store them (run any number, on any machine)',
    usage: 'sitrep worker --db postgres://… [--batch 100] [--lease 120] [--max-attempts 3] [--exit-when-empty] [--name NAME] [--role both|analyse|cluster]',
    options: { db, batch: { type: 'string', default: '100' }, lease: { type: 'string', default: '120' }, 'max-attempts': { type: 'string', default: '3' }, 'exit-when-empty': { type: 'boolean', default: false }, name: { type: 'string' }, role: { type: 'string', default: 'both' }, kb },
    async run(v) {
      const role = v.role as string;
      if (!['both', 'analyse', 'cluster'].includes(role)) return usageError('worker', `--role is both, analyse or cluster, not "${role}"`);
      return withStore(v.db as string, async (store) => {
        const queue = new Queue(store.db, { leaseSeconds: Number(v.lease), maxAttempts: Number(v['max-attempts']) });
        // Loaded when this worker first clusters (an `analyse` worker never does).
        const stories = new StoryKeeper(loadCorpusResources());
        const s = await runWorker(store, queue, stories, loadResources({ kb: v.kb as string[] | undefined }), {
          batch: Number(v.batch), exitWhenEmpty: Boolean(v['exit-when-empty']), pollMs: 500, name: v.name as string | undefined, role: role as 'both' | 'analyse' | 'cluster',
          log: (l) => process.stderr.write(`sitrep worker: ${l}\n`),
        });
        const cpu = process.cpuUsage();
        process.stderr.write(`sitrep worker: ${s.stored} stored, ${s.duplicates} already stored, ${s.retried} retried, ${s.parked} parked, ${s.transientErrors} database interruptions; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s\n`);
        return 0;
      });
    },
  },
  queue: {
    summary: 'show the work queue: pending, leased, done, failed (with their errors)',
    usage: 'sitrep queue [--db postgres://…] [--json]',
    options: { db, json },
    async run(v) {
      return withStore(v.db as string, async (store) => {
        const q = new Queue(store.db);
        const stats = await q.stats();
        const failed = await q.failed();
        if (v.json) process.stdout.write(JSON.stringify({ ...stats, failedJobs: failed }) + '\n');
        else {
          process.stdout.write(`pending ${stats.pending} · leased ${stats.leased} · done ${stats.done} · failed ${stats.failed}\n`);
          for (const f of failed) process.stdout.write(`  failed: ${f.input} after ${f.attempts} tries: ${f.error}\n`);
        }
        return 0;
      });
    },
  },
  serve: {
    summary: 'serve the HTTP API and the web page over a store (read-only unless --token is given)',
    usage: 'sitrep serve [--db FILE] [--port 8080] [--host 127.0.0.1] [--token TOKEN]',
    options: { db, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' }, token: { type: 'string' } },
    async run(v) {
      const { serve } = await import('@hono/node-server');
      const { createApp } = await import('../server/app.js');
      const { buildWeb } = await import('../../scripts/build-web.js');
      const webDir = await buildWeb();
      const store = await openStore(v.db as string);
      const stories = await new StoryKeeper(loadCorpusResources()).open(store);
      const app = createApp({
        store, resources: loadResources(), token: (v.token as string | undefined) ?? process.env.SITREP_TOKEN, webDir, dataDir: DATA_DIR, stories,
      });
      const port = Number(v.port);
      await new Promise<void>((ok) => serve({ fetch: app.fetch, port, hostname: v.host as string }, () => ok()));
      process.stdout.write(`sitrep: serving ${v.db as string} on http://${v.host as string}:${port}/ (API: /api/openapi.json)${v.token ? '' : ', read-only'}\n`);
      return new Promise<number>(() => {});
    },
  },
  demo: {
    summary: 'ingest the bundled examples into ./sitrep.db, print what was found per article (and with --serve, serve it)',
    usage: 'sitrep demo [--db FILE] [--serve] [--port 8080]',
    options: { db, serve: { type: 'boolean', default: false }, port: { type: 'string', default: '8080' } },
    async run(v) {
      const dbPath = v.db as string;
      await runIngest([join(ROOT, 'examples')], { db: dbPath });
      const store = await openStore(dbPath);
      try {
        const rows = await store.articles({ limit: 10000 });
        process.stdout.write(`\n${rows.length} articles in ${dbPath}\n\n`);
        process.stdout.write('published   outlet                     actors quotes figures events  title\n');
        for (const r of rows) {
          const a = (await store.analysis(r.id))!;
          process.stdout.write(
            `${(r.published ?? '?').slice(0, 10).padEnd(11)} ${(r.source ?? '?').slice(0, 26).padEnd(26)} ${String(a.entities.length).padStart(6)} ${String(a.quotes.length).padStart(6)} ${String(a.figures.length).padStart(7)} ${String(a.events.length).padStart(6)}  ${(r.title ?? r.id).slice(0, 60)}\n`,
          );
        }
        const c = await store.counts();
        process.stdout.write(`\nstored: ${c.entities} actors, ${c.quotes} quotes, ${c.figures} figures, ${c.events} events, ${c.relations} relations, ${c.labels} labels; ${c.rejected} inputs rejected\n`);
        process.stdout.write(`next: sitrep show ID, sitrep stories, sitrep analyze FILE, sitrep ingest PATH\n`);
      } finally {
        await store.close();
      }
      if (v.serve) return COMMANDS.serve!.run({ db: dbPath, port: v.port, host: '127.0.0.1' }, []);
      return 0;
    },
  },
};

async function runIngest(paths: string[], v: Record<string, unknown>): Promise<IngestSummary> {
  const res = loadResources({ kb: v.kb as string[] | undefined });
  const store = await openStore((v.db as string) ?? DEFAULT_DB);
  const tty = process.stderr.isTTY;
  const t0 = Date.now();
  try {
    const stories = await new StoryKeeper(loadCorpusResources()).open(store);
    const summary = await ingest(read(paths, v), store, res, {
      onStored: stories.onStored,
      onProgress: (s) => {
        if (!tty) return;
        const rate = s.read / Math.max(0.001, (Date.now() - t0) / 1000);
        process.stderr.write(`\r${bar(s)} ${s.read} read · ${s.stored} stored · ${s.duplicates} duplicates · ${s.rejected} rejected · ${rate.toFixed(0)}/s `);
      },
    });
    await stories.save(store);
    if (tty) process.stderr.write('\n');
    for (const r of summary.reasons) process.stderr.write(`sitrep: rejected ${r}\n`);
    process.stderr.write(`sitrep ingest: ${summary.read} read, ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.rejected} rejected (${((Date.now() - t0) / 1000).toFixed(1)} s) → ${(v.db as string) ?? DEFAULT_DB}\n`);
    return summary;
  } finally {
    await store.close();
  }
}

/** The readers over PATHs, telling standard error what each input's warnings are (bad bytes, dates not used…). */
function* read(paths: string[], v: Record<string, unknown>): Generator<ReadResult> {
  for (const r of readPaths(paths, { date: v.date as string | undefined, source: v.source as string | undefined })) {
    if (r.ok) for (const w of r.warnings ?? []) process.stderr.write(`sitrep: ${r.input}: warning: ${w}\n`);
    yield r;
  }
}

/** Opens the store named by --db, runs `fn`, and closes the store whatever happens. */
async function withStore<T>(db: string, fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Every stored analysis, in insertion order (corpus views and exports). */
async function allAnalyses(store: Store): Promise<Analysis[]> {
  const out: Analysis[] = [];
  for await (const { analysis } of store.analysesAfter(0)) out.push(analysis);
  return out;
}

function name(a: Analysis, id: string | null): string | null {
  return id ? a.entities.find((e) => e.id === id)?.name ?? null : null;
}

/** `--actor` (name, alias or kb id of actor or target), `--type`, `--from`, `--to` on one event. */
function eventFilter(v: Record<string, unknown>) {
  const actor = (v.actor as string | undefined)?.toLowerCase();
  return (a: Analysis, e: Analysis['events'][number]) => {
    if (v.type && e.type !== v.type) return false;
    const d = e.date.value ?? a.article.published ?? '';
    if (v.from && d < (v.from as string)) return false;
    if (v.to && d.slice(0, (v.to as string).length) > (v.to as string)) return false;
    if (actor) {
      const hit = [e.actor, e.target].some((id) => {
        const ent = id ? a.entities.find((x) => x.id === id) : undefined;
        return ent && (ent.name.toLowerCase() === actor || ent.kb === v.actor || ent.mentions.some((m) => m.text.toLowerCase() === actor));
      });
      if (!hit) return false;
    }
    return true;
  };
}

function bar(s: IngestSummary): string {
  const spin = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
  return spin[s.read % spin.length]!;
}

function usageError(cmd: string, msg: string): number {
  process.stderr.write(`sitrep ${cmd}: ${msg}\nusage: ${COMMANDS[cmd]!.usage}\n`);
  return 2;
}

function help(): string {
  const lines = ['sitrep — news articles in, actors, events, quotes, figures, places and labels out', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  lines.push('', 'sitrep COMMAND --help for the options of one command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`sitrep: unknown command "${name}"\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${cmd.summary}\nusage: ${cmd.usage}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(name, (e as Error).message);
  }
  try {
    return await cmd.run(parsed.values as Record<string, unknown>, parsed.positionals);
  } catch (e) {
    process.stderr.write(`sitrep ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const viaBin = process.argv[1] && /bin[\\/]sitrep(\.js)?$/.test(process.argv[1]);
if (invokedDirectly || viaBin) {
  // `sitrep events | head`: a closed pipe ends the command quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
void existsSync;
