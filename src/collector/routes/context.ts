import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../enrich/enrich.js';
import { type IpMode, storedIp } from '../enrich/ip.js';
import { parseUserAgent } from '../enrich/user-agent.js';

/**
 * What a request tells us beyond its body, computed once per batch. `request.ip` is the socket's
 * address unless Fastify's `trustProxy` is set (behind a load balancer, a later option).
 */
export function requestContext(request: FastifyRequest, site: string, ipMode: IpMode): RequestContext {
  const userAgent = request.headers['user-agent'] ?? null;
  return {
    site,
    receivedAt: Date.now(),
    userAgent,
    ua: parseUserAgent(userAgent ?? undefined),
    ip: storedIp(request.ip, ipMode),
  };
}
