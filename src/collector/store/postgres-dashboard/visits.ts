import { ENGAGED_MS } from '../../dashboard/engaged.js';
import type { DashQuery } from '../../dashboard/types.js';
import { VISIT_SLACK_MS } from '../sqlite-dashboard/filters.js';
import type { Params } from './filters.js';

/**
 * `dash_visits AS (…)`: one row per visit of the site, with the columns of the SQLite store's
 * roll-up table (migration 007) and the same definitions, computed at query time from the rows
 * within a day (VISIT_SLACK_MS) of the range. PostgreSQL keeps no roll-up: a watermark on `seq`
 * would skip rows of transactions that commit out of order when several collectors insert.
 * Visits longer than that slack are cut at it (the roll-up sees all their rows).
 */
export function visitsCte(q: DashQuery, p: Params): string {
  const site = p.add(q.site);
  const from = p.add(q.from - VISIT_SLACK_MS);
  const to = p.add(q.to + VISIT_SLACK_MS);
  // One aggregation pass, no self-join: the entry and exit pageview's columns are the first element
  // of an array ordered by time (then stored order), as the roll-up's ROW_NUMBER picks them.
  const first = (column: string) =>
    `(array_agg(${column} ORDER BY ts, seq) FILTER (WHERE type = 'pageview'))[1]`;
  const last = (column: string) =>
    `(array_agg(${column} ORDER BY ts DESC, seq DESC) FILTER (WHERE type = 'pageview'))[1]`;
  const ref = 'CASE WHEN self_referral = 1 OR referrer_domain = host THEN NULL ELSE referrer_domain END';
  return `dash_visits AS (
    SELECT site, session_id, MAX(visitor_id COLLATE "C") AS visitor_id, MIN(ts) AS start_ts, MAX(ts) AS end_ts,
      COUNT(*) FILTER (WHERE type = 'pageview') AS pageviews, COUNT(*) FILTER (WHERE type = 'event') AS events,
      COALESCE(bool_or(type = 'engagement' AND value >= ${ENGAGED_MS}), false)::int AS engaged,
      MAX(is_bot) AS is_bot, MAX(browser COLLATE "C") AS browser, MAX(os COLLATE "C") AS os,
      MAX(device COLLATE "C") AS device, MAX(language COLLATE "C") AS language, MAX(screen COLLATE "C") AS screen,
      ${first('ts')} AS entry_ts, ${first('path')} AS entry_path, ${last('ts')} AS exit_ts, ${last('path')} AS exit_path,
      ${first(ref)} AS referrer_domain, ${first('utm_campaign')} AS utm_campaign,
      ${first('utm_source')} AS utm_source, ${first('utm_medium')} AS utm_medium
    FROM access_log WHERE site = ${site} AND ts >= ${from} AND ts < ${to} AND session_id IS NOT NULL
    GROUP BY site, session_id)`;
}
