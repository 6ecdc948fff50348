import type { FastifyPluginAsync } from 'fastify';
import { actorOf, requireRole } from '../plugins/admin-auth.js';
import { purgeExpired, type RetentionOptions } from '../privacy/retention.js';
import { correctVisitor, deleteVisitor, exportVisitor } from '../privacy/rights.js';
import { correctionSchema, purgeSchema, visitorRequestSchema } from '../schemas/privacy.js';
import type { Corrections } from '../store/types.js';

export interface AdminRouteOptions extends RetentionOptions {
  adminToken: string | null;
  /** The token's SHA-256 (hex) when only that is known (shared through PostgreSQL). */
  adminTokenSha256?: string | null;
}

/**
 * Operator routes, all behind the admin token: rights requests that arrived by e-mail, an
 * immediate purge, and the audit log. Every action is audited (actor `admin`).
 */
export const adminRoute: FastifyPluginAsync<AdminRouteOptions> = async (app, opts) => {
  app.addHook(
    'preHandler',
    requireRole(() => app.store, { token: opts.adminToken, sha256: opts.adminTokenSha256 }, ['admin']),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  const visitor = { schema: { body: visitorRequestSchema } };
  app.post<{ Body: { visitor_id: string } }>('/v1/admin/privacy/export', visitor, async (request) =>
    exportVisitor(app.store, request.body.visitor_id, actorOf(request.principal)),
  );
  app.post<{ Body: { visitor_id: string } }>('/v1/admin/privacy/delete', visitor, async (request) => ({
    deleted: await deleteVisitor(app.store, request.body.visitor_id, actorOf(request.principal)),
  }));
  app.post<{ Body: { visitor_id: string; set: Corrections } }>(
    '/v1/admin/privacy/correct',
    { schema: { body: correctionSchema } },
    async (request) => ({
      corrected: await correctVisitor(
        app.store,
        request.body.visitor_id,
        request.body.set,
        actorOf(request.principal),
      ),
    }),
  );
  app.post('/v1/admin/purge', { schema: { body: purgeSchema } }, async (request) => ({
    purged: await purgeExpired(app.store, opts, actorOf(request.principal)),
  }));
  app.get('/v1/admin/audit', async (request) => {
    const audit = await app.store.auditEntries(200);
    await app.store.appendAudit({
      ts: Date.now(),
      actor: actorOf(request.principal),
      action: 'audit.read',
      subject: null,
      detail: null,
    });
    return { audit };
  });
};
