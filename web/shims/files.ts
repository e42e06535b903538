/** The data files the in-browser analyser reads, fetched once from the server before the first analysis. */
export const FILES = new Map<string, string>();

/** Fetches every file in the build's manifest into FILES, keyed by its path under `/data` (as DATA_DIR sees it). */
export async function fetchData(onProgress?: (done: number, total: number) => void): Promise<void> {
  if (FILES.size) return;
  const manifest = (await (await fetch('/data-manifest.json')).json()) as string[];
  let done = 0;
  await Promise.all(manifest.map(async (rel) => {
    const r = await fetch(`/data/${rel}`);
    if (!r.ok) throw new Error(`cannot fetch data file ${rel}: HTTP ${r.status}`);
    FILES.set(`/data/${rel}`, await r.text());
    onProgress?.(++done, manifest.length);
  }));
}
