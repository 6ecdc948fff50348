import type { FastifyPluginAsync } from 'fastify';
import { PATHS } from '../../shared/limits.js';
import { deleteVisitor, exportVisitor } from '../privacy/rights.js';
import { visitorRequestSchema } from '../schemas/privacy.js';

interface VisitorBody {
  visitor_id: string;
}

/**
 * Visitors' own requests (`consentlog.exportMyData()` / `deleteMyData()`): the visitor id is a
 * 128-bit random secret held only by the visitor's browser, so possessing it proves identity;
 * guessing one is hopeless (and rate limited). Answers are never cached.
 */
export const privacyRoute: FastifyPluginAsync = async (app) => {
  const opts = { schema: { body: visitorRequestSchema } };
  app.post<{ Body: VisitorBody }>(PATHS.privacyExport, opts, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return exportVisitor(app.store, request.body.visitor_id, 'visitor');
  });
  app.post<{ Body: VisitorBody }>(PATHS.privacyDelete, opts, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { deleted: await deleteVisitor(app.store, request.body.visitor_id, 'visitor') };
  });
};
