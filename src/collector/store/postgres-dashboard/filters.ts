import type { DashQuery } from '../../dashboard/types.js';
import { DIRECT, VISIT_SLACK_MS } from '../sqlite-dashboard/filters.js';
import { visitsCte } from './visits.js';

/** Positional parameters collected while a statement is built: `p.add(v)` → `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function base(q: DashQuery, p: Params, a: string, tsColumn: string, range: boolean): string[] {
  const parts = [`${a}site = ${p.add(q.site)}`];
  if (range) parts.push(`${a}${tsColumn} >= ${p.add(q.from)}`, `${a}${tsColumn} < ${p.add(q.to)}`);
  if (q.filters.bots !== 'include') parts.push(`${a}is_bot = 0`);
  if (q.filters.browser !== undefined) parts.push(`${a}browser = ${p.add(q.filters.browser)}`);
  return parts;
}

/** Conditions on a visit's own attributes: where it came from and its campaign. */
function visitAttributes(q: DashQuery, p: Params, a: string, parts: string[]): void {
  const { referrer, campaign } = q.filters;
  if (referrer === DIRECT) parts.push(`${a}referrer_domain IS NULL`);
  else if (referrer !== undefined) parts.push(`${a}referrer_domain = ${p.add(referrer)}`);
  if (campaign !== undefined) parts.push(`${a}utm_campaign = ${p.add(campaign)}`);
}

/**
 * Visit-level panels (the `dash_visits` CTE, alias `v`), with the SQLite store's definitions:
 * visits that started in the range, had a pageview, and pass the filters — `page`/`category`: the
 * visit has such a row. Returns the CTE to put in front and the WHERE conditions.
 */
export function pgVisitWhere(q: DashQuery, p: Params, opts: { range?: boolean } = {}) {
  const cte = visitsCte(q, p);
  const parts = [...base(q, p, 'v.', 'start_ts', opts.range !== false), 'v.pageviews > 0'];
  visitAttributes(q, p, 'v.', parts);
  const rowFilters: string[] = [];
  if (q.filters.page !== undefined) rowFilters.push(`type = 'pageview' AND path = ${p.add(q.filters.page)}`);
  if (q.filters.category !== undefined) rowFilters.push(`category = ${p.add(q.filters.category)}`);
  for (const cond of rowFilters) {
    parts.push(`v.session_id IN (SELECT session_id FROM access_log
      WHERE site = ${p.add(q.site)} AND ts >= ${p.add(q.from)} AND ts < ${p.add(q.to + VISIT_SLACK_MS)} AND ${cond})`);
  }
  return { cte, sql: parts.join(' AND ') };
}

/**
 * Row-level panels (access_log, alias `a`): rows in the range passing the filters — `page`,
 * `category`, `browser` and bots on the row itself; `referrer`/`campaign` on the row's visit.
 * `cte` is empty unless a visit attribute is filtered on.
 */
export function pgRowWhere(q: DashQuery, p: Params, opts: { alias?: string } = {}) {
  const a = opts.alias ? `${opts.alias}.` : '';
  const parts = base(q, p, a, 'ts', true);
  if (q.filters.page !== undefined) parts.push(`${a}path = ${p.add(q.filters.page)}`);
  if (q.filters.category !== undefined) parts.push(`${a}category = ${p.add(q.filters.category)}`);
  const visit: string[] = [];
  visitAttributes(q, p, 'v.', visit);
  let cte = '';
  if (visit.length) {
    cte = visitsCte(q, p);
    parts.push(`${a}session_id IN (SELECT v.session_id FROM dash_visits AS v
      WHERE v.start_ts >= ${p.add(q.from - VISIT_SLACK_MS)} AND v.start_ts < ${p.add(q.to)} AND ${visit.join(' AND ')})`);
  }
  return { cte, sql: parts.join(' AND ') };
}
