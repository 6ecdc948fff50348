import type { DashQuery } from '../../dashboard/types.js';
import { DIRECT } from '../sqlite-dashboard/filters.js';

/** Positional parameters collected while a statement is built: `p.add(v)` → `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Filter → column. Column names are fixed here, never taken from input. */
const COLUMNS = { page: 'path', browser: 'browser', campaign: 'utm_campaign', category: 'category' } as const;

/**
 * The conditions every panel shares (PostgreSQL), as the SQLite store's `dashWhere`: site, range on
 * `ts` (which also limits the months PostgreSQL reads) unless `range: false`, bots, filters.
 */
export function pgDashWhere(q: DashQuery, p: Params, opts: { alias?: string; range?: boolean } = {}): string {
  const a = opts.alias ? `${opts.alias}.` : '';
  const parts = [`${a}site = ${p.add(q.site)}`];
  if (opts.range !== false) parts.push(`${a}ts >= ${p.add(q.from)}`, `${a}ts < ${p.add(q.to)}`);
  if (q.filters.bots !== 'include') parts.push(`${a}is_bot = 0`);
  for (const [name, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const value = q.filters[name];
    if (value !== undefined) parts.push(`${a}${column} = ${p.add(value)}`);
  }
  const referrer = q.filters.referrer;
  if (referrer === DIRECT) parts.push(`${a}referrer_domain IS NULL`);
  else if (referrer !== undefined) parts.push(`${a}referrer_domain = ${p.add(referrer)}`);
  return parts.join(' AND ');
}
