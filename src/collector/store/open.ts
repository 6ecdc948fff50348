import { type DataKeyOptions, keyFileFor, protectStore } from './encryption-setup.js';
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
  /**
   * Encryption of the personal columns (issue 9). Default: read mode with CONSENTLOG_DATA_KEY or the
   * key file, so a database encrypted by `serve` reads back decrypted. `false`: the raw store.
   */
  dataKey?: Partial<DataKeyOptions> | false;
}

/** `--db`: a `postgres://` URL opens the PostgreSQL store, anything else is a SQLite file. */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  const inner = await openRawStore(db, options);
  if (options.dataKey === false) return inner;
  const env = options.dataKey?.env ?? process.env;
  try {
    const opened = await protectStore(inner, {
      env,
      file: keyFileFor(db, env),
      mode: 'read',
      ...options.dataKey,
    });
    return opened.store;
  } catch (err) {
    await inner.close();
    throw err;
  }
}

async function openRawStore(db: string, options: OpenStoreOptions): Promise<Store> {
  if (isPostgresUrl(db)) {
    return openPostgresStore(db, {
      ...(options.mustExist ? { mustExist: true } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
  }
  return openSqliteStore(db, { ...options.sqlite, ...(options.mustExist ? { mustExist: true } : {}) });
}
