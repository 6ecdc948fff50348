import { type ConfigInput, resolveConfig } from '../config.js';
import { startServer } from '../server.js';
import { type Command, type OptionSpec, stringValue, UsageError } from './spec.js';

const opt = (name: string, arg: string | undefined, description: string): OptionSpec => ({
  name,
  type: arg ? 'string' : 'boolean',
  ...(arg ? { arg } : {}),
  description,
});

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Run the collector: receive events and consent decisions, answer privacy requests, serve consentlog.js.',
  options: [
    opt(
      'config',
      'FILE',
      'JSON file of options keyed by flag name, e.g. {"ip":"hashed"} (env CONSENTLOG_CONFIG).',
    ),
    opt('port', 'N', 'Port to listen on; 0 picks a free one (env PORT, default 8080).'),
    opt('host', 'H', 'Interface to bind (env HOST, default 127.0.0.1; 0.0.0.0 for all).'),
    opt(
      'db',
      'PATH|URL',
      'SQLite file, created if missing, or postgres://user:pass@host/db (env CONSENTLOG_DB or DATABASE_URL, default ./data/consentlog.db).',
    ),
    opt(
      'db-pool',
      'N',
      'PostgreSQL connections per collector process, 1-1000 (env CONSENTLOG_DB_POOL, default 10).',
    ),
    {
      ...opt(
        'allow-origin',
        'ORIGIN',
        'Only accept beacons from this origin, e.g. https://example.com (env CONSENTLOG_ALLOW_ORIGIN, comma-separated; default: any).',
      ),
      multiple: true,
    },
    opt(
      'ip',
      'MODE',
      'Client IP to store: truncated (default; /24, /48), hashed (daily salt), none or full (env CONSENTLOG_IP).',
    ),
    opt('ip-mode', 'MODE', 'Same as --ip (older name).'),
    opt(
      'trust-proxy',
      'LIST',
      'Read the client IP from X-Forwarded-For sent by these proxies: addresses, CIDRs, loopback, or a hop count (env CONSENTLOG_TRUST_PROXY; default: none).',
    ),
    opt(
      'reverse-dns',
      undefined,
      "Store the visitor's network domain (reverse DNS of the full IP, registrable part) (env CONSENTLOG_REVERSE_DNS).",
    ),
    opt(
      'reverse-dns-timeout',
      'MS',
      'Give up a reverse DNS lookup after MS milliseconds (env CONSENTLOG_REVERSE_DNS_TIMEOUT, default 300).',
    ),
    opt(
      'rate-limit',
      'N',
      'Requests per minute per client IP, 0 = off (env CONSENTLOG_RATE_LIMIT, default 6000).',
    ),
    opt(
      'retention-days',
      'N',
      'Delete access-log rows older than N days, 0 = keep (env CONSENTLOG_RETENTION_DAYS, default 395).',
    ),
    opt(
      'consent-retention-days',
      'N',
      'Delete consent records older than N days, 0 = keep (env CONSENTLOG_CONSENT_RETENTION_DAYS, default 1095).',
    ),
    opt(
      'admin-token-file',
      'PATH',
      'Where a generated admin token is kept, mode 0600 (env CONSENTLOG_ADMIN_TOKEN_FILE; default admin-token next to the db). CONSENTLOG_ADMIN_TOKEN overrides it.',
    ),
    opt(
      'data-key-file',
      'PATH',
      'Key ring encrypting the personal columns, mode 0600, generated on first start (env CONSENTLOG_DATA_KEY_FILE; default data-key.json next to a SQLite db; none for :memory:). CONSENTLOG_DATA_KEY overrides it. Back it up: without it those columns cannot be read.',
    ),
    opt(
      'sync',
      'MODE',
      'full (default): fsync every commit before answering, power-cut safe; normal: survives a crash of the collector, faster (env CONSENTLOG_SYNC).',
    ),
    opt(
      'commit-window',
      'MS',
      'Gather writes for MS milliseconds per commit; 0 (default) commits at the end of each event-loop turn. More can pay on disks with slow fsync, at MS more latency (env CONSENTLOG_COMMIT_WINDOW).',
    ),
    opt(
      'checkpoint-interval',
      'MS',
      'Copy the WAL into the database file from a background thread every MS milliseconds (default 200), off the request path; 0: inside commits, as SQLite does by default (env CONSENTLOG_CHECKPOINT_INTERVAL).',
    ),
    opt(
      'log-requests',
      undefined,
      'Log one line per request: method and path, never the IP or query (env CONSENTLOG_LOG_REQUESTS).',
    ),
    opt(
      'timezone',
      'ZONE',
      "IANA time zone the dashboard cuts hours and days in by default, e.g. Asia/Tokyo (env CONSENTLOG_TIMEZONE; default: the machine's zone).",
    ),
    opt(
      'tls-cert',
      'FILE',
      'PEM certificate (chain): serve HTTPS with HSTS, for sites without a reverse proxy; needs --tls-key (env CONSENTLOG_TLS_CERT).',
    ),
    opt('tls-key', 'FILE', 'PEM private key for --tls-cert (env CONSENTLOG_TLS_KEY).'),
    opt('demo', undefined, 'Also serve the demo site at / (env CONSENTLOG_DEMO).'),
  ],
  async run(values, io) {
    const ipFlags = [stringValue(values, 'ip'), stringValue(values, 'ip-mode')].filter(
      (v) => v !== undefined,
    );
    const input: ConfigInput = {
      config: stringValue(values, 'config'),
      port: stringValue(values, 'port'),
      host: stringValue(values, 'host'),
      db: stringValue(values, 'db'),
      dbPool: stringValue(values, 'db-pool'),
      allowOrigins: (values['allow-origin'] as string[] | undefined) ?? null,
      ipMode: ipFlags[0],
      trustProxy: stringValue(values, 'trust-proxy'),
      reverseDns: values['reverse-dns'] === true ? true : undefined,
      reverseDnsTimeoutMs: stringValue(values, 'reverse-dns-timeout'),
      rateLimit: stringValue(values, 'rate-limit'),
      retentionDays: stringValue(values, 'retention-days'),
      consentRetentionDays: stringValue(values, 'consent-retention-days'),
      adminTokenFile: stringValue(values, 'admin-token-file'),
      dataKeyFile: stringValue(values, 'data-key-file'),
      sync: stringValue(values, 'sync'),
      commitWindowMs: stringValue(values, 'commit-window'),
      checkpointIntervalMs: stringValue(values, 'checkpoint-interval'),
      demo: values.demo === true ? true : undefined,
      logRequests: values['log-requests'] === true ? true : undefined,
      timezone: stringValue(values, 'timezone'),
      tlsCert: stringValue(values, 'tls-cert'),
      tlsKey: stringValue(values, 'tls-key'),
    };
    let config: ReturnType<typeof resolveConfig>;
    try {
      config = resolveConfig(input, io.env ?? process.env);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // Resolves once listening; the open server keeps the process alive until a signal closes it.
    const server = await startServer({
      ...config,
      stdout: io.stdout,
      logStream: io.stderr,
      env: io.env ?? process.env,
    });
    io.stdout.write(`dashboard: ${server.url}/dashboard/ (sign in with the admin token)\n`);
    return 0;
  },
};
