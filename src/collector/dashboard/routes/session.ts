import type { FastifyPluginAsync } from 'fastify';
import { adminTokenMatcher } from '../../auth/tokens.js';
import { CollectorError } from '../../errors.js';
import { sessionCookie } from '../session/cookie.js';
import { currentSession, type GuardOptions, requireSession } from '../session/guard.js';
import { isCrossSite } from '../session/origin.js';
import { SignInLimit } from '../session/sign-in-limit.js';
import { csrfToken, hashSessionId, newSessionId } from '../session/tokens.js';

export interface SessionRouteOptions extends GuardOptions {
  adminToken: string | null;
  adminTokenSha256?: string | null;
  /** Wrong tokens per client per minute before sign-in answers 429. */
  signInAttempts: number;
}

const signInSchema = {
  body: {
    type: 'object',
    required: ['token'],
    properties: { token: { type: 'string', minLength: 1, maxLength: 512 } },
  },
};

/** Sign-in, "who am I" and sign-out of the dashboard (docs/dashboard.md "Session"). */
export const sessionRoute: FastifyPluginAsync<SessionRouteOptions> = async (app, opts) => {
  const matches = adminTokenMatcher(opts.adminToken, opts.adminTokenSha256);
  const limit = new SignInLimit(opts.signInAttempts, 60_000);
  const maxAgeS = Math.round(opts.idleMs / 1000);

  app.post<{ Body: { token: string } }>('/session', { schema: signInSchema }, async (request, reply) => {
    if (isCrossSite(request))
      throw new CollectorError('COLLECT_ERR_ORIGIN_FORBIDDEN', 'Sign-in from another site is refused');
    const now = opts.now();
    const wait = limit.blockedFor(request.ip, now);
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new CollectorError('COLLECT_ERR_RATE_LIMITED', 'Too many wrong tokens; wait a minute');
    }
    if (!matches(request.body.token)) {
      limit.fail(request.ip, now);
      throw new CollectorError('COLLECT_ERR_UNAUTHORIZED', 'Wrong admin token');
    }
    limit.succeed(request.ip);
    const sessions = opts.sessions();
    await sessions.expire(now - opts.idleMs);
    const id = newSessionId();
    const role = 'admin';
    await sessions.create({ idHash: hashSessionId(id), role, createdAt: now, lastSeen: now });
    reply.header('set-cookie', sessionCookie(id, maxAgeS, request.protocol === 'https'));
    return { role, csrf: csrfToken(id) };
  });

  app.get('/session', async (request) => {
    const session = await currentSession(request, opts);
    if (!session) throw new CollectorError('COLLECT_ERR_UNAUTHORIZED', 'Not signed in');
    return { role: session.role, csrf: csrfToken(session.id) };
  });

  app.delete('/session', { preHandler: requireSession(opts) }, async (request, reply) => {
    const session = request.dashboardSession;
    if (session) await opts.sessions().delete(session.idHash);
    reply.header('set-cookie', sessionCookie('', 0, request.protocol === 'https'));
    return reply.code(204).send();
  });
};
