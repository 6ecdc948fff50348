-- Tokens with a role (issue 9). Only a SHA-256 of each token is kept: a copied database grants
-- nothing. The first-start admin token is configuration (or its hash in shared state), not listed here.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
