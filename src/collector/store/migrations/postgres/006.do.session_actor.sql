-- Who signed in to the dashboard (issue 9): `admin` for the configured token, `token:NAME` for a
-- named one, so exports are audited with who made them. Older sessions were all the admin's.
ALTER TABLE dashboard_sessions ADD COLUMN actor TEXT NOT NULL DEFAULT 'admin';
