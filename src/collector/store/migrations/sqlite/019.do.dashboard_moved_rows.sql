-- A row changed by hand may leave its visit's time span or move to another visit (a new `ts`,
-- `session_id` or `site`). The refresh recomputes a dirty visit from the rows it finds in the noted
-- span (007), so the span now takes in the row's new time, and the visit the row moved into is
-- recomputed too (its span likewise). An existing note is widened, not kept as it was: several
-- edits may come before one refresh.
DROP TRIGGER access_log_dash_update;
CREATE TRIGGER access_log_dash_update AFTER UPDATE OF id, received_at, ts, site, type, category, url,
  host, path, referrer, referrer_domain, title, browser, browser_version, os, device, is_bot, ip,
  user_agent, language, screen, timezone, visitor_id, session_id, name, props, utm_source, utm_medium,
  utm_campaign, utm_term, utm_content, click_id, consent_id, policy_revision, metric, value, rating,
  self_referral, network_domain ON access_log
  WHEN OLD.session_id IS NOT NULL OR NEW.session_id IS NOT NULL
BEGIN
  INSERT INTO dash_dirty (site, session_id, start_ts, end_ts)
    SELECT site, session_id, start_ts, end_ts FROM dash_visits
    WHERE site = OLD.site AND session_id = OLD.session_id
    ON CONFLICT (site, session_id) DO UPDATE SET
      start_ts = MIN(start_ts, excluded.start_ts), end_ts = MAX(end_ts, excluded.end_ts);
  DELETE FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
  INSERT INTO dash_dirty (site, session_id, start_ts, end_ts)
    SELECT NEW.site, NEW.session_id,
      MIN(NEW.ts, COALESCE(v.start_ts, NEW.ts)), MAX(NEW.ts, COALESCE(v.end_ts, NEW.ts))
    FROM (SELECT 1) LEFT JOIN dash_visits AS v ON v.site = NEW.site AND v.session_id = NEW.session_id
    WHERE NEW.session_id IS NOT NULL
    ON CONFLICT (site, session_id) DO UPDATE SET
      start_ts = MIN(start_ts, excluded.start_ts), end_ts = MAX(end_ts, excluded.end_ts);
  DELETE FROM dash_visits WHERE site = NEW.site AND session_id = NEW.session_id;
END;
