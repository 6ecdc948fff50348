import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { LIMITS } from '../shared/limits.js';
import { DEFAULTS } from './config.js';
import { DASHBOARD_API_PREFIX, dashboardApi } from './dashboard/plugin.js';
import type { SignInLimiterFactory } from './dashboard/session/sign-in-limit.js';
import type { IpMode } from './enrich/ip.js';
import { DailySalt } from './enrich/ip-salt.js';
import { type ReverseDnsOptions, reverseDnsLookup } from './enrich/reverse-dns.js';
import { registerErrorHandlers } from './errors.js';
import { type LoggerOptions, loggerOptions } from './logger.js';
import { bodyParsersPlugin } from './plugins/body-parsers.js';
import { corsPlugin } from './plugins/cors.js';
import { dashboardPagePlugin } from './plugins/dashboard-page.js';
import { opsPlugin } from './plugins/ops.js';
import { type RateLimitOptions, rateLimitPlugin } from './plugins/rate-limit.js';
import { retentionPlugin } from './plugins/retention.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { staticPlugin } from './plugins/static.js';
import { storePlugin } from './plugins/store.js';
import { adminRoute } from './routes/admin.js';
import { consentRoute } from './routes/consent.js';
import { eventsRoute } from './routes/events.js';
import { gpcRoute } from './routes/gpc.js';
import { privacyRoute } from './routes/privacy.js';
import type { SqliteStoreOptions } from './store/sqlite.js';
import type { Store } from './store/types.js';

export interface BuildAppOptions {
  /** SQLite file (created if missing) or `postgres://` URL. Default `./data/consentlog.db`. Ignored when `store` is given. */
  db?: string;
  /** PostgreSQL connections per process (default 10). */
  dbPool?: number;
  /** Options for the SQLite store the app opens (lock wait, size cap). */
  sqlite?: Omit<SqliteStoreOptions, 'mustExist'>;
  /** A store you made and own (the app will not close it). */
  store?: Store;
  /** `null`/omitted: reflect any origin. A list: only these origins may send. */
  allowOrigins?: string[] | null;
  /** Serve the demo site at `/`. */
  demo?: boolean;
  /** How much of the client IP to keep. Default `truncated`. */
  ipMode?: IpMode;
  /** Trusted proxies for X-Forwarded-For (hops, or addresses/CIDRs). Default: none. */
  trustProxy?: false | number | string[];
  /** Look up the visitor's network domain by reverse DNS (off by default). */
  reverseDns?: ReverseDnsOptions | false;
  /** Requests per minute per client; 0 off. Default 0 here (embedding, tests); `serve` uses 6000. */
  rateLimit?: number;
  /** Where rate-limit counters live (default: in memory). */
  rateLimitStore?: RateLimitOptions['store'];
  /** Where the dashboard counts wrong sign-in tokens (default: in memory). */
  signInLimit?: SignInLimiterFactory;
  /** Token for the admin routes; null/omitted turns them off (401). */
  adminToken?: string | null;
  /** Or only its SHA-256 (hex), as collectors sharing a PostgreSQL database know it. */
  adminTokenSha256?: string | null;
  retentionDays?: number;
  consentRetentionDays?: number;
  /** Run the retention purge this often; 0/omitted: never (`serve` runs it daily). */
  purgeIntervalMs?: number;
  /** Off by default (tests, embedding); `serve` turns it on. */
  logger?: LoggerOptions | false;
  /** One log line per request (method and path); default off. */
  logRequests?: boolean;
  /** Where `consentlog.js`/`.mjs` are served from (default: the package's `dist/`). */
  distDir?: string;
  /** Where the demo site is served from (default: the package's `demo/`). */
  demoDir?: string;
  /** Where the built dashboard page is served from (default: the package's `dist/dashboard/`). */
  dashboardDir?: string;
  /** Serve HTTPS with these PEM contents (and send HSTS); omitted: plain HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** `lastUpdate` of `/.well-known/gpc.json` (YYYY-MM-DD). Default: when GPC support shipped. */
  gpcLastUpdate?: string;
  /** IANA zone the dashboard cuts days and hours in by default. Default: the machine's zone. */
  timezone?: string;
  /** Dashboard sessions end after this long idle. Default 12 h. */
  dashboardSessionIdleMs?: number;
  /** The dashboard's clock (tests). Default Date.now. */
  now?: () => number;
}

/** Fastify's types lack the hop count that proxy-addr understands as a function of the hop index. */
function trustProxyOption(
  value: false | number | string[],
): boolean | string[] | ((a: string, i: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

/**
 * Build the collector: plugins and routes, never listening (STYLE.md §10: `app` builds, `server`
 * listens). Listen on it, `inject()` into it, or mount it in another Node server via `app.routing`.
 */
export function buildApp(opts: BuildAppOptions = {}): FastifyInstance {
  // The HTTPS instance keeps the plain HTTP instance's type: no route depends on the server type.
  const app = Fastify({
    ...(opts.tls ? { https: opts.tls } : {}),
    logger: loggerOptions(opts.logger),
    // Two log lines per beacon cost more than the insert at high rates; errors are still logged
    // by our own error handler (errors.ts).
    logController: new LogController({ disableRequestLogging: opts.logRequests !== true }),
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: trustProxyOption(opts.trustProxy ?? false),
    // `{"__proto__": …}` is refused with a 400 rather than silently stripped: no client sends it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: {
      // Types are checked, not coerced ("12" is not a timestamp); unknown fields are dropped.
      customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false, allowUnionTypes: true },
    },
  });
  const retention = {
    retentionDays: opts.retentionDays ?? DEFAULTS.retentionDays,
    consentRetentionDays: opts.consentRetentionDays ?? DEFAULTS.consentRetentionDays,
  };
  registerErrorHandlers(app);
  app.register(bodyParsersPlugin);
  app.register(opsPlugin);
  app.register(securityHeadersPlugin, { hsts: Boolean(opts.tls) });
  app.register(rateLimitPlugin, { perMinute: opts.rateLimit ?? 0, store: opts.rateLimitStore });
  const db = opts.db ?? DEFAULTS.db;
  app.register(
    storePlugin,
    opts.store ? { store: opts.store } : { db, sqlite: opts.sqlite, poolSize: opts.dbPool },
  );
  app.register(corsPlugin, { allowOrigins: opts.allowOrigins ?? null });
  app.register(staticPlugin, { demo: opts.demo ?? false, distDir: opts.distDir, demoDir: opts.demoDir });
  app.register(dashboardPagePlugin, { dir: opts.dashboardDir });
  app.register(async (scope) => {
    const ipMode = opts.ipMode ?? DEFAULTS.ipMode;
    await scope.register(eventsRoute, {
      ipMode,
      ...(ipMode === 'hashed' ? { salt: new DailySalt(app.store) } : {}),
      ...(opts.reverseDns ? { networkDomain: reverseDnsLookup(opts.reverseDns) } : {}),
    });
  });
  app.register(consentRoute);
  app.register(privacyRoute);
  app.register(adminRoute, {
    adminToken: opts.adminToken ?? null,
    adminTokenSha256: opts.adminTokenSha256 ?? null,
    ...retention,
  });
  app.register(retentionPlugin, { ...retention, purgeIntervalMs: opts.purgeIntervalMs ?? 0 });
  app.register(gpcRoute, { lastUpdate: opts.gpcLastUpdate ?? '2026-11-27' });
  app.register(dashboardApi, {
    prefix: DASHBOARD_API_PREFIX,
    adminToken: opts.adminToken ?? null,
    adminTokenSha256: opts.adminTokenSha256 ?? null,
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    ...(opts.dashboardSessionIdleMs ? { sessionIdleMs: opts.dashboardSessionIdleMs } : {}),
    ...(opts.signInLimit ? { signInLimit: opts.signInLimit } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return app;
}
