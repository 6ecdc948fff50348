import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { CollectorError } from '../errors.js';
import { skipOverride } from './skip-override.js';

export interface RateLimitOptions {
  /** Requests per minute per client IP; 0 turns the limit off. */
  perMinute: number;
  /**
   * Where counters live. Default: in this process (an LRU of clients). A custom store (the
   * @fastify/rate-limit store interface) shares them between collectors behind a load balancer.
   */
  store?: NonNullable<Parameters<typeof rateLimit>[1]>['store'];
}

/**
 * Rate limit per client (the resolved client IP: the socket, or X-Forwarded-For behind
 * `--trust-proxy`), answering 429 with Retry-After. Health, readiness and metrics are exempt so
 * probes never trip it. The key is only held in memory; nothing about it is logged.
 */
export const rateLimitPlugin = skipOverride('consentlog-rate-limit', (async (app, opts) => {
  if (!opts.perMinute) return;
  await app.register(rateLimit, {
    global: true,
    max: opts.perMinute,
    timeWindow: 60_000,
    cache: 20_000,
    // A shared store that cannot answer (database down) must not turn every request into a 500:
    // the request goes on, and the route itself answers 503 if the store is really gone.
    ...(opts.store ? { store: opts.store, skipOnError: true } : {}),
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url),
    // Thrown by the plugin, then answered by our error handler as `{ error, message }`.
    errorResponseBuilder: (_request, context) =>
      new CollectorError(
        'COLLECT_ERR_RATE_LIMITED',
        `Rate limit exceeded: ${context.max} requests per minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
}) as FastifyPluginAsync<RateLimitOptions>);
