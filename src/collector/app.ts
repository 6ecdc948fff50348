import Fastify, { type FastifyInstance } from 'fastify';
import { LIMITS } from '../shared/limits.js';
import { DEFAULTS } from './config.js';
import type { IpMode } from './enrich/ip.js';
import { registerErrorHandlers } from './errors.js';
import { type LoggerOptions, loggerOptions } from './logger.js';
import { bodyParsersPlugin } from './plugins/body-parsers.js';
import { corsPlugin } from './plugins/cors.js';
import { staticPlugin } from './plugins/static.js';
import { storePlugin } from './plugins/store.js';
import { consentRoute } from './routes/consent.js';
import { eventsRoute } from './routes/events.js';
import { gpcRoute } from './routes/gpc.js';
import type { Store } from './store/types.js';

export interface BuildAppOptions {
  /** SQLite file (created if missing). Default `./data/consentlog.db`. Ignored when `store` is given. */
  db?: string;
  /** A store you made and own (the app will not close it). */
  store?: Store;
  /** `null`/omitted: reflect any origin. A list: only these origins may send. */
  allowOrigins?: string[] | null;
  /** Serve the demo site at `/`. */
  demo?: boolean;
  /** How much of the client IP to keep. Default `truncated`. */
  ipMode?: IpMode;
  /** Off by default (tests, embedding); `serve` turns it on. */
  logger?: LoggerOptions | false;
  /** Where `consentlog.js`/`.mjs` are served from (default: the package's `dist/`). */
  distDir?: string;
  /** Where the demo site is served from (default: the package's `demo/`). */
  demoDir?: string;
  /** `lastUpdate` of `/.well-known/gpc.json` (YYYY-MM-DD). Default: when GPC support shipped. */
  gpcLastUpdate?: string;
}

/**
 * Build the collector: plugins and routes, never listening (STYLE.md §10: `app` builds, `server`
 * listens). Listen on it, `inject()` into it, or mount it in another Node server via `app.routing`.
 */
export function buildApp(opts: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: LIMITS.bodyBytes,
    // `{"__proto__": …}` is refused with a 400 rather than silently stripped: no client sends it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: {
      // Types are checked, not coerced ("12" is not a timestamp); unknown fields are dropped.
      customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false, allowUnionTypes: true },
    },
  });
  registerErrorHandlers(app);
  app.register(bodyParsersPlugin);
  app.register(storePlugin, { db: opts.db ?? DEFAULTS.db, ...(opts.store ? { store: opts.store } : {}) });
  app.register(corsPlugin, { allowOrigins: opts.allowOrigins ?? null });
  app.register(staticPlugin, { demo: opts.demo ?? false, distDir: opts.distDir, demoDir: opts.demoDir });
  app.register(eventsRoute, { ipMode: opts.ipMode ?? DEFAULTS.ipMode });
  app.register(consentRoute);
  app.register(gpcRoute, { lastUpdate: opts.gpcLastUpdate ?? '2026-11-27' });
  return app;
}
