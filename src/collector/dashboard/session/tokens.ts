import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session id: 256 random bits, the cookie's value. Never stored; only its hash is. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** What the session table keys on: a leaked table does not give working cookies. */
export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The CSRF token of a session, derived from its (secret) id: only a page that can read the
 * `GET /dashboard/api/session` answer (same origin) learns it, and nothing extra is stored.
 */
export const csrfToken = (id: string): string =>
  createHash('sha256').update(`consentlog-csrf\0${id}`).digest('base64url');

/** Constant-time string equality (CSRF header vs expected). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
