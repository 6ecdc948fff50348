-- What collectors behind one load balancer must share so they behave as one (issue 8).

-- Rate-limit windows per client key. The key is the hash the collector derives from the client
-- address (never the address itself); rows of past windows are swept by the collectors.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY NOT NULL,
  hits INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at);

-- The generated admin token, as its SHA-256 only: the first collector makes it and prints it once,
-- the others check requests against the hash. One row at most.
CREATE TABLE admin_token (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  sha256 TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- `consentlog copy` from a SQLite file: how far each table was copied, so a re-run resumes and
-- never doubles rows that have no natural key (bad rows, audit entries).
CREATE TABLE copy_progress (
  source TEXT NOT NULL,
  tbl TEXT NOT NULL,
  last_rowid BIGINT NOT NULL,
  PRIMARY KEY (source, tbl)
);
