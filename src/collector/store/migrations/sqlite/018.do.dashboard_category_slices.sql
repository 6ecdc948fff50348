-- Dashboard day roll-up per consent category (issue 6, speed): dash_days (011) also holds, per day,
-- every dimension's parts for each category a row of the day has (`dim` 'pages|category=analytics',
-- listed per day under 'category-slices' with per-kind row counts;
-- src/collector/store/sqlite-dashboard/day-categories.ts): a visit in the slice of every category
-- its `categories` list (016) holds, pageviews and vitals in their own row's. No schema change: days
-- rolled up before this migration have no category slices, so every day is rebuilt at the next refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, day FROM dash_days;
