import type { Database } from 'better-sqlite3';
import type { DashQuery, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { byMetric } from '../../dashboard/vitals.js';
import { rowWhere } from './filters.js';

/** Pages listed with their own vitals: those with the most samples. */
const PAGES = 50;

/** Samples per metric, grown as read and sorted once (typed arrays sort numerically and fast). */
class Samples {
  private readonly lists = new Map<string, number[]>();
  count = 0;
  add(metric: string, value: number): void {
    const list = this.lists.get(metric);
    if (list) list.push(value);
    else this.lists.set(metric, [value]);
    this.count++;
  }
  sorted(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const [metric, list] of this.lists) out.set(metric, Array.from(Float64Array.from(list).sort()));
    return out;
  }
}

/**
 * p75 per metric overall and per page. Percentiles do not add up across rows, so the samples of the
 * range (read from the dash_vitals covering index, unsorted) are ranked here rather than in SQL.
 */
export function sqliteVitals(db: Database, q: DashQuery): VitalsResult {
  const { sql, params } = rowWhere(q);
  const metrics = VITAL_METRICS.map((m) => `'${m}'`).join(', ');
  const rows = db
    .prepare(
      `SELECT metric, path, value FROM access_log INDEXED BY dash_vitals
       WHERE ${sql} AND type = 'vital' AND metric IN (${metrics}) AND value IS NOT NULL`,
    )
    .raw()
    .all(params) as [string, string | null, number][];
  const overall = new Samples();
  const pages = new Map<string | null, Samples>();
  for (const [metric, path, value] of rows) {
    overall.add(metric, value);
    let page = pages.get(path);
    if (!page) {
      page = new Samples();
      pages.set(path, page);
    }
    page.add(metric, value);
  }
  const top = [...pages.entries()]
    .sort((a, b) => b[1].count - a[1].count || String(a[0]).localeCompare(String(b[0])))
    .slice(0, PAGES);
  return {
    overall: byMetric(overall.sorted()),
    pages: top.map(([path, samples]) => ({ value: path, ...byMetric(samples.sorted()) })),
  };
}
