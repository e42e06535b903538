/** Proleptic Gregorian calendar arithmetic on plain numbers (UTC, no time zones). */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  // Months outside 1–12 roll into the neighbouring years, as Date.UTC does.
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return mm === 2 && isLeap(yy) ? 29 : MONTH_DAYS[mm - 1]!;
}

export function valid(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil), with plain
 * integer arithmetic instead of Date objects; a day or month out of range rolls over as Date.UTC does.
 */
function toDays(p: Ymd): number {
  let y = p.y + Math.floor((p.m - 1) / 12);
  const m = ((((p.m - 1) % 12) + 12) % 12) + 1;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (p.d - 1);
}

function fromDays(z0: number): Ymd {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(p: Ymd, n: number): Ymd {
  return fromDays(toDays(p) + n);
}

export function addMonths(p: Ymd, n: number): Ymd {
  const idx = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(p.d, daysInMonth(y, m)) };
}

/** Days from a to b. */
export function diffDays(a: Ymd, b: Ymd): number {
  return toDays(b) - toDays(a);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(p: Ymd): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDays(p) + 3) % 7) + 7) % 7) + 1;
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
