import { isIPv4, isIPv6 } from 'node:net';

/**
 * `truncated` (default) keeps the network, not the host: IPv4 /24 (`a.b.c.0`), IPv6 /48.
 * `hashed` keeps a keyed hash (with the user agent and site) under a salt that rotates daily and is
 * deleted after 48 h, so visitors can be counted for a day but never re-identified afterwards.
 * `none` stores nothing; `full` stores the address as received (only with a legal basis for it).
 */
export type IpMode = 'truncated' | 'hashed' | 'full' | 'none';

export const IP_MODES: readonly IpMode[] = ['truncated', 'hashed', 'full', 'none'];

/** Dual-stack sockets report IPv4 clients as `::ffff:a.b.c.d`; this undoes that. Null if not an IP. */
export function normaliseIp(address: string | undefined): string | null {
  if (!address) return null;
  const lower = address.toLowerCase();
  const ip = lower.startsWith('::ffff:') && isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
  return isIPv4(ip) || isIPv6(ip) ? ip : null;
}

/** The network part: IPv4 /24, IPv6 /48. */
export function truncateIp(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0`;
  return `${expandIPv6(ip).slice(0, 3).join(':')}::`;
}

/**
 * The IP to store for `address` under `mode`, or null. `hash` turns a full address into its
 * keyed hash; without it, `hashed` stores nothing rather than risk storing the raw address.
 */
export function storedIp(
  address: string | undefined,
  mode: IpMode,
  hash?: (ip: string) => string,
): string | null {
  if (mode === 'none') return null;
  const ip = normaliseIp(address);
  if (!ip) return null;
  if (mode === 'full') return ip;
  if (mode === 'hashed') return hash ? hash(ip) : null;
  return truncateIp(ip);
}

/** The eight hextets of an IPv6 address, `::` expanded (zone ids dropped). */
function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right].map(
    (part) => part.replace(/^0+(?=.)/, '') || '0',
  );
}
