import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, Store, TokenInfo } from '../store/types.js';

/** SHA-256 hex: tokens carry 256 random bits, so a fast hash is enough to make a copied table useless. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new token: `cl_` + 256 random bits, base64url. The prefix makes a leaked one easy to grep for. */
export const newToken = (): string => `cl_${randomBytes(32).toString('base64url')}`;

/** Who presented a token: the configured admin token, or a named token from the store. */
export interface Principal {
  role: Role;
  /** `admin` for the configured token, else the token's name. */
  name: string;
}

/**
 * Resolve a presented token to a principal, or null. The configured admin token is compared in
 * constant time (hashes of equal length); store tokens are found by their hash, and revoked ones
 * are not found.
 */
export async function resolveToken(
  store: Store,
  adminToken: string | null,
  presented: string,
): Promise<Principal | null> {
  const hash = hashToken(presented);
  if (adminToken && timingSafeEqual(Buffer.from(hash), Buffer.from(hashToken(adminToken)))) {
    return { role: 'admin', name: 'admin' };
  }
  const found: TokenInfo | null = await store.tokenByHash(hash);
  return found ? { role: found.role, name: found.name } : null;
}

/** Create and keep a token; returns it (the only time it exists in clear) with its id. */
export async function createToken(
  store: Store,
  role: Role,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const id = randomUUID().slice(0, 8);
  await store.createToken({ id, name, role, token_hash: hashToken(token), created_at: Date.now() });
  return { id, token };
}
