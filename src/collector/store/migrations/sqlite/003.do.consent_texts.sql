-- What visitors were shown: each version of the banner texts once, under the hash that the
-- consent_log rows carry in texts_hash, so an auditor can read what a visitor saw.
CREATE TABLE consent_texts (
  hash TEXT PRIMARY KEY NOT NULL,
  texts TEXT NOT NULL,
  first_seen INTEGER NOT NULL
);
