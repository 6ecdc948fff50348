-- The PostgreSQL schema: the same tables and columns as SQLite migrations 001-004, in one step.
-- Times are epoch milliseconds (BIGINT), flags 0/1 (SMALLINT), JSON kept as text, as in SQLite,
-- so rows read back identical from every store.

-- Stored order for exports (SQLite's rowid). A sequence, not an identity column: defaults of a
-- partitioned table apply to every partition when rows are inserted through it.
CREATE SEQUENCE access_log_seq AS BIGINT;

-- Partitioned by month of the event time (`ts`): reports scan only the months they ask for, and
-- retention drops a month's table instead of deleting its rows one by one. Partitions are created
-- by the store (postgres-partitions.ts), ahead of time and on demand; a DEFAULT partition keeps
-- events whose time is far from now (a wrong client clock) without creating a table per month.
CREATE TABLE access_log (
  -- COLLATE "C": ids compare as bytes (faster sorts and index probes than a linguistic collation).
  id TEXT COLLATE "C" NOT NULL,
  received_at BIGINT NOT NULL,
  ts BIGINT NOT NULL,
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
  is_bot SMALLINT NOT NULL DEFAULT 0,
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
  value DOUBLE PRECISION,
  rating TEXT,
  self_referral SMALLINT NOT NULL DEFAULT 0,
  network_domain TEXT,
  seq BIGINT NOT NULL DEFAULT nextval('access_log_seq')
) PARTITION BY RANGE (ts);

CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;

-- A unique index on a partitioned table must contain the partition key, so (id) alone cannot be
-- unique across months. Idempotency lives here instead: every stored event id once, inserted in
-- the same statement as the row (ON CONFLICT DO NOTHING), whatever month its `ts` falls in.
CREATE TABLE event_ids (
  id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX event_ids_received_at ON event_ids (received_at);

-- Indexes on the parent are created on every partition, present and future.
CREATE INDEX access_log_site_ts ON access_log (site, ts);
CREATE INDEX access_log_received_at ON access_log (received_at);
CREATE INDEX access_log_visitor ON access_log (visitor_id);
CREATE INDEX access_log_seq_idx ON access_log (seq);

-- Proof of consent: one row per decision, append-only, rejections included.
CREATE TABLE consent_log (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at BIGINT NOT NULL,
  ts BIGINT NOT NULL,
  site TEXT NOT NULL,
  consent_id TEXT NOT NULL,
  previous_consent_id TEXT,
  policy_revision TEXT NOT NULL,
  choices TEXT NOT NULL,
  method TEXT NOT NULL,
  language TEXT NOT NULL,
  url TEXT NOT NULL,
  texts_hash TEXT,
  browser TEXT
);
CREATE UNIQUE INDEX consent_log_decision ON consent_log (consent_id, ts, method);
CREATE INDEX consent_log_previous ON consent_log (previous_consent_id);
CREATE INDEX consent_log_site_ts ON consent_log (site, ts);
CREATE INDEX consent_log_received_at ON consent_log (received_at);

CREATE TABLE consent_texts (
  hash TEXT PRIMARY KEY NOT NULL,
  texts TEXT NOT NULL,
  first_seen BIGINT NOT NULL
);

CREATE TABLE bad_rows (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at BIGINT NOT NULL,
  site TEXT,
  event_id TEXT,
  visitor_id TEXT,
  reason TEXT NOT NULL,
  excerpt TEXT NOT NULL
);
CREATE INDEX bad_rows_received_at ON bad_rows (received_at);
CREATE INDEX bad_rows_visitor ON bad_rows (visitor_id);

CREATE TABLE audit_log (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ts BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT
);

CREATE TABLE ip_salts (
  day TEXT PRIMARY KEY NOT NULL,
  salt BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
