import { createHash } from 'node:crypto';
import type { Corrections, DeleteResult, Store, VisitorData } from '../store/types.js';

/** The visitor id the browser holds: 128 random bits as 32 lower-case hex (cookie `cl_vid`). */
export const VISITOR_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Who acted: the configured admin token, a named token (`token:NAME`), the CLI, a visitor, or a timer. */
export type Actor = 'admin' | `token:${string}` | 'cli' | 'visitor' | 'system';

/**
 * What the audit log keeps instead of the id: a hash, so the log proves a request was handled
 * (the operator can hash the id from the e-mail to find it) without keeping a link to anyone.
 */
export const visitorSubject = (visitorId: string): string =>
  createHash('sha256').update(`consentlog-visitor:${visitorId}`).digest('hex').slice(0, 32);

export interface VisitorExport extends VisitorData {
  visitor_id: string;
  exported_at: string;
}

/** Right of access / portability: every row held about the visitor, as one JSON document. */
export async function exportVisitor(store: Store, visitorId: string, actor: Actor): Promise<VisitorExport> {
  const data = await store.visitorData(visitorId);
  await store.appendAudit({
    ts: Date.now(),
    actor,
    action: 'privacy.export',
    subject: visitorSubject(visitorId),
    detail: JSON.stringify({ access_log: data.access_log.length, bad_rows: data.bad_rows.length }),
  });
  return { visitor_id: visitorId, exported_at: new Date().toISOString(), ...data };
}

/** Right to erasure. Consent records stay (legal proof) but nothing links them to the visitor. */
export async function deleteVisitor(store: Store, visitorId: string, actor: Actor): Promise<DeleteResult> {
  const result = await store.deleteVisitor(visitorId);
  await store.appendAudit({
    ts: Date.now(),
    actor,
    action: 'privacy.delete',
    subject: visitorSubject(visitorId),
    detail: JSON.stringify(result),
  });
  return result;
}

/** Right to rectification of the columns in CORRECTABLE_COLUMNS. */
export async function correctVisitor(
  store: Store,
  visitorId: string,
  changes: Corrections,
  actor: Actor,
): Promise<number> {
  const changed = await store.correctVisitor(visitorId, changes);
  await store.appendAudit({
    ts: Date.now(),
    actor,
    action: 'privacy.correct',
    subject: visitorSubject(visitorId),
    detail: JSON.stringify({ columns: Object.keys(changes), rows: changed }),
  });
  return changed;
}
