/** The dashboard API's answers (docs/dashboard.md, "Dashboard HTTP contract"). */

export interface SessionInfo {
  role: string;
  csrf: string;
}

export interface SitesReply {
  sites: string[];
  timezone: string;
}

export interface Totals {
  visitors: number;
  pageviews: number;
  visits: number;
  bounce_rate: number;
  visit_duration_ms: number;
}

export interface SeriesPoint {
  t: number;
  visitors: number;
  pageviews: number;
}

export interface OverviewReply {
  range: { from: number; to: number; tz: string; interval: 'minute' | 'hour' | 'day' };
  totals: Totals;
  previous: Totals;
  series: SeriesPoint[];
  previous_series: SeriesPoint[];
}

export interface EventProp {
  key: string;
  value: string | null;
  count: number;
}

/** One row of any breakdown: which metrics are present depends on the breakdown. */
export interface BreakdownRow {
  value: string | null;
  visitors?: number;
  pageviews?: number;
  count?: number;
  share: number;
  props?: EventProp[];
  source?: string | null;
  medium?: string | null;
}

export interface BreakdownReply {
  name: string;
  rows: BreakdownRow[];
  total: number;
}

export type Rating = 'good' | 'needs-improvement' | 'poor';

export interface VitalSummary {
  p75: number;
  rating: Rating;
  samples: number;
}

export const VITAL_METRICS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;
export type VitalMetric = (typeof VITAL_METRICS)[number];

export interface VitalsReply {
  overall: Partial<Record<VitalMetric, VitalSummary | null>>;
  pages: ({ value: string | null } & Partial<Record<VitalMetric, VitalSummary | null>>)[];
}

export const CONSENT_COLUMNS = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdrawal'] as const;
export type ConsentColumn = (typeof CONSENT_COLUMNS)[number];

export type ConsentDay = { day: string; revision: string } & Record<ConsentColumn, number>;

export interface ConsentReply {
  days: ConsentDay[];
  grant_rate: Record<string, number>;
  decisions: number;
}
