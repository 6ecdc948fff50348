import { isIP } from 'node:net';
import { isTimeZone } from './dashboard/time-zone.js';
import { IP_MODES, type IpMode } from './enrich/ip.js';

/** Parsers for config values from flags (strings), env (strings) or a config file (JSON values). */
const show = (value: unknown): string => JSON.stringify(typeof value === 'string' ? value : String(value));

export function parsePort(name: string, value: unknown): number {
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw new Error(`${name} must be an integer 0-65535, got ${show(value)}`);
  return port;
}

export function nonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must not be empty`);
  return value;
}

export function parseCount(name: string, value: unknown, max = 1_000_000_000): number {
  const text = String(value).trim();
  const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= max)) throw new Error(`${name} must be a whole number 0-${max}, got ${show(value)}`);
  return n;
}

export function parseBool(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  throw new Error(`${name} must be true or false, got ${show(value)}`);
}

export function parseIpMode(name: string, value: unknown): IpMode {
  if (!(IP_MODES as readonly unknown[]).includes(value)) {
    throw new Error(`${name} must be one of ${IP_MODES.join(', ')}, got ${show(value)}`);
  }
  return value as IpMode;
}

/** A list from repeated flags, a JSON array, or a comma-separated env value. */
export function parseList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

/** An origin is `scheme://host[:port]` with nothing after it: what browsers send in `Origin`. */
export function parseOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const bare =
    url && url.pathname === '/' && !url.search && !url.hash && !url.username && !value.endsWith('#');
  if (!url || !bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(
      `--allow-origin must be an origin like https://example.com, got ${JSON.stringify(value)}`,
    );
  }
  return url.origin;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Trusted proxies: `false` (default: the socket address is the client), a hop count, or a list of
 * addresses / CIDR ranges / `loopback|linklocal|uniquelocal`. The client IP is then the right-most
 * X-Forwarded-For entry that is not a trusted proxy. `true` (trust anyone) is refused: any client
 * could then claim any address.
 */
export function parseTrustProxy(name: string, value: unknown): false | number | string[] {
  if (value === false || value === undefined || value === '' || value === 'false') return false;
  if (typeof value === 'number' || /^\d{1,2}$/.test(String(value))) return parseCount(name, value, 10);
  const list = parseList(value);
  for (const item of list) {
    const [ip, bits] = item.split('/');
    const ok =
      PROXY_NAMES.includes(item) || (isIP(ip ?? '') && (bits === undefined || /^\d{1,3}$/.test(bits)));
    if (!ok) {
      throw new Error(
        `${name} must be a hop count or proxy addresses/CIDRs (or loopback, linklocal, uniquelocal), got ${show(item)}`,
      );
    }
  }
  return list;
}

export function parseSync(name: string, value: unknown): 'full' | 'normal' {
  if (value !== 'full' && value !== 'normal')
    throw new Error(`${name} must be full or normal, got ${show(value)}`);
  return value;
}

/** Connections in a PostgreSQL pool: 1-1000. */
export function parsePoolSize(name: string, value: unknown): number {
  const n = parseCount(name, value, 1000);
  if (n < 1) throw new Error(`${name} must be a whole number 1-1000, got ${show(value)}`);
  return n;
}

/** An IANA time zone name that this Node's Intl knows (`Europe/Berlin`, `Asia/Tokyo`, `UTC`). */
export function parseTimeZone(name: string, value: unknown): string {
  const text = String(value).trim();
  if (!isTimeZone(text))
    throw new Error(`${name} must be an IANA time zone such as Europe/Berlin, got ${show(value)}`);
  return text;
}
