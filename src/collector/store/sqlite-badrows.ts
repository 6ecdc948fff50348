import type { Database } from 'better-sqlite3';
import { BAD_ROW_STORED, namedParams } from './stored-columns.js';
import type { BadRow } from './types.js';

export const BAD_ROW_COLUMNS = [
  'received_at',
  'site',
  'event_id',
  'visitor_id',
  'reason',
  'excerpt',
] as const satisfies readonly (keyof BadRow)[];

/** Statements for the `bad_rows` table (SQLite). */
export function badRowsQueries(db: Database) {
  const insert = db.prepare(
    `INSERT INTO bad_rows (${BAD_ROW_STORED.join(', ')}) VALUES (${BAD_ROW_STORED.map((c) => `@${c}`).join(', ')})`,
  );
  return {
    /** Call inside a transaction. */
    insert: (rows: BadRow[]): number =>
      rows.reduce((n, row) => n + insert.run(namedParams(row, BAD_ROW_STORED)).changes, 0),
  };
}
