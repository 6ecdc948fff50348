import type { FastifyPluginAsync } from 'fastify';
import { CollectorError } from '../../errors.js';

/** `GET /audit`: the newest audit entries, for admins only (analysts get 403). Reading is audited too. */
export const auditRoute: FastifyPluginAsync = async (app) => {
  app.get('/audit', async (request) => {
    const session = request.dashboardSession;
    if (session?.role !== 'admin') {
      throw new CollectorError('COLLECT_ERR_FORBIDDEN', 'The audit log is for the admin role');
    }
    const audit = await app.store.auditEntries(200);
    await app.store.appendAudit({
      ts: Date.now(),
      actor: session.actor,
      action: 'audit.read',
      subject: null,
      detail: null,
    });
    return { audit };
  });
};
