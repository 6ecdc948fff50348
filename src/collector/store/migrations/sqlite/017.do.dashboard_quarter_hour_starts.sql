-- Dashboard day roll-up (issue 6, speed): visits are kept by the quarter hour they started (`dim`
-- 'starts') instead of the UTC hour ('hours'), so the chart of a zone off the whole hour (India
-- +05:30, Nepal +05:45) is served from stored days too. Every day is rebuilt at the next refresh.
INSERT OR IGNORE INTO dash_days_dirty (site, day) SELECT DISTINCT site, day FROM dash_days;
DELETE FROM dash_days WHERE dim = 'hours' OR dim LIKE 'hours|%';
