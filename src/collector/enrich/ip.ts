import { isIPv4, isIPv6 } from 'node:net';

/**
 * `truncated` (default) keeps the network, not the host: IPv4 /24 (`a.b.c.0`), IPv6 /48.
 * `none` stores nothing; `full` stores the address as received (only with a legal basis for it).
 */
export type IpMode = 'truncated' | 'full' | 'none';

/** The IP to store for `address` (the socket's remote address) under `mode`, or null. */
export function storedIp(address: string | undefined, mode: IpMode): string | null {
  if (!address || mode === 'none') return null;
  // Dual-stack sockets report IPv4 clients as `::ffff:a.b.c.d`.
  const lower = address.toLowerCase();
  const ip = lower.startsWith('::ffff:') && isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
  if (mode === 'full') return ip;
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0`;
  if (isIPv6(ip)) return `${expandIPv6(ip).slice(0, 3).join(':')}::`;
  return null;
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
