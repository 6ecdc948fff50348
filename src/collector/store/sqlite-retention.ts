import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PurgeCutoffs, PurgeResult } from './types.js';

/** Retention purges and the daily IP salts (SQLite). */
export function retentionQueries(db: Database) {
  const insertSalt = db.prepare(
    'INSERT INTO ip_salts (day, salt, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const getSalt = db.prepare('SELECT salt FROM ip_salts WHERE day = ?').pluck();
  const dropOldSalts = db.prepare("DELETE FROM ip_salts WHERE day < date(?, '-1 day')");
  const del = (sql: string, before: number | string | undefined): number =>
    before === undefined ? 0 : db.prepare(sql).run(before).changes;
  return {
    /** Call inside a transaction: every table purged together or not at all. */
    purge(cutoffs: PurgeCutoffs): PurgeResult {
      return {
        access_log: del('DELETE FROM access_log WHERE received_at < ?', cutoffs.accessLogBefore),
        bad_rows: del('DELETE FROM bad_rows WHERE received_at < ?', cutoffs.accessLogBefore),
        consent_log: del('DELETE FROM consent_log WHERE received_at < ?', cutoffs.consentBefore),
        ip_salts: del('DELETE FROM ip_salts WHERE day < ?', cutoffs.saltsBefore),
      };
    },
    /**
     * Get-or-create: two collectors racing on one file end up with the same salt. Making a day's
     * salt also deletes those older than the day before, so a salt is gone 48 h after its day
     * began even if the daily purge has not run yet.
     */
    ipSalt(day: string): Buffer {
      if (insertSalt.run(day, randomBytes(32), Date.now()).changes) dropOldSalts.run(day);
      return getSalt.get(day) as Buffer;
    },
  };
}
