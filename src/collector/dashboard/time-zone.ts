/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl (SQLite knows no zones, so bucket
 * boundaries are computed here and handed to SQL as epoch milliseconds).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True for a zone name Intl knows (`Europe/Berlin`, `UTC`, …). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The zone of this machine (the collector's default `--timezone`). */
export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

/** Wall-clock fields of instant `t` in `tz`. */
function wallClock(t: number, tz: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

/** How far `tz`'s wall clock is ahead of UTC at instant `t`, in ms. */
export function offsetAt(t: number, tz: string): number {
  const w = wallClock(t, tz);
  const asUtc = Date.UTC(
    w.year ?? 0,
    (w.month ?? 1) - 1,
    w.day ?? 1,
    w.hour ?? 0,
    w.minute ?? 0,
    w.second ?? 0,
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The local calendar date of instant `t` in `tz`. */
export function localDate(t: number, tz: string): LocalDate {
  const w = wallClock(t, tz);
  return { year: w.year ?? 1970, month: w.month ?? 1, day: w.day ?? 1 };
}

/**
 * The instant the local day `date` begins in `tz`. Two passes settle the offset; when midnight does
 * not exist (a DST jump at 00:00, e.g. America/Santiago) the day starts at the first instant after.
 */
export function startOfDay(date: LocalDate, tz: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  const back = localDate(t, tz);
  if (back.day !== date.day) t += 3_600_000; // midnight skipped: the day starts an hour later
  return t;
}

/** `date` moved by `days` calendar days (month and year roll over). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const formatDate = (d: LocalDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** `YYYY-MM-DD` → date, or null when it is not a real calendar date. */
export function parseDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return formatDate(addDays(date, 0)) === text ? date : null;
}

/** Days between two local dates (b - a). */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 864e5);
