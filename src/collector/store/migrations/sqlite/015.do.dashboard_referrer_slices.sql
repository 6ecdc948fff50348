-- Dashboard day roll-up per referrer (issue 6, speed): dash_days (011) also holds, per day, every
-- dimension's parts for direct visits and the day's frequent referrers (`dim`
-- 'pages|referrer=(direct)', listed per day under 'referrer-slices';
-- src/collector/store/sqlite-dashboard/day-referrers.ts). No schema change: days rolled up before
-- this migration have no referrer slices, so every day is rebuilt at the next refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, day FROM dash_days;
