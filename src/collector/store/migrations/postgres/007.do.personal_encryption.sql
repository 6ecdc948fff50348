-- Personal columns encrypted at rest (issue 9). The cipher text (AES-256-GCM, `e1.<key id>.…`)
-- goes in a `_enc` twin; the original column keeps a blind index (HMAC) for ids, so lookups and
-- distinct counts run unchanged, or nothing readable for ip, user_agent and bad_rows.excerpt.
ALTER TABLE access_log ADD COLUMN visitor_id_enc TEXT;
ALTER TABLE access_log ADD COLUMN session_id_enc TEXT;
ALTER TABLE access_log ADD COLUMN consent_id_enc TEXT;
ALTER TABLE access_log ADD COLUMN ip_enc TEXT;
ALTER TABLE access_log ADD COLUMN user_agent_enc TEXT;
ALTER TABLE consent_log ADD COLUMN consent_id_enc TEXT;
ALTER TABLE consent_log ADD COLUMN previous_consent_id_enc TEXT;
ALTER TABLE bad_rows ADD COLUMN visitor_id_enc TEXT;
ALTER TABLE bad_rows ADD COLUMN excerpt_enc TEXT;

-- Which data keys this database's values are under, each with a check value (an HMAC made with
-- the key), so a collector given a wrong or missing key refuses to start instead of writing rows
-- nobody can read. `index` is the blind-index key; `plaintext` marks rows stored before
-- encryption, not yet encrypted. `retired_at`: no value is left under it.
CREATE TABLE data_keys (
  key_id TEXT PRIMARY KEY NOT NULL,
  check_value TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  retired_at BIGINT
);
