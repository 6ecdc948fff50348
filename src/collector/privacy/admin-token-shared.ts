import { createHash, randomBytes } from 'node:crypto';
import type { PostgresStore } from '../store/postgres.js';

export interface SharedAdminToken {
  /** The token itself: known from the environment, or on the collector that just made it. */
  token: string | null;
  /** Its SHA-256 (hex): what every collector checks requests against. */
  sha256: string;
  /** True on the one start that generated it: the only time it is printed. */
  created: boolean;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * The admin token of collectors sharing one PostgreSQL database: `CONSENTLOG_ADMIN_TOKEN` when set,
 * else the one whose hash is kept in the database. The first collector to start makes one, keeps
 * only its hash (a stolen database dump does not hand out admin access) and prints the token once;
 * the others find the hash and check requests against it.
 */
export async function resolveSharedAdminToken(
  env: Record<string, string | undefined>,
  store: PostgresStore,
): Promise<SharedAdminToken> {
  const fromEnv = env.CONSENTLOG_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('CONSENTLOG_ADMIN_TOKEN must be at least 16 characters');
    return { token: fromEnv, sha256: sha256(fromEnv), created: false };
  }
  const token = randomBytes(32).toString('base64url');
  const kept = await store.shared.claimAdminToken(sha256(token));
  return kept.created ? { token, sha256: kept.sha256, created: true } : { token: null, ...kept };
}
