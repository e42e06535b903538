/**
 * The in-browser analyser: the same `analyze()` and stage loaders as the server, bundled with small stand-ins for
 * node:fs/path/url/crypto (web/shims) and fed the repository's data files fetched from /data. Loaded lazily by the
 * page's "Analyse an article" view.
 */
import { fetchData } from './shims/files.js';

// The places loader checks the generated gazetteer's header with Buffer.alloc + readSync (see shims/fs.ts); the
// stand-in has no `from`, so the gazetteer's parser decodes with atob.
(globalThis as unknown as { Buffer?: unknown }).Buffer ??= { alloc: () => ({ text: '', toString() { return this.text; } }) };

type Analyze = typeof import('../src/analyze.js');
let ready: Promise<{ analyze: Analyze['analyze']; resources: Parameters<Analyze['analyze']>[1] }> | null = null;

export function prepare(onProgress?: (done: number, total: number) => void) {
  ready ??= (async () => {
    await fetchData(onProgress);
    const [{ analyze }, { loadResources }] = await Promise.all([import('../src/analyze.js'), import('../src/resources.js')]);
    return { analyze, resources: loadResources() };
  })();
  return ready;
}

export async function analyzeInBrowser(text: string, published: string | null) {
  const { analyze, resources } = await prepare();
  return analyze({ text, published, publishedFrom: published ? 'flag' : 'none' }, resources, { timing: true });
}
