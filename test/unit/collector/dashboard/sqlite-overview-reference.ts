// The plain-SQL overview the store used before it counted one read of the filtered visits in JS
// (visit-reads.ts): kept as the reference that path and the day roll-up are compared with
// (day-rollup.test.ts), not used by the collector.
import type { Database } from 'better-sqlite3';
import type { DashQuery, OverviewTotals, SeriesPoint } from '../../../../src/collector/dashboard/types.js';
import { seriesSql } from '../../../../src/collector/store/sqlite-dashboard/overview.js';
import { referenceVisitWhere } from './visit-where-reference.js';

export function sqlTotals(db: Database, q: DashQuery): OverviewTotals {
  const { sql, params } = referenceVisitWhere(q);
  const row = db
    .prepare(
      `SELECT COUNT(DISTINCT v.visitor_id) AS visitors, COALESCE(SUM(v.pageviews), 0) AS pageviews, COUNT(*) AS visits,
         COALESCE(SUM(v.pageviews = 1 AND v.events = 0 AND v.engaged = 0), 0) AS bounces,
         COALESCE(AVG(v.end_ts - v.start_ts), 0) AS duration
       FROM dash_visits AS v WHERE ${sql}`,
    )
    .get(params) as {
    visitors: number;
    pageviews: number;
    visits: number;
    bounces: number;
    duration: number;
  };
  return {
    visitors: row.visitors,
    pageviews: row.pageviews,
    visits: row.visits,
    bounce_rate: row.visits ? row.bounces / row.visits : 0,
    visit_duration_ms: Math.round(row.duration),
  };
}

/** The series in plain SQL: the store's own fallback for buckets outside the range. */
export const sqlSeries = (db: Database, q: DashQuery, bounds: readonly number[]): SeriesPoint[] =>
  seriesSql(db, q, bounds);
