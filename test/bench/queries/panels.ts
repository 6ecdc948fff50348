import { rangeOverview } from '../../../src/collector/dashboard/overview.js';
import { type Period, resolveRange } from '../../../src/collector/dashboard/range.js';
import { addDays, localDate } from '../../../src/collector/dashboard/time-zone.js';
import {
  BREAKDOWN_NAMES,
  type DashboardStore,
  type DashFilters,
  EVENT_BREAKDOWNS,
} from '../../../src/collector/dashboard/types.js';

/**
 * The dashboard's panels, each as its API route computes it (GET /dashboard/api/<panel>), to time
 * against the built store. `overview` is the totals and series of this and the previous period,
 * as the route asks for them (rangeOverview: one call per period where the store offers it).
 */
export interface Panel {
  name: string;
  run(
    dashboard: DashboardStore,
    site: string,
    period: ViewPeriod,
    filters: DashFilters,
    now: number,
  ): Promise<unknown>;
}

/**
 * A dashboard period in UTC, or cut in another time zone (`tz`), or `days` whole local days up to
 * now's (period=custom), as a view asks for it.
 */
export type ViewPeriod = Period | { period: Period; tz: string } | { days: number; tz?: string };

const ranges = (view: ViewPeriod, now: number) => {
  if (typeof view === 'string') return resolveRange({ period: view, tz: 'UTC', now });
  const tz = view.tz ?? 'UTC';
  if ('period' in view) return resolveRange({ period: view.period, tz, now });
  const to = localDate(now, tz);
  return resolveRange({ period: 'custom', tz, now, from: addDays(to, 1 - view.days), to });
};

export const PANELS: Panel[] = [
  { name: 'sites', run: (d) => d.sites() },
  {
    name: 'overview',
    async run(d, site, period, filters, now) {
      const { current, previous } = ranges(period, now);
      const q = { site, from: current.from, to: current.to, filters };
      const p = { ...q, from: previous.from, to: previous.to };
      return [await rangeOverview(d, q, current.bounds), await rangeOverview(d, p, previous.bounds)];
    },
  },
  ...BREAKDOWN_NAMES.map(
    (name): Panel => ({
      name: `breakdown/${name}`,
      run(d, site, period, filters, now) {
        const { current } = ranges(period, now);
        const sort = EVENT_BREAKDOWNS.includes(name) ? 'count' : 'visitors';
        return d.breakdown(
          name,
          { site, from: current.from, to: current.to, filters },
          { sort, order: 'desc', limit: 50 },
        );
      },
    }),
  ),
  {
    name: 'vitals',
    run(d, site, period, filters, now) {
      const { current } = ranges(period, now);
      return d.vitals({ site, from: current.from, to: current.to, filters });
    },
  },
  {
    name: 'consent',
    run(d, site, period, filters, now) {
      const { current } = ranges(period, now);
      return d.consent({ site, from: current.from, to: current.to, filters }, current.days);
    },
  },
];

/** Views to time every panel in: a period and filters (one site, the larger, as a dashboard asks). */
export interface View {
  name: string;
  period: ViewPeriod;
  filters: DashFilters;
}

export const VIEWS: View[] = [
  { name: '30d', period: '30d', filters: { bots: 'exclude' } },
  { name: '7d', period: '7d', filters: { bots: 'exclude' } },
  {
    name: '30d browser+referrer',
    period: '30d',
    filters: { bots: 'exclude', browser: 'Chrome', referrer: 'google.com' },
  },
  { name: '30d page=/', period: '30d', filters: { bots: 'exclude', page: '/' } },
  { name: 'live (30 min)', period: 'live', filters: { bots: 'exclude' } },
];

/**
 * Single filters, opt-in (BENCH_VIEWS names them, or `all`): one browser, direct visits, one
 * campaign, one consent category — each selects far more rows than the default views' filters.
 */
export const MORE_VIEWS: View[] = [
  { name: '30d browser', period: '30d', filters: { bots: 'exclude', browser: 'Chrome' } },
  { name: '30d direct', period: '30d', filters: { bots: 'exclude', referrer: '(direct)' } },
  { name: '30d campaign', period: '30d', filters: { bots: 'exclude', campaign: 'autumn' } },
  { name: '30d category', period: '30d', filters: { bots: 'exclude', category: 'analytics' } },
  { name: '30d performance', period: '30d', filters: { bots: 'exclude', category: 'performance' } },
  // The seed spans 30 days: a 15-day range's previous period is its first half, so the overview
  // reads all of the million rows, as a 30-day view does on a site with two months of history.
  { name: '15d', period: { days: 15 }, filters: { bots: 'exclude' } },
  { name: '15d page=/', period: { days: 15 }, filters: { bots: 'exclude', page: '/' } },
  { name: '15d category', period: { days: 15 }, filters: { bots: 'exclude', category: 'analytics' } },
  { name: '15d direct', period: { days: 15 }, filters: { bots: 'exclude', referrer: '(direct)' } },
  // Days cut in another zone: Tokyo's start 9 hours into a UTC day; India's half an hour off the
  // hour, so even the hourly chart's buckets fall between the stored hours.
  { name: '30d Tokyo', period: { period: '30d', tz: 'Asia/Tokyo' }, filters: { bots: 'exclude' } },
  { name: '30d Kolkata', period: { period: '30d', tz: 'Asia/Kolkata' }, filters: { bots: 'exclude' } },
  { name: 'today Kolkata', period: { period: 'today', tz: 'Asia/Kolkata' }, filters: { bots: 'exclude' } },
  {
    name: '30d Kolkata browser',
    period: { period: '30d', tz: 'Asia/Kolkata' },
    filters: { bots: 'exclude', browser: 'Chrome' },
  },
  // Filters combined, each broad: what no single filter's slice of the day roll-up answers.
  {
    name: '30d browser+category',
    period: '30d',
    filters: { bots: 'exclude', browser: 'Chrome', category: 'analytics' },
  },
  {
    name: '30d browser+direct',
    period: '30d',
    filters: { bots: 'exclude', browser: 'Chrome', referrer: '(direct)' },
  },
  { name: '30d page+browser', period: '30d', filters: { bots: 'exclude', page: '/', browser: 'Chrome' } },
  {
    name: '30d direct+category',
    period: '30d',
    filters: { bots: 'exclude', referrer: '(direct)', category: 'analytics' },
  },
  {
    name: '30d campaign+browser',
    period: '30d',
    filters: { bots: 'exclude', campaign: 'autumn', browser: 'Chrome' },
  },
  { name: '30d bots+category', period: '30d', filters: { bots: 'include', category: 'analytics' } },
  {
    name: '30d browser+direct+category',
    period: '30d',
    filters: { bots: 'exclude', browser: 'Chrome', referrer: '(direct)', category: 'analytics' },
  },
  {
    name: '30d every filter',
    period: '30d',
    filters: {
      bots: 'include',
      page: '/',
      browser: 'Chrome',
      referrer: 'google.com',
      campaign: 'autumn',
      category: 'analytics',
    },
  },
];

/**
 * The entries of `list` named in `env` (comma-separated, e.g. BENCH_PANELS=overview,breakdown/pages;
 * `all`: every entry), or `defaults` when it is unset; an unknown name throws, naming the variable
 * and the known names.
 */
export function pick<T extends { name: string }>(list: T[], variable: string, defaults = list): T[] {
  const names = process.env[variable]
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (!names?.length) return defaults;
  if (names.includes('all')) return list;
  const unknown = names.filter((n) => !list.some((e) => e.name === n));
  if (unknown.length)
    throw new Error(
      `${variable}: unknown ${unknown.join(', ')} (known: ${list.map((e) => e.name).join(', ')})`,
    );
  return list.filter((e) => names.includes(e.name));
}
