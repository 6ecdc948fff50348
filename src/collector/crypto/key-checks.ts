import { createHmac } from 'node:crypto';
import type { KeyCheck } from '../store/personal-backend.js';
import type { Keyring } from './keyring.js';

/** Pseudo key ids in `data_keys`: the blind-index key, and rows stored before encryption. */
export const INDEX_KEY_ID = 'index';
export const PLAINTEXT_ID = 'plaintext';

/** Proves a key is the one recorded without revealing it: an HMAC made with the key itself. */
export const checkValue = (key: Buffer): string =>
  createHmac('sha256', key).update('consentlog data key check v1').digest('hex');

export const checksOf = (ring: Keyring, at: number): KeyCheck[] => [
  { key_id: INDEX_KEY_ID, check_value: checkValue(ring.indexKey), added_at: at, retired_at: null },
  { key_id: ring.current.id, check_value: checkValue(ring.current.bytes), added_at: at, retired_at: null },
];

export const dataKeyChecks = (checks: readonly KeyCheck[]): KeyCheck[] =>
  checks.filter((c) => c.key_id !== INDEX_KEY_ID && c.key_id !== PLAINTEXT_ID);

/**
 * Throws, naming where the keys came from, unless the ring holds every key the database still has
 * values under, each matching its recorded check: a wrong key must stop the collector at start,
 * not write rows nobody can read or answer lookups with nothing.
 */
export function verifyKeyring(ring: Keyring, checks: readonly KeyCheck[], source: string): void {
  const live = dataKeyChecks(checks).filter((c) => c.retired_at === null);
  const index = checks.find((c) => c.key_id === INDEX_KEY_ID);
  const known = live.map((c) => c.key_id).join(', ');
  if (!live.some((c) => ring.keys.has(c.key_id)) && live.length) {
    throw new Error(
      `wrong data key: ${source} holds key(s) ${[...ring.keys.keys()].join(', ')}, but this database's personal columns are encrypted under ${known}`,
    );
  }
  for (const check of live) {
    const key = ring.keys.get(check.key_id);
    if (!key)
      throw new Error(
        `${source} lacks data key ${check.key_id}, which values in this database are still under`,
      );
    if (checkValue(key.bytes) !== check.check_value)
      throw new Error(
        `wrong data key: key ${check.key_id} in ${source} is not the one this database was encrypted with`,
      );
  }
  if (index && checkValue(ring.indexKey) !== index.check_value)
    throw new Error(
      `wrong data key: the index key in ${source} is not the one this database was encrypted with`,
    );
}
