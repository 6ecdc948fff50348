import Database from 'better-sqlite3';
import type { AccessLogRow } from '../../src/shared/index.js';

/** Reads the access log straight from the collector's SQLite file, as an auditor would. */
export function readRows(dbPath: string, where = '1=1', ...params: unknown[]): AccessLogRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM access_log WHERE ${where} ORDER BY ts`).all(...params) as AccessLogRow[];
  } finally {
    db.close();
  }
}

/** Polls until `predicate(rows)` holds or the time is up; returns the last rows read. */
export async function waitForRows(
  dbPath: string,
  predicate: (rows: AccessLogRow[]) => boolean,
  timeoutMs = 10_000,
): Promise<AccessLogRow[]> {
  const until = Date.now() + timeoutMs;
  let rows: AccessLogRow[] = [];
  while (Date.now() < until) {
    try {
      rows = readRows(dbPath);
    } catch {
      rows = [];
    }
    if (predicate(rows)) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return rows;
}

/** The proof-of-consent log, read straight from the SQLite file, in stored order. */
export function readConsentRows(dbPath: string): Record<string, unknown>[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM consent_log ORDER BY seq').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Polls the consent log until it holds `count` rows (or the time is up); returns what it read. */
export async function waitForConsentRows(
  dbPath: string,
  count: number,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>[]> {
  const until = Date.now() + timeoutMs;
  let rows: Record<string, unknown>[] = [];
  while (Date.now() < until) {
    rows = readConsentRows(dbPath);
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return rows;
}
