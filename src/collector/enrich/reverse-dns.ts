import { Resolver } from 'node:dns/promises';
import { getDomain } from 'tldts';
import { Lru } from '../lib/lru.js';

export interface ReverseDnsOptions {
  /** Give up after this long; the event is stored without a network domain. */
  timeoutMs: number;
  /** Remember answers (and failures) this long. */
  ttlMs?: number;
  /** Most addresses remembered. */
  cacheSize?: number;
  /** DNS servers (`ip` or `ip:port`); default: the system's. */
  servers?: string[];
}

export type NetworkDomainLookup = (ip: string) => Promise<string | null>;

/**
 * The visitor's network domain: the reverse DNS (PTR) name of the FULL address, reduced to its
 * registrable domain (`p5b0a.dip0.t-ipconnect.de` → `t-ipconnect.de`), so reports can show
 * "which organisations visit" without keeping who. Bounded: one try, a timeout, and a cache of
 * answers and failures so a slow resolver costs each address once per TTL.
 */
export function reverseDnsLookup(opts: ReverseDnsOptions): NetworkDomainLookup {
  const resolver = new Resolver({ timeout: opts.timeoutMs, tries: 1 });
  if (opts.servers?.length) resolver.setServers(opts.servers);
  const cache = new Lru<string, Promise<string | null>>(opts.cacheSize ?? 10_000, opts.ttlMs ?? 3_600_000);
  return (ip) => {
    const hit = cache.get(ip);
    if (hit) return hit;
    const answer = withTimeout(resolver.reverse(ip), opts.timeoutMs).then(
      (names) => (names[0] ? getDomain(names[0]) : null),
      () => null,
    );
    cache.set(ip, answer);
    return answer;
  };
}

/** The resolver's own timeout counts per try; this bounds the whole lookup, whatever happens. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('reverse DNS timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
