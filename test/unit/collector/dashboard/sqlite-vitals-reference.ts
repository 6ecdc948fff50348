// The plain-SQL vitals panel the store used before the day roll-up: kept as the reference the
// roll-up's answers are compared with (day-rollup.test.ts), not used by the collector.
import type { Database } from 'better-sqlite3';
import type {
  DashQuery,
  VitalMetric,
  VitalsByMetric,
  VitalsResult,
} from '../../../../src/collector/dashboard/types.js';
import { VITAL_METRICS } from '../../../../src/collector/dashboard/types.js';
import { summaryOf } from '../../../../src/collector/dashboard/vitals.js';
import { rowWhere } from '../../../../src/collector/store/sqlite-dashboard/filters.js';

/** Pages listed with their own vitals: those with the most samples. */
const PAGES = 50;

const METRICS = VITAL_METRICS.map((m) => `'${m}'`).join(', ');

/**
 * The nearest-rank p75 of each group, ranked in SQL (window functions, portable to PostgreSQL):
 * the sample at rank ceil(3n/4) = (3n + 3) / 4 in integer division. Only one row per group leaves
 * the database, not the samples (a quarter of a million of them over a month on the bench).
 */
const p75Sql = (where: string, groupBy: string, extra = '') => `
  SELECT ${groupBy ? `${groupBy}, ` : ''}metric, value, n FROM (
    SELECT ${groupBy ? `${groupBy}, ` : ''}metric, value,
      ROW_NUMBER() OVER (PARTITION BY ${groupBy ? `${groupBy}, ` : ''}metric ORDER BY value) AS rn,
      COUNT(*) OVER (PARTITION BY ${groupBy ? `${groupBy}, ` : ''}metric) AS n
    FROM dash_vitals WHERE ${where} AND metric IN (${METRICS}) AND value IS NOT NULL ${extra})
  WHERE rn = (3 * n + 3) / 4`;

type P75Row = { metric: VitalMetric; value: number; n: number; path?: string | null };

function byMetric(rows: P75Row[]): VitalsByMetric {
  const out = Object.fromEntries(VITAL_METRICS.map((m) => [m, null])) as VitalsByMetric;
  for (const r of rows) out[r.metric] = summaryOf(r.metric, r.value, r.n);
  return out;
}

/**
 * p75 per metric overall and for the pages with the most samples (from dash_vitals), ranked in SQL.
 * The store answers vitals from day-vitals.ts now; this stays as the plain-SQL reference the day
 * roll-up is tested against (test/unit/collector/dashboard/day-rollup.test.ts).
 */
export function sqliteVitals(db: Database, q: DashQuery): VitalsResult {
  const { sql, params } = rowWhere(q);
  const overall = db.prepare(p75Sql(sql, '')).all(params) as P75Row[];
  const top = db
    .prepare(
      `SELECT path FROM dash_vitals WHERE ${sql} AND metric IN (${METRICS}) AND value IS NOT NULL
       GROUP BY path ORDER BY COUNT(*) DESC, path LIMIT ${PAGES}`,
    )
    .pluck()
    .all(params) as (string | null)[];
  const perPage = top.length
    ? (db
        .prepare(p75Sql(sql, 'path', 'AND path IN (SELECT value FROM json_each(@top))'))
        .all({ ...params, top: JSON.stringify(top) }) as P75Row[])
    : [];
  return {
    overall: byMetric(overall),
    pages: top.map((path) => ({ value: path, ...byMetric(perPage.filter((r) => r.path === path)) })),
  };
}
