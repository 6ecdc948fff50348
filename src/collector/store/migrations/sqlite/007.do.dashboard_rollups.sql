-- Dashboard roll-up (issue 6): one row per visit (session), so the overview and the visit
-- breakdowns read ~a fifth of the rows, narrow ones. Filled off the insert path: the dashboard
-- folds in rows past a watermark (rowid) when it is asked, and on a timer. Inserts stay as they
-- were; deletes and updates of access-log rows (privacy rights, retention purge) mark the visit
-- dirty through the triggers below, and it is recomputed from what remains.
CREATE TABLE dash_visits (
  site TEXT NOT NULL,
  session_id TEXT NOT NULL,
  visitor_id TEXT,
  start_ts INTEGER NOT NULL,
  end_ts INTEGER NOT NULL,
  pageviews INTEGER NOT NULL,
  events INTEGER NOT NULL,
  engaged INTEGER NOT NULL,
  is_bot INTEGER NOT NULL,
  entry_ts INTEGER,
  entry_path TEXT,
  exit_ts INTEGER,
  exit_path TEXT,
  -- The entry pageview's referrer when it came from elsewhere (NULL: direct or internal).
  referrer_domain TEXT,
  utm_campaign TEXT,
  utm_source TEXT,
  utm_medium TEXT,
  browser TEXT,
  os TEXT,
  device TEXT,
  language TEXT,
  screen TEXT,
  PRIMARY KEY (site, session_id)
) WITHOUT ROWID;
-- Range scans per site; the overview's columns ride along so the table itself is not read.
CREATE INDEX dash_visits_start ON dash_visits (site, start_ts, is_bot, visitor_id, pageviews, events, engaged, end_ts);

-- Highest access_log rowid folded into dash_visits.
CREATE TABLE dash_state (
  key TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL
);
INSERT INTO dash_state (key, value) VALUES ('visits_rowid', 0);

-- Visits to recompute because some of their rows were deleted or changed.
CREATE TABLE dash_dirty (
  site TEXT NOT NULL,
  session_id TEXT NOT NULL,
  visitor_id TEXT,
  PRIMARY KEY (site, session_id)
) WITHOUT ROWID;

CREATE TRIGGER access_log_dash_delete AFTER DELETE ON access_log WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO dash_dirty (site, session_id, visitor_id) VALUES (OLD.site, OLD.session_id, OLD.visitor_id);
END;
CREATE TRIGGER access_log_dash_update AFTER UPDATE ON access_log WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO dash_dirty (site, session_id, visitor_id) VALUES (OLD.site, OLD.session_id, OLD.visitor_id);
END;

-- Row-level panels: partial covering indexes, so an insert pays only for the rows of its type.
CREATE INDEX dash_pageviews ON access_log (site, ts, is_bot, path, visitor_id, session_id, browser, category)
  WHERE type = 'pageview';
CREATE INDEX dash_vitals ON access_log (site, ts, is_bot, metric, value, path, session_id, browser)
  WHERE type = 'vital';
CREATE INDEX dash_events ON access_log (site, ts) WHERE type = 'event';
