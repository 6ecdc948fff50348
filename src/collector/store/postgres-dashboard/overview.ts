import type pg from 'pg';
import type { DashQuery, OverviewTotals, SeriesPoint } from '../../dashboard/types.js';
import { ENGAGED_MS } from '../sqlite-dashboard/overview.js';
import { Params, pgDashWhere } from './filters.js';

/** Overview numbers of one range, defined as in the SQLite store (docs/dashboard.md "Overview"). */
export async function pgTotals(pool: pg.Pool, q: DashQuery): Promise<OverviewTotals> {
  const p = new Params();
  const where = pgDashWhere(q, p);
  const [head, visits] = await Promise.all([
    pool.query<{ visitors: number; pageviews: number }>(
      `SELECT COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) FILTER (WHERE type = 'pageview') AS pageviews
       FROM access_log WHERE ${where}`,
      p.values,
    ),
    pool.query<{ visits: number; bounces: number; duration: number }>(
      `SELECT COUNT(*) AS visits,
         COUNT(*) FILTER (WHERE pv = 1 AND ev = 0 AND NOT engaged) AS bounces,
         COALESCE(AVG(last - first), 0)::float8 AS duration
       FROM (SELECT COUNT(*) FILTER (WHERE type = 'pageview') AS pv, COUNT(*) FILTER (WHERE type = 'event') AS ev,
               COALESCE(bool_or(type = 'engagement' AND value >= ${ENGAGED_MS}), false) AS engaged,
               MIN(ts) AS first, MAX(ts) AS last
             FROM access_log WHERE ${where} AND session_id IS NOT NULL GROUP BY session_id) v`,
      p.values,
    ),
  ]);
  const h = head.rows[0] as { visitors: number; pageviews: number };
  const v = visits.rows[0] as { visits: number; bounces: number; duration: number };
  return {
    visitors: h.visitors,
    pageviews: h.pageviews,
    visits: v.visits,
    bounce_rate: v.visits ? v.bounces / v.visits : 0,
    visit_duration_ms: Math.round(v.duration),
  };
}

/** Visitors and pageviews per bucket (bounds as arrays, UNNEST); empty buckets are zeros. */
export async function pgSeries(
  pool: pg.Pool,
  q: DashQuery,
  bounds: readonly number[],
): Promise<SeriesPoint[]> {
  const p = new Params();
  const starts = p.add(bounds.slice(0, -1));
  const ends = p.add(bounds.slice(1));
  const where = pgDashWhere(q, p, { alias: 'a', range: false });
  const { rows } = await pool.query<SeriesPoint>(
    `SELECT b.t AS t, COUNT(DISTINCT a.visitor_id) AS visitors, COUNT(a.*) FILTER (WHERE a.type = 'pageview') AS pageviews
     FROM UNNEST(${starts}::bigint[], ${ends}::bigint[]) AS b(t, e)
     LEFT JOIN access_log a ON a.ts >= b.t AND a.ts < b.e AND ${where}
     GROUP BY b.t ORDER BY b.t`,
    p.values,
  );
  return rows;
}
