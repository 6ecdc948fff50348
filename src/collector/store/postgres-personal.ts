import type pg from 'pg';
import type { KeyCheck, PersonalBackend, PersonalChange, PersonalRow } from './personal-backend.js';
import { inTransaction } from './postgres-pool.js';
import { PERSONAL_TABLES, type PersonalTable, personalWithCipherColumns } from './stored-columns.js';

async function update(client: pg.PoolClient, table: PersonalTable, change: PersonalChange): Promise<number> {
  const set = Object.keys(change.after);
  const guard = personalWithCipherColumns(table);
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value ?? null);
    return `$${params.length}`;
  };
  const sql = `UPDATE ${table} SET ${set.map((c) => `${c} = ${p(change.after[c])}`).join(', ')}
    WHERE seq = ${p(change.key)} AND ${guard.map((c) => `${c} IS NOT DISTINCT FROM ${p(change.before[c])}::text`).join(' AND ')}`;
  return (await client.query(sql, params)).rowCount ?? 0;
}

/** Key checks and the re-encryption pages on PostgreSQL (`seq` order). Table names come from a fixed list. */
export function postgresPersonal(pool: pg.Pool): PersonalBackend {
  return {
    async keyChecks() {
      const { rows } = await pool.query<KeyCheck>(
        'SELECT key_id, check_value, added_at::float8 AS added_at, retired_at::float8 AS retired_at FROM data_keys',
      );
      return rows;
    },
    async addKeyChecks(checks) {
      for (const c of checks)
        await pool.query(
          `INSERT INTO data_keys (key_id, check_value, added_at, retired_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key_id) DO NOTHING`,
          [c.key_id, c.check_value, c.added_at, c.retired_at],
        );
    },
    async retireKeys(ids, at) {
      await pool.query(
        'UPDATE data_keys SET retired_at = $1 WHERE key_id = ANY($2::text[]) AND retired_at IS NULL',
        [at, ids],
      );
    },
    async hasRows() {
      for (const t of PERSONAL_TABLES)
        if ((await pool.query(`SELECT 1 FROM ${t} LIMIT 1`)).rowCount) return true;
      return false;
    },
    async countRows(table) {
      const { rows } = await pool.query<{ n: number }>(`SELECT COUNT(*)::float8 AS n FROM ${table}`);
      return rows[0]?.n ?? 0;
    },
    async scan(table, after, limit) {
      const { rows } = await pool.query<Record<string, unknown> & { _key: number }>(
        `SELECT seq::float8 AS _key, ${personalWithCipherColumns(table).join(', ')} FROM ${table}
         WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, limit],
      );
      return rows.map(({ _key, ...values }): PersonalRow => ({ key: _key, values }));
    },
    async update(table, changes) {
      return inTransaction(pool, async (client) => {
        let n = 0;
        for (const change of changes) n += await update(client, table, change);
        return n;
      });
    },
  };
}
