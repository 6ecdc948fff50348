import type { FastifyPluginAsync } from 'fastify';
import { exportRoute } from './routes/export.js';
import { queryRoutes } from './routes/queries.js';
import { sessionRoute } from './routes/session.js';
import { requireSession } from './session/guard.js';
import { machineTimeZone } from './time-zone.js';
import type { DashboardSessions } from './types.js';

export interface DashboardApiOptions {
  adminToken: string | null;
  /** Or only its SHA-256 (hex), as collectors sharing PostgreSQL know it. */
  adminTokenSha256?: string | null;
  /** Default `tz` of every panel; default the machine's zone. */
  timezone?: string;
  /** Sessions end after this long without a request. Default 12 h. */
  sessionIdleMs?: number;
  /** Wrong tokens per client per minute before sign-in answers 429. Default 10. */
  signInAttempts?: number;
  /** The clock (tests move it instead of waiting). */
  now?: () => number;
}

export const DASHBOARD_API_PREFIX = '/dashboard/api';

/**
 * Everything under /dashboard/api (docs/dashboard.md): the session routes are open, every other
 * route needs a session (and a CSRF header when it changes state). Answers are never cached.
 */
export const dashboardApi: FastifyPluginAsync<DashboardApiOptions> = async (app, opts) => {
  const now = opts.now ?? Date.now;
  const guard = {
    sessions: (): DashboardSessions => {
      const sessions = app.store.dashboard?.sessions;
      if (!sessions) throw new Error('this store keeps no dashboard sessions');
      return sessions;
    },
    idleMs: opts.sessionIdleMs ?? 12 * 3_600_000,
    now,
  };
  const timezone = opts.timezone ?? machineTimeZone();
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(sessionRoute, {
    ...guard,
    adminToken: opts.adminToken,
    adminTokenSha256: opts.adminTokenSha256 ?? null,
    signInAttempts: opts.signInAttempts ?? 10,
  });
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireSession(guard));
    await scope.register(queryRoutes, { timezone, now });
    await scope.register(exportRoute, { timezone, now });
  });
};
