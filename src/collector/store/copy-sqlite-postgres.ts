import { realpathSync } from 'node:fs';
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { AccessLogRow } from '../../shared/access-log.js';
import type { PostgresStore } from './postgres.js';
import { insertRowsByCopy } from './postgres-copy-in.js';
import { inTransaction } from './postgres-pool.js';
import { ACCESS_LOG_STORED, BAD_ROW_STORED, CONSENT_STORED } from './stored-columns.js';

/** One table to copy: its columns with PostgreSQL array types, and what makes a row a repeat. */
interface TableSpec {
  table: string;
  columns: readonly string[];
  types: readonly string[];
  /** `ON CONFLICT …` clause, or '' when only the progress record prevents repeats. */
  conflict: string;
}

const TEXT = (n: number) => Array<string>(n).fill('text');
const TABLES: readonly TableSpec[] = [
  {
    table: 'consent_texts',
    columns: ['hash', 'texts', 'first_seen'],
    types: ['text', 'text', 'bigint'],
    conflict: 'ON CONFLICT (hash) DO NOTHING',
  },
  {
    table: 'consent_log',
    columns: CONSENT_STORED,
    types: ['bigint', 'bigint', ...TEXT(12)],
    conflict: 'ON CONFLICT (consent_id, ts, method) DO NOTHING',
  },
  { table: 'access_log', columns: ACCESS_LOG_STORED, types: [], conflict: '' }, // insertRowsByCopy: by event id
  { table: 'bad_rows', columns: BAD_ROW_STORED, types: ['bigint', ...TEXT(7)], conflict: '' },
  // Cipher texts and blind indexes are copied as they are: the same data keys read them there.
  {
    table: 'data_keys',
    columns: ['key_id', 'check_value', 'added_at', 'retired_at'],
    types: ['text', 'text', 'bigint', 'bigint'],
    conflict: 'ON CONFLICT (key_id) DO NOTHING',
  },
  {
    table: 'audit_log',
    columns: ['ts', 'actor', 'action', 'subject', 'detail'],
    types: ['bigint', ...TEXT(4)],
    conflict: '',
  },
  {
    table: 'ip_salts',
    columns: ['day', 'salt', 'created_at'],
    types: ['text', 'bytea', 'bigint'],
    conflict: 'ON CONFLICT (day) DO NOTHING',
  },
];

export interface CopyProgress {
  table: string;
  /** Rows of this table read so far in this run, and in the source altogether. */
  done: number;
  total: number;
  /** Rows newly stored (repeats of an earlier run are read but not stored again). */
  stored: number;
}

async function insertBatch(
  client: pg.PoolClient,
  spec: TableSpec,
  rows: Record<string, unknown>[],
): Promise<number> {
  if (spec.table === 'access_log') return insertRowsByCopy(client, rows as AccessLogRow[]);
  const cols = spec.columns.join(', ');
  const arrays = spec.columns.map((_, i) => `$${i + 1}::${spec.types[i]}[]`).join(', ');
  const { rowCount } = await client.query(
    `INSERT INTO ${spec.table} (${cols}) SELECT * FROM UNNEST(${arrays}) ${spec.conflict}`,
    spec.columns.map((c) => rows.map((r) => r[c])),
  );
  return rowCount ?? 0;
}

/**
 * Copy a SQLite installation into PostgreSQL, table by table, in batches of `batch` rows read in
 * rowid order. Each batch and its progress record commit together, so a copy interrupted anywhere
 * resumes where it stopped, and a finished copy run again stores nothing twice.
 */
export async function copySqliteToPostgres(
  from: string,
  to: PostgresStore,
  options: { batch?: number; onProgress?: (p: CopyProgress) => void } = {},
): Promise<Record<string, { read: number; stored: number }>> {
  const source = realpathSync(from);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const batch = Math.max(1, options.batch ?? 1000);
  const summary: Record<string, { read: number; stored: number }> = {};
  try {
    for (const spec of TABLES) {
      const total = db.prepare(`SELECT COUNT(*) FROM ${spec.table}`).pluck().get() as number;
      const page = db.prepare(
        `SELECT rowid AS _rowid, ${spec.columns.join(', ')} FROM ${spec.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      );
      const { rows: kept } = await to.pool.query<{ last_rowid: number }>(
        'SELECT last_rowid FROM copy_progress WHERE source = $1 AND tbl = $2',
        [source, spec.table],
      );
      let after = kept[0]?.last_rowid ?? 0;
      const counts = { read: 0, stored: 0 };
      for (;;) {
        const rows = page.all(after, batch) as (Record<string, unknown> & { _rowid: number })[];
        if (!rows.length) break;
        if (spec.table === 'access_log') await to.partitions.ensureFor(rows.map((r) => r.ts as number));
        const last = (rows[rows.length - 1] as { _rowid: number })._rowid;
        counts.stored += await inTransaction(to.pool, async (client) => {
          const n = await insertBatch(client, spec, rows);
          await client.query(
            `INSERT INTO copy_progress (source, tbl, last_rowid) VALUES ($1, $2, $3)
             ON CONFLICT (source, tbl) DO UPDATE SET last_rowid = EXCLUDED.last_rowid`,
            [source, spec.table, last],
          );
          return n;
        });
        counts.read += rows.length;
        after = last;
        options.onProgress?.({ table: spec.table, done: counts.read, total, stored: counts.stored });
      }
      summary[spec.table] = counts;
    }
    return summary;
  } finally {
    db.close();
  }
}
