import type pg from 'pg';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT } from '../sqlite-dashboard/filters.js';
import { Params, pgRowWhere, pgVisitWhere } from './filters.js';

/** Visit breakdowns by one visit column (fixed here, never from input), as in the SQLite store. */
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
/** Ties in SQLite's order: code points (BINARY), unknown first. */
const TIE = 'value COLLATE "C" ASC NULLS FIRST';

function finish(name: BreakdownName, rows: Counted[], total: number): BreakdownResult {
  return { name, total, rows: rows.map((r) => ({ ...r, share: total ? r.visitors / total : 0 })) };
}

/** Entry/exit pages, referrers, browsers, OS, devices, languages, screens, campaigns: per visit. */
async function visitBreakdown(pool: pg.Pool, name: BreakdownName, q: DashQuery, opts: BreakdownOptions) {
  const p = new Params();
  const { cte, sql } = pgVisitWhere(q, p);
  const campaigns = name === 'campaigns';
  const where = campaigns
    ? `${sql} AND (v.utm_campaign IS NOT NULL OR v.utm_source IS NOT NULL OR v.utm_medium IS NOT NULL)`
    : sql;
  const group = campaigns ? 'value, source, medium' : 'value';
  const extra = campaigns ? ', v.utm_source AS source, v.utm_medium AS medium' : '';
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const base = p.values.length;
  const limit = p.add(opts.limit);
  const [rows, total] = await Promise.all([
    pool.query<Counted>(
      `WITH ${cte} SELECT * FROM (
         SELECT ${VISIT_COLUMN[name]} AS value${extra}, COUNT(DISTINCT v.visitor_id) AS visitors,
           SUM(v.pageviews)::int AS pageviews, COUNT(*) AS visits
         FROM dash_visits AS v WHERE ${where} GROUP BY ${group}) b
       ORDER BY ${sort} ${direction(opts)}, ${TIE} LIMIT ${limit}`,
      p.values,
    ),
    pool.query<{ n: number }>(
      `WITH ${cte} SELECT COUNT(DISTINCT v.visitor_id) AS n FROM dash_visits AS v WHERE ${where}`,
      p.values.slice(0, base),
    ),
  ]);
  return finish(name, rows.rows, total.rows[0]?.n ?? 0);
}

/** Pages: every pageview in the range. */
async function pagesBreakdown(pool: pg.Pool, q: DashQuery, opts: BreakdownOptions) {
  const p = new Params();
  const { cte, sql } = pgRowWhere(q, p);
  const from = `access_log WHERE ${sql} AND type = 'pageview'`;
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const base = p.values.length;
  const limit = p.add(opts.limit);
  const withCte = cte ? `WITH ${cte} ` : '';
  const [rows, total] = await Promise.all([
    pool.query<Counted>(
      `${withCte}SELECT * FROM (SELECT path AS value, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews
         FROM ${from} GROUP BY path) b
       ORDER BY ${sort} ${direction(opts)}, ${TIE} LIMIT ${limit}`,
      p.values,
    ),
    pool.query<{ n: number }>(
      `${withCte}SELECT COUNT(DISTINCT visitor_id) AS n FROM ${from}`,
      p.values.slice(0, base),
    ),
  ]);
  return finish('pages', rows.rows, total.rows[0]?.n ?? 0);
}

export function pgPageviewBreakdown(
  pool: pg.Pool,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): Promise<BreakdownResult> {
  return name === 'pages' ? pagesBreakdown(pool, q, opts) : visitBreakdown(pool, name, q, opts);
}
