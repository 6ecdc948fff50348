import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, Store, TokenInfo } from '../store/types.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** SHA-256 hex: tokens carry 256 random bits, so a fast hash is enough to make a copied table useless. */
export const hashToken = (token: string): string => digest(token).toString('hex');

/** The configured admin token, or (collectors sharing PostgreSQL) only its SHA-256 in hex. */
export interface AdminCredential {
  token?: string | null;
  sha256?: string | null;
}

/** The configured admin token's SHA-256, or null when none is configured. */
const expectedDigest = (admin: AdminCredential): Buffer | null =>
  admin.token ? digest(admin.token) : admin.sha256 ? Buffer.from(admin.sha256, 'hex') : null;

/** A new token: `cl_` + 256 random bits, base64url. The prefix makes a leaked one easy to grep for. */
export const newToken = (): string => `cl_${randomBytes(32).toString('base64url')}`;

/** Who presented a token: the configured admin token, or a named token from the store. */
export interface Principal {
  role: Role;
  /** `admin` for the configured token, else the token's name. */
  name: string;
}

/**
 * A resolver of presented tokens to principals (null: unknown or revoked), made once per route.
 * The configured admin token is compared in constant time: both sides are SHA-256 digests of equal
 * length, whatever the token's length or first differing byte. Store tokens are found by that same
 * hash (hex), and revoked ones are not.
 */
export function tokenResolver(admin: AdminCredential) {
  const expected = expectedDigest(admin);
  return async (store: Store, presented: string): Promise<Principal | null> => {
    const hash = digest(presented);
    if (expected && timingSafeEqual(hash, expected)) return { role: 'admin', name: 'admin' };
    const found: TokenInfo | null = await store.tokenByHash(hash.toString('hex'));
    return found ? { role: found.role, name: found.name } : null;
  };
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
