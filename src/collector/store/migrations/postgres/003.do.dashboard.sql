-- Dashboard sign-in (issue 6), as SQLite migration 006: only a SHA-256 of each session id is kept.
-- In PostgreSQL it is shared, so a session opened through one collector works through every other.
CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_last_seen ON dashboard_sessions (last_seen);
