/**
 * Rules about the source itself that the type checker does not enforce.
 *
 * The TypeScript loader (tsx, through esbuild targeting this Node version) rewrites a regular-expression literal
 * that uses Unicode property escapes (\p{…}) or the v flag into `new RegExp("…")`. Inside a function that is a new
 * RegExp built on every call: about 300 ns each instead of 40 ns for a module constant, and in per-token code it
 * was a third of the document stage's cost. Such patterns must be module constants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function* sources(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

/** Regular-expression literals the loader lowers, found inside functions: "file:line pattern". */
export function loweredRegexInFunctions(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (n: ts.Node, inFunction: boolean) => {
    const inside = inFunction || ts.isFunctionLike(n);
    if (inside && n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = n.getText();
      const flags = lit.slice(lit.lastIndexOf('/') + 1);
      if (/\\[pP]\{/.test(lit) || flags.includes('v')) {
        found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${lit.slice(0, 50)}`);
      }
    }
    ts.forEachChild(n, (c) => visit(c, inside));
  };
  visit(sf, false);
  return found;
}

test('the checker finds a \\p{…} literal inside a function and ignores a module constant', () => {
  const src = 'const A = /\\p{Lu}/u;\nfunction f(s: string) { return /\\p{L}+/u.test(s) || A.test(s) || /abc/.test(s); }\n';
  assert.deepEqual(loweredRegexInFunctions('x.ts', src), ['x.ts:2 /\\p{L}+/u']);
  assert.deepEqual(loweredRegexInFunctions('y.ts', 'const g = (s: string) => /[\\p{L}--[a-z]]/v.test(s);'), ['y.ts:1 /[\\p{L}--[a-z]]/v']);
});

test('no function in src/ builds a \\p{…} regular expression on every call', () => {
  const found = [...sources('src')].flatMap((f) => loweredRegexInFunctions(f, readFileSync(f, 'utf8')));
  assert.deepEqual(found, [], `hoist these to module constants:\n${found.join('\n')}`);
});
