import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, Store, TokenInfo } from '../store/types.js';

/** SHA-256 hex: tokens carry 256 random bits, so a fast hash is enough to make a copied table useless. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The configured admin token, or (collectors sharing PostgreSQL) only its SHA-256 in hex. */
export interface AdminCredential {
  token?: string | null;
  sha256?: string | null;
}

/**
 * A constant-time check of a candidate against the admin token: both sides are hashed first so the
 * comparison takes the same time whatever the length or the first differing byte (timingSafeEqual
 * needs equal lengths). With no token configured nothing matches. Shared by the dashboard sign-in.
 */
export function adminTokenMatcher(
  token: string | null | undefined,
  sha256Hex?: string | null,
): (candidate: string) => boolean {
  const expected = token ? digest(token) : sha256Hex ? Buffer.from(sha256Hex, 'hex') : null;
  return (candidate) => expected !== null && timingSafeEqual(digest(candidate), expected);
}

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
 * constant time (adminTokenMatcher); store tokens are found by their hash, and revoked ones are not.
 */
export async function resolveToken(
  store: Store,
  admin: AdminCredential,
  presented: string,
): Promise<Principal | null> {
  if (adminTokenMatcher(admin.token, admin.sha256)(presented)) return { role: 'admin', name: 'admin' };
  const found: TokenInfo | null = await store.tokenByHash(hashToken(presented));
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
