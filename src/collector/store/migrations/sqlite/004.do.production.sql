-- Production collector (issue 5): enrichment columns, rejected input, audit trail, IP salts.
ALTER TABLE access_log ADD COLUMN self_referral INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN network_domain TEXT;

-- Retention purges by server time (a client clock cannot keep a row forever); rights requests
-- look rows up by visitor id.
CREATE INDEX access_log_received_at ON access_log (received_at);
CREATE INDEX access_log_visitor ON access_log (visitor_id);
CREATE INDEX consent_log_received_at ON consent_log (received_at);

-- Events refused by validation: nothing is dropped without a trace. The excerpt is the start of
-- the event as received; visitor_id is copied out so rights requests and retention reach it.
CREATE TABLE bad_rows (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  site TEXT,
  event_id TEXT,
  visitor_id TEXT,
  reason TEXT NOT NULL,
  excerpt TEXT NOT NULL
);
CREATE INDEX bad_rows_received_at ON bad_rows (received_at);
CREATE INDEX bad_rows_visitor ON bad_rows (visitor_id);

-- Every admin and privacy action. `subject` is a hash of the visitor id, never the id itself.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ts INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT
);

-- Daily random salts for --ip hashed; purged after 48 hours so old hashes cannot be recomputed.
CREATE TABLE ip_salts (
  day TEXT PRIMARY KEY NOT NULL,
  salt BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
