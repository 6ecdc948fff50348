import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import { CollectorError } from '../errors.js';
import { skipOverride } from './skip-override.js';

export interface CorsPluginOptions {
  /** `null`: reflect any origin (the script may be embedded anywhere). A list: only those. */
  allowOrigins: string[] | null;
}

/**
 * CORS for the beacon routes. `credentials: false`: the collector never reads cookies, so a
 * reflected origin grants nothing. With an allow-list, a POST from another origin is also refused
 * (403): a `text/plain` beacon needs no preflight, so CORS headers alone would not stop it being
 * stored. Requests without `Origin` (curl, server-side senders) pass: they could forge it anyway.
 */
export const corsPlugin = skipOverride('consentlog-cors', (async (app, opts) => {
  const allow = opts.allowOrigins;
  await app.register(cors, {
    origin: allow ?? true,
    methods: ['POST', 'OPTIONS'],
    credentials: false,
    // The browser script backs off as a 429/503 says; cross-origin, it can read the header only so.
    exposedHeaders: ['Retry-After'],
    // Chrome caps this at 2 h; fewer preflights for application/json senders.
    maxAge: 7200,
  });
  if (!allow) return;
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (request.method === 'POST' && origin !== undefined && !allow.includes(origin)) {
      throw new CollectorError('COLLECT_ERR_ORIGIN_FORBIDDEN', `Origin ${origin} is not allowed`);
    }
  });
}) as FastifyPluginAsync<CorsPluginOptions>);
