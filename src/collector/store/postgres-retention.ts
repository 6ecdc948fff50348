import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { listPartitions, type Month, monthRange, partitionName } from './postgres-partitions.js';
import { inTransaction } from './postgres-pool.js';
import type { PurgeCutoffs, PurgeResult } from './types.js';

// Every collector runs the daily purge: they take turns, so two never drop the same month at once.
const PURGE_LOCK = 0x636c7067;

const dayBefore = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Access-log retention without deleting rows one by one: a month whose every row was received
 * before the cutoff is dropped as a table. Retention is by server receipt (`received_at`) while
 * months are by event time (`ts`), so a month is dropped only when it ended before the cutoff AND
 * its newest receipt is before it (a late or clock-skewed event keeps its month until it expires);
 * what remains older than the cutoff — the boundary month, the DEFAULT partition — is deleted by
 * row. Returns the months dropped and the rows removed.
 */
async function purgeAccessLog(
  client: pg.PoolClient,
  before: number,
): Promise<{ rows: number; dropped: Month[] }> {
  let rows = 0;
  const dropped: Month[] = [];
  for (const month of await listPartitions(client)) {
    if (monthRange(month)[1] > before) continue;
    const table = partitionName(month); // digits only: safe to interpolate
    const { rows: stat } = await client.query<{ newest: number | null; n: number }>(
      `SELECT MAX(received_at) AS newest, COUNT(*) AS n FROM ${table}`,
    );
    const { newest, n } = stat[0] ?? { newest: null, n: 0 };
    if (newest !== null && newest >= before) continue;
    await client.query(`DROP TABLE ${table}`);
    rows += n;
    dropped.push(month);
  }
  const left = await client.query('DELETE FROM access_log WHERE received_at < $1', [before]);
  await client.query('DELETE FROM event_ids WHERE received_at < $1', [before]);
  return { rows: rows + (left.rowCount ?? 0), dropped };
}

/** Retention purges and the daily IP salts (PostgreSQL). */
export function retentionQueries(pool: pg.Pool) {
  const del = async (client: pg.PoolClient, sql: string, before: number | string | undefined) =>
    before === undefined ? 0 : ((await client.query(sql, [before])).rowCount ?? 0);
  return {
    /** Every table purged together or not at all; `dropped` lists the months whose table went. */
    async purge(cutoffs: PurgeCutoffs): Promise<PurgeResult & { dropped: Month[] }> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PURGE_LOCK]);
        const log =
          cutoffs.accessLogBefore === undefined
            ? { rows: 0, dropped: [] }
            : await purgeAccessLog(client, cutoffs.accessLogBefore);
        return {
          access_log: log.rows,
          bad_rows: await del(client, 'DELETE FROM bad_rows WHERE received_at < $1', cutoffs.accessLogBefore),
          consent_log: await del(
            client,
            'DELETE FROM consent_log WHERE received_at < $1',
            cutoffs.consentBefore,
          ),
          ip_salts: await del(client, 'DELETE FROM ip_salts WHERE day < $1', cutoffs.saltsBefore),
          dropped: log.dropped,
        };
      });
    },
    /**
     * Get-or-create: collectors racing on one database end up with the same salt. Making a day's salt
     * also deletes those older than the day before (a salt lives at most 48 h).
     */
    async ipSalt(day: string): Promise<Buffer> {
      const made = await pool.query(
        'INSERT INTO ip_salts (day, salt, created_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING',
        [day, randomBytes(32), Date.now()],
      );
      if (made.rowCount) await pool.query('DELETE FROM ip_salts WHERE day < $1', [dayBefore(day)]);
      const { rows } = await pool.query<{ salt: Buffer }>('SELECT salt FROM ip_salts WHERE day = $1', [day]);
      return (rows[0] as { salt: Buffer }).salt;
    },
  };
}
