import type { DashQuery } from '../../dashboard/types.js';

export interface Where {
  /** Conditions joined with AND (never empty: the site is always one). */
  sql: string;
  params: Record<string, unknown>;
}

/** Filter → column. Column names are fixed here, never taken from input. */
const COLUMNS = {
  page: 'path',
  browser: 'browser',
  campaign: 'utm_campaign',
  category: 'category',
} as const;

/** The referrer filter's value for visits without a referrer. */
export const DIRECT = '(direct)';

/**
 * The conditions every panel shares: site, range (unless `range: false`, when buckets bound it)
 * and the filters. `a` prefixes columns (`a.`) when the query joins.
 */
export function dashWhere(q: DashQuery, opts: { alias?: string; range?: boolean } = {}): Where {
  const a = opts.alias ? `${opts.alias}.` : '';
  const parts = [`${a}site = @site`];
  const params: Record<string, unknown> = { site: q.site };
  if (opts.range !== false) {
    parts.push(`${a}ts >= @from`, `${a}ts < @to`);
    params.from = q.from;
    params.to = q.to;
  }
  if (q.filters.bots !== 'include') parts.push(`${a}is_bot = 0`);
  for (const [name, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const value = q.filters[name];
    if (value === undefined) continue;
    parts.push(`${a}${column} = @f_${name}`);
    params[`f_${name}`] = value;
  }
  const referrer = q.filters.referrer;
  if (referrer === DIRECT) parts.push(`${a}referrer_domain IS NULL`);
  else if (referrer !== undefined) {
    parts.push(`${a}referrer_domain = @f_referrer`);
    params.f_referrer = referrer;
  }
  return { sql: parts.join(' AND '), params };
}
