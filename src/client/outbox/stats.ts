/**
 * What the outbox did on this page, for sites that watch delivery (`consentlog.stats()`):
 * `sent` acknowledged events, `retries` failed attempts retried later, `invalid` events the
 * collector refused (4xx) and that were dropped, `overflow` and `expired` events dropped by the
 * count and age bounds, `purged` events removed because their category was withdrawn.
 */
export const counters = { sent: 0, retries: 0, invalid: 0, overflow: 0, expired: 0, purged: 0 };

/** A copy, so callers cannot change the counters. */
export const stats = (): typeof counters => ({ ...counters });
