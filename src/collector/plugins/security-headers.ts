import type { FastifyPluginAsync } from 'fastify';
import { skipOverride } from './skip-override.js';

const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'interest-cohort=(), browsing-topics=()',
};

/** One year, the minimum the HSTS preload list accepts; subdomains too, as the site's own domain serves us. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response. API answers (JSON, text) also get a CSP that allows nothing,
 * so a reflected value can never run as a page. HTML and scripts (the demo site, consentlog.js)
 * keep their own policy, set by the site that serves them. HSTS is sent only when the collector
 * terminates TLS itself (`hsts`); behind a reverse proxy it is the proxy's header (docs/deployment.md),
 * and on plain HTTP browsers ignore it anyway.
 */
export const securityHeadersPlugin = skipOverride('consentlog-security-headers', (async (
  app,
  opts: { hsts?: boolean },
) => {
  const headers = opts.hsts ? { ...ALWAYS, 'strict-transport-security': HSTS } : ALWAYS;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(headers);
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/html|javascript/.test(type)) {
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    return payload;
  });
}) as FastifyPluginAsync<{ hsts?: boolean }>);
