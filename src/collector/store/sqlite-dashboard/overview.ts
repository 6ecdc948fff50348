import type { Database } from 'better-sqlite3';
import type { DashQuery, OverviewTotals, SeriesPoint } from '../../dashboard/types.js';
import { bucketPairs, bucketsCte } from './buckets.js';
import { dashWhere } from './filters.js';

/**
 * A visit engages (is not a bounce) with a second pageview, a custom event, or an engagement beacon
 * of at least this much visible time. The client sends an engagement beacon at the end of every
 * view, so "any engagement beacon" would make nearly no visit a bounce; 10 s is GA4's rule.
 */
export const ENGAGED_MS = 10_000;

/** Overview numbers of one range (docs/dashboard.md "Overview" defines each). */
export function sqliteTotals(db: Database, q: DashQuery): OverviewTotals {
  const { sql, params } = dashWhere(q);
  const head = db
    .prepare(
      `SELECT COUNT(DISTINCT visitor_id) AS visitors, COALESCE(SUM(type = 'pageview'), 0) AS pageviews
       FROM access_log WHERE ${sql}`,
    )
    .get(params) as { visitors: number; pageviews: number };
  const visits = db
    .prepare(
      `SELECT COUNT(*) AS visits,
         COALESCE(SUM(pv = 1 AND ev = 0 AND engaged = 0), 0) AS bounces,
         COALESCE(AVG(last - first), 0) AS duration
       FROM (SELECT SUM(type = 'pageview') AS pv, SUM(type = 'event') AS ev,
               MAX(type = 'engagement' AND value >= @engaged) AS engaged, MIN(ts) AS first, MAX(ts) AS last
             FROM access_log WHERE ${sql} AND session_id IS NOT NULL GROUP BY session_id)`,
    )
    .get({ ...params, engaged: ENGAGED_MS }) as { visits: number; bounces: number; duration: number };
  return {
    visitors: head.visitors,
    pageviews: head.pageviews,
    visits: visits.visits,
    bounce_rate: visits.visits ? visits.bounces / visits.visits : 0,
    visit_duration_ms: Math.round(visits.duration),
  };
}

/** Visitors and pageviews per bucket; empty buckets are zeros. */
export function sqliteSeries(db: Database, q: DashQuery, bounds: readonly number[]): SeriesPoint[] {
  const { sql, params } = dashWhere(q, { alias: 'a', range: false });
  return db
    .prepare(
      `WITH ${bucketsCte('buckets')}
       SELECT b.t AS t, COUNT(DISTINCT a.visitor_id) AS visitors, COALESCE(SUM(a.type = 'pageview'), 0) AS pageviews
       FROM b LEFT JOIN access_log a ON a.ts >= b.t AND a.ts < b.e AND ${sql}
       GROUP BY b.t ORDER BY b.t`,
    )
    .all({ ...params, buckets: bucketPairs(bounds) }) as SeriesPoint[];
}
