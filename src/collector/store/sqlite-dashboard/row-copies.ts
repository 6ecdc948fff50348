import type { Database } from 'better-sqlite3';

/** Each copy table (migration 007): its columns after (site, ts, rid) and the rows it holds. */
const COPIES = [
  {
    table: 'dash_pageviews',
    type: 'pageview',
    columns: 'is_bot, path, visitor_id, session_id, browser, category',
  },
  {
    table: 'dash_vitals',
    type: 'vital',
    columns: 'is_bot, metric, value, path, visitor_id, session_id, browser, category',
  },
  {
    table: 'dash_events',
    type: 'event',
    columns: 'is_bot, name, props, path, visitor_id, session_id, browser, category',
  },
] as const;

/**
 * Copies rows of the row-level panels' types into their narrow tables: `fold(lo, hi)` for new
 * rows (by rowid), `recopy()` for rows whose copied columns were changed (listed by a trigger).
 * Call both inside the refresh's transaction.
 */
export function rowCopies(db: Database) {
  const fold = COPIES.map((c) =>
    db.prepare(
      `INSERT OR REPLACE INTO ${c.table} (site, ts, rid, ${c.columns})
       SELECT site, ts, rowid, ${c.columns} FROM access_log WHERE rowid > @lo AND rowid <= @hi AND type = '${c.type}'`,
    ),
  );
  const recopy = COPIES.map((c) =>
    db.prepare(
      `INSERT OR REPLACE INTO ${c.table} (site, ts, rid, ${c.columns})
       SELECT site, ts, rowid, ${c.columns} FROM access_log
       WHERE rowid IN (SELECT rid FROM dash_recopy WHERE rid <= @hi) AND type = '${c.type}'`,
    ),
  );
  const clear = db.prepare('DELETE FROM dash_recopy WHERE rid <= ?');
  return {
    fold(lo: number, hi: number): void {
      for (const s of fold) s.run({ lo, hi });
    },
    /** Rows above the watermark are left for `fold`, which copies them as they are then. */
    recopy(hi: number): void {
      for (const s of recopy) s.run({ hi });
      clear.run(hi);
    },
  };
}
