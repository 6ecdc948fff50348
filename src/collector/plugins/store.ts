import type { FastifyPluginAsync } from 'fastify';
import { openSqliteStore, type SqliteStoreOptions } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { skipOverride } from './skip-override.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export interface StorePluginOptions {
  /** SQLite file to open. Ignored when `store` is given. */
  db?: string;
  sqlite?: Omit<SqliteStoreOptions, 'mustExist'> | undefined;
  /** A store made by the caller; the caller keeps ownership and closes it. */
  store?: Store;
}

/** Decorates `fastify.store` and closes the store it opened when the app closes (STYLE.md §10). */
export const storePlugin = skipOverride('consentlog-store', (async (app, opts) => {
  if (!opts.store && !opts.db) throw new Error('buildApp needs `db` (a SQLite path) or `store`');
  const store = opts.store ?? openSqliteStore(opts.db as string, opts.sqlite ?? {});
  app.decorate('store', store);
  if (!opts.store) app.addHook('onClose', () => store.close());
}) as FastifyPluginAsync<StorePluginOptions>);
