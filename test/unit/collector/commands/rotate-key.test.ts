import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { openStore } from '../../../../src/collector/store/open.js';
import { openSqliteStore } from '../../../../src/collector/store/sqlite.js';
import { captureIo } from '../../../helpers/collector-app.js';
import { collect, makeRow } from '../store/contract/rows.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database encrypted by a serve-mode open, with `n` rows, and its key file beside it. */
async function encryptedDb(n: number, sessions = false) {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-rotate-'));
  dirs.push(dir);
  const db = join(dir, 'c.db');
  const file = join(dir, 'data-key.json');
  const store = await openStore(db, { dataKey: { env: {}, file, mode: 'serve' } });
  await store.insertEvents(
    Array.from({ length: n }, (_, i) =>
      makeRow({
        visitor_id: `v${i % 4}`,
        ip: `192.0.2.${i}`,
        ...(sessions ? { session_id: `s${i % 4}`, ts: 1_700_000_000_000 + i * 1000 } : {}),
      }),
    ),
  );
  await store.close();
  return { db, file, env: { CONSENTLOG_DATA_KEY_FILE: file } };
}

const keyIds = (db: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare(
        'SELECT DISTINCT substr(ip_enc, 4, 8) FROM access_log UNION SELECT DISTINCT substr(visitor_id_enc, 4, 8) FROM access_log',
      )
      .pluck()
      .all();
  } finally {
    conn.close();
  }
};

describe('consentlog rotate-key', () => {
  it('documents its options', async () => {
    const { io, out } = captureIo();
    expect(await runCli(['rotate-key', '--help'], io)).toBe(0);
    for (const option of ['--db', '--data-key-file', '--resume', '--batch', '--grace', '--forget-old'])
      expect(out()).toContain(option);
  });

  it('leaves the dashboard roll-up alone: re-encryption changes no column a visit is made of', async () => {
    const { db, env } = await encryptedDb(12, true);
    const store = await openStore(db, { mustExist: true, dataKey: { env } });
    await store.dashboard?.refresh();
    await store.close();
    const count = (table: string) => {
      const conn = new Database(db, { readonly: true });
      try {
        return conn.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      } finally {
        conn.close();
      }
    };
    expect(count('dash_visits')).toBeGreaterThan(0);
    const visits = count('dash_visits');
    const { io } = captureIo(env);
    expect(await runCli(['rotate-key', '--db', db, '--grace', '0'], io)).toBe(0);
    expect(count('dash_dirty')).toBe(0);
    expect(count('dash_visits')).toBe(visits);
  });

  it('moves every value to the new key in batches, and --forget-old drops the old one from the file', async () => {
    const { db, file, env } = await encryptedDb(23);
    const before = JSON.parse(readFileSync(file, 'utf8')).current as string;
    const { io, out, err } = captureIo(env);
    expect(await runCli(['rotate-key', '--db', db, '--grace', '0', '--batch', '5', '--forget-old'], io)).toBe(
      0,
    );
    const ring = JSON.parse(readFileSync(file, 'utf8')) as { current: string; keys: Record<string, string> };
    expect(Object.keys(ring.keys)).toEqual([ring.current]);
    expect(out()).toContain(
      `23 rows re-encrypted; every personal value is under data key ${ring.current} (retired: ${before})`,
    );
    expect(err()).toContain('access_log: 23/23 rows read');
    expect(keyIds(db)).toEqual([ring.current]);
    const store = await openStore(db, { mustExist: true, dataKey: { env } });
    try {
      expect((await collect(store.exportRows({}))).map((r) => r.ip).sort()).toEqual(
        Array.from({ length: 23 }, (_, i) => `192.0.2.${i}`).sort(),
      );
      expect((await store.visitorData('v1')).access_log).toHaveLength(6);
    } finally {
      await store.close();
    }
    const again = captureIo(env);
    expect(await runCli(['rotate-key', '--db', db, '--resume'], again.io)).toBe(0);
    expect(again.out()).toContain(
      `0 rows re-encrypted; every personal value is under data key ${ring.current}`,
    );
  });

  it('refuses a database never encrypted, and keys from the environment, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentlog-rotate-'));
    dirs.push(dir);
    await openSqliteStore(join(dir, 'plain.db')).close();
    const plain = captureIo({});
    expect(await runCli(['rotate-key', '--db', join(dir, 'plain.db')], plain.io)).toBe(1);
    expect(plain.err()).toContain('has no encrypted columns yet');
    const { db, file } = await encryptedDb(1);
    const wrong = captureIo({ CONSENTLOG_DATA_KEY: randomBytes(32).toString('base64') });
    expect(await runCli(['rotate-key', '--db', db], wrong.io)).toBe(1);
    expect(wrong.err()).toContain('wrong data key: CONSENTLOG_DATA_KEY holds key');
    const fromEnv = captureIo({ CONSENTLOG_DATA_KEY: readFileSync(file, 'utf8') });
    expect(await runCli(['rotate-key', '--db', db], fromEnv.io)).toBe(1);
    expect(fromEnv.err()).toContain('the keys come from CONSENTLOG_DATA_KEY: rotation writes the key file');
  });
});
