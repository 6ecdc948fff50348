-- A visit is recomputed when a column it is made of changes, not when any column does: re-encrypting
-- the personal columns (consentlog rotate-key writes only the *_enc cipher texts) would otherwise
-- mark every visit of the file for the next roll-up refresh. The list is every column of the access
-- log's contract, so a change that matters to the visits still marks them.
DROP TRIGGER access_log_dash_update;
CREATE TRIGGER access_log_dash_update AFTER UPDATE OF id, received_at, ts, site, type, category, url,
  host, path, referrer, referrer_domain, title, browser, browser_version, os, device, is_bot, ip,
  user_agent, language, screen, timezone, visitor_id, session_id, name, props, utm_source, utm_medium,
  utm_campaign, utm_term, utm_content, click_id, consent_id, policy_revision, metric, value, rating,
  self_referral, network_domain ON access_log WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO dash_dirty (site, session_id, start_ts, end_ts)
    SELECT site, session_id, start_ts, end_ts FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
  DELETE FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
END;
