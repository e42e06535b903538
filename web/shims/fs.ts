/** The few node:fs calls the stages' loaders make, answered from the fetched data files (browser build only). */
import { FILES } from './files.js';

const missing = (p: string) => Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });

export function existsSync(p: string): boolean {
  return FILES.has(p);
}
export function readFileSync(p: string): string {
  const s = FILES.get(p);
  if (s === undefined) throw missing(p);
  return s;
}
export function openSync(p: string): string {
  if (!FILES.has(p)) throw missing(p);
  return p;
}
/** Fills a `Buffer.alloc(n)` stand-in (see analyzer.ts) with the file's first characters. */
export function readSync(fd: string, buf: { text: string }, _off: number, len: number, pos: number): number {
  buf.text = (FILES.get(fd) ?? '').slice(pos, pos + len);
  return buf.text.length;
}
export function closeSync(): void {}
export function statSync(p: string) {
  return { isFile: () => FILES.has(p), size: FILES.get(p)?.length ?? 0 };
}
function unsupported(): never {
  throw new Error('writing files is not possible in the browser');
}
export const writeFileSync = unsupported;
export const mkdirSync = unsupported;
export const renameSync = unsupported;
export default { existsSync, readFileSync, openSync, readSync, closeSync, statSync, writeFileSync, mkdirSync, renameSync };
