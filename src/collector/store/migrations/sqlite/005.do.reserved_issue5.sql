-- Placeholder: number 005 is reserved for issue 5 (ingestion). It only keeps this branch's
-- migrations contiguous (parseMigrations refuses gaps); delete this file when issue 5's 005 merges.
SELECT 1;
