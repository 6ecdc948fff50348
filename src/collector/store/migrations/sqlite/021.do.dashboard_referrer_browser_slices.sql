-- Dashboard day roll-up per referrer and browser (issue 6, speed): dash_days (011) also holds, per
-- day and referrer slice (015), the pages and vitals parts split by the row's own browser (`dim`
-- 'pages|referrer+browser=["(direct)","Chrome"]', listed per day under 'referrer-browser-slices';
-- src/collector/store/sqlite-dashboard/day-pairs.ts). No schema change: days rolled up before this
-- migration have no such sub-slices, so every day is rebuilt at the next refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, day FROM dash_days;
