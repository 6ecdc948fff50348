import { DailySalt, hashIp } from '../../enrich/ip-salt.js';
import type { PostgresStore } from '../../store/postgres.js';
import type { SignInLimiter, SignInLimiterFactory } from './sign-in-limit.js';

/**
 * The sign-in limit in PostgreSQL's rate_limits table, so N collectors allow `max` wrong tokens per
 * client in all, not N times that. The client address is keyed-hashed with the shared daily salt.
 */
export function postgresSignInLimit(store: PostgresStore): SignInLimiterFactory {
  const salt = new DailySalt(store);
  const keyOf = async (client: string) => `sign-in:${hashIp(await salt.current(), client, null, 'sign-in')}`;
  return (max: number, windowMs: number): SignInLimiter => ({
    async blockedFor(client, now) {
      const window = await store.shared.rateLimitPeek(await keyOf(client), now);
      return window && window.current >= max ? window.ttl : 0;
    },
    async fail(client, now) {
      await store.shared.rateLimitHit(await keyOf(client), windowMs, now);
    },
    async succeed(client) {
      await store.shared.rateLimitClear(await keyOf(client));
    },
  });
}
