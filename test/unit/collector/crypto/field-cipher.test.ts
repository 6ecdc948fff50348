import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blindIndex,
  decryptField,
  encryptField,
  keyIdOf,
} from '../../../../src/collector/crypto/field-cipher.js';
import { loadKeyring, saveKeyring, withNewKey } from '../../../../src/collector/crypto/keyring.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-keys-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('field cipher', () => {
  const key = { id: 'k1', bytes: randomBytes(32) };
  const ring = new Map([['k1', key]]);

  it('round-trips, with a fresh IV per value and the key id beside it', () => {
    const a = encryptField(key, 'visitor_id', 'a1b2c3');
    const b = encryptField(key, 'visitor_id', 'a1b2c3');
    expect(a).not.toBe(b);
    expect(a).not.toContain('a1b2c3');
    expect(keyIdOf(a)).toBe('k1');
    expect(decryptField(ring, 'visitor_id', a)).toBe('a1b2c3');
    expect(decryptField(ring, 'user_agent', encryptField(key, 'user_agent', 'Mozilla/5.0 ✓'))).toBe(
      'Mozilla/5.0 ✓',
    );
  });

  it('refuses a wrong key, another column, a tampered value and an unknown key id', () => {
    const value = encryptField(key, 'ip', '203.0.113.7');
    const wrong = new Map([['k1', { id: 'k1', bytes: randomBytes(32) }]]);
    expect(() => decryptField(wrong, 'ip', value)).toThrow('does not decrypt with data key k1');
    expect(() => decryptField(ring, 'visitor_id', value)).toThrow('does not decrypt');
    const parts = value.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() =>
      decryptField(ring, 'ip', [...parts.slice(0, 3), body.toString('base64url')].join('.')),
    ).toThrow('does not decrypt');
    expect(() => decryptField(new Map(), 'ip', value)).toThrow('data key k1, which is not configured');
    expect(keyIdOf('203.0.113.7')).toBeNull();
  });

  it('blind index: equal for equal values, differs by key, hides the value', () => {
    const k = randomBytes(32);
    expect(blindIndex(k, 'v1')).toBe(blindIndex(k, 'v1'));
    expect(blindIndex(k, 'v1')).not.toBe(blindIndex(k, 'v2'));
    expect(blindIndex(randomBytes(32), 'v1')).not.toBe(blindIndex(k, 'v1'));
    expect(blindIndex(k, 'v1')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('keyring', () => {
  it('generates an owner-only key file on first start, then reads it back', () => {
    const file = join(tempDir(), 'sub', 'data-key.json');
    const first = loadKeyring({}, file, true);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadKeyring({}, file, false);
    expect(again.created).toBe(false);
    expect(again.ring.current.bytes.equals(first.ring.current.bytes)).toBe(true);
    expect(again.ring.indexKey.equals(first.ring.indexKey)).toBe(true);
  });

  it('refuses a missing key when it may not create one, and a file others can read', () => {
    const dir = tempDir();
    expect(() => loadKeyring({}, join(dir, 'none.json'), false)).toThrow(
      'no data key: set CONSENTLOG_DATA_KEY',
    );
    const file = join(dir, 'k.json');
    loadKeyring({}, file, true);
    chmodSync(file, 0o644);
    expect(() => loadKeyring({}, file, false)).toThrow('readable by others');
  });

  it('takes one base64 key or the JSON ring from CONSENTLOG_DATA_KEY', () => {
    const b64 = randomBytes(32).toString('base64');
    const one = loadKeyring({ CONSENTLOG_DATA_KEY: b64 }, '/nonexistent', false);
    expect(one.file).toBeNull();
    expect(one.ring.current.bytes.toString('base64')).toBe(b64);
    expect(loadKeyring({ CONSENTLOG_DATA_KEY: b64 }, '/x', false).ring.indexKey).toEqual(one.ring.indexKey);
    expect(() => loadKeyring({ CONSENTLOG_DATA_KEY: 'c2hvcnQ=' }, '/x', false)).toThrow('must be 32 bytes');
  });

  it('rotation keeps old keys and the index key, and survives a save', () => {
    const file = join(tempDir(), 'k.json');
    const { ring } = loadKeyring({}, file, true);
    const old = encryptField(ring.current, 'visitor_id', 'abc');
    const rotated = withNewKey(ring);
    expect(rotated.current.id).not.toBe(ring.current.id);
    rmSync(file);
    saveKeyring(file, rotated);
    const loaded = loadKeyring({}, file, false).ring;
    expect(decryptField(loaded.keys, 'visitor_id', old)).toBe('abc');
    expect(loaded.current.id).toBe(rotated.current.id);
    expect(loaded.indexKey.equals(ring.indexKey)).toBe(true);
  });
});
