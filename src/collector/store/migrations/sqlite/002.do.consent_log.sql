-- Proof of consent: one row per decision, append-only, rejections included.
-- No IP and no full User-Agent: only the browser family.
CREATE TABLE consent_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  ts INTEGER NOT NULL,
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

-- A client may resend a decision (at-least-once delivery): the same decision is kept once.
CREATE UNIQUE INDEX consent_log_decision ON consent_log (consent_id, ts, method);
CREATE INDEX consent_log_site_ts ON consent_log (site, ts);
