-- Dashboard roll-up (issue 6): one row per visit (session), so the overview and the visit
-- breakdowns read ~a sixth of the rows, narrow ones. Filled off the insert path: the dashboard
-- folds in rows past a watermark (rowid) when it is asked, and on a timer. Inserts stay as they
-- were; deletes and updates of access-log rows (privacy rights, retention purge) drop the visit
-- and mark it dirty through the triggers below, and it is recomputed from what remains.
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
-- Range scans per site read this index only: it holds every column a panel reads, in time order
-- (the table is keyed by session for the merges; reading it through a narrower index would cost a
-- key lookup per visit).
CREATE INDEX dash_visits_start ON dash_visits (site, start_ts, is_bot, pageviews, visitor_id, events, engaged,
  end_ts, browser, referrer_domain, utm_campaign, entry_path, exit_path, os, device, language, screen,
  utm_source, utm_medium);

-- Highest access_log rowid folded into dash_visits.
CREATE TABLE dash_state (
  key TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL
);
INSERT INTO dash_state (key, value) VALUES ('visits_rowid', 0);

-- Visits to recompute because some of their rows were deleted or changed. A deletion or change
-- drops the visit's roll-up row in the same transaction (an erased visitor leaves nothing behind
-- here, whichever process deleted), and notes the visit's session and time span, by which the next
-- refresh finds the remaining rows through the (site, ts) index. No visitor id is kept.
CREATE TABLE dash_dirty (
  site TEXT NOT NULL,
  session_id TEXT NOT NULL,
  start_ts INTEGER NOT NULL,
  end_ts INTEGER NOT NULL,
  PRIMARY KEY (site, session_id)
) WITHOUT ROWID;

CREATE TRIGGER access_log_dash_delete AFTER DELETE ON access_log WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO dash_dirty (site, session_id, start_ts, end_ts)
    SELECT site, session_id, start_ts, end_ts FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
  DELETE FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
END;
CREATE TRIGGER access_log_dash_update AFTER UPDATE ON access_log WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO dash_dirty (site, session_id, start_ts, end_ts)
    SELECT site, session_id, start_ts, end_ts FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
  DELETE FROM dash_visits WHERE site = OLD.site AND session_id = OLD.session_id;
END;

-- Row-level panels read narrow copies of the rows of one type, clustered by (site, ts): what a
-- partial covering index would give, but written by the refresh (in bulk, off the request path)
-- instead of by every insert. `rid` is the access_log rowid; the triggers below keep the copies
-- true when rows are deleted or have a copied column changed.
CREATE TABLE dash_pageviews (
  site TEXT NOT NULL, ts INTEGER NOT NULL, rid INTEGER NOT NULL,
  is_bot INTEGER NOT NULL, path TEXT, visitor_id TEXT, session_id TEXT, browser TEXT, category TEXT NOT NULL,
  PRIMARY KEY (site, ts, rid)
) WITHOUT ROWID;
CREATE TABLE dash_vitals (
  site TEXT NOT NULL, ts INTEGER NOT NULL, rid INTEGER NOT NULL,
  is_bot INTEGER NOT NULL, metric TEXT, value REAL, path TEXT, visitor_id TEXT, session_id TEXT, browser TEXT,
  category TEXT NOT NULL,
  PRIMARY KEY (site, ts, rid)
) WITHOUT ROWID;
CREATE TABLE dash_events (
  site TEXT NOT NULL, ts INTEGER NOT NULL, rid INTEGER NOT NULL,
  is_bot INTEGER NOT NULL, name TEXT, props TEXT, path TEXT, visitor_id TEXT, session_id TEXT, browser TEXT,
  category TEXT NOT NULL,
  PRIMARY KEY (site, ts, rid)
) WITHOUT ROWID;

-- Rows whose copied columns changed, to copy again at the next refresh.
CREATE TABLE dash_recopy (rid INTEGER PRIMARY KEY);

CREATE TRIGGER access_log_dash_rows_delete AFTER DELETE ON access_log
BEGIN
  DELETE FROM dash_pageviews WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
  DELETE FROM dash_vitals WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
  DELETE FROM dash_events WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
END;
-- A changed copied column: drop the copy; the next refresh copies the row again (see dash_recopy).
CREATE TRIGGER access_log_dash_rows_update AFTER UPDATE OF site, ts, type, is_bot, path, visitor_id, session_id,
  browser, category, metric, value, name, props ON access_log
BEGIN
  DELETE FROM dash_pageviews WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
  DELETE FROM dash_vitals WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
  DELETE FROM dash_events WHERE site = OLD.site AND ts = OLD.ts AND rid = OLD.rowid;
  INSERT OR IGNORE INTO dash_recopy (rid) VALUES (NEW.rowid);
END;
