import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { tokenResolver } from '../../auth/tokens.js';
import { CollectorError } from '../../errors.js';
import { actorOf } from '../../plugins/admin-auth.js';
import { sessionCookie } from '../session/cookie.js';
import { currentSession, type GuardOptions, requireSession } from '../session/guard.js';
import { isCrossSite } from '../session/origin.js';
import { SignInLimit, type SignInLimiterFactory } from '../session/sign-in-limit.js';
import { csrfToken, hashSessionId, newSessionId } from '../session/tokens.js';

export interface SessionRouteOptions extends GuardOptions {
  adminToken: string | null;
  adminTokenSha256?: string | null;
  /** Wrong tokens per client per minute before sign-in answers 429. */
  signInAttempts: number;
  /** Where wrong attempts are counted; default: in this collector's memory. */
  signInLimit?: SignInLimiterFactory;
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
  const resolve = tokenResolver({ token: opts.adminToken, sha256: opts.adminTokenSha256 ?? null });
  const limit = (opts.signInLimit ?? ((max, windowMs) => new SignInLimit(max, windowMs)))(
    opts.signInAttempts,
    60_000,
  );
  const maxAgeS = Math.round(opts.idleMs / 1000);

  app.post<{ Body: { token: string } }>('/session', { schema: signInSchema }, async (request, reply) => {
    if (isCrossSite(request))
      throw new CollectorError('COLLECT_ERR_ORIGIN_FORBIDDEN', 'Sign-in from another site is refused');
    const now = opts.now();
    const wait = await limit.blockedFor(request.ip, now);
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new CollectorError('COLLECT_ERR_RATE_LIMITED', 'Too many wrong tokens; wait a minute');
    }
    const principal = await resolve(app.store, request.body.token);
    if (!principal) {
      await limit.fail(request.ip, now);
      await audit(app, now, 'anonymous', 'dashboard.sign_in_refused', null);
      throw new CollectorError('COLLECT_ERR_UNAUTHORIZED', 'Wrong, revoked or unknown token');
    }
    await limit.succeed(request.ip);
    const sessions = opts.sessions();
    await sessions.expire(now - opts.idleMs);
    const id = newSessionId();
    const { role } = principal;
    const actor = actorOf(principal);
    await sessions.create({ idHash: hashSessionId(id), role, actor, createdAt: now, lastSeen: now });
    await audit(app, now, actor, 'dashboard.sign_in', { role });
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
    if (session) {
      await opts.sessions().delete(session.idHash);
      await audit(app, opts.now(), session.actor, 'dashboard.sign_out', null);
    }
    reply.header('set-cookie', sessionCookie('', 0, request.protocol === 'https'));
    return reply.code(204).send();
  });
};

/** Sign-ins (also refused ones: the rate limit bounds them) and sign-outs go to the audit log. */
async function audit(
  app: FastifyInstance,
  ts: number,
  actor: string,
  action: string,
  detail: Record<string, unknown> | null,
): Promise<void> {
  await app.store.appendAudit({ ts, actor, action, subject: null, detail: detail && JSON.stringify(detail) });
}
