-- Pages filtered by a visit's attribute (referrer, campaign: "pages of the visits that came from
-- google.com") seek the pageviews of the matching visits instead of reading every pageview of the
-- range to test each one's visit (~300,000 rows for 30 days at a million events). Covering: the
-- pages panel and its filters read nothing else. An index of dash_pageviews, which the refresh
-- writes in bulk (never an insert into access_log), and which goes with its rows when 007's triggers
-- delete them (privacy erasure, purge, corrections), so it holds nothing the table does not.
CREATE INDEX dash_pageviews_session ON dash_pageviews (site, session_id, ts, is_bot, browser, category, path,
  visitor_id);
-- The visits of one referrer or campaign, for those row filters (filters.ts rowWhere): the range's
-- visits matching it are found without reading every visit of the range (the subquery that feeds
-- the seek above, and the row panels' — events, vitals — visit test).
CREATE INDEX dash_visits_referrer ON dash_visits (site, referrer_domain, start_ts);
CREATE INDEX dash_visits_campaign ON dash_visits (site, utm_campaign, start_ts);
