import type { Database } from 'better-sqlite3';
import type { DashQuery, OverviewTotals, SeriesPoint } from '../../dashboard/types.js';
import { bucketPairs, bucketsCte } from './buckets.js';
import { visitWhere } from './filters.js';
import { readVisits, type VisitRow } from './visit-reads.js';

/** Overview numbers of one range's visits (docs/dashboard.md defines each). */
export function totalsOf(rows: readonly VisitRow[]): OverviewTotals {
  const visitors = new Set<unknown>();
  let pageviews = 0;
  let bounces = 0;
  let duration = 0;
  for (const [visitor, pv, bounced, ms] of rows) {
    if (visitor !== null) visitors.add(visitor);
    pageviews += pv;
    bounces += bounced;
    duration += ms;
  }
  const visits = rows.length;
  return {
    visitors: visitors.size,
    pageviews,
    visits,
    bounce_rate: visits ? bounces / visits : 0,
    visit_duration_ms: visits ? Math.round(duration / visits) : 0,
  };
}

/** Visitors and pageviews per bucket, each visit in the bucket it started in; empty buckets are zeros. */
export function seriesOf(rows: readonly VisitRow[], bounds: readonly number[]): SeriesPoint[] {
  const n = Math.max(0, bounds.length - 1);
  const visitors = Array.from({ length: n }, () => new Set<unknown>());
  const pageviews = new Array<number>(n).fill(0);
  for (const [visitor, pv, , , start] of rows) {
    // The last bound at or before the start: bounds ascend, so a binary search.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((bounds[mid + 1] as number) <= start) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= n || start < (bounds[lo] as number)) continue;
    if (visitor !== null) visitors[lo]?.add(visitor);
    pageviews[lo] = (pageviews[lo] as number) + pv;
  }
  return pageviews.map((p, i) => ({
    t: bounds[i] as number,
    visitors: visitors[i]?.size ?? 0,
    pageviews: p,
  }));
}

/**
 * The series in SQL, for buckets reaching outside the range (the range's read does not hold them);
 * also the plain-SQL reference the tests compare the counted series with.
 */
export function seriesSql(db: Database, q: DashQuery, bounds: readonly number[]): SeriesPoint[] {
  const { sql, params } = visitWhere(q, { range: false });
  return db
    .prepare(
      `WITH ${bucketsCte('buckets')}
       SELECT b.t AS t, COUNT(DISTINCT v.visitor_id) AS visitors, COALESCE(SUM(v.pageviews), 0) AS pageviews
       FROM b LEFT JOIN dash_visits AS v ON v.start_ts >= b.t AND v.start_ts < b.e AND ${sql}
       GROUP BY b.t ORDER BY b.t`,
    )
    .all({ ...params, buckets: bucketPairs(bounds) }) as SeriesPoint[];
}

const inside = (q: DashQuery, bounds: readonly number[]) =>
  bounds.length < 2 || ((bounds[0] as number) >= q.from && (bounds.at(-1) as number) <= q.to);

/** Overview numbers of one range from the visits roll-up, for what the day roll-up does not serve. */
export const sqliteTotals = (db: Database, q: DashQuery): OverviewTotals => totalsOf(readVisits(db, q));

export function sqliteSeries(db: Database, q: DashQuery, bounds: readonly number[]): SeriesPoint[] {
  return inside(q, bounds) ? seriesOf(readVisits(db, q), bounds) : seriesSql(db, q, bounds);
}

/** Totals and series of one range counted from one read of its filtered visits (visit-reads.ts). */
export function sqliteOverview(db: Database, q: DashQuery, bounds: readonly number[]) {
  if (!inside(q, bounds)) return { totals: sqliteTotals(db, q), series: seriesSql(db, q, bounds) };
  const rows = readVisits(db, q);
  return { totals: totalsOf(rows), series: seriesOf(rows, bounds) };
}
