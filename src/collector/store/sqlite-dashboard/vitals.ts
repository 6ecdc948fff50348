import type { Database } from 'better-sqlite3';
import type { DashQuery, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { byMetric } from '../../dashboard/vitals.js';
import { rowWhere } from './filters.js';

/** Pages listed with their own vitals: those with the most samples. */
const PAGES = 50;

type Samples = Map<string, number[]>;

function add(samples: Samples, metric: string, value: number): void {
  const list = samples.get(metric);
  if (list) list.push(value);
  else samples.set(metric, [value]);
}

function push(map: Map<string | null, Samples>, key: string | null, metric: string, value: number): void {
  const samples = map.get(key);
  if (samples) add(samples, metric, value);
  else map.set(key, new Map([[metric, [value]]]));
}

/**
 * p75 per metric overall and per page. Percentiles do not add up across rows, so the samples of the
 * range (one small row each, read in value order) are ranked here rather than in SQL.
 */
export function sqliteVitals(db: Database, q: DashQuery): VitalsResult {
  const { sql, params } = rowWhere(q);
  const metrics = VITAL_METRICS.map((m) => `'${m}'`).join(', ');
  const rows = db
    .prepare(
      `SELECT metric, path, value FROM access_log
       WHERE ${sql} AND type = 'vital' AND metric IN (${metrics}) AND value IS NOT NULL ORDER BY value`,
    )
    .raw()
    .all(params) as [string, string | null, number][];
  const overall: Samples = new Map();
  const pages = new Map<string | null, Samples>();
  const counts = new Map<string | null, number>();
  for (const [metric, path, value] of rows) {
    add(overall, metric, value);
    push(pages, path, metric, value);
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
