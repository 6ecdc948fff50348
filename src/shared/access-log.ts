/** The access log's columns, the same in every store and export (DESIGN.md "The access log"). */
export const ACCESS_LOG_COLUMNS = [
  'id',
  'received_at',
  'ts',
  'site',
  'type',
  'category',
  'url',
  'host',
  'path',
  'referrer',
  'referrer_domain',
  'title',
  'browser',
  'browser_version',
  'os',
  'device',
  'is_bot',
  'ip',
  'user_agent',
  'language',
  'screen',
  'timezone',
  'visitor_id',
  'session_id',
  'name',
  'props',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'click_id',
  'consent_id',
  'policy_revision',
  'metric',
  'value',
  'rating',
  // Added by the production collector (issue 5): 1 when the referrer is the site itself, and the
  // visitor's network (registrable domain of the reverse DNS name) when --reverse-dns is on.
  'self_referral',
  'network_domain',
] as const;

export type AccessLogColumn = (typeof ACCESS_LOG_COLUMNS)[number];

/**
 * Columns that identify or single out a person: left out of what the analyst role sees (issue 9).
 * Everything else is about the page, the browser family or the visit in aggregate.
 */
export const PERSONAL_COLUMNS = [
  'ip',
  'user_agent',
  'visitor_id',
  'session_id',
  'consent_id',
  'click_id',
  'network_domain',
] as const satisfies readonly AccessLogColumn[];

/** One stored row. Times are epoch milliseconds; `props` is a JSON string; `is_bot` and `self_referral` are 0 or 1. */
export type AccessLogRow = {
  [K in AccessLogColumn]: K extends 'received_at' | 'ts' | 'is_bot' | 'self_referral'
    ? number
    : K extends 'value'
      ? number | null
      : string | null;
};
