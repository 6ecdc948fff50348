import type pg from 'pg';
import { inTransaction } from './postgres-pool.js';

/** A UTC calendar month, `2026-11`. */
export type Month = string;

const PARTITION_LOCK = 0x636c7074;
/** Months before now that get a table of their own on demand; older events go to the DEFAULT partition. */
export const MONTHS_BACK = 25;
/** Months after now that get a table ahead of time (and on demand). */
export const MONTHS_AHEAD = 2;

export const monthOf = (ms: number): Month => new Date(ms).toISOString().slice(0, 7);
const monthIndex = (month: Month): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number): Month =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
/** `[start, end)` of a month in epoch ms: the partition's bounds on `ts`. */
export const monthRange = (month: Month): [number, number] => {
  const i = monthIndex(month);
  return [Date.UTC(Math.floor(i / 12), i % 12, 1), Date.UTC(Math.floor((i + 1) / 12), (i + 1) % 12, 1)];
};
export const partitionName = (month: Month): string => `access_log_${month.replace('-', '_')}`;
const NAME = /^access_log_(\d{4})_(\d{2})$/;

/** Whether an event of `month` gets a monthly table, seen from `now`: a bounded window, so a wrong
 * client clock cannot make a table per month from 1970 to the year 275760. */
export function inWindow(month: Month, now: number): boolean {
  const delta = monthIndex(month) - monthIndex(monthOf(now));
  return delta >= -MONTHS_BACK && delta <= MONTHS_AHEAD;
}

/** The monthly partitions that exist now, by month. */
export async function listPartitions(db: pg.Pool | pg.PoolClient): Promise<Month[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'access_log'::regclass`,
  );
  return rows.flatMap(({ name }) => {
    const m = NAME.exec(name);
    return m ? [`${m[1]}-${m[2]}`] : [];
  });
}

/**
 * Create the table of `month` unless it exists. Rows of that month already kept in the DEFAULT
 * partition (it had no table when they arrived) move into the new one in the same transaction,
 * since PostgreSQL refuses a partition whose range the DEFAULT partition still holds rows of.
 * Collectors serialise on an advisory lock, so two creating the same month do not collide.
 */
export async function ensurePartition(pool: pg.Pool, month: Month): Promise<boolean> {
  const [from, to] = monthRange(month);
  const table = partitionName(month); // built from digits only: safe to interpolate
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
    if (exists.rows[0]?.t) return false;
    await client.query(`CREATE TABLE ${table} (LIKE access_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await client.query(
      `WITH moved AS (DELETE FROM access_log_default WHERE ts >= $1 AND ts < $2 RETURNING *)
       INSERT INTO ${table} SELECT * FROM moved`,
      [from, to],
    );
    // ATTACH builds the parent's indexes on the new table.
    await client.query(
      `ALTER TABLE access_log ATTACH PARTITION ${table} FOR VALUES FROM (${from}) TO (${to})`,
    );
    return true;
  });
}

/** The maintenance step: tables for the previous, current and next MONTHS_AHEAD months. */
export async function ensureAhead(pool: pg.Pool, now: number = Date.now()): Promise<Month[]> {
  const current = monthIndex(monthOf(now));
  const made: Month[] = [];
  for (let i = current - 1; i <= current + MONTHS_AHEAD; i++) {
    if (await ensurePartition(pool, monthAt(i))) made.push(monthAt(i));
  }
  return made;
}

/** Remembers which months have a table, so an insert checks the catalog only for a new month. */
export class PartitionCache {
  private readonly known = new Map<Month, Promise<unknown>>();

  constructor(private readonly pool: pg.Pool) {}

  remember(months: Month[]): void {
    for (const m of months) this.known.set(m, Promise.resolve());
  }

  forget(month: Month): void {
    this.known.delete(month);
  }

  /** Make sure the months of `tsList` inside the window have a table (others go to DEFAULT). */
  async ensureFor(tsList: number[], now: number = Date.now()): Promise<void> {
    const months = new Set(tsList.map(monthOf));
    const waits: Promise<unknown>[] = [];
    for (const month of months) {
      if (!inWindow(month, now)) continue;
      let wait = this.known.get(month);
      if (!wait) {
        wait = ensurePartition(this.pool, month);
        wait.catch(() => this.known.delete(month)); // retried by the next insert of that month
        this.known.set(month, wait);
      }
      waits.push(wait);
    }
    // A failure to create one is not fatal: its rows land in the DEFAULT partition meanwhile.
    await Promise.allSettled(waits);
  }
}
