import type { Database } from 'better-sqlite3';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT, rowWhere, visitWhere } from './filters.js';

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

type Counted = { value: string | null; visitors: number; pageviews: number; visits?: number };

const direction = (opts: BreakdownOptions) => (opts.order === 'asc' ? 'ASC' : 'DESC');

function finish(name: BreakdownName, rows: Counted[], total: number): BreakdownResult {
  return { name, total, rows: rows.map((r) => ({ ...r, share: total ? r.visitors / total : 0 })) };
}

/** Entry/exit pages, referrers, browsers, OS, devices, languages, screens, campaigns: per visit. */
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
  const group = campaigns ? 'value, source, medium' : 'value';
  const extra = campaigns ? ', v.utm_source AS source, v.utm_medium AS medium' : '';
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const rows = db
    .prepare(
      `SELECT ${VISIT_COLUMN[name]} AS value${extra}, COUNT(DISTINCT v.visitor_id) AS visitors,
         SUM(v.pageviews) AS pageviews, COUNT(*) AS visits
       FROM dash_visits AS v WHERE ${where} GROUP BY ${group}
       ORDER BY ${sort} ${direction(opts)}, value ASC LIMIT @limit`,
    )
    .all({ ...params, limit: opts.limit }) as Counted[];
  const total = db
    .prepare(`SELECT COUNT(DISTINCT v.visitor_id) FROM dash_visits AS v WHERE ${where}`)
    .pluck()
    .get(params) as number;
  return finish(name, rows, total);
}

/** Pages: every pageview in the range (from dash_pageviews, their narrow copy in time order). */
function pagesBreakdown(db: Database, q: DashQuery, opts: BreakdownOptions): BreakdownResult {
  const { sql, params } = rowWhere(q);
  const from = `dash_pageviews WHERE ${sql}`;
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const rows = db
    .prepare(
      `SELECT path AS value, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews FROM ${from}
       GROUP BY path ORDER BY ${sort} ${direction(opts)}, value ASC LIMIT @limit`,
    )
    .all({ ...params, limit: opts.limit }) as Counted[];
  const total = db.prepare(`SELECT COUNT(DISTINCT visitor_id) FROM ${from}`).pluck().get(params) as number;
  return finish('pages', rows, total);
}

export function sqlitePageviewBreakdown(
  db: Database,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): BreakdownResult {
  return name === 'pages' ? pagesBreakdown(db, q, opts) : visitBreakdown(db, name, q, opts);
}
