import type { FastifyReply, FastifyRequest } from 'fastify';
import { CollectorError } from '../../errors.js';
import type { DashboardSession, DashboardSessions } from '../types.js';
import { readCookie, SESSION_COOKIE } from './cookie.js';
import { csrfToken, hashSessionId, sameSecret } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in dashboard session (set by the dashboard guard). */
    dashboardSession?: DashboardSession & { id: string };
  }
}

export interface GuardOptions {
  sessions: () => DashboardSessions;
  idleMs: number;
  now: () => number;
}

/** Writes `last_seen` at most this often per session, so reading panels does not write per request. */
const TOUCH_EVERY_MS = 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session named by the request's cookie, or null. Touches it (idle timeout restarts). */
export async function currentSession(request: FastifyRequest, opts: GuardOptions) {
  const id = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const now = opts.now();
  const idHash = hashSessionId(id);
  const session = await opts.sessions().find(idHash, now - opts.idleMs);
  if (!session) return null;
  if (now - session.lastSeen > TOUCH_EVERY_MS) await opts.sessions().touch(idHash, now);
  return { ...session, id };
}

/**
 * preHandler for every dashboard API route but sign-in: a valid session (401 otherwise), and on
 * state-changing methods an `X-CSRF-Token` equal to the session's (403 otherwise).
 */
export function requireSession(opts: GuardOptions) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const session = await currentSession(request, opts);
    if (!session) throw new CollectorError('COLLECT_ERR_UNAUTHORIZED', 'Sign in to the dashboard first');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, csrfToken(session.id)))
        throw new CollectorError('COLLECT_ERR_CSRF', 'Missing or wrong X-CSRF-Token header');
    }
    request.dashboardSession = session;
  };
}
