import pg from 'pg';

export interface PostgresPoolOptions {
  /** Connections kept open at most (per collector process). Default 10. */
  poolSize?: number;
  /** How long a query waits for a free connection before failing (503). Default 5000. */
  connectTimeoutMs?: number;
}

export const DEFAULT_POOL_SIZE = 10;

// int8 (BIGINT, COUNT(*)) arrives as a string by default because it may exceed 2^53; our BIGINTs
// are epoch milliseconds and row counts, far below that, and the Store contract returns numbers.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `postgres://` or `postgresql://`: the `--db` values that select the PostgreSQL store. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db.trim());

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A pool whose BIGINT columns read back as numbers, as SQLite's do. */
export function createPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(1, options.poolSize ?? DEFAULT_POOL_SIZE),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'consentlog',
    types,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // next query gets a fresh one.
  pool.on('error', () => {});
  return pool;
}

/** Run `work` in one transaction on one connection; rolled back on any error. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
