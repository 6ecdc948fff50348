-- Ingestion cost (issue 5): every index of access_log is written on every insert, so the table keeps
-- only what ingestion, retention, the CLI reports and the privacy lookups need:
--   id (primary key)       idempotent resends, ON CONFLICT (id) DO NOTHING
--   access_log_ts          report time ranges (`consentlog report --since`, with or without --site)
--   access_log_received_at the retention purge (server time)
--   access_log_visitor     export/delete/correct by visitor id
-- (site, ts) duplicated access_log_ts for site-filtered reports, which read one site's rows out of
-- the time range just as well; dashboards bring their own rollups (migrations 006+).
DROP INDEX IF EXISTS access_log_site_ts;

-- Events sent without a visitor id (no analytics consent) need no entry: lookups are always
-- `visitor_id = ?`, which SQLite answers from a partial index WHERE visitor_id IS NOT NULL.
DROP INDEX IF EXISTS access_log_visitor;
CREATE INDEX access_log_visitor ON access_log (visitor_id) WHERE visitor_id IS NOT NULL;
