-- Dashboard day roll-up (issue 6, speed): per site, UTC day, dimension and bot flag, the values with
-- their counts and the visitor NUMBERS that had them, so a month is the union of 30 small sets
-- instead of a distinct count over 130,000 visits. Exact: the sets are unions, not estimates.
-- Written by the dashboard's refresh (never on insert), from dash_visits and the row copies (007).

-- Visitor numbers: distinct counts run over small integers. Only visitors that have a visit in
-- dash_visits are listed: when a visitor's last visit row goes (erasure, purge, correction), the
-- trigger below drops the number in the same transaction, so nothing is left to link it to a person.
-- AUTOINCREMENT: a number is never given to another visitor after its own went.
CREATE TABLE dash_visitors (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  visitor_id TEXT NOT NULL UNIQUE
);
ALTER TABLE dash_visits ADD COLUMN vn INTEGER;
CREATE INDEX dash_visits_vn ON dash_visits (vn);
-- 007's covering index, with the visitor number: reading a day's visits then needs no key lookups.
DROP INDEX dash_visits_start;
CREATE INDEX dash_visits_start ON dash_visits (site, start_ts, is_bot, pageviews, visitor_id, events, engaged,
  end_ts, browser, referrer_domain, utm_campaign, entry_path, exit_path, os, device, language, screen,
  utm_source, utm_medium, vn);
INSERT INTO dash_visitors (visitor_id) SELECT DISTINCT visitor_id FROM dash_visits WHERE visitor_id IS NOT NULL;
UPDATE dash_visits SET vn = (SELECT n FROM dash_visitors AS d WHERE d.visitor_id = dash_visits.visitor_id);

-- One row per (site, dimension, UTC day number, is_bot): `vals` a JSON array of the values, `nums`
-- float64 counts per value, `sets` the visitor numbers (int32) per value — or, for vitals, the
-- samples (float64). See src/collector/store/sqlite-dashboard/day-parts.ts.
CREATE TABLE dash_days (
  site TEXT NOT NULL,
  dim TEXT NOT NULL,
  day INTEGER NOT NULL,
  is_bot INTEGER NOT NULL,
  vals TEXT NOT NULL,
  nums BLOB NOT NULL,
  sets BLOB NOT NULL,
  PRIMARY KEY (site, dim, day, is_bot)
) WITHOUT ROWID;

-- Days whose rows changed since they were rolled up: queries read them from the rows themselves
-- until the refresh recomputes them (the newest day is left dirty while it still fills).
CREATE TABLE dash_days_dirty (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  PRIMARY KEY (site, day)
) WITHOUT ROWID;

-- Every change to a visit or a row copy reaches these tables through 007's triggers (deletes) or
-- the refresh (inserts, which marks the days itself).
CREATE TRIGGER dash_visits_days_delete AFTER DELETE ON dash_visits
BEGIN
  INSERT OR IGNORE INTO dash_days_dirty (site, day) VALUES (OLD.site, OLD.start_ts / 86400000);
  DELETE FROM dash_visitors WHERE n = OLD.vn AND NOT EXISTS (SELECT 1 FROM dash_visits WHERE vn = OLD.vn);
END;
CREATE TRIGGER dash_pageviews_days_delete AFTER DELETE ON dash_pageviews
BEGIN
  INSERT OR IGNORE INTO dash_days_dirty (site, day) VALUES (OLD.site, OLD.ts / 86400000);
END;
CREATE TRIGGER dash_vitals_days_delete AFTER DELETE ON dash_vitals
BEGIN
  INSERT OR IGNORE INTO dash_days_dirty (site, day) VALUES (OLD.site, OLD.ts / 86400000);
END;

-- A file rolled up before this migration: every day is built at the first refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, start_ts / 86400000 FROM dash_visits;
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, ts / 86400000 FROM dash_pageviews;
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, ts / 86400000 FROM dash_vitals;

-- Sites and how many of their access-log rows have been folded: the site list without reading the
-- access log (it has no site index since 005). Rows count when the refresh folds them; a deleted or
-- moved row that was folded is taken off here by the triggers.
CREATE TABLE dash_sites (
  site TEXT PRIMARY KEY NOT NULL,
  rows INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO dash_sites (site, rows)
  SELECT site, COUNT(*) FROM access_log
  WHERE rowid <= (SELECT value FROM dash_state WHERE key = 'visits_rowid') GROUP BY site;
CREATE TRIGGER access_log_dash_sites_delete AFTER DELETE ON access_log
  WHEN OLD.rowid <= (SELECT value FROM dash_state WHERE key = 'visits_rowid')
BEGIN
  UPDATE dash_sites SET rows = rows - 1 WHERE site = OLD.site;
END;
CREATE TRIGGER access_log_dash_sites_update AFTER UPDATE OF site ON access_log
  WHEN OLD.site IS NOT NEW.site AND OLD.rowid <= (SELECT value FROM dash_state WHERE key = 'visits_rowid')
BEGIN
  UPDATE dash_sites SET rows = rows - 1 WHERE site = OLD.site;
  INSERT INTO dash_sites (site, rows) VALUES (NEW.site, 1) ON CONFLICT (site) DO UPDATE SET rows = rows + 1;
END;

-- The page filter ("visits with a pageview of this page", and pages or vitals of one page) seeks
-- its rows instead of reading every copy in the range. Written by the refresh, not on insert.
CREATE INDEX dash_pageviews_path ON dash_pageviews (site, path, ts, session_id);
CREATE INDEX dash_vitals_path ON dash_vitals (site, path, ts);
