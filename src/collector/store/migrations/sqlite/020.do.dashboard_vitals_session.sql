-- Vitals filtered by a visit's attribute (referrer, campaign: "vitals of the visits that came from
-- google.com") seek the samples of the matching visits, as 013's dash_pageviews_session does for
-- pages, instead of reading every sample of the range to test each one's visit (~250,000 rows for
-- 30 days at a million events). Covering: the vitals panel and its filters read nothing else
-- (src/collector/store/sqlite-dashboard/filters.ts rowSource). Written by the refresh in bulk, never
-- on insert into access_log; its entries go with their rows (007's triggers).
CREATE INDEX dash_vitals_session ON dash_vitals (site, session_id, ts, is_bot, browser, category, metric, value,
  path);
