import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../enrich/enrich.js';
import { type IpMode, normaliseIp, storedIp } from '../enrich/ip.js';
import { type DailySalt, hashIp } from '../enrich/ip-salt.js';
import type { NetworkDomainLookup } from '../enrich/reverse-dns.js';
import { parseUserAgent } from '../enrich/user-agent.js';

export interface ContextDeps {
  ipMode: IpMode;
  /** Required for `hashed`. */
  salt?: DailySalt;
  /** With `--reverse-dns`. */
  networkDomain?: NetworkDomainLookup;
}

/**
 * What a request tells us beyond its body, computed once per batch. `request.ip` is the socket's
 * address, or with `--trust-proxy` the right-most X-Forwarded-For entry not from a trusted proxy.
 * The full address lives only in this function: the reverse DNS runs on it before it is reduced
 * per the IP mode, and only the reduced value leaves.
 */
export async function requestContext(
  request: FastifyRequest,
  site: string,
  deps: ContextDeps,
): Promise<RequestContext> {
  const userAgent = request.headers['user-agent'] ?? null;
  const full = normaliseIp(request.ip);
  const [networkDomain, salt] = await Promise.all([
    full && deps.networkDomain ? deps.networkDomain(full) : null,
    deps.ipMode === 'hashed' ? deps.salt?.current() : undefined,
  ]);
  const hash = salt ? (ip: string) => hashIp(salt, ip, userAgent, site) : undefined;
  return {
    site,
    receivedAt: Date.now(),
    userAgent,
    ua: parseUserAgent(userAgent ?? undefined, request.headers),
    ip: storedIp(full ?? undefined, deps.ipMode, hash),
    networkDomain,
  };
}
