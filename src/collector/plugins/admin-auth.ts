import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * A constant-time check of a candidate against the admin token: both sides are hashed first so the
 * comparison takes the same time whatever the length or the first differing byte (timingSafeEqual
 * needs equal lengths). With no token configured nothing matches. Shared by the dashboard sign-in.
 */
export function adminTokenMatcher(
  token: string | null | undefined,
  sha256Hex?: string | null,
): (candidate: string) => boolean {
  // Collectors sharing PostgreSQL may know only the token's SHA-256 (hex): the same check.
  const expected = token ? digest(token) : sha256Hex ? Buffer.from(sha256Hex, 'hex') : null;
  return (candidate) => expected !== null && timingSafeEqual(digest(candidate), expected);
}

/**
 * A preHandler that lets a request through only with `Authorization: Bearer <admin token>`.
 * The comparison is `adminTokenMatcher`'s (the token, or only its SHA-256). With no token configured
 * every admin request is refused. The token never reaches the log: the logger writes method and path only.
 */
export function requireAdmin(token: string | null | undefined, sha256Hex?: string | null) {
  const matches = adminTokenMatcher(token, sha256Hex);
  return async (request: FastifyRequest): Promise<void> => {
    if (!token && !sha256Hex) {
      throw new CollectorError(
        'COLLECT_ERR_UNAUTHORIZED',
        'Admin routes are off: no admin token is configured',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !matches(match[1])) {
      throw new CollectorError(
        'COLLECT_ERR_UNAUTHORIZED',
        'Missing or wrong admin token (Authorization: Bearer …)',
      );
    }
  };
}
