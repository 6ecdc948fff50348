import type { CollectorConfig } from '../config.js';
import { keyFileFor, protectStore } from './encryption-setup.js';
import { openPostgresStore, type PostgresStore } from './postgres.js';
import { isPostgresUrl } from './postgres-pool.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

type Options = Pick<
  CollectorConfig,
  'db' | 'dbPool' | 'sync' | 'commitWindowMs' | 'checkpointIntervalMs' | 'dataKeyFile'
> & { dataKeyReloadMs?: number };

export interface ProtectedOpen {
  /** What the app uses: personal columns encrypted at rest. */
  store: Store;
  /** The raw PostgreSQL store, for what collectors share (rate limits, sign-in counts). */
  pg: PostgresStore | undefined;
  createdKeyFile: string | null;
}

/**
 * `serve`'s store: opened, migrated, its data key loaded (or made on first start) and checked,
 * rows stored before encryption encrypted with progress on `log`. Throws before anything listens
 * when the key is wrong or missing.
 */
export async function openProtectedStore(
  opts: Options,
  env: Record<string, string | undefined>,
  log: NodeJS.WritableStream | false,
): Promise<ProtectedOpen> {
  const pg = isPostgresUrl(opts.db) ? await openPostgresStore(opts.db, { poolSize: opts.dbPool }) : undefined;
  const inner: Store =
    pg ??
    openSqliteStore(opts.db, {
      synchronous: opts.sync,
      commitWindowMs: opts.commitWindowMs,
      checkpointIntervalMs: opts.checkpointIntervalMs,
    });
  try {
    const { store, createdFile } = await protectStore(inner, {
      env,
      file: keyFileFor(opts.db, env, opts.dataKeyFile),
      mode: 'serve',
      ...(opts.dataKeyReloadMs === undefined ? {} : { reloadMs: opts.dataKeyReloadMs }),
      onProgress: (p) => {
        if (log)
          log.write(`encrypting personal columns of stored rows: ${p.table} ${p.scanned}/${p.total}\n`);
      },
    });
    return { store, pg, createdKeyFile: createdFile };
  } catch (err) {
    await inner.close();
    throw err;
  }
}
