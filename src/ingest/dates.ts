/**
 * Publication dates as readers find them: ISO strings, RFC 822 feed dates, "Feb.18, 2020",
 * "19 February, 2020", epoch numbers, /2020/02/21/ in a URL, a dateline near the top of a text.
 * Every date is checked: "Feb. 30" is rejected with a reason, never rolled over or guessed.
 *
 * Output: "YYYY-MM-DD" when only a day is given, else "YYYY-MM-DDTHH:MM:SS" followed by the
 * offset as given ("Z" or "+HH:MM"; nothing when the source gave none). The offset is kept, not
 * converted to UTC, so that the local day of publication stays what the outlet printed.
 */
import monthsData from '../../data/text/months.json' with { type: 'json' };

export type DateResult = { value: string } | { error: string };

const MONTHS = new Map<string, number>();
(monthsData.months as string[][]).forEach((names, i) => { for (const n of names) MONTHS.set(n, i + 1); });
const MONTH_RE = [...MONTHS.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
const WEEKDAY_RE = (monthsData.weekdays as string[]).map(escapeRe).join('|');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Checks and formats a calendar date (and optional time); an error names what is impossible. */
export function makeDate(
  y: number, m: number, d: number,
  time?: { h: number; min: number; s: number; offset: string | null } | null,
): DateResult {
  if (y < 1000 || y > 9999) return { error: `year ${y} is not a four-digit year` };
  if (m < 1 || m > 12) return { error: `month ${m} does not exist` };
  if (d < 1 || d > daysIn(y, m)) return { error: `${MONTH_NAMES[m - 1]} ${d}, ${y} does not exist (${MONTH_NAMES[m - 1]} ${y} has ${daysIn(y, m)} days)` };
  let v = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (time) {
    if (time.h > 23 || time.min > 59 || time.s > 60) return { error: `time ${time.h}:${pad(time.min)} does not exist` };
    v += `T${pad(time.h)}:${pad(time.min)}:${pad(time.s)}${time.offset ?? ''}`;
  }
  return { value: v };
}

const ZONES: Record<string, string> = { z: 'Z', gmt: 'Z', utc: 'Z', ut: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00', cet: '+01:00', cest: '+02:00', eet: '+02:00', eest: '+03:00', bst: '+01:00' };

function offsetOf(z: string | undefined): string | null {
  if (!z) return null;
  const k = z.toLowerCase();
  if (ZONES[k]) return ZONES[k]!;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  return m[2] === '00' && m[3] === '00' && m[1] === '+' ? 'Z' : `${m[1]}${m[2]}:${m[3]}`;
}

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?)?$/;
const SLASH_RE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const TIME_RE = String.raw`(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|gmt|utc|ut|[ecmp][sd]t|cet|cest|eet|eest|bst|[+-]\d{2}:?\d{2})?)?`;
/** "Tue, 18 Feb 2020 10:00:00 GMT", "18 February, 2020", "18 Feb. 2020". */
const DMY_RE = new RegExp(String.raw`^(?:(?:${WEEKDAY_RE})\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+(${MONTH_RE})\.?,?\s+(\d{4})${TIME_RE}$`, 'iu');
/** "Feb.18, 2020", "February 18 2020", "Tuesday, February 18, 2020". */
const MDY_RE = new RegExp(String.raw`^(?:(?:${WEEKDAY_RE})\.?,?\s+)?(${MONTH_RE})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_RE}$`, 'iu');

function clock(h?: string, min?: string, s?: string, ampm?: string, zone?: string) {
  if (h === undefined || min === undefined) return null;
  let hh = Number(h);
  const ap = ampm?.toLowerCase().replace(/\./g, '');
  if (ap === 'pm' && hh < 12) hh += 12;
  if (ap === 'am' && hh === 12) hh = 0;
  return { h: hh, min: Number(min), s: s ? Number(s) : 0, offset: offsetOf(zone) };
}

/**
 * Reads one date value. Returns null when `raw` is not a date at all, `{error}` when it is a date
 * that cannot exist, else `{value}`.
 */
export function parseDate(raw: unknown): DateResult | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    // Epoch seconds or milliseconds.
    const ms = raw > 1e11 ? raw : raw * 1000;
    const d = new Date(ms);
    if (Number.isNaN(d.getTime())) return null;
    return { value: d.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  let m = ISO_RE.exec(s);
  if (m) {
    const time = m[4] !== undefined ? { h: Number(m[4]), min: Number(m[5]), s: m[6] ? Number(m[6]) : 0, offset: offsetOf(m[7]) } : null;
    if (m[7] && time && time.offset === null) return null;
    return makeDate(Number(m[1]), Number(m[2]), Number(m[3]), time);
  }
  m = SLASH_RE.exec(s);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY_RE.exec(s);
  if (m) return makeDate(Number(m[3]), MONTHS.get(m[2]!.toLowerCase())!, Number(m[1]), clock(m[4], m[5], m[6], m[7], m[8]));
  m = MDY_RE.exec(s);
  if (m) return makeDate(Number(m[3]), MONTHS.get(m[1]!.toLowerCase())!, Number(m[2]), clock(m[4], m[5], m[6], m[7], m[8]));
  return null;
}

/** A date in a URL path: /2020/02/21/, /2020-02-21-, /20200221/. */
export function dateFromUrl(url: string | null | undefined): DateResult | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.]|$)/.exec(path) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/\-_.]|$)/.exec(path);
  if (!m) return null;
  return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date written in a text ("Feb.18, 2020", "19 February, 2020", "2020-02-19"), found anywhere in `s`. */
const TEXT_DATE_RE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${WEEKDAY_RE})\.?,?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+(${MONTH_RE})\.?,?\s+(\d{4})|(${MONTH_RE})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))(?![\p{L}\d])`,
  'iu',
);

export interface TextDate {
  /** The date, or why the date written there cannot be used. */
  result: DateResult;
  /** Which line of the lines searched held it, and whether that line is only a date/byline line. */
  line: number;
  lineOnly: boolean;
}

const DATELINE_PREFIX = /^(?:(?:published|posted|updated|last updated|date|dated|first published|publication date)\s*(?:on|:)?\s*:?\s*)/i;
const PLACE_DATELINE = /^[\p{Lu}][\p{Lu}\p{L} .'-]{1,40},\s*$/u;

/**
 * The publication date from the top lines of a text: a line that is a date ("19 February, 2020"),
 * a "Published Feb.19, 2020 | …" line, or a dateline ("TRIPOLI, Feb.18, 2020 (Agency) -").
 * A date inside an ordinary sentence is an event date, not the publication date, and is ignored.
 */
export function dateFromText(lines: string[], maxLines = 6): TextDate | null {
  const n = Math.min(lines.length, maxLines);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    // The date opens the line (after a place or "Published"), or the line is short: look no further.
    const scope = line.length <= 160 ? line : line.slice(0, 100);
    if (!/\d{4}/.test(scope)) continue;
    const m = TEXT_DATE_RE.exec(scope);
    if (!m) continue;
    const before = line.slice(0, m.index);
    const after = line.slice(m.index + m[0].length);
    const words = line.split(/\s+/).length;
    const isLine = before.trim() === '' || DATELINE_PREFIX.test(before);
    const isDateline = PLACE_DATELINE.test(before);
    // A short line that is about the date (a date line, a byline with a date), or a dateline.
    if (!((isLine && words <= 14) || isDateline || (DATELINE_PREFIX.test(before) && m.index < 40))) continue;
    let result: DateResult;
    if (m[7]) result = makeDate(Number(m[7]), Number(m[8]), Number(m[9]));
    else if (m[1]) result = makeDate(Number(m[3]), MONTHS.get(m[2]!.toLowerCase())!, Number(m[1]));
    else result = makeDate(Number(m[6]), MONTHS.get(m[4]!.toLowerCase())!, Number(m[5]));
    const lineOnly = isLine && words <= 14 && !/[.!?]["”’]?$/.test(after.trim());
    return { result, line: i, lineOnly };
  }
  return null;
}

/** The calendar day of a value ("2020-02-19T23:30:00+01:00" → "2020-02-19"). */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}

/**
 * Whether a published date is later than `now` allows (one day of slack for time zones).
 * Returns the reason to give, or null when the date is fine.
 */
export function futureReason(value: string, now: Date): string | null {
  const limit = new Date(now.getTime() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  return dayOf(value) > limit ? `published date ${value} is in the future (today is ${now.toISOString().slice(0, 10)})` : null;
}
