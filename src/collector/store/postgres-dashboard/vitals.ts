import type pg from 'pg';
import type { DashQuery, VitalMetric, VitalsByMetric, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { summaryOf } from '../../dashboard/vitals.js';
import { Params, pgRowWhere } from './filters.js';

const PAGES = 50;
const METRICS = VITAL_METRICS.map((m) => `'${m}'`).join(', ');

/** The nearest-rank p75 per group, in SQL as the SQLite store ranks it: the sample at ceil(3n/4). */
const p75Sql = (from: string, groupBy: string, extra = '') => {
  const g = groupBy ? `${groupBy}, ` : '';
  return `SELECT ${g}metric, value, n FROM (
    SELECT ${g}metric, value, ROW_NUMBER() OVER (PARTITION BY ${g}metric ORDER BY value) AS rn,
      COUNT(*) OVER (PARTITION BY ${g}metric) AS n
    FROM ${from} ${extra}) s
  WHERE rn = (3 * n + 3) / 4`;
};

type P75Row = { metric: VitalMetric; value: number; n: number; path?: string | null };

function byMetric(rows: P75Row[]): VitalsByMetric {
  const out = Object.fromEntries(VITAL_METRICS.map((m) => [m, null])) as VitalsByMetric;
  for (const r of rows) out[r.metric] = summaryOf(r.metric, r.value, r.n);
  return out;
}

/** p75 per metric overall and for the pages with the most samples (PostgreSQL). */
export async function pgVitals(pool: pg.Pool, q: DashQuery): Promise<VitalsResult> {
  const p = new Params();
  const { cte, sql } = pgRowWhere(q, p);
  const withCte = cte ? `WITH ${cte} ` : '';
  const from = `access_log WHERE ${sql} AND type = 'vital' AND metric IN (${METRICS}) AND value IS NOT NULL`;
  const base = p.values.length;
  const [overall, top] = await Promise.all([
    pool.query<P75Row>(`${withCte}${p75Sql(from, '')}`, p.values),
    pool.query<{ path: string | null }>(
      `${withCte}SELECT path FROM ${from} GROUP BY path ORDER BY COUNT(*) DESC, path COLLATE "C" NULLS FIRST LIMIT ${PAGES}`,
      p.values,
    ),
  ]);
  const paths = top.rows.map((r) => r.path);
  const named = paths.filter((x): x is string => x !== null);
  const list = p.add(named);
  const inTop = `AND (path = ANY(${list}::text[])${paths.includes(null) ? ' OR path IS NULL' : ''})`;
  const perPage = paths.length
    ? (await pool.query<P75Row>(`${withCte}${p75Sql(from, 'path', inTop)}`, p.values.slice(0, base + 1))).rows
    : [];
  return {
    overall: byMetric(overall.rows),
    pages: paths.map((path) => ({ value: path, ...byMetric(perPage.filter((r) => r.path === path)) })),
  };
}
