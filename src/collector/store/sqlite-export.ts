import type { Database } from 'better-sqlite3';
import type { AccessLogRow } from '../../shared/access-log.js';
import { ACCESS_LOG_STORED, withoutEmptyCipher } from './stored-columns.js';

const EXPORT_PAGE = 1000;

/**
 * Access-log rows matching `where` (SQL on access_log, `@name` parameters), oldest stored first, in
 * keyset pages instead of one long-running iterate(): the connection is never held busy between
 * pages, so the collector can keep inserting while an export runs.
 */
export async function* exportAccessLog(
  db: Database,
  where: string,
  params: Record<string, unknown>,
): AsyncIterable<AccessLogRow> {
  const page = db.prepare(
    `SELECT rowid AS seq, ${ACCESS_LOG_STORED.join(', ')} FROM access_log
     WHERE ${where ? `(${where}) AND ` : ''}rowid > @after ORDER BY rowid LIMIT ${EXPORT_PAGE}`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all({ ...params, after }) as (AccessLogRow & { seq: number })[];
    for (const { seq, ...row } of rows) {
      after = seq;
      yield withoutEmptyCipher(row);
    }
    if (rows.length < EXPORT_PAGE) return;
  }
}
