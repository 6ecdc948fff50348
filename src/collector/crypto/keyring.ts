import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataKey } from './field-cipher.js';

/** The data keys (by id), the one new values use, and the stable key of the blind indexes. */
export interface Keyring {
  current: DataKey;
  keys: ReadonlyMap<string, DataKey>;
  /** HMAC key of the lookup hashes; it never rotates, so lookups keep working during a rotation. */
  indexKey: Buffer;
}

/** The key file's JSON: `{"current":"<id>","keys":{"<id>":"<base64>"},"index":"<base64>"}`. */
interface KeyFile {
  current: string;
  keys: Record<string, string>;
  index: string;
}

export const defaultKeyFile = (db: string): string => join(dirname(db), 'data-key.json');

const key32 = (where: string, b64: string): Buffer => {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 32) throw new Error(`${where}: a data key must be 32 bytes, base64-encoded`);
  return bytes;
};

function fromJson(where: string, json: KeyFile): Keyring {
  if (
    !json ||
    typeof json.keys !== 'object' ||
    typeof json.current !== 'string' ||
    typeof json.index !== 'string'
  ) {
    throw new Error(`${where}: expected {"current", "keys", "index"}`);
  }
  const keys = new Map(
    Object.entries(json.keys).map(([id, b64]) => [id, { id, bytes: key32(`${where} key ${id}`, b64) }]),
  );
  const current = keys.get(json.current);
  if (!current) throw new Error(`${where}: current key ${json.current} is not among its keys`);
  return { current, keys, indexKey: key32(`${where} index`, json.index) };
}

const toJson = (ring: Keyring): KeyFile => ({
  current: ring.current.id,
  keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.bytes.toString('base64')])),
  index: ring.indexKey.toString('base64'),
});

/**
 * `CONSENTLOG_DATA_KEY` holds either the key file's JSON or one base64 key (then its id is the
 * start of its SHA-256 and the index key is derived from it with HKDF; rotating needs the JSON form).
 */
function fromEnv(value: string): Keyring {
  if (value.trim().startsWith('{')) return fromJson('CONSENTLOG_DATA_KEY', JSON.parse(value) as KeyFile);
  const bytes = key32('CONSENTLOG_DATA_KEY', value.trim());
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const indexKey = Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'consentlog blind index', 32));
  return { current: { id, bytes }, keys: new Map([[id, { id, bytes }]]), indexKey };
}

export const newKey = (): DataKey => ({ id: randomBytes(4).toString('hex'), bytes: randomBytes(32) });

function newRing(): Keyring {
  const current = newKey();
  return { current, keys: new Map([[current.id, current]]), indexKey: randomBytes(32) };
}

/**
 * Write the ring with owner-only permissions, atomically (a crash never leaves half a key file).
 * `exclusive`: only if no file exists yet (false when one does), so collectors starting together
 * on a new database all end up with the one ring that was written first.
 */
export function saveKeyring(file: string, ring: Keyring, exclusive = false): boolean {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(toJson(ring), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  if (!exclusive) {
    renameSync(tmp, file);
    return true;
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

export interface LoadedKeyring {
  ring: Keyring;
  /** The key file, or null when the ring came from the environment. */
  file: string | null;
  /** True on the start that generated the file: the only time its location is printed. */
  created: boolean;
}

/**
 * The data keys: from `CONSENTLOG_DATA_KEY`, else the key file, else (when `create`) a new key
 * file. A key file readable by others is refused: the keys would have leaked.
 */
export function loadKeyring(
  env: Record<string, string | undefined>,
  file: string | null,
  create: boolean,
): LoadedKeyring {
  const fromEnvValue = env.CONSENTLOG_DATA_KEY;
  if (fromEnvValue?.trim()) return { ring: fromEnv(fromEnvValue), file: null, created: false };
  // An in-memory database dies with the process: its key must not outlive it on disk.
  if (file === null) return { ring: newRing(), file: null, created: false };
  if (existsSync(file)) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new Error(`data key file ${file} is readable by others: chmod 600 it`);
    }
    let json: KeyFile;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
    } catch (err) {
      throw new Error(`data key file ${file}: ${(err as Error).message}`);
    }
    return { ring: fromJson(`data key file ${file}`, json), file, created: false };
  }
  if (!create) throw new Error(`no data key: set CONSENTLOG_DATA_KEY or put the key file at ${file}`);
  const ring = newRing();
  if (!saveKeyring(file, ring, true)) return loadKeyring(env, file, false); // another process won
  return { ring, file, created: true };
}

/** A ring with a new current key; the old keys stay until every value is re-encrypted. */
export function withNewKey(ring: Keyring): Keyring {
  const current = newKey();
  return { current, keys: new Map([...ring.keys, [current.id, current]]), indexKey: ring.indexKey };
}
