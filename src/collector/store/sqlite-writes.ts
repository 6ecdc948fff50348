import type { Database } from 'better-sqlite3';
import type { AccessLogRow } from '../../shared/access-log.js';
import { badRowsQueries } from './sqlite-badrows.js';
import { SqliteConsentSql } from './sqlite-consent.js';
import { accessLogInserter } from './sqlite-insert.js';
import { privacyQueries } from './sqlite-privacy.js';
import { retentionQueries } from './sqlite-retention.js';
import { CONSENT_STORED, namedParams } from './stored-columns.js';
import type {
  AuditEntry,
  BadRow,
  ConsentRow,
  Corrections,
  DeleteResult,
  PurgeCutoffs,
  PurgeResult,
} from './types.js';

/**
 * Every write the store makes, by name, with plain-data arguments and results (so a writer could
 * also run them elsewhere, e.g. in another thread). Each runs inside the caller's transaction.
 */
export function writeOps(db: Database) {
  const insertRows = accessLogInserter(db);
  const badRows = badRowsQueries(db);
  const privacy = privacyQueries(db);
  const retention = retentionQueries(db);
  const consentSql = new SqliteConsentSql(db);
  const insertConsent = db.prepare(
    `INSERT INTO consent_log (${CONSENT_STORED.join(', ')})
     VALUES (${CONSENT_STORED.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (consent_id, ts, method) DO NOTHING`,
  );
  return {
    insertEvents: (rows: AccessLogRow[]): number => insertRows(rows),
    insertConsent: (row: ConsentRow): number => insertConsent.run(namedParams(row, CONSENT_STORED)).changes,
    putConsentTexts: (hash: string, texts: string, at: number): boolean =>
      consentSql.putTexts(hash, texts, at),
    insertBadRows: (rows: BadRow[]): number => badRows.insert(rows),
    deleteVisitor: (visitorId: string): DeleteResult => privacy.deleteVisitor(visitorId),
    correctVisitor: (visitorId: string, changes: Corrections): number =>
      privacy.correctVisitor(visitorId, changes),
    appendAudit: (entry: AuditEntry): void => privacy.appendAudit(entry),
    purge: (cutoffs: PurgeCutoffs): PurgeResult => retention.purge(cutoffs),
    ipSalt: (day: string): Buffer => retention.ipSalt(day),
  };
}

export type WriteOps = ReturnType<typeof writeOps>;
export type WriteOp = keyof WriteOps;

/** Queues writes and settles each only after the transaction that holds it committed. */
export interface Writer {
  write<K extends WriteOp>(op: K, ...args: Parameters<WriteOps[K]>): Promise<ReturnType<WriteOps[K]>>;
  /** Commit what was accepted, then release the connection. */
  close(): Promise<void>;
}
