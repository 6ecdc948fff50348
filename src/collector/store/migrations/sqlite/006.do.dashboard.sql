-- Dashboard sign-in (issue 6): one row per session. Only a SHA-256 of the session id is kept, so
-- the table cannot be turned back into working cookies. `role` is `admin` today; issue 9 adds
-- analysts. Sessions end after an idle period (last_seen) or at sign-out.
CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX dashboard_sessions_last_seen ON dashboard_sessions (last_seen);
