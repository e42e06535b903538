// Builds the web page into web/dist with esbuild (npm run build:web; `sitrep serve` runs it when dist is missing).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildWeb(): Promise<string> {
  const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  const out = join(web, 'dist');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(web, 'app.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022',
    outfile: join(out, 'app.js'), logLevel: 'warning',
  });
  copyFileSync(join(web, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(web, 'app.css'), join(out, 'app.css'));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().then((out) => console.log(`web page built in ${out}`));
}
