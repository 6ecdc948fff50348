/** The dashboard API's answers (docs/dashboard.md, "Dashboard HTTP contract"), as the page reads them. */
import type {
  BreakdownRow,
  ConsentResult,
  OverviewTotals,
  SeriesPoint,
  VitalsResult,
} from '../../shared/dashboard-api.js';

export type {
  AuditEntryReply,
  BreakdownRow,
  ConsentMethodColumn as ConsentColumn,
  EventProp,
  Rating,
  SeriesPoint,
  VitalMetric,
  VitalSummary,
} from '../../shared/dashboard-api.js';
export { CONSENT_METHOD_COLUMNS as CONSENT_COLUMNS, VITAL_METRICS } from '../../shared/dashboard-api.js';

/** Only the page needs these: the collector builds them inline in its routes. */
export interface SessionInfo {
  role: string;
  csrf: string;
}

export interface SitesReply {
  sites: string[];
  timezone: string;
}

export type Totals = OverviewTotals;

export interface OverviewReply {
  range: { from: number; to: number; tz: string; interval: 'minute' | 'hour' | 'day' };
  totals: Totals;
  previous: Totals;
  series: SeriesPoint[];
  previous_series: SeriesPoint[];
}

export interface BreakdownReply {
  name: string;
  rows: BreakdownRow[];
  total: number;
}

export type VitalsReply = VitalsResult;
export type ConsentReply = ConsentResult;
