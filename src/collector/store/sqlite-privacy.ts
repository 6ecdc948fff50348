import type { Database } from 'better-sqlite3';
import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import { ACCESS_LOG_STORED, BAD_ROW_STORED, CONSENT_STORED, withoutEmptyCipher } from './stored-columns.js';
import {
  type AuditEntry,
  type BadRow,
  CORRECTABLE_COLUMNS,
  type ConsentRow,
  type Corrections,
  type DeleteResult,
  type VisitorData,
} from './types.js';

const CONSENT_SELECT = CONSENT_STORED.join(', ');

/** Statements behind the visitors' rights, the audit log and the consent double-check (SQLite). */
export function privacyQueries(db: Database) {
  const consentOf = db.prepare(
    'SELECT choices FROM consent_log WHERE consent_id = ? ORDER BY ts DESC, seq DESC LIMIT 1',
  );
  const rowsOf = db.prepare(
    `SELECT ${ACCESS_LOG_STORED.join(', ')} FROM access_log WHERE visitor_id = ? ORDER BY rowid`,
  );
  const badOf = db.prepare(
    `SELECT ${BAD_ROW_STORED.join(', ')} FROM bad_rows WHERE visitor_id = ? ORDER BY seq`,
  );
  const consentsOf = db.prepare(
    `SELECT ${CONSENT_SELECT} FROM consent_log WHERE consent_id IN
     (SELECT DISTINCT consent_id FROM access_log WHERE visitor_id = ? AND consent_id IS NOT NULL) ORDER BY seq`,
  );
  const consentIdsOf = db
    .prepare('SELECT DISTINCT consent_id FROM access_log WHERE visitor_id = ? AND consent_id IS NOT NULL')
    .pluck();
  const deleteRows = db.prepare('DELETE FROM access_log WHERE visitor_id = ?');
  const deleteBad = db.prepare('DELETE FROM bad_rows WHERE visitor_id = ?');
  const insertAudit = db.prepare(
    'INSERT INTO audit_log (ts, actor, action, subject, detail) VALUES (@ts, @actor, @action, @subject, @detail)',
  );
  const audit = db.prepare(
    'SELECT ts, actor, action, subject, detail FROM audit_log ORDER BY seq DESC LIMIT ?',
  );
  // A later migration may give consent_log a visitor_id column; deletion must then clear it too.
  const hasVisitorColumn = () =>
    db.prepare("SELECT 1 FROM pragma_table_info('consent_log') WHERE name = 'visitor_id'").get() !==
    undefined;

  return {
    consentChoices(consentId: string): Choices | null {
      const choices = consentOf.pluck().get(consentId) as string | undefined;
      if (choices === undefined) return null;
      try {
        return JSON.parse(choices) as Choices;
      } catch {
        return {}; // unreadable record: grants nothing
      }
    },
    visitorData(visitorId: string): VisitorData {
      return {
        access_log: (rowsOf.all(visitorId) as AccessLogRow[]).map(withoutEmptyCipher),
        bad_rows: (badOf.all(visitorId) as BadRow[]).map(withoutEmptyCipher),
        consent_log: (consentsOf.all(visitorId) as ConsentRow[]).map(withoutEmptyCipher),
      };
    },
    /** Call inside a transaction. */
    deleteVisitor(visitorId: string): DeleteResult {
      const consentIds = consentIdsOf.all(visitorId);
      let detached = consentIds.length;
      if (hasVisitorColumn()) {
        detached += db
          .prepare('UPDATE consent_log SET visitor_id = NULL WHERE visitor_id = ?')
          .run(visitorId).changes;
      }
      return {
        access_log: deleteRows.run(visitorId).changes,
        bad_rows: deleteBad.run(visitorId).changes,
        consent_detached: detached,
      };
    },
    correctVisitor(visitorId: string, changes: Corrections): number {
      // Column names come from the fixed CORRECTABLE_COLUMNS list, never from input.
      const columns = CORRECTABLE_COLUMNS.filter((c) => c in changes);
      if (!columns.length) return 0;
      const set = columns.map((c) => `${c} = @${c}`).join(', ');
      const params = Object.fromEntries(columns.map((c) => [c, changes[c] ?? null]));
      return db
        .prepare(`UPDATE access_log SET ${set} WHERE visitor_id = @visitor`)
        .run({ ...params, visitor: visitorId }).changes;
    },
    appendAudit(entry: AuditEntry): void {
      insertAudit.run(entry);
    },
    auditEntries(limit: number): AuditEntry[] {
      return audit.all(limit) as AuditEntry[];
    },
  };
}
