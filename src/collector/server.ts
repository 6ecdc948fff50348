import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { CollectorConfig } from './config.js';
import { postgresSignInLimit } from './dashboard/session/sign-in-limit-postgres.js';
import { postgresRateLimitStore } from './plugins/rate-limit-postgres.js';
import { defaultTokenFile, resolveAdminToken } from './privacy/admin-token.js';
import { resolveSharedAdminToken } from './privacy/admin-token-shared.js';
import { openProtectedStore } from './store/open-protected.js';

export interface StartServerOptions extends Omit<CollectorConfig, 'tlsCert' | 'tlsKey'> {
  tlsCert?: string | null;
  tlsKey?: string | null;
  /** Where the `listening on` lines go (default process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** Where JSON logs go (default process.stderr); `false` turns logging off. */
  logStream?: NodeJS.WritableStream | false;
  /** Close gracefully on SIGTERM/SIGINT (default true; tests turn it off). */
  handleSignals?: boolean;
  /** Where CONSENTLOG_ADMIN_TOKEN is read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** How often the retention purge runs (default daily). */
  purgeIntervalMs?: number;
}

const DAY_MS = 86_400_000;

export interface RunningServer {
  app: FastifyInstance;
  /** `http://HOST:PORT` with the real port (also when asked for port 0). */
  url: string;
  close(): Promise<void>;
}

/** Only IPv6 literals need brackets in a URL. */
export function serverUrl(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The PEM files of `--tls-cert`/`--tls-key`, read once at start; an unreadable one names its flag. */
export function readTls(opts: Pick<StartServerOptions, 'tlsCert' | 'tlsKey'>) {
  if (!opts.tlsCert || !opts.tlsKey) return undefined;
  const read = (flag: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new Error(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  return { cert: read('--tls-cert', opts.tlsCert), key: read('--tls-key', opts.tlsKey) };
}

/**
 * buildApp → listen → print `consentlog collector listening on http://HOST:PORT` (and
 * `demo site: http://HOST:PORT/` with `demo`), and close gracefully on SIGTERM/SIGINT.
 */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const logStream = opts.logStream ?? process.stderr;
  const tls = readTls(opts);
  const env = opts.env ?? process.env;
  // With PostgreSQL, everything collectors must agree on (IP salt, rate-limit windows, admin token)
  // lives in the database, so any number of them behind a load balancer behave as one.
  // The store is opened here, before the app, so a wrong or missing data key stops the start.
  const { store, pg, createdKeyFile } = await openProtectedStore(opts, env, logStream);
  let admin: { token: string | null; sha256?: string; file?: string | null; created: boolean };
  try {
    admin = pg
      ? await resolveSharedAdminToken(env, pg)
      : resolveAdminToken(env, opts.adminTokenFile ?? defaultTokenFile(opts.db));
  } catch (err) {
    await store.close();
    throw err;
  }
  const app = buildApp({
    store,
    ...(pg ? { rateLimitStore: postgresRateLimitStore(pg), signInLimit: postgresSignInLimit(pg) } : {}),
    allowOrigins: opts.allowOrigins,
    demo: opts.demo,
    ipMode: opts.ipMode,
    trustProxy: opts.trustProxy,
    reverseDns: opts.reverseDns ? { timeoutMs: opts.reverseDnsTimeoutMs } : false,
    rateLimit: opts.rateLimit,
    adminToken: admin.token,
    adminTokenSha256: admin.sha256 ?? null,
    retentionDays: opts.retentionDays,
    consentRetentionDays: opts.consentRetentionDays,
    purgeIntervalMs: opts.purgeIntervalMs ?? DAY_MS,
    logger: logStream ? { level: 'info', stream: logStream } : false,
    logRequests: opts.logRequests,
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    tls,
  });
  app.addHook('onClose', () => store.close());
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await app.close(); // e.g. EADDRINUSE: release the store before reporting
    throw err;
  }
  const url = serverUrl(opts.host, (app.server.address() as AddressInfo).port, tls ? 'https' : 'http');
  const stdout = opts.stdout ?? process.stdout;
  // Printed once, on the start that made it, to the terminal only (never the JSON log).
  if (admin.created) {
    const where = pg ? 'its hash kept in the database' : `saved to ${admin.file}`;
    stdout.write(`admin token (${where}, shown only this once): ${admin.token}\n`);
  }
  if (createdKeyFile)
    stdout.write(
      `data key generated: ${createdKeyFile} (mode 0600; back it up: without it the personal columns cannot be read)\n`,
    );
  stdout.write(`consentlog collector listening on ${url}\n`);
  if (opts.demo) stdout.write(`demo site: ${url}/\n`);

  return { app, url, close: closeOnce(app, opts.handleSignals !== false) };
}

/**
 * An idempotent close, and (with `signals`) SIGTERM/SIGINT handlers that call it: Fastify stops
 * accepting, lets in-flight requests finish (their inserts commit), then onClose closes the store.
 * A second signal while closing exits at once.
 */
function closeOnce(app: FastifyInstance, signals: boolean): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().finally(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    app.log.info({ signal }, 'closing');
    close().catch((err: unknown) => {
      app.log.error({ err }, 'close failed');
      process.exitCode = 1;
    });
  };
  if (signals) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return close;
}
