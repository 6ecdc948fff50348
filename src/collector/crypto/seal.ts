import {
  encColumn,
  HIDDEN_PLACEHOLDER,
  PERSONAL_COLUMNS_AT_REST,
  type PersonalTable,
  personalColumns,
} from '../store/stored-columns.js';
import { blindIndex, decryptField, encryptField, keyIdOf } from './field-cipher.js';
import type { KeyringSource } from './key-source.js';
import type { Keyring } from './keyring.js';

type Values = Record<string, unknown>;

const isIndexed = (table: PersonalTable, column: string): boolean =>
  (PERSONAL_COLUMNS_AT_REST[table].indexed as readonly string[]).includes(column);

/** What the plain column keeps for a value: its blind index, or nothing readable. */
const standIn = (ring: Keyring, table: PersonalTable, column: string, value: string) =>
  isIndexed(table, column) ? blindIndex(ring.indexKey, value) : (HIDDEN_PLACEHOLDER[column] ?? null);

type Sealed = { enc: string; standIn: string | null };

/**
 * Copies of `rows` ready to store: each personal value encrypted in its `_enc` twin. A value that
 * repeats within the call (the events of one request share their visitor, session, IP and user
 * agent) is encrypted once: an AES-GCM setup costs tens of µs, and the repeat reveals only what the
 * blind index and the request already do. Never cached across calls, so values of different
 * requests (say, the same IP on two days under `--ip hashed`) never share a cipher text.
 */
export function sealRows<T extends object>(ring: Keyring, table: PersonalTable, rows: readonly T[]): T[] {
  const memo = new Map<string, Sealed>();
  const seal = (column: string, value: string): Sealed => {
    const key = `${column}\u0000${value}`;
    let sealed = memo.get(key);
    if (!sealed) {
      sealed = {
        enc: encryptField(ring.current, column, value),
        standIn: standIn(ring, table, column, value),
      };
      memo.set(key, sealed);
    }
    return sealed;
  };
  return rows.map((row) => {
    const out = { ...row } as Values;
    for (const column of personalColumns(table)) {
      const value = out[column];
      if (value === null || value === undefined) {
        out[encColumn(column)] = null;
        continue;
      }
      const sealed = seal(column, String(value));
      out[encColumn(column)] = sealed.enc;
      out[column] = sealed.standIn;
    }
    return out as T;
  });
}

export const sealRow = <T extends object>(ring: Keyring, table: PersonalTable, row: T): T =>
  sealRows(ring, table, [row])[0] as T;

/** The blind index a lookup by this id compares with. */
export const lookupKey = (ring: Keyring, value: string): string => blindIndex(ring.indexKey, value);

function decrypt(keys: KeyringSource, column: string, value: string): string {
  const id = keyIdOf(value);
  // A key id this process has not seen yet: another process rotated; the file has the key.
  if (id && !keys.get().keys.has(id)) keys.reload();
  return decryptField(keys.get().keys, column, value);
}

/**
 * `row` as it was sent: personal values decrypted, the `_enc` columns gone. A row stored before
 * encryption (no cipher text) reads back as it is.
 */
export function openRow<T extends object>(keys: KeyringSource, table: PersonalTable, row: T): T {
  const out = { ...row } as Values;
  for (const column of personalColumns(table)) {
    const sealed = out[encColumn(column)];
    delete out[encColumn(column)];
    if (typeof sealed === 'string') out[column] = decrypt(keys, column, sealed);
  }
  return out as T;
}

/**
 * The personal columns of a stored row moved to the ring's current key (rotation), or encrypted
 * when stored before encryption; null when it is already as it should be.
 */
export function resealValues(keys: KeyringSource, table: PersonalTable, row: Values): Values | null {
  const ring = keys.get();
  const next: Values = {};
  for (const column of personalColumns(table)) {
    const plain = row[column];
    const sealed = row[encColumn(column)];
    if (typeof sealed === 'string') {
      if (keyIdOf(sealed) === ring.current.id) continue;
      next[encColumn(column)] = encryptField(ring.current, column, decrypt(keys, column, sealed));
    } else if (plain !== null && plain !== undefined) {
      next[encColumn(column)] = encryptField(ring.current, column, String(plain));
      next[column] = standIn(ring, table, column, String(plain));
    }
  }
  return Object.keys(next).length ? next : null;
}
