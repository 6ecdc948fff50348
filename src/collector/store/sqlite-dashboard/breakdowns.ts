import type { Database } from 'better-sqlite3';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { DIRECT, dashWhere } from './filters.js';

/** Pageview breakdowns by one column (fixed here, never from input). */
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

/** Extra row conditions of a breakdown: referrers leave out internal navigation. */
const EXTRA: Partial<Record<BreakdownName, string>> = {
  referrers: "AND (referrer_domain IS NULL OR (referrer_domain <> COALESCE(host, '') AND self_referral = 0))",
  campaigns: 'AND (utm_campaign IS NOT NULL OR utm_source IS NOT NULL OR utm_medium IS NOT NULL)',
};

/** The rows a pageview breakdown reads: each pageview, or one per visit for entry/exit pages. */
function source(name: BreakdownName, where: string): string {
  if (name === 'entry_pages' || name === 'exit_pages') {
    const dir = name === 'entry_pages' ? 'ASC' : 'DESC';
    return `(SELECT path AS value, visitor_id FROM (
        SELECT path, visitor_id, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY ts ${dir}, id) AS rn
        FROM access_log WHERE ${where} AND type = 'pageview' AND session_id IS NOT NULL) WHERE rn = 1)`;
  }
  const extraCols = name === 'campaigns' ? ', utm_source AS source, utm_medium AS medium' : '';
  return `(SELECT ${COLUMN_OF[name]} AS value, visitor_id${extraCols} FROM access_log
      WHERE ${where} AND type = 'pageview' ${EXTRA[name] ?? ''})`;
}

/** Pages, entry/exit pages, referrers, browsers, OS, devices, languages, screens, campaigns. */
export function sqlitePageviewBreakdown(
  db: Database,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): BreakdownResult {
  const { sql, params } = dashWhere(q);
  const from = source(name, sql);
  // Campaign rows are (campaign, source, medium) triples; the others one value each.
  const group = name === 'campaigns' ? 'value, source, medium' : 'value';
  const sort = opts.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const rows = db
    .prepare(
      `SELECT ${group}, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews FROM ${from}
       GROUP BY ${group} ORDER BY ${sort} ${opts.order === 'asc' ? 'ASC' : 'DESC'}, value ASC LIMIT @limit`,
    )
    .all({ ...params, limit: opts.limit }) as { value: string | null; visitors: number; pageviews: number }[];
  const total = db.prepare(`SELECT COUNT(DISTINCT visitor_id) FROM ${from}`).pluck().get(params) as number;
  return {
    name,
    total,
    rows: rows.map((r) => ({ ...r, share: total ? r.visitors / total : 0 })),
  };
}
