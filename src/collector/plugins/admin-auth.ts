import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * A preHandler that lets a request through only with `Authorization: Bearer <admin token>`.
 * Both sides are hashed first so the comparison takes the same time whatever the length or the
 * first differing byte (timingSafeEqual needs equal lengths). With no token configured every admin
 * request is refused. Given only the token's SHA-256 (collectors sharing PostgreSQL), it checks
 * the same way. The token never reaches the log: the logger writes method and path only.
 */
export function requireAdmin(token: string | null | undefined, sha256Hex?: string | null) {
  const expected = token ? digest(token) : sha256Hex ? Buffer.from(sha256Hex, 'hex') : null;
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) {
      throw new CollectorError(
        'COLLECT_ERR_UNAUTHORIZED',
        'Admin routes are off: no admin token is configured',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new CollectorError(
        'COLLECT_ERR_UNAUTHORIZED',
        'Missing or wrong admin token (Authorization: Bearer …)',
      );
    }
  };
}
