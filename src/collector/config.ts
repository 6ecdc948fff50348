import { readFileSync } from 'node:fs';
import {
  nonEmpty,
  parseBool,
  parseCount,
  parseIpMode,
  parseList,
  parseOrigin,
  parsePoolSize,
  parsePort,
  parseSync,
  parseTimeZone,
  parseTrustProxy,
} from './config-parse.js';
import type { IpMode } from './enrich/ip.js';

export { parseOrigin, parsePort } from './config-parse.js';

/** Everything `serve` needs. One typed object of defaults, user options merged over it (STYLE.md §3). */
export interface CollectorConfig {
  port: number;
  /** Interface to bind; `127.0.0.1` so a dev start is not reachable from the network. */
  host: string;
  /** SQLite file (its parent directory is created when missing), or a `postgres://` URL. */
  db: string;
  /** PostgreSQL connections per collector process (ignored for SQLite). */
  dbPool: number;
  /** `null` reflects any request origin; a list allows only those origins. */
  allowOrigins: string[] | null;
  /** Serve the `demo/` folder at `/`. */
  demo: boolean;
  /** How much of the client IP is stored (DESIGN.md: "ip (per the IP mode)"). */
  ipMode: IpMode;
  /** Trusted reverse proxies for X-Forwarded-For; false: use the socket address. */
  trustProxy: false | number | string[];
  /** Look up the visitor's network domain (reverse DNS of the full IP) before reducing the IP. */
  reverseDns: boolean;
  reverseDnsTimeoutMs: number;
  /** Requests per minute per client IP; 0 turns the limit off. */
  rateLimit: number;
  /** Days access-log rows are kept; 0 keeps them forever. */
  retentionDays: number;
  /** Days consent records are kept; 0 keeps them forever. */
  consentRetentionDays: number;
  /** Where a generated admin token is kept; default `admin-token` next to the database. */
  adminTokenFile: string | null;
  /** The data key ring encrypting personal columns; default data-key.json beside the database (issue 9). */
  dataKeyFile: string | null;
  /** SQLite durability: `full` fsyncs each commit (power-cut safe); `normal` survives process crashes. */
  sync: 'full' | 'normal';
  /** Group-commit window in ms; 0 commits at the end of each event-loop turn (no added latency). */
  commitWindowMs: number;
  /** Checkpoint the WAL from a background thread every N ms; 0: inside commits (SQLite's default). */
  checkpointIntervalMs: number;
  /** Log one line per request (method and path only). Off by default: it costs more than the insert. */
  logRequests: boolean;
  /** IANA zone the dashboard cuts hours and days in by default; null: the machine's zone. */
  timezone: string | null;
  /** PEM certificate (chain) file: with `tlsKey`, the collector serves HTTPS itself, with HSTS. */
  tlsCert: string | null;
  /** PEM private key file for `tlsCert`. */
  tlsKey: string | null;
}

export const DEFAULTS: Readonly<CollectorConfig> = Object.freeze({
  port: 8080,
  host: '127.0.0.1',
  db: './data/consentlog.db',
  dbPool: 10,
  allowOrigins: null,
  demo: false,
  ipMode: 'truncated',
  trustProxy: false,
  reverseDns: false,
  reverseDnsTimeoutMs: 300,
  // 6000/min = 100 requests/s from one address: an office of hundreds behind one NAT stays well below.
  rateLimit: 6000,
  // 13 months, the longest an analytics cookie may live (CNIL), then rows go.
  retentionDays: 395,
  // 3 years: the consent's life plus the usual period for challenging it (consent-rules.md §19).
  consentRetentionDays: 1095,
  adminTokenFile: null,
  dataKeyFile: null,
  sync: 'full',
  commitWindowMs: 0,
  checkpointIntervalMs: 200,
  logRequests: false,
  timezone: null,
  tlsCert: null,
  tlsKey: null,
});

/** Raw options as they come from flags (strings) or code (typed values). */
export interface ConfigInput {
  port?: string | number;
  host?: string;
  db?: string;
  dbPool?: string | number;
  allowOrigins?: string[] | null;
  demo?: boolean;
  ipMode?: string;
  trustProxy?: string | number | false;
  reverseDns?: boolean;
  reverseDnsTimeoutMs?: string | number;
  rateLimit?: string | number;
  retentionDays?: string | number;
  consentRetentionDays?: string | number;
  adminTokenFile?: string;
  dataKeyFile?: string;
  sync?: string;
  commitWindowMs?: string | number;
  checkpointIntervalMs?: string | number;
  logRequests?: boolean;
  timezone?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** A JSON file with the same options, keyed by flag name (`"ip": "hashed"`). */
  config?: string;
}

type Env = Record<string, string | undefined>;
type Key = keyof CollectorConfig;

/** One option: its flag (also its key in a config file), env variables, and parser. */
interface Field {
  key: Key;
  flag: string;
  env: string[];
  parse(name: string, value: unknown): CollectorConfig[Key];
}

const origins = (_name: string, value: unknown) => {
  const list = parseList(value).map(parseOrigin);
  return list.length ? list : null;
};

export const FIELDS: readonly Field[] = [
  { key: 'port', flag: 'port', env: ['PORT', 'CONSENTLOG_PORT'], parse: parsePort },
  { key: 'host', flag: 'host', env: ['HOST', 'CONSENTLOG_HOST'], parse: nonEmpty },
  // DATABASE_URL: what platforms that provision PostgreSQL set; CONSENTLOG_DB wins over it.
  { key: 'db', flag: 'db', env: ['CONSENTLOG_DB', 'DATABASE_URL'], parse: nonEmpty },
  { key: 'dbPool', flag: 'db-pool', env: ['CONSENTLOG_DB_POOL'], parse: parsePoolSize },
  { key: 'allowOrigins', flag: 'allow-origin', env: ['CONSENTLOG_ALLOW_ORIGIN'], parse: origins },
  { key: 'demo', flag: 'demo', env: ['CONSENTLOG_DEMO'], parse: parseBool },
  { key: 'ipMode', flag: 'ip', env: ['CONSENTLOG_IP'], parse: parseIpMode },
  { key: 'trustProxy', flag: 'trust-proxy', env: ['CONSENTLOG_TRUST_PROXY'], parse: parseTrustProxy },
  { key: 'reverseDns', flag: 'reverse-dns', env: ['CONSENTLOG_REVERSE_DNS'], parse: parseBool },
  {
    key: 'reverseDnsTimeoutMs',
    flag: 'reverse-dns-timeout',
    env: ['CONSENTLOG_REVERSE_DNS_TIMEOUT'],
    parse: (n, v) => parseCount(n, v, 10_000),
  },
  { key: 'rateLimit', flag: 'rate-limit', env: ['CONSENTLOG_RATE_LIMIT'], parse: parseCount },
  { key: 'retentionDays', flag: 'retention-days', env: ['CONSENTLOG_RETENTION_DAYS'], parse: parseCount },
  {
    key: 'consentRetentionDays',
    flag: 'consent-retention-days',
    env: ['CONSENTLOG_CONSENT_RETENTION_DAYS'],
    parse: parseCount,
  },
  { key: 'adminTokenFile', flag: 'admin-token-file', env: ['CONSENTLOG_ADMIN_TOKEN_FILE'], parse: nonEmpty },
  { key: 'dataKeyFile', flag: 'data-key-file', env: ['CONSENTLOG_DATA_KEY_FILE'], parse: nonEmpty },
  { key: 'sync', flag: 'sync', env: ['CONSENTLOG_SYNC'], parse: parseSync },
  {
    key: 'commitWindowMs',
    flag: 'commit-window',
    env: ['CONSENTLOG_COMMIT_WINDOW'],
    parse: (n, v) => parseCount(n, v, 1000),
  },
  {
    key: 'checkpointIntervalMs',
    flag: 'checkpoint-interval',
    env: ['CONSENTLOG_CHECKPOINT_INTERVAL'],
    parse: (n, v) => parseCount(n, v, 60_000),
  },
  { key: 'logRequests', flag: 'log-requests', env: ['CONSENTLOG_LOG_REQUESTS'], parse: parseBool },
  { key: 'timezone', flag: 'timezone', env: ['CONSENTLOG_TIMEZONE'], parse: parseTimeZone },
  { key: 'tlsCert', flag: 'tls-cert', env: ['CONSENTLOG_TLS_CERT'], parse: nonEmpty },
  { key: 'tlsKey', flag: 'tls-key', env: ['CONSENTLOG_TLS_KEY'], parse: nonEmpty },
];

/** Input keys that differ from the config keys: `ipMode` also answers to the older `--ip-mode`. */
const fromInput = (input: ConfigInput, key: Key): unknown => {
  const value = (input as Record<string, unknown>)[key];
  return Array.isArray(value) && !value.length ? undefined : value;
};

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`--config ${path}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--config ${path} must hold a JSON object of options`);
  }
  const known = new Set(FIELDS.map((f) => f.flag));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new Error(`--config ${path}: unknown option "${key}"`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Merge flags over env over a config file (`--config` or CONSENTLOG_CONFIG) over DEFAULTS, and
 * validate. A bad value throws an Error naming where it came from (`--port`, `PORT`, or the file
 * and key), so the fix is obvious.
 */
export function resolveConfig(input: ConfigInput = {}, env: Env = process.env): CollectorConfig {
  const file = input.config ?? env.CONSENTLOG_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  const config: Record<string, unknown> = { ...DEFAULTS };
  for (const field of FIELDS) {
    const flagValue = fromInput(input, field.key);
    const envName = field.env.find((name) => env[name] !== undefined && env[name] !== '');
    if (flagValue !== undefined && flagValue !== null) {
      config[field.key] = field.parse(`--${field.key === 'ipMode' ? 'ip' : field.flag}`, flagValue);
    } else if (envName) {
      config[field.key] = field.parse(envName, env[envName]);
    } else if (field.flag in fromFile) {
      config[field.key] = field.parse(`${file}: "${field.flag}"`, fromFile[field.flag]);
    }
  }
  // One without the other is a half-configured HTTPS server: refuse it rather than serve plain HTTP.
  if ((config.tlsCert === null) !== (config.tlsKey === null)) {
    throw new Error(config.tlsCert ? '--tls-cert needs --tls-key' : '--tls-key needs --tls-cert');
  }
  return config as unknown as CollectorConfig;
}
