import type { AccessLogRow } from '../../shared/access-log.js';
import type {
  BreakdownRow,
  ConsentResult,
  OverviewTotals,
  SeriesPoint,
  VitalsResult,
} from '../../shared/dashboard-api.js';

export type {
  BreakdownRow,
  ConsentDay,
  ConsentResult,
  OverviewTotals,
  Rating,
  SeriesPoint,
  VitalMetric,
  VitalSummary,
  VitalsByMetric,
  VitalsResult,
} from '../../shared/dashboard-api.js';
export { VITAL_METRICS } from '../../shared/dashboard-api.js';

/**
 * What the dashboard asks of a store. The SQLite store implements it in store/sqlite-dashboard/;
 * another backend (PostgreSQL, issue 8) implements the same set. Optional on `Store` so a backend
 * without it still compiles: the dashboard API then answers 501.
 */
/** The overview of one range: its totals and its series. */
export interface RangeOverview {
  totals: OverviewTotals;
  series: SeriesPoint[];
}

export interface DashboardStore {
  sessions: DashboardSessions;
  /** Bring roll-ups up to date with the access log (also done before each query; a timer calls it too). */
  refresh(): Promise<void>;
  /** Sites with at least one access-log row, by name. */
  sites(): Promise<string[]>;
  totals(q: DashQuery): Promise<OverviewTotals>;
  /** One point per bucket: `bounds` are n+1 ascending epoch-ms boundaries (n buckets). */
  series(q: DashQuery, bounds: readonly number[]): Promise<SeriesPoint[]>;
  /**
   * Totals and series of one range together, where a store can share their work (SQLite reads a
   * filtered range's visits once for both); without it, both are asked (overview.ts).
   */
  overview?(q: DashQuery, bounds: readonly number[]): Promise<RangeOverview>;
  breakdown(name: BreakdownName, q: DashQuery, opts: BreakdownOptions): Promise<BreakdownResult>;
  vitals(q: DashQuery): Promise<VitalsResult>;
  /** `days` are the local days of the range with their epoch-ms bounds. */
  consent(q: DashQuery, days: readonly DayBounds[]): Promise<ConsentResult>;
  /** Every filtered row of the range, oldest stored first, read page by page. */
  exportRows(q: DashQuery): AsyncIterable<AccessLogRow>;
}

/** A signed-in dashboard user. Only a hash of the session id is stored. */
export interface DashboardSession {
  idHash: string;
  /** `admin` or `analyst`: analysts get no personal columns and no audit log. */
  role: string;
  /** Who signed in, as the audit log names them: `admin` or `token:NAME`. */
  actor: string;
  createdAt: number;
  lastSeen: number;
}

export interface DashboardSessions {
  create(session: DashboardSession): Promise<void>;
  /** The session, or null when unknown or idle since before `idleBefore`. */
  find(idHash: string, idleBefore: number): Promise<DashboardSession | null>;
  touch(idHash: string, at: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Drop sessions idle since before `idleBefore`; returns how many. */
  expire(idleBefore: number): Promise<number>;
}

export const FILTER_NAMES = ['page', 'referrer', 'browser', 'campaign', 'category'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** Filters combine with AND; each applies to the rows every panel reads. */
export type DashFilters = Partial<Record<FilterName, string>> & { bots: 'exclude' | 'include' };

/** One dashboard question: a site, a half-open time range on the event's `ts`, and filters. */
export interface DashQuery {
  site: string;
  from: number;
  /** Exclusive. */
  to: number;
  filters: DashFilters;
}

export const BREAKDOWN_NAMES = [
  'pages',
  'entry_pages',
  'exit_pages',
  'referrers',
  'browsers',
  'os',
  'devices',
  'languages',
  'screens',
  'campaigns',
  'events',
  'outbound',
  'downloads',
] as const;
export type BreakdownName = (typeof BREAKDOWN_NAMES)[number];

/** Breakdowns of custom events count events; the others count visitors and pageviews. */
export const EVENT_BREAKDOWNS: readonly BreakdownName[] = ['events', 'outbound', 'downloads'];

export type SortMetric = 'visitors' | 'pageviews' | 'count';

export interface BreakdownOptions {
  sort: SortMetric;
  order: 'asc' | 'desc';
  limit: number;
}

export interface BreakdownResult {
  name: BreakdownName;
  rows: BreakdownRow[];
  /** The denominator of `share`: distinct visitors of the panel, or all events for event panels. */
  total: number;
}

export interface DayBounds {
  day: string;
  start: number;
  end: number;
}
