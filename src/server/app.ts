import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v4';
import { analyze, type Resources } from '../analyze.js';
import type { Store } from '../store/store.js';
import { ingest } from '../store/ingest.js';
import { OPENAPI } from './openapi.js';
import { compareStory } from '../corpus/compare.js';
import { mergeEvents } from '../corpus/events.js';
import type { StoryKeeper } from '../store/stories.js';

export interface AppOptions {
  store: Store;
  resources: Resources;
  /** Token that unlocks write endpoints (POST /api/ingest). Without one the API is read-only. */
  token?: string;
  /** Folder of the built web page (index.html, app.js, app.css). */
  webDir?: string;
  /** The repository's data/ folder, served read-only at /data/ for the in-browser analyser. */
  dataDir?: string;
  /** Story clustering for what POST /api/ingest stores. */
  stories?: StoryKeeper;
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD');
const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
const FactQuery = z.object({
  actor: z.string().max(200).optional(),
  type: z.string().max(60).optional(),
  source: z.string().max(200).optional(),
  article: z.string().max(100).optional(),
  from: date.optional(),
  to: date.optional(),
  ...page,
}).strict();
const ArticleQuery = z.object({
  q: z.string().max(500).optional(),
  source: z.string().max(200).optional(),
  from: date.optional(),
  to: date.optional(),
  ...page,
}).strict();
const StoryQuery = z.object({ from: date.optional(), to: date.optional(), ...page }).strict();
const AnalyzeBody = z.object({
  text: z.string().min(1).max(200_000),
  published: date.nullable().optional(),
  source: z.string().max(200).nullable().optional(),
  title: z.string().max(500).nullable().optional(),
  url: z.string().max(2000).nullable().optional(),
}).strict();

class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 413 | 415, message: string) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new HttpError(400, `${what}: ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
  }
  return r.data;
}

const query = (c: Context) => Object.fromEntries(new URL(c.req.url).searchParams);

export function createApp(opts: AppOptions): Hono {
  const { store, resources } = opts;
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  app.use('/api/*', bodyLimit({
    maxSize: opts.maxBody ?? 2_000_000,
    onError: (c) => c.json({ error: `request body is larger than ${opts.maxBody ?? 2_000_000} bytes` }, 413),
  }));

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: err.message }, err.status);
    return c.json({ error: `internal error: ${err.message}` }, 500);
  });
  app.notFound((c) => c.json({ error: `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.get('/api/openapi.json', (c) => c.json(OPENAPI));
  app.get('/api/health', async (c) => c.json({ ok: true, counts: await store.counts() }));

  app.get('/api/articles', async (c) => {
    const q = parse(ArticleQuery, query(c), 'query');
    return c.json({ items: await store.articles(q), limit: q.limit, offset: q.offset });
  });
  app.get('/api/articles/:id', async (c) => {
    const a = await store.analysis(c.req.param('id'));
    if (!a) throw new HttpError(404, `no article "${c.req.param('id')}"`);
    return c.json(a);
  });
  app.get('/api/search', async (c) => {
    const q = parse(ArticleQuery.extend({ q: z.string().min(1).max(500) }), query(c), 'query');
    return c.json({ items: await store.articles(q), limit: q.limit, offset: q.offset });
  });

  app.get('/api/stories', async (c) => {
    const q = parse(StoryQuery, query(c), 'query');
    return c.json({ items: await store.stories(q), limit: q.limit, offset: q.offset });
  });
  app.get('/api/stories/:id', async (c) => {
    const q = parse(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: page.offset }).strict(), query(c), 'query');
    const s = await store.story(c.req.param('id'), q);
    if (!s) throw new HttpError(404, `no story "${c.req.param('id')}"`);
    // The comparison covers this page's original reports (copies add nothing to compare).
    const originals = s.articles.filter((a) => !a.duplicateOf);
    const analyses = (await Promise.all(originals.map((a) => store.analysis(a.id)))).filter((a) => a !== null);
    return c.json({ ...s, limit: q.limit, offset: q.offset, comparison: compareStory(analyses) });
  });

  app.get('/api/events/merged', async (c) => {
    const q = parse(FactQuery.extend({ story: z.string().max(100).optional(), place: z.string().max(200).optional(), window: z.coerce.number().int().min(1).max(5000).default(1000) }), query(c), 'query');
    // Merged on the fly over the latest `window` matching articles: bounded work whatever the store's size.
    const analyses = await store.recentAnalyses(q, q.window);
    let merged = mergeEvents(analyses);
    if (q.type) merged = merged.filter((e) => e.type === q.type);
    if (q.place) {
      const p = q.place.toLowerCase();
      merged = merged.filter((e) => e.place && (e.place.name.toLowerCase() === p || e.place.country === q.place));
    }
    if (q.actor) {
      const a = q.actor.toLowerCase();
      merged = merged.filter((e) => [e.actor, e.target].some((r) => r && (r.name.toLowerCase() === a || r.kb === q.actor)));
    }
    return c.json({ items: merged.slice(q.offset, q.offset + q.limit), total: merged.length, articles: analyses.length, limit: q.limit, offset: q.offset });
  });

  app.get('/api/actors', async (c) => {
    const q = parse(z.object({ q: z.string().max(200).optional(), type: z.string().max(20).optional(), ...page }).strict(), query(c), 'query');
    return c.json({ items: await store.actors(q), limit: q.limit, offset: q.offset });
  });

  for (const kind of ['events', 'quotes', 'figures', 'entities', 'relations'] as const) {
    app.get(`/api/${kind}`, async (c) => {
      const q = parse(FactQuery, query(c), 'query');
      return c.json({ items: await store[kind](q), limit: q.limit, offset: q.offset });
    });
  }

  app.get('/api/timeline', async (c) => {
    const q = parse(FactQuery, query(c), 'query');
    // The latest events first (an index walk, however many there are), then shown in date order.
    const events = await store.events({ ...q, limit: q.limit, latest: true });
    const days = new Map<string, Record<string, unknown>[]>();
    for (const e of events) {
      const d = (e.date as string | null) ?? 'undated';
      if (!days.has(d)) days.set(d, []);
      days.get(d)!.push(e);
    }
    const items = [...days].sort(([a], [b]) => (a === 'undated' ? 1 : b === 'undated' ? -1 : a.localeCompare(b)))
      .map(([day, evs]) => ({ date: day, events: evs }));
    return c.json({ items });
  });

  app.get('/api/actors/:name', async (c) => {
    const profile = await actorProfileFromFacts(store, c.req.param('name'));
    if (!profile) throw new HttpError(404, `no actor "${c.req.param('name')}"`);
    return c.json(profile);
  });

  app.post('/api/analyze', async (c) => {
    const body = parse(AnalyzeBody, await jsonBody(c), 'body');
    return c.json(analyze({ ...body, publishedFrom: body.published ? 'flag' : 'none' }, resources));
  });

  app.post('/api/ingest', async (c) => {
    authorize(c, opts.token);
    const body = parse(z.object({ articles: z.array(AnalyzeBody.extend({ id: z.string().max(200).optional() })).min(1).max(1000) }).strict(), await jsonBody(c), 'body');
    const summary = await ingest(body.articles.map((a, i) => ({ ok: true as const, input: `api:${i}`, article: { ...a, publishedFrom: a.published ? 'header' as const : 'none' as const } })), store, resources, { onStored: opts.stories?.onStored });
    if (opts.stories) await opts.stories.save(store);
    return c.json(summary);
  });

  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  if (opts.dataDir) serveStatic(app, resolve(opts.dataDir), '/data', false);
  if (opts.webDir) serveStatic(app, resolve(opts.webDir));
  return app;
}

/**
 * An actor's profile (the shape of the corpus layer's `ActorProfile`) answered from the indexed fact tables, over its
 * latest 1,000 mentions, so that it costs the same at any store size. Aliases come from its 20 latest analyses.
 */
async function actorProfileFromFacts(store: Store, name: string) {
  const mentions = await store.entities({ actor: name, limit: 1000, latest: true });
  if (!mentions.length) return null;
  const canonical = mentions[0]!.name as string;
  const str = (x: unknown) => (x === null || x === undefined ? null : String(x));
  const roles = new Map<string, { role: string; first: string | null; last: string | null; articles: string[] }>();
  for (const m of mentions) {
    for (const role of JSON.parse(m.roles as string) as string[]) {
      const r = roles.get(role) ?? { role, first: null, last: null, articles: [] };
      const d = str(m.published);
      if (d && (!r.first || d < r.first)) r.first = d;
      if (d && (!r.last || d > r.last)) r.last = d;
      r.articles.push(m.article_id as string);
      roles.set(role, r);
    }
  }
  const [rels, quotes, events, labels, recent] = await Promise.all([
    store.relations({ actor: canonical, limit: 500, latest: true }),
    store.quotes({ actor: canonical, limit: 200, latest: true }),
    store.events({ actor: canonical, limit: 500, latest: true }),
    store.labels({ actor: canonical, limit: 1000, latest: true }),
    store.recentAnalyses({ actor: canonical }, 20),
  ]);
  const lower = canonical.toLowerCase();
  const relations = new Map<string, { type: string; direction: 'subject' | 'object'; other: string; otherName: string; articles: string[] }>();
  for (const r of rels) {
    const subject = String(r.subject_name ?? '').toLowerCase() === lower;
    const otherName = String((subject ? r.object_name : r.subject_name) ?? '?');
    const key = `${r.type}|${subject ? 's' : 'o'}|${otherName}`;
    const x = relations.get(key) ?? { type: r.type as string, direction: subject ? 'subject' : 'object', other: otherName, otherName, articles: [] };
    x.articles.push(r.article_id as string);
    relations.set(key, x);
  }
  const byOutlet = new Map<string, Map<string, { text: string; kind: string; count: number }>>();
  for (const l of labels) {
    const outlet = str(l.source) ?? '(unknown)';
    const m = byOutlet.get(outlet) ?? new Map();
    const k = `${l.kind}|${String(l.text).toLowerCase()}`;
    const x = m.get(k) ?? { text: l.text as string, kind: l.kind as string, count: 0 };
    x.count++;
    m.set(k, x);
    byOutlet.set(outlet, m);
  }
  const names = new Map<string, number>();
  for (const a of recent) {
    for (const e of a.entities) {
      if (e.name.toLowerCase() !== lower) continue;
      for (const mm of e.mentions) names.set(mm.text, (names.get(mm.text) ?? 0) + 1);
    }
  }
  return {
    key: str(mentions.find((m) => m.kb)?.kb) ?? lower,
    name: canonical,
    type: mentions[0]!.type,
    kb: str(mentions.find((m) => m.kb)?.kb),
    country: str(mentions.find((m) => m.country)?.country),
    names: [...names].sort((x, y) => y[1] - x[1]).map(([n, count]) => ({ name: n, count })),
    roles: [...roles.values()].sort((x, y) => y.articles.length - x.articles.length),
    relations: [...relations.values()].sort((x, y) => y.articles.length - x.articles.length),
    quotes: quotes.map((q) => ({ text: q.text, direct: Boolean(q.direct), date: q.date, article: q.article_id, outlet: q.source, published: q.published, start: q.start, end: q.end })),
    asActor: events.filter((e) => String(e.actor_name ?? '').toLowerCase() === lower).map((e) => ({ type: e.type, target: e.target_name, date: e.date, article: e.article_id, event: e.vid })),
    asTarget: events.filter((e) => String(e.target_name ?? '').toLowerCase() === lower).map((e) => ({ type: e.type, actor: e.actor_name, date: e.date, article: e.article_id, event: e.vid })),
    labels: [...byOutlet].map(([outlet, m]) => ({ outlet, labels: [...m.values()].sort((x, y) => y.count - x.count) })),
    articles: [...new Set(mentions.map((m) => m.article_id as string))],
    outlets: [...new Set(mentions.map((m) => str(m.source) ?? '(unknown)'))].sort(),
  };
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new HttpError(415, 'send JSON with Content-Type: application/json');
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

function authorize(c: Context, token: string | undefined) {
  if (!token) throw new HttpError(403, 'this server is read-only: start it with --token to allow ingest');
  const given = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new HttpError(401, 'missing or wrong bearer token');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
};

/**
 * Static files from `root` only, under the URL `prefix`: the resolved path must stay inside `root`. With `fallback`,
 * any other path gets the page's index.html (client routes); without it, a 404.
 */
function serveStatic(app: Hono, root: string, prefix = '', fallback = true) {
  const index = join(root, 'index.html');
  app.get(`${prefix}/*`, (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname).slice(prefix.length);
    } catch {
      throw new HttpError(400, 'bad path');
    }
    if (rel.includes('\0')) throw new HttpError(400, 'bad path');
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) throw new HttpError(404, 'not found');
    const isFile = existsSync(file) && statSync(file).isFile();
    if (!isFile && !fallback) throw new HttpError(404, `no such file: ${prefix}${rel}`);
    const target = isFile ? file : index;
    if (!existsSync(target)) throw new HttpError(404, 'the web page is not built: run npm run build:web');
    const ext = target.slice(target.lastIndexOf('.'));
    const headers: Record<string, string> = { 'Content-Type': TYPES[ext] ?? 'text/plain; charset=utf-8', 'Cache-Control': target === index ? 'no-cache' : 'max-age=300', Vary: 'Accept-Encoding' };
    const body = readFileSync(target);
    // Text files (the page's scripts, and the data files the in-browser analyser fetches: about 25 MB raw) go out
    // gzipped to clients that accept it, compressed once per file version.
    if (COMPRESSIBLE.has(ext) && body.length > 1024 && /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      const mtime = statSync(target).mtimeMs;
      let hit = GZIPPED.get(target);
      if (!hit || hit.mtime !== mtime) GZIPPED.set(target, (hit = { mtime, data: new Uint8Array(gzipSync(body, { level: 6 })) }));
      return new Response(hit.data, { headers: { ...headers, 'Content-Encoding': 'gzip' } });
    }
    return new Response(body, { headers });
  });
}

/** Extensions served gzipped when the client accepts it. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.jsonl', '.txt', '.tsv', '.svg', '.md']);
/** Gzipped static files by path, with the modification time they were made from. */
const GZIPPED = new Map<string, { mtime: number; data: Uint8Array<ArrayBuffer> }>();
