import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { KeyringSource } from '../../src/collector/crypto/key-source.js';
import { defaultKeyFile, loadKeyring } from '../../src/collector/crypto/keyring.js';
import { openRow } from '../../src/collector/crypto/seal.js';
import type { PersonalTable } from '../../src/collector/store/stored-columns.js';
import type { AccessLogRow } from '../../src/shared/index.js';

/**
 * Rows of `table` with their personal columns decrypted by the key file beside the database (the
 * collector encrypts them at rest, issue 9), as an admin export shows them; unchanged without one.
 */
function decrypted<T extends object>(dbPath: string, table: PersonalTable, rows: T[]): T[] {
  const file = defaultKeyFile(dbPath);
  if (!existsSync(file)) return rows;
  const keys = new KeyringSource(loadKeyring({}, file, false).ring, null);
  return rows.map((row) => openRow(keys, table, row));
}

/** Reads the access log straight from the collector's SQLite file, decrypted (see `decrypted`). */
export function readRows(dbPath: string, where = '1=1', ...params: unknown[]): AccessLogRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT * FROM access_log WHERE ${where} ORDER BY ts`)
      .all(...params) as AccessLogRow[];
    return decrypted(dbPath, 'access_log', rows);
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

/** The proof-of-consent log, read straight from the SQLite file (decrypted), in stored order. */
export function readConsentRows(dbPath: string): Record<string, unknown>[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM consent_log ORDER BY seq').all() as Record<string, unknown>[];
    return decrypted(dbPath, 'consent_log', rows);
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
