import type pg from 'pg';
import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import { inTransaction } from './postgres-pool.js';
import {
  ACCESS_LOG_STORED,
  BAD_ROW_STORED,
  CONSENT_STORED,
  columnValue,
  withoutEmptyCipher,
} from './stored-columns.js';
import {
  type AuditEntry,
  type BadRow,
  CORRECTABLE_COLUMNS,
  type ConsentRow,
  type Corrections,
  type DeleteResult,
  type VisitorData,
} from './types.js';

const CONSENT_IDS =
  'SELECT DISTINCT consent_id FROM access_log WHERE visitor_id = $1 AND consent_id IS NOT NULL';

/** Bad rows (insert), visitors' rights, the audit log and the consent double-check (PostgreSQL). */
export function privacyQueries(pool: pg.Pool) {
  return {
    async insertBadRows(rows: BadRow[]): Promise<number> {
      if (!rows.length) return 0;
      const types = BAD_ROW_STORED.map((c) => (c === 'received_at' ? 'bigint' : 'text'));
      const { rowCount } = await pool.query(
        `INSERT INTO bad_rows (${BAD_ROW_STORED.join(', ')})
         SELECT * FROM UNNEST(${BAD_ROW_STORED.map((_, i) => `$${i + 1}::${types[i]}[]`).join(', ')})`,
        BAD_ROW_STORED.map((c) => rows.map((r) => columnValue(r, c))),
      );
      return rowCount ?? 0;
    },
    async consentChoices(consentId: string): Promise<Choices | null> {
      const { rows } = await pool.query<{ choices: string }>(
        'SELECT choices FROM consent_log WHERE consent_id = $1 ORDER BY ts DESC, seq DESC LIMIT 1',
        [consentId],
      );
      if (!rows[0]) return null;
      try {
        return JSON.parse(rows[0].choices) as Choices;
      } catch {
        return {}; // unreadable record: grants nothing
      }
    },
    async visitorData(visitorId: string): Promise<VisitorData> {
      const [log, bad, consent] = await Promise.all([
        pool.query<AccessLogRow>(
          `SELECT ${ACCESS_LOG_STORED.join(', ')} FROM access_log WHERE visitor_id = $1 ORDER BY seq`,
          [visitorId],
        ),
        pool.query<BadRow>(
          `SELECT ${BAD_ROW_STORED.join(', ')} FROM bad_rows WHERE visitor_id = $1 ORDER BY seq`,
          [visitorId],
        ),
        pool.query<ConsentRow>(
          `SELECT ${CONSENT_STORED.join(', ')} FROM consent_log WHERE consent_id IN (${CONSENT_IDS}) ORDER BY seq`,
          [visitorId],
        ),
      ]);
      return {
        access_log: log.rows.map(withoutEmptyCipher),
        bad_rows: bad.rows.map(withoutEmptyCipher),
        consent_log: consent.rows.map(withoutEmptyCipher),
      };
    },
    /** Event ids stay claimed in `event_ids`: a late resend cannot bring deleted rows back. */
    async deleteVisitor(visitorId: string): Promise<DeleteResult> {
      return inTransaction(pool, async (client) => {
        const ids = await client.query(CONSENT_IDS, [visitorId]);
        const log = await client.query('DELETE FROM access_log WHERE visitor_id = $1', [visitorId]);
        const bad = await client.query('DELETE FROM bad_rows WHERE visitor_id = $1', [visitorId]);
        return {
          access_log: log.rowCount ?? 0,
          bad_rows: bad.rowCount ?? 0,
          consent_detached: ids.rowCount ?? 0,
        };
      });
    },
    async correctVisitor(visitorId: string, changes: Corrections): Promise<number> {
      // Column names come from the fixed CORRECTABLE_COLUMNS list, never from input.
      const columns = CORRECTABLE_COLUMNS.filter((c) => c in changes);
      if (!columns.length) return 0;
      const set = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
      const { rowCount } = await pool.query(`UPDATE access_log SET ${set} WHERE visitor_id = $1`, [
        visitorId,
        ...columns.map((c) => changes[c] ?? null),
      ]);
      return rowCount ?? 0;
    },
    async appendAudit(entry: AuditEntry): Promise<void> {
      await pool.query(
        'INSERT INTO audit_log (ts, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)',
        [entry.ts, entry.actor, entry.action, entry.subject, entry.detail],
      );
    },
    async auditEntries(limit: number): Promise<AuditEntry[]> {
      const { rows } = await pool.query<AuditEntry>(
        'SELECT ts, actor, action, subject, detail FROM audit_log ORDER BY seq DESC LIMIT $1',
        [limit],
      );
      return rows;
    },
  };
}
