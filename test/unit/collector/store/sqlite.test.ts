import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../src/collector/index.js';
import { parseMigrations, SQLITE_MIGRATIONS } from '../../../../src/collector/store/migrations.js';
import { migrateSqlite } from '../../../../src/collector/store/sqlite-migrate.js';
import { ACCESS_LOG_STORED } from '../../../../src/collector/store/stored-columns.js';
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
      // The contract's columns, then the cipher texts of the personal ones (issue 9, migration 010).
      expect(columns).toEqual([...ACCESS_LOG_STORED]);
      const indexes = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'access_log'",
      );
      // Migration 005 keeps only the indexes ingestion, retention, reports and rights lookups need.
      expect(indexes.pluck().all().sort()).toEqual([
        'access_log_received_at',
        'access_log_ts',
        'access_log_visitor',
        'sqlite_autoindex_access_log_1',
      ]);
      const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual([
        { version: 1, name: 'access_log' },
        { version: 2, name: 'consent_log' },
        { version: 3, name: 'consent_texts' },
        { version: 4, name: 'production' },
        { version: 5, name: 'ingest_indexes' },
        { version: 6, name: 'dashboard' },
        { version: 7, name: 'dashboard_rollups' },
        { version: 8, name: 'api_tokens' },
        { version: 9, name: 'session_actor' },
        { version: 10, name: 'personal_encryption' },
        { version: 11, name: 'dashboard_days' },
        { version: 12, name: 'dashboard_update_columns' },
        { version: 13, name: 'dashboard_filter_indexes' },
        { version: 14, name: 'dashboard_browser_slices' },
        { version: 15, name: 'dashboard_referrer_slices' },
        { version: 16, name: 'dashboard_visit_categories' },
        { version: 17, name: 'dashboard_quarter_hour_starts' },
        { version: 18, name: 'dashboard_category_slices' },
        { version: 19, name: 'dashboard_moved_rows' },
        { version: 20, name: 'dashboard_vitals_session' },
        { version: 21, name: 'dashboard_referrer_browser_slices' },
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
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    ]);
    expect(parseMigrations({ './2.do.b.sql': 'B', './1.do.a.sql': 'A' }).map((m) => m.sql)).toEqual([
      'A',
      'B',
    ]);
    expect(() => parseMigrations({ './1.do.a.sql': '', './3.do.c.sql': '' })).toThrow(/out of sequence/);
    expect(() => parseMigrations({ './one.sql': '' })).toThrow(/NNN\.do\.name\.sql/);
  });

  it('answers visitor lookups, report ranges and purges from an index, never a table scan', async () => {
    const path = join(dir, 'plans.db');
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    // Bound parameters, as the store's statements use them (a partial index must still apply).
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(1)
        .map((r) => (r as { detail: string }).detail)
        .join('; ');
    try {
      expect(plan('SELECT * FROM access_log WHERE visitor_id = ?')).toMatch(
        /USING (COVERING )?INDEX access_log_visitor/,
      );
      expect(plan('DELETE FROM access_log WHERE visitor_id = ?')).toMatch(
        /USING (COVERING )?INDEX access_log_visitor/,
      );
      expect(plan("SELECT COUNT(*) FROM access_log WHERE ts >= ? AND site = 'a'")).toMatch(/access_log_ts/);
      expect(plan('DELETE FROM access_log WHERE received_at < ?')).toMatch(/access_log_received_at/);
      expect(plan('SELECT 1 FROM access_log WHERE id = ?')).toMatch(/sqlite_autoindex_access_log_1/);
    } finally {
      db.close();
    }
  });

  it('checkpoints the WAL from the background thread, which commits alone do not', async () => {
    const withThread = join(dir, 'checkpointed.db');
    const without = join(dir, 'plain.db');
    const a = openSqliteStore(withThread, { checkpointIntervalMs: 10 });
    const b = openSqliteStore(without); // SQLite's own checkpoint waits for 1000 WAL pages
    try {
      const sizeA = statSync(withThread).size;
      const sizeB = statSync(without).size;
      const rows = Array.from({ length: 50 }, () => makeRow({ id: randomUUID() }));
      await a.insertEvents(rows);
      await b.insertEvents(rows);
      // The rows reach the database file (not only the WAL) within a few intervals.
      for (let i = 0; i < 300 && statSync(withThread).size === sizeA; i++) await delay(10);
      expect(statSync(withThread).size).toBeGreaterThan(sizeA);
      expect(statSync(without).size).toBe(sizeB);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
