/** POSIX path helpers for the browser build (node:path stand-in). */
function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}
export const join = (...parts: string[]) => normalize(parts.join('/'));
export const resolve = (...parts: string[]) => normalize(parts.reduce((acc, p) => (p.startsWith('/') ? p : `${acc}/${p}`), '/'));
export const dirname = (p: string) => normalize(p).replace(/\/[^/]*$/, '') || '/';
export const basename = (p: string) => normalize(p).replace(/^.*\//, '');
export const sep = '/';
export default { join, resolve, dirname, basename, sep };
