import type { Database } from 'better-sqlite3';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT, rowWhere, visitWhere } from './filters.js';
import { countRows, type RowKey, rankCounted } from './row-counts.js';

/** Visit breakdowns by one dash_visits column (fixed here, never from input). */
const VISIT_COLUMN: Partial<Record<BreakdownName, string>> = {
  entry_pages: 'v.entry_path',
  exit_pages: 'v.exit_path',
  referrers: `COALESCE(v.referrer_domain, '${DIRECT}')`,
  browsers: 'v.browser',
  os: 'v.os',
  devices: 'v.device',
  languages: 'v.language',
  screens: 'v.screen',
  campaigns: 'v.utm_campaign',
};

/**
 * Entry/exit pages, referrers, browsers, OS, devices, languages, screens, campaigns: per visit.
 * One pass over the filtered visits, counted in JS (row-counts.ts): the rows and the total came
 * from two SQL statements that each paid for the filter (the page filter's session list, ~half
 * the time on the bench) — one read is about half the cost. Visitors are counted by their number
 * (dash_visitors, set in every refresh transaction; the id only while a visit has none): integers
 * read and count ~15% faster than id strings with the page filter on the bench.
 */
function visitBreakdown(
  db: Database,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): BreakdownResult {
  const { sql, params } = visitWhere(q);
  const campaigns = name === 'campaigns';
  const where = campaigns
    ? `${sql} AND (v.utm_campaign IS NOT NULL OR v.utm_source IS NOT NULL OR v.utm_medium IS NOT NULL)`
    : sql;
  const extra = campaigns ? ', v.utm_source, v.utm_medium' : '';
  const rows = db
    .prepare(
      `SELECT COALESCE(v.vn, v.visitor_id), v.pageviews, ${VISIT_COLUMN[name]}${extra} FROM dash_visits AS v WHERE ${where}`,
    )
    .raw()
    .all(params) as unknown[][];
  const key: RowKey = campaigns ? (r) => [r[2], r[3], r[4]] : (r) => r[2];
  return countRows(name, rows, key, opts, { visits: true });
}

/**
 * Pages: every pageview in the range (from dash_pageviews, their narrow copy in time order). Counted
 * in SQL, in one statement: the filter's rows are grouped once into (page, visitor) pairs, from which
 * come each page's visitors and pageviews and the distinct visitors of all. Reading the rows into JS
 * costs ~2 µs a row (two strings each): 0.5 s for the 184,000 pageviews of one browser over 30 days
 * on the bench, where this takes about half, and a third less for a few thousand rows.
 */
function pagesBreakdown(db: Database, q: DashQuery, opts: BreakdownOptions): BreakdownResult {
  const { sql, params } = rowWhere(q);
  const rows = db
    .prepare(
      `WITH pairs AS MATERIALIZED (
         SELECT path, visitor_id, COUNT(*) AS n FROM dash_pageviews WHERE ${sql} GROUP BY path, visitor_id)
       SELECT 0, path, COUNT(visitor_id), SUM(n) FROM pairs GROUP BY path
       UNION ALL SELECT 1, NULL, COUNT(DISTINCT visitor_id), 0 FROM pairs`,
    )
    .raw()
    .all(params) as [number, string | null, number, number][];
  const counted = rows
    .filter((r) => r[0] === 0)
    .map(([, key, visitors, pageviews]) => ({ key, visitors, pageviews }));
  const total = rows.find((r) => r[0] === 1)?.[2] ?? 0;
  return rankCounted('pages', counted, total, opts);
}

export function sqlitePageviewBreakdown(
  db: Database,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): BreakdownResult {
  return name === 'pages' ? pagesBreakdown(db, q, opts) : visitBreakdown(db, name, q, opts);
}
