import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../src/collector/index.js';
import { parseMigrations, SQLITE_MIGRATIONS } from '../../../../src/collector/store/migrations.js';
import { migrateSqlite } from '../../../../src/collector/store/sqlite-migrate.js';
import { ACCESS_LOG_COLUMNS } from '../../../../src/shared/index.js';
import { makeRow } from './contract/rows.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'consentlog-sqlite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The behaviour every store shares is tested in ./contract/ (SQLite and PostgreSQL alike).
describe('SQLite store', () => {
  it('creates the parent folder, uses WAL, and has exactly the access-log columns', async () => {
    const path = join(dir, 'a', 'b', 'c.db');
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('access_log');
      expect(columns).toEqual([...ACCESS_LOG_COLUMNS]);
      const indexes = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'access_log'",
      );
      expect(indexes.pluck().all()).toEqual(expect.arrayContaining(['access_log_ts', 'access_log_site_ts']));
      const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual([
        { version: 1, name: 'access_log' },
        { version: 2, name: 'consent_log' },
        { version: 3, name: 'consent_texts' },
        { version: 4, name: 'production' },
        { version: 5, name: 'reserved_issue5' },
        { version: 6, name: 'dashboard' },
        { version: 7, name: 'dashboard_rollups' },
      ]);
    } finally {
      db.close();
    }
  });

  it('migrates once: reopening keeps the data and applies nothing again', async () => {
    const path = join(dir, 'c.db');
    const store = openSqliteStore(path);
    await store.insertEvents([makeRow()]);
    await store.close();
    const db = new Database(path);
    try {
      expect(migrateSqlite(db)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM access_log').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses to create a file when it must exist', () => {
    const path = join(dir, 'missing.db');
    expect(() => openSqliteStore(path, { mustExist: true })).toThrow(`no database at ${path}`);
    expect(existsSync(path)).toBe(false);
  });

  it('orders migrations by number and rejects gaps or bad names', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseMigrations({ './2.do.b.sql': 'B', './1.do.a.sql': 'A' }).map((m) => m.sql)).toEqual([
      'A',
      'B',
    ]);
    expect(() => parseMigrations({ './1.do.a.sql': '', './3.do.c.sql': '' })).toThrow(/out of sequence/);
    expect(() => parseMigrations({ './one.sql': '' })).toThrow(/NNN\.do\.name\.sql/);
  });
});
