-- Dashboard category filter (issue 6, speed): each visit lists its distinct consent categories as
-- ',a,b,' (categories are an open set, so a list rather than a bitmask), kept by the visits roll-up
-- (src/collector/store/sqlite-dashboard/visits-rollup.ts) so `category=` is a test on the visit
-- instead of a search of the access log. Visits folded before this migration get theirs from the
-- rows at or below the watermark, in one GROUP BY pass (session_id has no index on access_log).
ALTER TABLE dash_visits ADD COLUMN categories TEXT NOT NULL DEFAULT ',';
UPDATE dash_visits AS v SET categories = c.list
FROM (
  SELECT site, session_id, ',' || group_concat(DISTINCT category) || ',' AS list
  FROM access_log
  WHERE session_id IS NOT NULL AND rowid <= (SELECT value FROM dash_state WHERE key = 'visits_rowid')
  GROUP BY site, session_id
) AS c
WHERE v.site = c.site AND v.session_id = c.session_id;
-- 011's covering index, with the categories: a category-filtered day still needs no key lookups.
DROP INDEX dash_visits_start;
CREATE INDEX dash_visits_start ON dash_visits (site, start_ts, is_bot, pageviews, visitor_id, events, engaged,
  end_ts, browser, referrer_domain, utm_campaign, entry_path, exit_path, os, device, language, screen,
  utm_source, utm_medium, vn, categories);
