import type pg from 'pg';
import type { DashQuery, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { byMetric } from '../../dashboard/vitals.js';
import { Params, pgRowWhere } from './filters.js';

const PAGES = 50;
type Samples = Map<string, number[]>;

const append = (samples: Samples, metric: string, value: number) => {
  const list = samples.get(metric);
  if (list) list.push(value);
  else samples.set(metric, [value]);
};

/** p75 per metric overall and per page, ranked in JS over the samples as in the SQLite store. */
export async function pgVitals(pool: pg.Pool, q: DashQuery): Promise<VitalsResult> {
  const p = new Params();
  const { cte, sql: where } = pgRowWhere(q, p);
  const metrics = VITAL_METRICS.map((m) => `'${m}'`).join(', ');
  const { rows } = await pool.query<{ metric: string; path: string | null; value: number }>(
    `${cte ? `WITH ${cte} ` : ''}SELECT metric, path, value FROM access_log
     WHERE ${where} AND type = 'vital' AND metric IN (${metrics}) AND value IS NOT NULL ORDER BY value`,
    p.values,
  );
  const overall: Samples = new Map();
  const pages = new Map<string | null, Samples>();
  const counts = new Map<string | null, number>();
  for (const { metric, path, value } of rows) {
    append(overall, metric, value);
    const page = pages.get(path) ?? new Map();
    pages.set(path, page);
    append(page, metric, value);
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, PAGES);
  return {
    overall: byMetric(overall),
    pages: top.map(([path]) => ({ value: path, ...byMetric(pages.get(path) ?? new Map()) })),
  };
}
