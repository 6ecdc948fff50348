import type { Database } from 'better-sqlite3';
import { DAY_MS } from './day-parts.js';
import { rawReader } from './day-read.js';
import { dayWriter } from './day-slices.js';

/**
 * The newest day is rebuilt at most this often: while rows arrive, every refresh would otherwise
 * rebuild it; in between, queries read its rows raw (one day's worth).
 */
export const NEWEST_DAY_EVERY_MS = 60_000;

/**
 * Keeps dash_days (migration 011) true: the visits refresh calls `markFolded` / `markSpan` for what
 * it changes, deletions mark days through triggers, and `recompute` rebuilds the marked days from
 * dash_visits and the row copies — the newest day, which still fills, at most every `newestEveryMs`
 * (queries read a dirty day raw).
 */
export function dayRollup(db: Database, newestEveryMs = NEWEST_DAY_EVERY_MS) {
  let newestBuiltAt = Number.NEGATIVE_INFINITY;
  const raw = rawReader(db);
  // Days of the new rows, and every day the touched visits spanned before this fold: a visit's
  // referrer may change with it, and with it which referrer slice its rows on each day are in.
  const markRows = db.prepare(
    `INSERT OR IGNORE INTO dash_days_dirty (site, day)
     SELECT DISTINCT site, ts / ${DAY_MS} FROM access_log WHERE rowid > @lo AND rowid <= @hi`,
  );
  const markVisits = db.prepare(
    `INSERT OR IGNORE INTO dash_days_dirty (site, day)
     WITH RECURSIVE span (site, day, last) AS (
       SELECT DISTINCT v.site, v.start_ts / ${DAY_MS}, v.end_ts / ${DAY_MS}
       FROM (SELECT DISTINCT site, session_id FROM access_log
             WHERE rowid > @lo AND rowid <= @hi AND session_id IS NOT NULL) AS a
       JOIN dash_visits AS v ON v.site = a.site AND v.session_id = a.session_id
       UNION SELECT site, day + 1, last FROM span WHERE day < last)
     SELECT site, day FROM span`,
  );
  const markRecopied = db.prepare(
    `INSERT OR IGNORE INTO dash_days_dirty (site, day)
     SELECT site, ts / ${DAY_MS} FROM access_log WHERE rowid IN (SELECT rid FROM dash_recopy WHERE rid <= ?)`,
  );
  const countSites = db.prepare(
    `INSERT INTO dash_sites (site, rows)
     SELECT site, COUNT(*) FROM access_log WHERE rowid > @lo AND rowid <= @hi GROUP BY site
     ON CONFLICT (site) DO UPDATE SET rows = rows + excluded.rows`,
  );
  const mark = db.prepare('INSERT OR IGNORE INTO dash_days_dirty (site, day) VALUES (?, ?)');
  // Visits folded or rebuilt without a number get one (a new visitor, or one whose number went).
  const addVisitors = db.prepare(
    `INSERT OR IGNORE INTO dash_visitors (visitor_id)
     SELECT visitor_id FROM dash_visits WHERE vn IS NULL AND visitor_id IS NOT NULL`,
  );
  const number = db.prepare(
    `UPDATE dash_visits SET vn = (SELECT n FROM dash_visitors AS d WHERE d.visitor_id = dash_visits.visitor_id)
     WHERE vn IS NULL AND visitor_id IS NOT NULL`,
  );
  const newest = db.prepare('SELECT MAX(ts) FROM access_log').pluck();
  const dirty = db.prepare('SELECT site, day FROM dash_days_dirty WHERE day < ? ORDER BY site, day LIMIT 64');
  const clean = db.prepare('DELETE FROM dash_days_dirty WHERE site = ? AND day = ?');
  const writeDay = dayWriter(db, raw);
  const recomputeDay = db.transaction((site: string, day: number) => {
    writeDay(site, day, day * DAY_MS, (day + 1) * DAY_MS);
    clean.run(site, day);
  });
  return {
    /** Inside the fold's transaction, before the fold: the days rows lo..hi change. */
    markFolded(lo: number, hi: number): void {
      markRows.run({ lo, hi });
      markVisits.run({ lo, hi });
      countSites.run({ lo, hi });
    },
    /** Rows whose copied columns changed (before they are copied again): their days as they are now. */
    markRecopied(hi: number): void {
      markRecopied.run(hi);
    },
    /** A rebuilt visit: every day of the span it had (its remaining rows lie within it). */
    markSpan(site: string, start: number, end: number): void {
      for (let d = Math.floor(start / DAY_MS); d <= Math.floor(end / DAY_MS); d++) mark.run(site, d);
    },
    /** Inside the fold's or rebuild's transaction, after it. */
    numberVisitors(): void {
      addVisitors.run();
      number.run();
    },
    /** Rebuilds the marked days (the newest too when its turn has come), a day per transaction. */
    recompute(now = Date.now()): void {
      const last = newest.get() as number | null;
      if (last === null) return;
      let before = Math.floor(last / DAY_MS);
      if (now - newestBuiltAt >= newestEveryMs) {
        before = Number.MAX_SAFE_INTEGER;
        newestBuiltAt = now;
      }
      for (;;) {
        const batch = dirty.all(before) as { site: string; day: number }[];
        if (!batch.length) return;
        for (const d of batch) recomputeDay.immediate(d.site, d.day);
      }
    },
  };
}
