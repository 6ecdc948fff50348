import type rateLimit from '@fastify/rate-limit';
import { DailySalt, hashIp } from '../enrich/ip-salt.js';
import type { PostgresStore } from '../store/postgres.js';

type StoreCtor = NonNullable<NonNullable<Parameters<typeof rateLimit>[1]>['store']>;
type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store whose windows live in PostgreSQL, so N collectors behind a load
 * balancer enforce ONE limit per client. The client key (its address) never reaches the database:
 * it is keyed-hashed with the shared daily salt first, like `--ip hashed`.
 */
export function postgresRateLimitStore(store: PostgresStore): StoreCtor {
  const salt = new DailySalt(store);
  class PostgresRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      salt
        .current()
        .then((s) => store.shared.rateLimitHit(hashIp(s, key, null, 'rate-limit'), timeWindow))
        .then(
          (hit) => callback(null, hit),
          (err: unknown) => callback(err as Error),
        );
    }
    child(): PostgresRateLimitStore {
      return this;
    }
  }
  return PostgresRateLimitStore as unknown as StoreCtor;
}
