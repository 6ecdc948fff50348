/**
 * The answers of the dashboard API (docs/dashboard.md), shared by the collector that computes
 * them and the dashboard page that shows them.
 */

export interface OverviewTotals {
  visitors: number;
  pageviews: number;
  visits: number;
  bounce_rate: number;
  visit_duration_ms: number;
}

export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  t: number;
  visitors: number;
  pageviews: number;
}

export interface EventProp {
  key: string;
  value: string | null;
  count: number;
}

/** One row of any breakdown: which counts are present depends on the breakdown. */
export interface BreakdownRow {
  /** null: unknown (e.g. an unrecognised browser). */
  value: string | null;
  visitors: number;
  pageviews?: number;
  count?: number;
  share: number;
  source?: string | null;
  medium?: string | null;
  props?: EventProp[];
}

export const VITAL_METRICS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;
export type VitalMetric = (typeof VITAL_METRICS)[number];
/** web.dev's three bands. */
export type Rating = 'good' | 'needs-improvement' | 'poor';

export interface VitalSummary {
  p75: number;
  rating: Rating;
  samples: number;
}

export type VitalsByMetric = Record<VitalMetric, VitalSummary | null>;

export interface VitalsResult {
  overall: VitalsByMetric;
  pages: ({ value: string | null } & VitalsByMetric)[];
}

/** The decision methods the consent panel counts, in column order. */
export const CONSENT_METHOD_COLUMNS = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdrawal'] as const;
export type ConsentMethodColumn = (typeof CONSENT_METHOD_COLUMNS)[number];

export type ConsentDay = { day: string; revision: string } & Record<ConsentMethodColumn, number>;

export interface ConsentResult {
  days: ConsentDay[];
  grant_rate: Record<string, number>;
  decisions: number;
}

/** One entry of the audit log as `GET /dashboard/api/audit` lists it. */
export interface AuditEntryReply {
  ts: number;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}
