/**
 * Bytes to text, with clear reasons for what cannot be read.
 *
 * - Empty (or only whitespace): rejected.
 * - Binary (known magic numbers, NUL bytes, many control bytes): rejected, naming what it looks like.
 * - UTF-8 with or without BOM; UTF-16 with a BOM; an HTML page's declared charset.
 * - Invalid UTF-8: when the bytes hold no valid multi-byte UTF-8 at all, they are read as
 *   Windows-1252 (the usual Latin-1 superset); otherwise bad bytes become U+FFFD. Either way the
 *   result carries a warning that says so.
 */

export type Decoded = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

const MAGIC: ReadonlyArray<readonly [string, number[]]> = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive (or a .docx/.xlsx/.epub)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['an old Word/Excel document', [0xd0, 0xcf, 0x11, 0xe0]],
  ['an executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  if (buf.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[i] !== sig[i]) return false;
  return true;
}

/** Reads bytes as text. `charset` is a declared encoding (HTML meta, XML prolog), used when valid. */
export function decodeBytes(buf: Uint8Array, charset?: string | null): Decoded {
  if (buf.length === 0) return { ok: false, error: 'the file is empty' };
  for (const [what, sig] of MAGIC) {
    if (startsWith(buf, sig)) return { ok: false, error: `this is binary data (${what}), not text` };
  }
  // UTF-16 with a byte-order mark.
  if (buf[0] === 0xff && buf[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(buf.subarray(2)), []);
  if (buf[0] === 0xfe && buf[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(buf.subarray(2)), []);
  const head = buf.subarray(0, Math.min(buf.length, 65536));
  let nul = -1;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0 && nul < 0) nul = i;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (nul >= 0) return { ok: false, error: `this is binary data, not text (a NUL byte at offset ${nul})` };
  if (control > head.length * 0.05) return { ok: false, error: `this is binary data, not text (${control} control bytes in the first ${head.length})` };

  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const declared = charset?.trim().toLowerCase();
  if (declared && !/^(utf-?8|unicode-1-1-utf-8)$/.test(declared)) {
    try {
      const t = new TextDecoder(declared).decode(body);
      return finish(/^(windows-1252|cp1252|latin1|iso-8859-1|us-ascii|ascii)$/.test(declared) ? fromCp1252(t) : t, []);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(body), []);
  } catch {
    // Invalid UTF-8: below.
  }
  const { bad, firstBad, multibyte } = scanUtf8(body);
  if (multibyte === 0) {
    return finish(fromCp1252(new TextDecoder('windows-1252').decode(body)), [
      `not valid UTF-8 (first bad byte at offset ${firstBad}); read as Windows-1252 (Latin-1)`,
    ]);
  }
  return finish(new TextDecoder('utf-8').decode(body), [
    `invalid UTF-8: ${bad} bad byte sequence${bad === 1 ? '' : 's'} replaced with U+FFFD (first at byte offset ${firstBad})`,
  ]);
}

/** Windows-1252 characters at 0x80–0x9F (Node's decoder gives the Latin-1 control codes there). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Fixes text decoded as Latin-1 that was really Windows-1252 (curly quotes, dashes, €). */
export function fromCp1252(s: string): string {
  return s.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

function finish(text: string, warnings: string[]): Decoded {
  if (!/\S/.test(text)) return { ok: false, error: 'the file is empty (only whitespace)' };
  return { ok: true, text, warnings };
}

/** Counts invalid UTF-8 sequences and valid multi-byte characters. */
function scanUtf8(b: Uint8Array): { bad: number; firstBad: number; multibyte: number } {
  let bad = 0;
  let firstBad = -1;
  let multibyte = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = n > 0 && i + n < b.length + 0;
    for (let k = 1; ok && k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) { multibyte++; i += n + 1; } else { bad++; if (firstBad < 0) firstBad = i; i++; }
  }
  return { bad, firstBad, multibyte };
}

/** The charset an HTML or XML document declares in its first bytes, if any. */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(buf.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)["']/i.exec(head);
  return m ? m[1]! : null;
}
