import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyringSource } from '../../../../src/collector/crypto/key-source.js';
import { loadKeyring, saveKeyring, withNewKey } from '../../../../src/collector/crypto/keyring.js';
import { keyFileFor, protectStore } from '../../../../src/collector/store/encryption-setup.js';
import { openStore } from '../../../../src/collector/store/open.js';
import { openSqliteStore } from '../../../../src/collector/store/sqlite.js';
import type { AccessLogRow } from '../../../../src/shared/access-log.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-setup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const row = (i: number): AccessLogRow =>
  ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    received_at: 1_700_000_000_000 + i,
    ts: 1_700_000_000_000 + i,
    site: 'shop',
    type: 'pageview',
    category: 'analytics',
    url: 'https://shop.example.com/',
    is_bot: 0,
    self_referral: 0,
    visitor_id: `visitor-${i % 3}`,
    session_id: `session-${i}`,
    ip: `198.51.100.${i}`,
    user_agent: `Agent/${i}`,
    value: null,
  }) as AccessLogRow;

const raw = (db: string, sql: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    conn.close();
  }
};

describe('opening a database with encryption at rest', () => {
  it('encrypts the rows of a database kept before encryption, in batches, with progress', async () => {
    const db = join(tempDir(), 'old.db');
    const plain = openSqliteStore(db);
    await plain.insertEvents(Array.from({ length: 25 }, (_, i) => row(i)));
    await plain.close();
    const progress: string[] = [];
    const file = join(tempDir(), 'k.json');
    const { store, createdFile } = await protectStore(openSqliteStore(db), {
      env: {},
      file,
      mode: 'serve',
      onProgress: (p) => progress.push(`${p.table} ${p.scanned}/${p.total}`),
    });
    try {
      expect(createdFile).toBe(file);
      expect(progress).toContain('access_log 25/25');
      expect(raw(db, "SELECT COUNT(*) AS n FROM access_log WHERE ip IS NULL AND ip_enc LIKE 'e1.%'")).toEqual(
        [{ n: 25 }],
      );
      expect(raw(db, "SELECT COUNT(*) AS n FROM access_log WHERE visitor_id LIKE 'visitor-%'")).toEqual([
        { n: 0 },
      ]);
      expect(await store.totals({})).toMatchObject({ pageviews: 25, visitors: 3 });
      const data = await store.visitorData('visitor-1');
      const visits = [1, 4, 7, 10, 13, 16, 19, 22];
      expect(data.access_log.map((r) => [r.visitor_id, r.user_agent, r.ip])).toEqual(
        visits.map((i) => ['visitor-1', `Agent/${i}`, `198.51.100.${i}`]),
      );
    } finally {
      await store.close();
    }
  });

  it('leaves a never-encrypted database alone in read mode, and makes no key file', async () => {
    const dir = tempDir();
    const db = join(dir, 'plain.db');
    const plain = openSqliteStore(db);
    await plain.insertEvents([row(1)]);
    await plain.close();
    const store = await openStore(db, { dataKey: { env: {} } });
    try {
      expect((await store.visitorData('visitor-1')).access_log).toHaveLength(1);
    } finally {
      await store.close();
    }
    expect(() => readFileSync(join(dir, 'data-key.json'))).toThrow();
  });

  it('keeps the key of an in-memory database in memory: no key file anywhere', async () => {
    expect(keyFileFor(':memory:', {})).toBeNull();
    expect(keyFileFor(':memory:', {}, 'chosen.json')).toBe('chosen.json');
    const before = existsSync('data-key.json');
    const { store, createdFile } = await protectStore(openSqliteStore(':memory:'), {
      env: {},
      file: keyFileFor(':memory:', {}),
      mode: 'serve',
    });
    try {
      expect(createdFile).toBeNull();
      await store.insertEvents([row(4)]);
      const kept = (await store.visitorData('visitor-1')).access_log;
      expect(kept.map((r) => r.ip)).toEqual(['198.51.100.4']);
    } finally {
      await store.close();
    }
    expect(existsSync('data-key.json')).toBe(before);
  });

  it('refuses a ring whose index key differs, even when the data key ids match', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const file = join(dir, 'k.json');
    await (await protectStore(openSqliteStore(db), { env: {}, file, mode: 'serve' })).store.close();
    const ring = loadKeyring({}, file, false).ring;
    rmSync(file);
    saveKeyring(file, { ...ring, indexKey: randomBytes(32) });
    await expect(protectStore(openSqliteStore(db), { env: {}, file, mode: 'serve' })).rejects.toThrow(
      `wrong data key: the index key in data key file ${file}`,
    );
  });

  it('writes a new key file only when none exists, so collectors starting together share one ring', () => {
    const file = join(tempDir(), 'k.json');
    const first = withNewKey(
      loadKeyring({ CONSENTLOG_DATA_KEY: randomBytes(32).toString('base64') }, '', false).ring,
    );
    const second = withNewKey(first);
    expect(saveKeyring(file, first, true)).toBe(true);
    expect(saveKeyring(file, second, true)).toBe(false);
    expect(loadKeyring({}, file, true)).toMatchObject({
      created: false,
      ring: { current: { id: first.current.id } },
    });
  });
});

describe('KeyringSource', () => {
  it('picks up a rotated key file, but never one with another index key', () => {
    const file = join(tempDir(), 'k.json');
    const { ring } = loadKeyring({}, file, true);
    const source = new KeyringSource(ring, file, 0);
    const rotated = withNewKey(ring);
    saveKeyring(file, rotated);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(source.get().current.id).toBe(rotated.current.id);
    saveKeyring(file, { ...withNewKey(rotated), indexKey: randomBytes(32) });
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(source.get().current.id).toBe(rotated.current.id);
  });
});
