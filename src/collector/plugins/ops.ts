import type { FastifyPluginAsync } from 'fastify';
import { PATHS } from '../../shared/limits.js';
import { Metrics } from '../ops/metrics.js';
import { skipOverride } from './skip-override.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** Longest a SIGTERM drain waits for in-flight requests before cutting their connections. */
const DRAIN_MS = 10_000;

/**
 * Operations endpoints. `/healthz`: the process answers (liveness). `/readyz`: the store answers
 * and the collector is not shutting down (a load balancer stops sending before SIGTERM drains).
 * `/metrics`: Prometheus text; counters only, no personal data.
 */
export const opsPlugin = skipOverride('consentlog-ops', (async (app) => {
  const metrics = new Metrics();
  app.decorate('metrics', metrics);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    // Connections kept alive past their last answer would hold the drain open: close them, and
    // as a last resort (a client that never finishes its request) cut every one after a while.
    app.server.closeIdleConnections?.();
    setTimeout(() => app.server.closeAllConnections?.(), DRAIN_MS).unref();
  });
  // An answer given while draining tells the client to drop the connection, so none lingers.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== PATHS.events || request.method !== 'POST') return;
    metrics.inc('consentlog_batches_total', { status: String(reply.statusCode) });
    metrics.observe(reply.elapsedTime / 1000);
  });
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', async (_request, reply) => reply.headers(noStore).send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (closing) return reply.code(503).headers(noStore).send({ status: 'closing' });
    try {
      await app.store.ping();
    } catch {
      return reply.code(503).headers(noStore).send({ status: 'store unavailable' });
    }
    return reply.headers(noStore).send({ status: 'ready' });
  });
  app.get('/metrics', async (_request, reply) =>
    reply
      .headers({ ...noStore, 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      .send(metrics.render()),
  );
}) as FastifyPluginAsync);
