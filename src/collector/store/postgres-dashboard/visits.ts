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
  return `r AS (
    SELECT seq, site, session_id, visitor_id, ts, type, value, is_bot, path, host, referrer_domain, self_referral,
      utm_campaign, utm_source, utm_medium, browser, os, device, language, screen
    FROM access_log WHERE site = ${site} AND ts >= ${from} AND ts < ${to} AND session_id IS NOT NULL),
  g AS (
    SELECT site, session_id, MAX(visitor_id COLLATE "C") AS visitor_id, MIN(ts) AS start_ts, MAX(ts) AS end_ts,
      COUNT(*) FILTER (WHERE type = 'pageview') AS pageviews, COUNT(*) FILTER (WHERE type = 'event') AS events,
      COALESCE(bool_or(type = 'engagement' AND value >= ${ENGAGED_MS}), false)::int AS engaged,
      MAX(is_bot) AS is_bot, MAX(browser COLLATE "C") AS browser, MAX(os COLLATE "C") AS os,
      MAX(device COLLATE "C") AS device, MAX(language COLLATE "C") AS language, MAX(screen COLLATE "C") AS screen
    FROM r GROUP BY site, session_id),
  pv AS MATERIALIZED (
    SELECT site, session_id, ts, path, utm_campaign, utm_source, utm_medium,
      CASE WHEN self_referral = 1 OR referrer_domain = host THEN NULL ELSE referrer_domain END AS ref,
      ROW_NUMBER() OVER (PARTITION BY site, session_id ORDER BY ts, seq) AS first_rank,
      ROW_NUMBER() OVER (PARTITION BY site, session_id ORDER BY ts DESC, seq DESC) AS last_rank
    FROM r WHERE type = 'pageview'),
  dash_visits AS (
    SELECT g.site, g.session_id, g.visitor_id, g.start_ts, g.end_ts, g.pageviews, g.events, g.engaged, g.is_bot,
      f.ts AS entry_ts, f.path AS entry_path, l.ts AS exit_ts, l.path AS exit_path, f.ref AS referrer_domain,
      f.utm_campaign, f.utm_source, f.utm_medium, g.browser, g.os, g.device, g.language, g.screen
    FROM g LEFT JOIN pv AS f ON f.site = g.site AND f.session_id = g.session_id AND f.first_rank = 1
      LEFT JOIN pv AS l ON l.site = g.site AND l.session_id = g.session_id AND l.last_rank = 1)`;
}
