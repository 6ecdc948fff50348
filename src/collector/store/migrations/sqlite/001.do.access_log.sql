-- The access log: exactly the columns of ACCESS_LOG_COLUMNS (src/shared/access-log.ts).
-- `id` is the client-made event UUID; as the primary key it makes resends idempotent.
CREATE TABLE access_log (
  id TEXT PRIMARY KEY NOT NULL,
  received_at INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  site TEXT NOT NULL,
  type TEXT NOT NULL,
  category TEXT NOT NULL,
  url TEXT NOT NULL,
  host TEXT,
  path TEXT,
  referrer TEXT,
  referrer_domain TEXT,
  title TEXT,
  browser TEXT,
  browser_version TEXT,
  os TEXT,
  device TEXT,
  is_bot INTEGER NOT NULL DEFAULT 0,
  ip TEXT,
  user_agent TEXT,
  language TEXT,
  screen TEXT,
  timezone TEXT,
  visitor_id TEXT,
  session_id TEXT,
  name TEXT,
  props TEXT,
  utm_source TEXT,
  utm_medium TEXT,
  utm_campaign TEXT,
  utm_term TEXT,
  utm_content TEXT,
  click_id TEXT,
  consent_id TEXT,
  policy_revision TEXT,
  metric TEXT,
  value REAL,
  rating TEXT
);

-- Reports filter on a time range, usually for one site.
CREATE INDEX access_log_ts ON access_log (ts);
CREATE INDEX access_log_site_ts ON access_log (site, ts);
