import type { IpMode } from './enrich/ip.js';

/** Everything `serve` needs. One typed object of defaults, user options merged over it (STYLE.md §3). */
export interface CollectorConfig {
  port: number;
  /**
   * Interface to bind. `127.0.0.1` by default so a dev start is not reachable from the network;
   * pass `--host 0.0.0.0` (or `HOST=0.0.0.0`) in a container or behind a load balancer.
   */
  host: string;
  /** SQLite file; its parent directory is created when missing. */
  db: string;
  /** `null` reflects any request origin; a list allows only those origins. */
  allowOrigins: string[] | null;
  /** Serve the `demo/` folder at `/`. */
  demo: boolean;
  /** How much of the client IP is stored (DESIGN.md: "ip (per the IP mode)"). */
  ipMode: IpMode;
}

export const DEFAULTS: Readonly<CollectorConfig> = Object.freeze({
  port: 8080,
  host: '127.0.0.1',
  db: './data/consentlog.db',
  allowOrigins: null,
  demo: false,
  ipMode: 'truncated',
});

/** Raw options as they come from flags (strings) or code (typed values). */
export interface ConfigInput {
  port?: string | number;
  host?: string;
  db?: string;
  allowOrigins?: string[] | null;
  demo?: boolean;
  ipMode?: string;
}

const IP_MODES: readonly IpMode[] = ['truncated', 'full', 'none'];

type Env = Record<string, string | undefined>;

/** A raw value and the name to blame if it is bad: the flag, or the env variable it fell back to. */
interface Source {
  name: string;
  value: string | number;
}

function source(
  flag: string,
  value: string | number | undefined,
  env: Env,
  envName?: string,
): Source | undefined {
  if (value !== undefined) return { name: flag, value };
  const fromEnv = envName ? env[envName] : undefined;
  return envName && fromEnv ? { name: envName, value: fromEnv } : undefined;
}

/**
 * Merge flags over env fallbacks (`PORT`, `HOST`, `CONSENTLOG_DB`) over DEFAULTS, and validate.
 * A bad value throws an Error naming where it came from (`--port` or `PORT`), so the fix is obvious.
 */
export function resolveConfig(input: ConfigInput = {}, env: Env = process.env): CollectorConfig {
  const port = source('--port', input.port, env, 'PORT');
  const host = source('--host', input.host, env, 'HOST');
  const db = source('--db', input.db, env, 'CONSENTLOG_DB');
  const ipMode = source('--ip-mode', input.ipMode, env);
  return {
    port: port ? parsePort(port.name, port.value) : DEFAULTS.port,
    host: host ? nonEmpty(host.name, String(host.value)) : DEFAULTS.host,
    db: db ? nonEmpty(db.name, String(db.value)) : DEFAULTS.db,
    allowOrigins: input.allowOrigins?.length ? input.allowOrigins.map(parseOrigin) : DEFAULTS.allowOrigins,
    demo: input.demo ?? DEFAULTS.demo,
    ipMode: ipMode ? parseIpMode(ipMode.name, String(ipMode.value)) : DEFAULTS.ipMode,
  };
}

export function parsePort(name: string, value: string | number): number {
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new Error(`${name} must be an integer 0-65535, got ${JSON.stringify(String(value))}`);
  }
  return port;
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw new Error(`${name} must not be empty`);
  return value;
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

function parseIpMode(name: string, value: string): IpMode {
  if (!(IP_MODES as readonly string[]).includes(value)) {
    throw new Error(`${name} must be one of ${IP_MODES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as IpMode;
}
