/** Proleptic Gregorian calendar arithmetic on plain numbers (UTC, no time zones). */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function valid(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toMs(p: Ymd): number {
  const dt = new Date(Date.UTC(2000, p.m - 1, p.d));
  dt.setUTCFullYear(p.y);
  return dt.getTime();
}

function fromMs(ms: number): Ymd {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(p: Ymd, n: number): Ymd {
  return fromMs(toMs(p) + n * DAY_MS);
}

export function addMonths(p: Ymd, n: number): Ymd {
  const idx = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(p.d, daysInMonth(y, m)) };
}

/** Days from a to b. */
export function diffDays(a: Ymd, b: Ymd): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(p: Ymd): number {
  const w = new Date(toMs(p)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(p: Ymd): { y: number; w: number } {
  const thursday = addDays(p, 4 - weekday(p));
  const jan1: Ymd = { y: thursday.y, m: 1, d: 1 };
  return { y: thursday.y, w: Math.floor(diffDays(jan1, thursday) / 7) + 1 };
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

export const fmtYear = (y: number) => pad(y, 4);
export const fmtMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`;
export const fmtDay = (p: Ymd) => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
export const fmtWeek = (p: Ymd) => {
  const w = isoWeek(p);
  return `${pad(w.y, 4)}-W${pad(w.w)}`;
};
export { pad };

/** Parses the date part of an ISO date or date-time ("2020-02-22", "2020-02-22T10:00:00Z"). */
export function parseIsoDate(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  if (!m) return null;
  const p = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  return valid(p.y, p.m, p.d) ? p : null;
}

/** The n-th (1-based; -1 = last) given weekday of a month. */
export function nthWeekday(y: number, m: number, wd: number, n: number): Ymd {
  if (n > 0) {
    const first: Ymd = { y, m, d: 1 };
    const off = (wd - weekday(first) + 7) % 7;
    return addDays(first, off + (n - 1) * 7);
  }
  const last: Ymd = { y, m, d: daysInMonth(y, m) };
  return addDays(last, -((weekday(last) - wd + 7) % 7));
}

/** Western (Gregorian) Easter Sunday of a year: the anonymous Gregorian computus. */
export function easter(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}
