import type { Database } from 'better-sqlite3';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT, rowSource, visitWhere } from './filters.js';
import { type Counted, rankCounted } from './row-counts.js';

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
 * One SQL statement: the filtered visits are collected once (MATERIALIZED), then grouped, and their
 * distinct visitors counted for the share's total. Visitors are counted by their number
 * (dash_visitors, set in every refresh transaction; the id only while a visit has none). Reading the
 * visits into JS and counting there, as before, cost more than the whole statement does: ~1 µs a
 * row to read (0.14 s against 0.10 for the 43,000 visits that viewed `/` in 30 days on the bench,
 * 0.16 against 0.08 for one browser's 65,000).
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
  const keys = campaigns
    ? ['v.utm_campaign', 'v.utm_source', 'v.utm_medium']
    : [VISIT_COLUMN[name] as string];
  const k = keys.map((_, i) => `k${i}`);
  const rows = db
    .prepare(
      `WITH m AS MATERIALIZED (
         SELECT ${keys.map((c, i) => `${c} AS k${i}`).join(', ')}, COALESCE(v.vn, v.visitor_id) AS who,
           v.pageviews AS pv
         FROM dash_visits AS v WHERE ${where})
       SELECT 0, COUNT(DISTINCT who), SUM(pv), COUNT(*), ${k.join(', ')} FROM m GROUP BY ${k.join(', ')}
       UNION ALL SELECT 1, COUNT(DISTINCT who), 0, 0, ${k.map(() => 'NULL').join(', ')} FROM m`,
    )
    .raw()
    .all(params) as unknown[][];
  const counted: Counted[] = [];
  let total = 0;
  for (const r of rows) {
    if (r[0] === 1) total = r[1] as number;
    else
      counted.push({
        key: campaigns ? r.slice(4) : r[4],
        visitors: r[1] as number,
        pageviews: r[2] as number,
        visits: r[3] as number,
      });
  }
  return rankCounted(name, counted, total, opts);
}

/**
 * Pages: every pageview in the range (from dash_pageviews, their narrow copy in time order). Counted
 * in SQL, in one statement: the filter's rows are grouped once into (page, visitor) pairs, from which
 * come each page's visitors and pageviews and the distinct visitors of all. Reading the rows into JS
 * costs ~2 µs a row (two strings each): 0.5 s for the 184,000 pageviews of one browser over 30 days
 * on the bench, where this takes about half, and a third less for a few thousand rows. Under a
 * referrer or campaign filter the matching visits drive the read (filters.ts rowSource). Grouping
 * in one pass by page with a distinct count per page, plus a second pass for the distinct
 * visitors of all, measured no faster (docs/benchmarks.md).
 */
function pagesBreakdown(db: Database, q: DashQuery, opts: BreakdownOptions): BreakdownResult {
  const { tables, sql, params } = rowSource(q, 'dash_pageviews');
  const rows = db
    .prepare(
      `WITH pairs AS MATERIALIZED (
         SELECT r.path AS path, r.visitor_id AS visitor_id, COUNT(*) AS n FROM ${tables} WHERE ${sql}
         GROUP BY 1, 2)
       SELECT 0, path, COUNT(visitor_id), SUM(n) FROM pairs GROUP BY path
       UNION ALL SELECT 1, NULL, COUNT(DISTINCT visitor_id), 0 FROM pairs`,
    )
    .raw()
    .all(params) as [number, string | null, number, number][];
  const counted: Counted[] = rows
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
