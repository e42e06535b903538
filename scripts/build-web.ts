// Builds the web page into web/dist with esbuild (npm run build:web; `sitrep serve` runs it when dist is missing).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildWeb(): Promise<string> {
  const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  const out = join(web, 'dist');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(web, 'app.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022',
    outfile: join(out, 'app.js'), logLevel: 'warning',
  });
  // The in-browser analyser: the same analyze() with stand-ins for node:fs/path/url/crypto, loaded on demand.
  const shims = join(web, 'shims');
  await build({
    entryPoints: [join(web, 'analyzer.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022',
    outfile: join(out, 'analyzer.js'), logLevel: 'warning',
    plugins: [{
      name: 'node-shims',
      setup(b) {
        b.onResolve({ filter: /^node:(fs|path|url|crypto)$/ }, (args) => ({ path: join(shims, `${args.path.slice(5)}.ts`) }));
      },
    }],
  });
  // The data files it fetches: everything under data/ but the READMEs.
  const dataDir = resolve(web, '..', 'data');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.md$/i.test(name)) files.push(relative(dataDir, p));
    }
  };
  walk(dataDir);
  writeFileSync(join(out, 'data-manifest.json'), JSON.stringify(files));
  copyFileSync(join(web, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(web, 'app.css'), join(out, 'app.css'));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().then((out) => console.log(`web page built in ${out}`));
}
