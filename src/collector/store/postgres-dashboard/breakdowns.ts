import type pg from 'pg';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT } from '../sqlite-dashboard/filters.js';
import { Params, pgDashWhere } from './filters.js';

/** Pageview breakdowns by one column (fixed here, never from input), as in the SQLite store. */
const COLUMN_OF: Partial<Record<BreakdownName, string>> = {
  pages: 'path',
  browsers: 'browser',
  os: 'os',
  devices: 'device',
  languages: 'language',
  screens: 'screen',
  campaigns: 'utm_campaign',
  referrers: `CASE WHEN referrer_domain IS NULL THEN '${DIRECT}' ELSE referrer_domain END`,
};

const EXTRA: Partial<Record<BreakdownName, string>> = {
  referrers: "AND (referrer_domain IS NULL OR (referrer_domain <> COALESCE(host, '') AND self_referral = 0))",
  campaigns: 'AND (utm_campaign IS NOT NULL OR utm_source IS NOT NULL OR utm_medium IS NOT NULL)',
};

/** The rows a pageview breakdown reads: each pageview, or one per visit for entry/exit pages. */
function source(name: BreakdownName, where: string): string {
  if (name === 'entry_pages' || name === 'exit_pages') {
    const dir = name === 'entry_pages' ? 'ASC' : 'DESC';
    return `(SELECT path AS value, visitor_id FROM (
        SELECT path, visitor_id, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY ts ${dir}, id COLLATE "C") AS rn
        FROM access_log WHERE ${where} AND type = 'pageview' AND session_id IS NOT NULL) f WHERE rn = 1) s`;
  }
  const extraCols = name === 'campaigns' ? ', utm_source AS source, utm_medium AS medium' : '';
  return `(SELECT ${COLUMN_OF[name]} AS value, visitor_id${extraCols} FROM access_log
      WHERE ${where} AND type = 'pageview' ${EXTRA[name] ?? ''}) s`;
}

/** Pages, entry/exit pages, referrers, browsers, OS, devices, languages, screens, campaigns. */
export async function pgPageviewBreakdown(
  pool: pg.Pool,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): Promise<BreakdownResult> {
  const p = new Params();
  const from = source(name, pgDashWhere(q, p));
  const group = name === 'campaigns' ? 'value, source, medium' : 'value';
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const limit = p.add(opts.limit);
  // COLLATE "C" NULLS FIRST: ties in the same order as SQLite (code points, unknown first).
  const [rows, total] = await Promise.all([
    pool.query<{ value: string | null; visitors: number; pageviews: number }>(
      `SELECT ${group}, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews FROM ${from}
       GROUP BY ${group} ORDER BY ${sort} ${opts.order === 'asc' ? 'ASC' : 'DESC'}, value COLLATE "C" ASC NULLS FIRST
       LIMIT ${limit}`,
      p.values,
    ),
    pool.query<{ n: number }>(`SELECT COUNT(DISTINCT visitor_id) AS n FROM ${from}`, p.values.slice(0, -1)),
  ]);
  const n = total.rows[0]?.n ?? 0;
  return { name, total: n, rows: rows.rows.map((r) => ({ ...r, share: n ? r.visitors / n : 0 })) };
}
