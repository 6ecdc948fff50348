import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CollectorError } from '../errors.js';
import { auditRoute } from './routes/audit.js';
import { exportRoute } from './routes/export.js';
import { queryRoutes } from './routes/queries.js';
import { sessionRoute } from './routes/session.js';
import { requireSession } from './session/guard.js';
import type { SignInLimiterFactory } from './session/sign-in-limit.js';
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
  /** Where wrong sign-in attempts are counted; default in memory (shared through PostgreSQL by `serve`). */
  signInLimit?: SignInLimiterFactory;
  /** The clock (tests move it instead of waiting). */
  now?: () => number;
  /** Fold new access-log rows into the roll-ups this often, off the request path; 0 off. Default 30 s. */
  rollupIntervalMs?: number;
}

export const DASHBOARD_API_PREFIX = '/dashboard/api';

/**
 * Queries fold in new rows themselves; the timer does it between requests so that a dashboard
 * opened after a busy hour does not wait for it (and the first one after a start not for the backlog).
 */
function keepRollupsFresh(app: FastifyInstance, everyMs: number): void {
  if (!everyMs || !app.store.dashboard) return;
  const dashboard = app.store.dashboard;
  const run = () =>
    dashboard.refresh().catch((err: unknown) => app.log.warn({ err }, 'dashboard roll-up refresh failed'));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(run, everyMs);
    timer.unref();
    setImmediate(run);
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * Everything under /dashboard/api (docs/dashboard.md): the session routes are open, every other
 * route needs a session (and a CSRF header when it changes state). Answers are never cached.
 */
export const dashboardApi: FastifyPluginAsync<DashboardApiOptions> = async (app, opts) => {
  const now = opts.now ?? Date.now;
  const guard = {
    sessions: (): DashboardSessions => {
      const sessions = app.store.dashboard?.sessions;
      if (!sessions)
        throw new CollectorError('COLLECT_ERR_NOT_IMPLEMENTED', 'This store does not offer the dashboard');
      return sessions;
    },
    idleMs: opts.sessionIdleMs ?? 12 * 3_600_000,
    now,
  };
  const timezone = opts.timezone ?? machineTimeZone();
  keepRollupsFresh(app, opts.rollupIntervalMs ?? 30_000);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(sessionRoute, {
    ...guard,
    adminToken: opts.adminToken,
    adminTokenSha256: opts.adminTokenSha256 ?? null,
    signInAttempts: opts.signInAttempts ?? 10,
    ...(opts.signInLimit ? { signInLimit: opts.signInLimit } : {}),
  });
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireSession(guard));
    await scope.register(queryRoutes, { timezone, now });
    await scope.register(exportRoute, { timezone, now });
    await scope.register(auditRoute);
  });
};
