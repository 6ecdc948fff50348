// Plain-SQL breakdowns (GROUP BY, COUNT(DISTINCT visitor_id)) over the reference conditions: the
// visit filter as the access log defines it (visit-where-reference.ts), rows by rowWhere. The
// store's one-pass breakdowns (filtered-breakdowns.test.ts) and its day slices (day-rollup.test.ts)
// are compared with these; campaigns are not covered (a triple per value).
import type { Database } from 'better-sqlite3';
import type {
  BreakdownName,
  BreakdownOptions,
  DashQuery,
} from '../../../../src/collector/dashboard/types.js';
import { DIRECT, rowWhere } from '../../../../src/collector/store/sqlite-dashboard/filters.js';
import { referenceVisitWhere } from './visit-where-reference.js';

export const REFERENCE_COLUMN: Partial<Record<BreakdownName, string>> = {
  entry_pages: 'v.entry_path',
  exit_pages: 'v.exit_path',
  referrers: `COALESCE(v.referrer_domain, '${DIRECT}')`,
  browsers: 'v.browser',
  os: 'v.os',
  devices: 'v.device',
  languages: 'v.language',
  screens: 'v.screen',
};

export function plainSqlBreakdown(db: Database, name: BreakdownName, q: DashQuery, o: BreakdownOptions) {
  const { sql, params } = name === 'pages' ? rowWhere(q) : referenceVisitWhere(q);
  // NOT INDEXED: the reference reads the tables themselves, not the indexes the panels seek through.
  const from =
    name === 'pages'
      ? `dash_pageviews NOT INDEXED WHERE ${sql}`
      : `dash_visits AS v NOT INDEXED WHERE ${sql}`;
  const value = name === 'pages' ? 'path' : REFERENCE_COLUMN[name];
  if (value === undefined) throw new Error(`no plain-SQL reference for the ${name} breakdown`);
  const counts =
    name === 'pages'
      ? 'COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews'
      : 'COUNT(DISTINCT v.visitor_id) AS visitors, SUM(v.pageviews) AS pageviews, COUNT(*) AS visits';
  const sort = o.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const rows = db
    .prepare(
      `SELECT ${value} AS value, ${counts} FROM ${from} GROUP BY value
       ORDER BY ${sort} ${o.order === 'asc' ? 'ASC' : 'DESC'}, value ASC LIMIT ${o.limit}`,
    )
    .all(params) as { visitors: number }[];
  const visitor = name === 'pages' ? 'visitor_id' : 'v.visitor_id';
  const total = db.prepare(`SELECT COUNT(DISTINCT ${visitor}) FROM ${from}`).pluck().get(params) as number;
  return { name, total, rows: rows.map((r) => ({ ...r, share: total ? r.visitors / total : 0 })) };
}
