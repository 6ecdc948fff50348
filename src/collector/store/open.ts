import { openPostgresStore } from './postgres.js';
import { isPostgresUrl } from './postgres-pool.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  /** Refuse to create a database (read-only commands on a mistyped path or URL fail, not show zeros). */
  mustExist?: boolean;
  /** PostgreSQL connections (ignored for SQLite). */
  poolSize?: number;
  sqlite?: Omit<SqliteStoreOptions, 'mustExist'>;
}

/** `--db`: a `postgres://` URL opens the PostgreSQL store, anything else is a SQLite file. */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    return openPostgresStore(db, {
      ...(options.mustExist ? { mustExist: true } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
  }
  return openSqliteStore(db, { ...options.sqlite, ...(options.mustExist ? { mustExist: true } : {}) });
}
