import type { FastifyRequest } from 'fastify';
import { type AdminCredential, type Principal, tokenResolver } from '../auth/tokens.js';
import { CollectorError } from '../errors.js';
import type { Actor } from '../privacy/rights.js';
import type { Role, Store } from '../store/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireRole: who presented the token. */
    principal?: Principal;
  }
}

/** The audit actor for a principal: `admin` for the configured token, `token:NAME` otherwise. */
export const actorOf = (principal: Principal | undefined): Actor =>
  !principal || principal.name === 'admin' ? 'admin' : `token:${principal.name}`;

/**
 * A preHandler that lets a request through only with `Authorization: Bearer <token>` of a role
 * allowed here: the configured admin token, or a live token from the store. Unknown, revoked or
 * missing → 401; a known token of another role → 403. With no admin token configured and no
 * stored token, every request is refused. Tokens never reach the log: it holds method and path only.
 */
export function requireRole(store: () => Store, admin: AdminCredential, allowed: readonly Role[]) {
  const resolve = tokenResolver(admin);
  return async (request: FastifyRequest): Promise<void> => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const principal = match?.[1] ? await resolve(store(), match[1]) : null;
    if (!principal) {
      throw new CollectorError(
        'COLLECT_ERR_UNAUTHORIZED',
        'Missing, wrong or revoked token (Authorization: Bearer …)',
      );
    }
    if (!allowed.includes(principal.role)) {
      throw new CollectorError('COLLECT_ERR_FORBIDDEN', `This route needs the ${allowed.join(' or ')} role`);
    }
    request.principal = principal;
  };
}
