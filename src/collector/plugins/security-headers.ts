import type { FastifyPluginAsync } from 'fastify';
import { skipOverride } from './skip-override.js';

const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'interest-cohort=(), browsing-topics=()',
};

/**
 * Security headers on every response. API answers (JSON, text) also get a CSP that allows nothing,
 * so a reflected value can never run as a page. HTML and scripts (the demo site, consentlog.js)
 * keep their own policy, set by the site that serves them. HSTS is the TLS terminator's job
 * (docs/deployment.md): the collector itself speaks plain HTTP on loopback.
 */
export const securityHeadersPlugin = skipOverride('consentlog-security-headers', (async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(ALWAYS);
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/html|javascript/.test(type)) {
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    return payload;
  });
}) as FastifyPluginAsync);
