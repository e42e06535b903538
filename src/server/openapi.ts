/** The OpenAPI 3.1 description served at /api/openapi.json. */
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const dates = [
  { name: 'from', in: 'query', schema: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } },
  { name: 'to', in: 'query', schema: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } },
];
const facts = [
  { name: 'actor', in: 'query', description: 'entity name or knowledge-base id', schema: { type: 'string' } },
  { name: 'type', in: 'query', description: 'event type (PLOVER), figure kind or entity type', schema: { type: 'string' } },
  { name: 'source', in: 'query', description: 'outlet', schema: { type: 'string' } },
  { name: 'article', in: 'query', schema: { type: 'string' } },
  ...dates, ...page,
];
const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const list = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array' }, limit: { type: 'integer' }, offset: { type: 'integer' } } } } } });
const get = (summary: string, parameters: unknown[], ok: unknown) => ({ get: { summary, parameters, responses: { 200: ok, 400: err, 404: err } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const articleBody = { type: 'object', required: ['text'], properties: { text: { type: 'string' }, published: { type: 'string' }, source: { type: 'string' }, title: { type: 'string' }, url: { type: 'string' } } };

export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'sitrep', version: '0.1.0', description: 'Read-only unless the server was started with a token. Analyses follow sitrep/analysis@1 (docs/analysis.schema.json).' },
  paths: {
    '/api/health': get('store counts', [], { description: 'counts' }),
    '/api/articles': get('articles, filtered', [{ name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'source', in: 'query', schema: { type: 'string' } }, ...dates, ...page], list('articles')),
    '/api/articles/{id}': get('one analysis (an id prefix is enough)', id, { description: 'sitrep/analysis@1' }),
    '/api/search': get('full-text search', [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }, ...dates, ...page], list('articles')),
    '/api/stories': get('story clusters, most reported first', [...dates, ...page], list('stories')),
    '/api/stories/{id}': get('one story with a page of its articles (limit ≤ 200, default 50) and those reports compared by outlet (labels, figures, quotes, omissions, contradictions)', [...id, ...page], { description: 'story' }),
    '/api/events': get('events', facts, list('events')),
    '/api/quotes': get('quotes', facts, list('quotes')),
    '/api/figures': get('figures', facts, list('figures')),
    '/api/entities': get('entity mentions per article', facts, list('entities')),
    '/api/timeline': get('events grouped by date', facts, { description: 'days with their events' }),
    '/api/actors': get('actors, most mentioned first', [{ name: 'q', in: 'query', description: 'part of the name', schema: { type: 'string' } }, { name: 'type', in: 'query', schema: { type: 'string' } }, ...page], list('actors')),
    '/api/actors/{name}': get('an actor across its latest 500 articles: names, roles over time, relations, quotes, events as actor and target, labels by outlet', [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], { description: 'profile' }),
    '/api/relations': get('relations (backed_by, leads, …)', facts, list('relations')),
    '/api/events/merged': get('events merged across reports, over the latest `window` matching articles', [...facts, { name: 'story', in: 'query', schema: { type: 'string' } }, { name: 'place', in: 'query', description: 'place name or ISO alpha-3 country', schema: { type: 'string' } }, { name: 'window', in: 'query', schema: { type: 'integer', maximum: 5000, default: 1000 } }], list('merged events')),
    '/api/analyze': { post: { summary: 'analyse one article without storing it', requestBody: { content: { 'application/json': { schema: articleBody } } }, responses: { 200: { description: 'sitrep/analysis@1' }, 400: err, 413: err, 415: err } } },
    '/api/ingest': { post: { summary: 'analyse and store articles (needs the bearer token)', security: [{ bearer: [] }], requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { articles: { type: 'array', items: articleBody } } } } } }, responses: { 200: { description: 'ingest summary' }, 401: err, 403: err } } },
  },
  components: {
    schemas: { Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  },
};
