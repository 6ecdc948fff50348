import type pg from 'pg';
import type { AccessLogColumn, AccessLogRow } from '../../shared/access-log.js';
import type { PartitionCache } from './postgres-partitions.js';
import { ACCESS_LOG_STORED, columnValue } from './stored-columns.js';
import type { InsertResult } from './types.js';

const SQL_TYPE: Partial<Record<AccessLogColumn, string>> = {
  received_at: 'bigint',
  ts: 'bigint',
  is_bot: 'smallint',
  self_referral: 'smallint',
  value: 'float8',
};
export const typeOf = (c: string) => SQL_TYPE[c as AccessLogColumn] ?? 'text';
const COLUMNS = ACCESS_LOG_STORED.join(', ');

/**
 * One statement for a whole group of rows from `input` (a SELECT of every column and `ord`, the
 * row's place in the group): the request path passes the columns as arrays (UNNEST), so the statement
 * text and its parameter count never depend on the number of rows; `consentlog copy` reads a staging
 * table filled by COPY (postgres-copy-in.ts). First each id is claimed in
 * `event_ids` (sorted by id, so two collectors claiming overlapping batches lock in the same order
 * and cannot deadlock); only the rows whose claim succeeded are stored, in the order given.
 */
export const claimAndInsertSql = (input: string): string => `
WITH input AS (${input}), firsts AS (
  SELECT DISTINCT ON (id) * FROM input ORDER BY id, ord
), fresh AS (
  INSERT INTO event_ids (id, received_at) SELECT id, received_at FROM firsts ORDER BY id
  ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO access_log (${COLUMNS})
SELECT ${COLUMNS} FROM firsts WHERE id IN (SELECT id FROM fresh) ORDER BY ord
RETURNING id`;
const INSERT_SQL = claimAndInsertSql(
  `SELECT * FROM UNNEST(${ACCESS_LOG_STORED.map((c, i) => `$${i + 1}::${typeOf(c)}[]`).join(', ')}) WITH ORDINALITY AS t(${COLUMNS}, ord)`,
);

interface Job {
  rows: AccessLogRow[];
  resolve(result: InsertResult): void;
  reject(err: unknown): void;
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * Group commit for PostgreSQL: the rows of every request that arrives during one turn of the event
 * loop go into one transaction and one statement; each caller learns how many of ITS rows were new.
 * Groups run in parallel on the pool's connections. A failed group fails all its callers (503: the
 * clients resend; nothing of the group was stored).
 */
export class PostgresInsertQueue {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly partitions: PartitionCache,
  ) {}

  submit(rows: AccessLogRow[]): Promise<InsertResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Start committing what is queued; resolves when every group in flight has settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (!jobs.length) return;
    const run = this.commit(jobs).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async commit(jobs: Job[]): Promise<void> {
    const rows = jobs.flatMap((j) => j.rows);
    let fresh: Set<string>;
    try {
      await this.partitions.ensureFor(rows.map((r) => r.ts));
      fresh = await insertWithRetry(this.pool, rows);
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    for (const job of jobs) {
      let inserted = 0;
      for (const row of job.rows) if (row.id !== null && fresh.delete(row.id)) inserted++;
      job.resolve({ inserted, duplicates: job.rows.length - inserted });
    }
  }
}

/** Insert `rows` (duplicates skipped) in one transaction; the ids newly stored. */
export async function insertRows(db: pg.Pool | pg.PoolClient, rows: AccessLogRow[]): Promise<Set<string>> {
  const params = ACCESS_LOG_STORED.map((c) => rows.map((r) => columnValue(r, c)));
  const { rows: stored } = await db.query<{ id: string }>(INSERT_SQL, params);
  return new Set(stored.map((r) => r.id));
}

async function insertWithRetry(pool: pg.Pool, rows: AccessLogRow[], attempts = 3): Promise<Set<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      // One statement is one transaction: no BEGIN/COMMIT round trips needed.
      return await insertRows(pool, rows);
    } catch (err) {
      if (attempt >= attempts || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}
