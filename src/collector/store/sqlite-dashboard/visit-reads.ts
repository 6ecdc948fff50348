import type { Database } from 'better-sqlite3';
import type { DashQuery } from '../../dashboard/types.js';
import { visitWhere } from './filters.js';

/** One filtered visit: `[visitor, pageviews, bounced (0/1), duration ms, start_ts]`. */
export type VisitRow = [
  visitor: number | string | null,
  pageviews: number,
  bounced: number,
  ms: number,
  start: number,
];

/**
 * A range's filtered visits, in one read, for the overview to count its totals and its series from
 * (overview.ts): each used to be its own statement that paid for the filter — the page filter's
 * session list and a probe per visit of the range — ~half the filtered overview's time on the bench.
 * The visitor is its number (dash_visitors; every refresh transaction numbers the visits it writes),
 * the id only while it has none: small integers cost less to read and to count than id strings.
 */
export function readVisits(db: Database, q: DashQuery): VisitRow[] {
  const { sql, params } = visitWhere(q);
  return db
    .prepare(
      `SELECT COALESCE(v.vn, v.visitor_id), v.pageviews, v.pageviews = 1 AND v.events = 0 AND v.engaged = 0,
         v.end_ts - v.start_ts, v.start_ts
       FROM dash_visits AS v WHERE ${sql}`,
    )
    .raw()
    .all(params) as VisitRow[];
}
