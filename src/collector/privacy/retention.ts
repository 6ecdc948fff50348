import { utcDay } from '../enrich/ip-salt.js';
import type { PurgeResult, Store } from '../store/types.js';
import type { Actor } from './rights.js';

export interface RetentionOptions {
  /** Access-log rows (and bad rows) older than this many days are deleted; 0 keeps them. */
  retentionDays: number;
  /** Consent records older than this many days are deleted; 0 keeps them. */
  consentRetentionDays: number;
}

const DAY_MS = 86_400_000;

/**
 * One purge: access logs and bad rows past their retention, consent records past theirs, and IP
 * salts older than yesterday's (so a salt lives at most 48 h: its day and the next). Audited.
 */
export async function purgeExpired(
  store: Store,
  opts: RetentionOptions,
  actor: Actor,
  now: number = Date.now(),
): Promise<PurgeResult> {
  const result = await store.purge({
    ...(opts.retentionDays > 0 ? { accessLogBefore: now - opts.retentionDays * DAY_MS } : {}),
    ...(opts.consentRetentionDays > 0 ? { consentBefore: now - opts.consentRetentionDays * DAY_MS } : {}),
    saltsBefore: utcDay(now - DAY_MS),
  });
  await store.appendAudit({ ts: now, actor, action: 'purge', subject: null, detail: JSON.stringify(result) });
  return result;
}
