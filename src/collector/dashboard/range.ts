import { addDays, daysBetween, formatDate, type LocalDate, localDate, startOfDay } from './time-zone.js';
import type { DayBounds } from './types.js';

export const PERIODS = ['today', '7d', '30d', 'custom', 'live'] as const;
export type Period = (typeof PERIODS)[number];
export const INTERVALS = ['minute', 'hour', 'day'] as const;
export type Interval = (typeof INTERVALS)[number];

const MINUTE = 60_000;
const HOUR = 3_600_000;
const LIVE_MINUTES = 30;
/** Longest custom range, and the most hour buckets one chart may ask for. */
export const MAX_DAYS = 732;
export const MAX_HOUR_DAYS = 31;

export interface RangeSpec {
  period: Period;
  tz: string;
  now: number;
  from?: LocalDate;
  to?: LocalDate;
  interval?: Interval;
}

export interface Range {
  from: number;
  /** Exclusive. */
  to: number;
  interval: Interval;
  /** n+1 ascending boundaries of the n chart buckets, `from` first and `to` last. */
  bounds: number[];
  /** The local days the range touches (consent per day). */
  days: DayBounds[];
}

/** A request the range cannot honour; `field` names the parameter to fix. */
export class RangeError400 extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function steps(from: number, to: number, size: number): number[] {
  const bounds: number[] = [];
  for (let t = from; t < to; t += size) bounds.push(t);
  bounds.push(to);
  return bounds;
}

function dayList(first: LocalDate, count: number, tz: string): DayBounds[] {
  const days: DayBounds[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(first, i);
    days.push({ day: formatDate(date), start: startOfDay(date, tz), end: startOfDay(addDays(date, 1), tz) });
  }
  return days;
}

/** Whole local days `first` … `first + count - 1`, cut in days or hours (hours follow DST: 23 or 25). */
function dayRange(first: LocalDate, count: number, interval: Interval, tz: string): Range {
  const days = dayList(first, count, tz);
  const from = days[0]?.start ?? 0;
  const to = days[days.length - 1]?.end ?? from;
  const bounds = interval === 'day' ? [...days.map((d) => d.start), to] : steps(from, to, HOUR);
  return { from, to, interval, bounds, days };
}

function liveRange(to: number, tz: string): Range {
  const from = to - LIVE_MINUTES * MINUTE;
  const first = localDate(from, tz);
  const count = daysBetween(first, localDate(to - 1, tz)) + 1;
  return { from, to, interval: 'minute', bounds: steps(from, to, MINUTE), days: dayList(first, count, tz) };
}

/** The first and last local day of a day-based period. */
function periodDays(spec: RangeSpec): { first: LocalDate; count: number } {
  const today = localDate(spec.now, spec.tz);
  if (spec.period === 'today') return { first: today, count: 1 };
  if (spec.period === '7d') return { first: addDays(today, -6), count: 7 };
  if (spec.period === '30d') return { first: addDays(today, -29), count: 30 };
  if (!spec.from) throw new RangeError400('from', 'from (YYYY-MM-DD) is required with period=custom');
  if (!spec.to) throw new RangeError400('to', 'to (YYYY-MM-DD) is required with period=custom');
  const count = daysBetween(spec.from, spec.to) + 1;
  if (count < 1) throw new RangeError400('to', 'to must not be before from');
  if (count > MAX_DAYS) throw new RangeError400('to', `a custom range spans at most ${MAX_DAYS} days`);
  return { first: spec.from, count };
}

/** The range asked for and the period of equal length just before it (for comparison). */
export function resolveRange(spec: RangeSpec): { current: Range; previous: Range } {
  if (spec.period !== 'custom' && (spec.from || spec.to)) {
    throw new RangeError400(spec.from ? 'from' : 'to', 'from and to are only used with period=custom');
  }
  if (spec.period === 'live') {
    if (spec.interval && spec.interval !== 'minute')
      throw new RangeError400('interval', 'the live view is cut in minutes');
    const to = Math.floor(spec.now / MINUTE) * MINUTE + MINUTE;
    return { current: liveRange(to, spec.tz), previous: liveRange(to - LIVE_MINUTES * MINUTE, spec.tz) };
  }
  const { first, count } = periodDays(spec);
  const interval = spec.interval ?? (count <= 2 ? 'hour' : 'day');
  if (interval === 'minute') throw new RangeError400('interval', 'minute buckets are for period=live only');
  if (interval === 'hour' && count > MAX_HOUR_DAYS)
    throw new RangeError400('interval', `hour buckets cover at most ${MAX_HOUR_DAYS} days; use interval=day`);
  return {
    current: dayRange(first, count, interval, spec.tz),
    previous: dayRange(addDays(first, -count), count, interval, spec.tz),
  };
}
