-- Props and consent choices are stored as text (as in SQLite). The dashboard reads them as JSON;
-- one unreadable value must not fail a whole panel, so it reads as NULL (SQLite's json_valid guard).
-- Not PARALLEL SAFE: the exception block needs a subtransaction, which parallel workers cannot start.
CREATE FUNCTION consentlog_jsonb(t TEXT) RETURNS JSONB
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $$
BEGIN
  RETURN t::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
