import type { Database, Statement } from 'better-sqlite3';
import type { KeyCheck, PersonalBackend, PersonalChange, PersonalRow } from './personal-backend.js';
import { PERSONAL_TABLES, type PersonalTable, personalWithCipherColumns } from './stored-columns.js';

/** Key checks and the re-encryption pages on SQLite (rowid order). Table names come from a fixed list. */
export function sqlitePersonal(db: Database): PersonalBackend {
  // One statement per table and set of changed columns, prepared once (a pass updates many rows).
  const statements = new Map<string, Statement>();
  const update = (table: PersonalTable, change: PersonalChange): number => {
    const set = Object.keys(change.after);
    const guard = personalWithCipherColumns(table);
    const key = `${table}:${set.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(
        `UPDATE ${table} SET ${set.map((c) => `${c} = ?`).join(', ')}
         WHERE rowid = ? AND ${guard.map((c) => `${c} IS ?`).join(' AND ')}`,
      );
      statements.set(key, statement);
    }
    return statement.run(
      ...set.map((c) => change.after[c]),
      change.key,
      ...guard.map((c) => change.before[c] ?? null),
    ).changes;
  };
  return {
    async keyChecks() {
      return db
        .prepare('SELECT key_id, check_value, added_at, retired_at FROM data_keys')
        .all() as KeyCheck[];
    },
    async addKeyChecks(checks) {
      const insert = db.prepare(
        `INSERT INTO data_keys (key_id, check_value, added_at, retired_at)
         VALUES (@key_id, @check_value, @added_at, @retired_at) ON CONFLICT (key_id) DO NOTHING`,
      );
      db.transaction(() => {
        for (const check of checks) insert.run(check);
      })();
    },
    async retireKeys(ids, at) {
      const retire = db.prepare(
        'UPDATE data_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL',
      );
      db.transaction(() => {
        for (const id of ids) retire.run(at, id);
      })();
    },
    async hasRows() {
      return PERSONAL_TABLES.some((t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    },
    async countRows(table) {
      return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    },
    async scan(table, after, limit) {
      const rows = db
        .prepare(
          `SELECT rowid AS _key, ${personalWithCipherColumns(table).join(', ')} FROM ${table}
           WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .all(after, limit) as (Record<string, unknown> & { _key: number })[];
      return rows.map(({ _key, ...values }): PersonalRow => ({ key: _key, values }));
    },
    async update(table, changes) {
      return db.transaction(() => changes.reduce((n, change) => n + update(table, change), 0))();
    },
  };
}
