import type { FastifyRequest } from 'fastify';

/**
 * True when a browser says the request comes from another site: an `Origin` other than this
 * collector's own, or `Sec-Fetch-Site: cross-site`. A request without either (curl, a script) is
 * not a browser's cross-site request, so it is let through; the token still has to be right.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    const { host, protocol } = new URL(origin);
    return host !== request.host || protocol !== `${request.protocol}:`;
  } catch {
    return true; // `null` (sandboxed frames, file://) or garbage
  }
}
