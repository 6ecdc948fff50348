import { CollectorError } from '../errors.js';
import { INTERVALS, type Interval, PERIODS, type Period, type RangeSpec } from './range.js';
import { isTimeZone, parseDate } from './time-zone.js';
import {
  BREAKDOWN_NAMES,
  type BreakdownName,
  type BreakdownOptions,
  type DashFilters,
  EVENT_BREAKDOWNS,
  FILTER_NAMES,
  type SortMetric,
} from './types.js';

/** Query strings arrive as strings; a repeated parameter arrives as an array and is refused. */
export type QueryString = Record<string, unknown>;

const bad = (field: string, message: string): CollectorError =>
  new CollectorError('COLLECT_ERR_VALIDATION', message, field);

/** One optional string parameter, bounded; a repeated or over-long one is a 400 naming it. */
export function text(query: QueryString, field: string, max = 500): string | undefined {
  const value = query[field];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw bad(field, `${field} must be given once`);
  if (value.length > max) throw bad(field, `${field} is longer than ${max} characters`);
  return value;
}

export function oneOf<T extends string>(
  query: QueryString,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = text(query, field, 40);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw bad(field, `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Site, time zone and range: the parameters every panel shares. */
export function parseRangeSpec(query: QueryString, defaultTz: string, now: number): RangeSpec {
  const tz = text(query, 'tz', 64) ?? defaultTz;
  if (!isTimeZone(tz))
    throw bad('tz', `tz must be an IANA time zone such as Europe/Berlin, got ${JSON.stringify(tz)}`);
  const period: Period = oneOf(query, 'period', PERIODS) ?? '7d';
  const interval: Interval | undefined = oneOf(query, 'interval', INTERVALS);
  const spec: RangeSpec = { period, tz, now, ...(interval ? { interval } : {}) };
  for (const field of ['from', 'to'] as const) {
    const value = text(query, field, 10);
    if (value === undefined) continue;
    const date = parseDate(value);
    if (!date) throw bad(field, `${field} must be a date YYYY-MM-DD`);
    spec[field] = date;
  }
  return spec;
}

export function parseFilters(query: QueryString): DashFilters {
  const filters: DashFilters = { bots: oneOf(query, 'bots', ['exclude', 'include'] as const) ?? 'exclude' };
  for (const name of FILTER_NAMES) {
    const value = text(query, name);
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

export function parseBreakdownName(name: string): BreakdownName {
  if (!(BREAKDOWN_NAMES as readonly string[]).includes(name))
    throw bad('name', `breakdown must be one of ${BREAKDOWN_NAMES.join(', ')}`);
  return name as BreakdownName;
}

export const MAX_LIMIT = 1000;

export function parseBreakdownOptions(name: BreakdownName, query: QueryString): BreakdownOptions {
  const events = EVENT_BREAKDOWNS.includes(name);
  const metrics: SortMetric[] = events ? ['count', 'visitors'] : ['visitors', 'pageviews'];
  const sort = oneOf(query, 'sort', metrics) ?? (metrics[0] as SortMetric);
  const order = oneOf(query, 'order', ['desc', 'asc'] as const) ?? 'desc';
  const limitText = text(query, 'limit', 10);
  const limit = limitText === undefined ? 50 : /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) throw bad('limit', `limit must be a whole number 1-${MAX_LIMIT}`);
  return { sort, order, limit };
}
