-- Dashboard day roll-up per browser (issue 6, speed): dash_days (011) also holds, per day, every
-- dimension's parts for each browser alone (`dim` 'pages|browser=Chrome', listed per day under
-- 'browser-slices'; src/collector/store/sqlite-dashboard/day-slices.ts). No schema change: days
-- rolled up before this migration have no slices, so every day is rebuilt at the next refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, day FROM dash_days;
