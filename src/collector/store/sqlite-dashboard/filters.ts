import type { DashQuery } from '../../dashboard/types.js';

export interface Where {
  /** Conditions joined with AND (never empty: the site is always one). */
  sql: string;
  params: Record<string, unknown>;
}

/** The referrer filter's value for visits without an outside referrer. */
export const DIRECT = '(direct)';

/** Visits are looked up this far beyond a range's edge (a visit that started before it, or ends after). */
export const VISIT_SLACK_MS = 86_400_000;

function base(q: DashQuery, a: string, tsColumn: string, range: boolean): Where {
  const parts = [`${a}site = @site`];
  const params: Record<string, unknown> = { site: q.site };
  if (range) {
    parts.push(`${a}${tsColumn} >= @from`, `${a}${tsColumn} < @to`);
    params.from = q.from;
    params.to = q.to;
  }
  if (q.filters.bots !== 'include') parts.push(`${a}is_bot = 0`);
  if (q.filters.browser !== undefined) {
    parts.push(`${a}browser = @f_browser`);
    params.f_browser = q.filters.browser;
  }
  return { sql: parts.join(' AND '), params };
}

/** Conditions on a visit's own attributes: where it came from and its campaign (dash_visits columns). */
function visitAttributes(q: DashQuery, a: string, parts: string[], params: Record<string, unknown>): void {
  const { referrer, campaign } = q.filters;
  if (referrer === DIRECT) parts.push(`${a}referrer_domain IS NULL`);
  else if (referrer !== undefined) {
    parts.push(`${a}referrer_domain = @f_referrer`);
    params.f_referrer = referrer;
  }
  if (campaign !== undefined) {
    parts.push(`${a}utm_campaign = @f_campaign`);
    params.f_campaign = campaign;
  }
}

/**
 * Visit-level panels (dash_visits, alias `v`): visits that started in the range, had a pageview,
 * and pass the filters — `page`/`category`: the visit has such a row (`category` through the visit's
 * `categories` list).
 */
export function visitWhere(q: DashQuery, opts: { range?: boolean } = {}): Where {
  const { sql, params } = base(q, 'v.', 'start_ts', opts.range !== false);
  const parts = [sql, 'v.pageviews > 0'];
  visitAttributes(q, 'v.', parts, params);
  const rowFilters: string[] = [];
  if (q.filters.page !== undefined) {
    rowFilters.push('dash_pageviews WHERE path = @f_page');
    params.f_page = q.filters.page;
  }
  if (q.filters.category !== undefined) {
    // The visit's own list of categories (migration 016, kept by visits-rollup.ts): `,a,b,`.
    parts.push(`instr(v.categories, ',' || @f_category || ',') > 0`);
    params.f_category = q.filters.category;
  }
  for (const from of rowFilters) {
    parts.push(`v.session_id IN (SELECT session_id FROM ${from}
      AND site = @site AND ts >= @from_v AND ts < @to_v)`);
    params.from_v = q.from;
    params.to_v = q.to + VISIT_SLACK_MS;
  }
  return { sql: parts.join(' AND '), params };
}

/** A row's own conditions (alias `a`): range, bots, browser, page and category on the row itself. */
function rowOwn(q: DashQuery, a: string): Where {
  const { sql, params } = base(q, a, 'ts', true);
  const parts = [sql];
  if (q.filters.page !== undefined) {
    parts.push(`${a}path = @f_page`);
    params.f_page = q.filters.page;
  }
  if (q.filters.category !== undefined) {
    parts.push(`${a}category = @f_category`);
    params.f_category = q.filters.category;
  }
  return { sql: parts.join(' AND '), params };
}

/** The visits a row may belong to under a referrer/campaign filter (alias `v`), or null without one. */
function rowVisits(q: DashQuery, params: Record<string, unknown>): string | null {
  const visit: string[] = [];
  visitAttributes(q, 'v.', visit, params);
  if (!visit.length) return null;
  params.from_v = q.from - VISIT_SLACK_MS;
  return `v.site = @site AND v.start_ts >= @from_v AND v.start_ts < @to AND ${visit.join(' AND ')}`;
}

/**
 * Row-level panels (access_log, alias `a`): rows in the range passing the filters — `page`,
 * `category`, `browser` and bots on the row itself; `referrer`/`campaign` on the row's visit.
 * The definition the panels' reads (rowSource) and the tests' plain-SQL references share.
 */
export function rowWhere(q: DashQuery, opts: { alias?: string } = {}): Where {
  const a = opts.alias ? `${opts.alias}.` : '';
  const { sql, params } = rowOwn(q, a);
  const visits = rowVisits(q, params);
  if (!visits) return { sql, params };
  return {
    sql: `${sql} AND ${a}session_id IN (SELECT v.session_id FROM dash_visits AS v WHERE ${visits})`,
    params,
  };
}

/** A row panel's source: `FROM ${tables} WHERE ${sql}` reads the rows rowWhere selects, as `r`. */
export interface RowSource extends Where {
  tables: string;
}

/**
 * The rows of `table` (a row copy with a `(site, session_id, ts, …)` covering index: dash_pageviews,
 * dash_vitals) that rowWhere selects, read the fastest way: under a referrer or campaign filter the
 * matching visits drive the read, each visit's rows in the range sought through that index, instead
 * of every row of the range being tested against the list of matching visits (the list is built,
 * and each row probed, per statement). A row has at most one visit ((site, session_id) is
 * dash_visits' key), so the join selects each row once, exactly as the IN test does.
 */
export function rowSource(q: DashQuery, table: 'dash_pageviews' | 'dash_vitals'): RowSource {
  const { sql, params } = rowOwn(q, 'r.');
  const visits = rowVisits(q, params);
  if (!visits) return { tables: `${table} AS r`, sql, params };
  return {
    // CROSS JOIN keeps the visits the outer loop; INDEXED BY, the seek per visit (without it, under
    // a GROUP BY, SQLite may pick the table's (site, ts) key and read the whole range once per visit).
    tables: `dash_visits AS v CROSS JOIN ${table} AS r INDEXED BY ${table}_session
      ON r.site = v.site AND r.session_id = v.session_id`,
    sql: `${visits} AND ${sql}`,
    params,
  };
}
