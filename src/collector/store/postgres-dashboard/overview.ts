import type pg from 'pg';
import type { DashQuery, OverviewTotals, SeriesPoint } from '../../dashboard/types.js';
import { Params, pgVisitWhere } from './filters.js';

/** Overview numbers of one range, per visit (docs/dashboard.md defines each), as the SQLite store's. */
export async function pgTotals(pool: pg.Pool, q: DashQuery): Promise<OverviewTotals> {
  const p = new Params();
  const { cte, sql } = pgVisitWhere(q, p);
  const { rows } = await pool.query<{
    visitors: number;
    pageviews: number;
    visits: number;
    bounces: number;
    duration: number;
  }>(
    `WITH ${cte}
     SELECT COUNT(DISTINCT v.visitor_id) AS visitors, COALESCE(SUM(v.pageviews), 0)::int AS pageviews, COUNT(*) AS visits,
       COUNT(*) FILTER (WHERE v.pageviews = 1 AND v.events = 0 AND v.engaged = 0) AS bounces,
       COALESCE(AVG(v.end_ts - v.start_ts), 0)::float8 AS duration
     FROM dash_visits AS v WHERE ${sql}`,
    p.values,
  );
  const r = rows[0] as {
    visitors: number;
    pageviews: number;
    visits: number;
    bounces: number;
    duration: number;
  };
  return {
    visitors: r.visitors,
    pageviews: r.pageviews,
    visits: r.visits,
    bounce_rate: r.visits ? r.bounces / r.visits : 0,
    visit_duration_ms: Math.round(r.duration),
  };
}

/**
 * Visitors and pageviews per bucket, each visit in the bucket it started in; empty buckets are
 * zeros. Visits are placed by `width_bucket` over the boundaries (one pass, no join per bucket).
 */
export async function pgSeries(
  pool: pg.Pool,
  q: DashQuery,
  bounds: readonly number[],
): Promise<SeriesPoint[]> {
  if (bounds.length < 2) return [];
  const p = new Params();
  const { cte, sql } = pgVisitWhere(
    { ...q, from: bounds[0] as number, to: bounds[bounds.length - 1] as number },
    p,
    {
      range: false,
    },
  );
  const edges = p.add(bounds);
  const { rows } = await pool.query<{ i: number; visitors: number; pageviews: number }>(
    `WITH ${cte}
     SELECT width_bucket(v.start_ts, ${edges}::bigint[]) AS i, COUNT(DISTINCT v.visitor_id) AS visitors,
       COALESCE(SUM(v.pageviews), 0)::int AS pageviews
     FROM dash_visits AS v WHERE ${sql} GROUP BY 1`,
    p.values,
  );
  const byBucket = new Map(rows.map((r) => [r.i, r]));
  return bounds.slice(0, -1).map((t, k) => {
    const r = byBucket.get(k + 1);
    return { t, visitors: r?.visitors ?? 0, pageviews: r?.pageviews ?? 0 };
  });
}
