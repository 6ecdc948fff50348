import type { FastifyPluginAsync } from 'fastify';
import { openStore } from '../store/open.js';
import type { SqliteStoreOptions } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { skipOverride } from './skip-override.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export interface StorePluginOptions {
  /** SQLite file or `postgres://` URL to open. Ignored when `store` is given. */
  db?: string;
  /** PostgreSQL connections (ignored for SQLite). */
  poolSize?: number;
  sqlite?: Omit<SqliteStoreOptions, 'mustExist'> | undefined;
  /** A store made by the caller; the caller keeps ownership and closes it. */
  store?: Store;
}

/** Decorates `fastify.store` and closes the store it opened when the app closes (STYLE.md §10). */
export const storePlugin = skipOverride('consentlog-store', (async (app, opts) => {
  if (!opts.store && !opts.db)
    throw new Error('buildApp needs `db` (a SQLite path or postgres:// URL) or `store`');
  const store =
    opts.store ??
    (await openStore(opts.db as string, { sqlite: opts.sqlite ?? {}, poolSize: opts.poolSize }));
  app.decorate('store', store);
  if (!opts.store) app.addHook('onClose', () => store.close());
}) as FastifyPluginAsync<StorePluginOptions>);
