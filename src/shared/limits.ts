/**
 * Limits shared by the browser script (which never builds a larger payload) and the collector
 * (which refuses one). `sendBeacon` and `fetch(keepalive)` bodies are capped at 64 KiB per page
 * by browsers, so one batch must stay below that (reference/consent-rules.md, beacon limits).
 */
export const LIMITS = {
  /** Largest request body the collector reads. */
  bodyBytes: 64 * 1024,
  /** Largest single event, serialised. */
  eventBytes: 32 * 1024,
  /** Most events in one batch. */
  eventsPerBatch: 100,
  /** URLs and referrers. */
  urlLength: 2048,
  /** Titles, user-facing names. */
  textLength: 512,
  /** Site ids, event names, category names, languages, short tokens. */
  shortLength: 64,
  /** Custom event properties: count, key length, value length. */
  propsCount: 30,
  propKeyLength: 64,
  propValueLength: 512,
} as const;

export const PATHS = {
  events: '/v1/events',
  consent: '/v1/consent',
  /** Visitors' rights: the visitor id travels in the POST body, never in a URL. */
  privacyExport: '/v1/privacy/export',
  privacyDelete: '/v1/privacy/delete',
} as const;

export const WIRE_VERSION = 1;
