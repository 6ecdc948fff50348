import type { Database } from 'better-sqlite3';
import type { DashQuery } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { type Part, pageParts, VISIT_READ, type VisitDim, visitParts } from './day-parts.js';
import type { DayDim } from './day-read.js';
import { vitalParts } from './day-vitals.js';
import { rowWhere, visitWhere } from './filters.js';

const METRICS = VITAL_METRICS.map((m) => `'${m}'`).join(', ');
const VISIT_COLUMNS = VISIT_READ.split(',')
  .map((c) => `v.${c.trim()}`)
  .join(', ');

/**
 * Parts of a filtered query (page, referrer, browser, campaign or category), read from the rows the
 * filters select with the SQL path's own conditions (filters.ts) and added up in JS: the stored days
 * hold no filter combinations, but the distinct counts then run over visitor numbers instead of a
 * `COUNT(DISTINCT)` per group, and vitals are ranked once instead of by window functions.
 * Null: a pageview's visitor has no number (see day-read.ts); the SQL path answers.
 */
export function filteredParts(db: Database, dim: DayDim, q: DashQuery): Part[] | null {
  if (dim === 'vitals') {
    const { sql, params } = rowWhere(q);
    const rows = db
      .prepare(
        `SELECT is_bot, path, metric, value FROM dash_vitals
         WHERE ${sql} AND metric IN (${METRICS}) AND value IS NOT NULL`,
      )
      .raw()
      .all(params) as unknown[][];
    return vitalParts(rows);
  }
  if (dim === 'pages') {
    const { sql, params } = rowWhere(q, { alias: 'p' });
    const rows = db
      .prepare(
        `SELECT p.is_bot, p.path, d.n, p.visitor_id IS NOT NULL AND d.n IS NULL
         FROM dash_pageviews AS p LEFT JOIN dash_visitors AS d ON d.visitor_id = p.visitor_id WHERE ${sql}`,
      )
      .raw()
      .all(params) as unknown[][];
    if (rows.some((r) => r[3])) return null;
    return pageParts(rows).map((b) => b.part());
  }
  const { sql, params } = visitWhere(q);
  const rows = db
    .prepare(`SELECT ${VISIT_COLUMNS} FROM dash_visits AS v WHERE ${sql}`)
    .raw()
    .all(params) as unknown[][];
  const built = visitParts(rows, [dim as VisitDim]).get(dim as VisitDim);
  return built ? built.map((b) => b.part()) : [];
}
