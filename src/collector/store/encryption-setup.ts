import { join } from 'node:path';
import { checksOf, dataKeyChecks, PLAINTEXT_ID, verifyKeyring } from '../crypto/key-checks.js';
import { KeyringSource } from '../crypto/key-source.js';
import { defaultKeyFile, type LoadedKeyring, loadKeyring } from '../crypto/keyring.js';
import { type ReencryptProgress, reencryptAll } from '../crypto/reencrypt.js';
import { EncryptedStore } from './encrypted-store.js';
import type { KeyCheck } from './personal-backend.js';
import { isPostgresUrl } from './postgres-pool.js';
import type { Store } from './types.js';

export interface DataKeyOptions {
  /** Where CONSENTLOG_DATA_KEY is read from. */
  env: Record<string, string | undefined>;
  /** The key file (`--data-key-file`; default data-key.json beside a SQLite database); null: a key kept in memory only (`:memory:`). */
  file: string | null;
  /**
   * `serve`: a database never encrypted gets a new key file (when none is given) and its old rows
   * encrypted before serving. `read` (other commands): such a database is used as it is.
   */
  mode: 'serve' | 'read';
  /** How often a serving collector looks for a rotated key file (default 1000 ms). */
  reloadMs?: number;
  onProgress?: (p: ReencryptProgress) => void;
}

export interface ProtectedStore {
  store: Store;
  /** The key file made on this start (print its location once), else null. */
  createdFile: string | null;
}

/**
 * `--data-key-file`, else CONSENTLOG_DATA_KEY_FILE, else data-key.json beside a SQLite database
 * (data/data-key.json in the working folder for PostgreSQL, whose collectors must all hold the same
 * ring: give them CONSENTLOG_DATA_KEY or a copy of the file). None for an in-memory SQLite database
 * (null): its rows end with the process, so a fresh key kept in memory protects them.
 */
export const keyFileFor = (
  db: string,
  env: Record<string, string | undefined>,
  flag?: string | null,
): string | null =>
  flag ||
  env.CONSENTLOG_DATA_KEY_FILE ||
  (isPostgresUrl(db) ? join('data', 'data-key.json') : db === ':memory:' ? null : defaultKeyFile(db));

const sourceName = (loaded: Pick<LoadedKeyring, 'file'>, env: DataKeyOptions['env']) =>
  loaded.file
    ? `data key file ${loaded.file}`
    : env.CONSENTLOG_DATA_KEY?.trim()
      ? 'CONSENTLOG_DATA_KEY'
      : 'the in-memory data key';

function loadFor(options: DataKeyOptions, create: boolean, keyIds: string): LoadedKeyring {
  try {
    return loadKeyring(options.env, options.file, create);
  } catch (err) {
    const hint = keyIds
      ? ` (this database's personal columns are encrypted under data key ${keyIds}; without it they cannot be read)`
      : '';
    throw new Error(`${(err as Error).message}${hint}`);
  }
}

/**
 * The store with its personal columns encrypted at rest: the keys loaded (or made), checked
 * against the ones the database records, new keys recorded, and rows stored before encryption
 * encrypted (serve only, in batches, with progress). Throws with a clear message on a wrong or
 * missing key: the collector must not start then.
 */
export async function protectStore(inner: Store, options: DataKeyOptions): Promise<ProtectedStore> {
  const backend = inner.personal;
  if (!backend) throw new Error('this store cannot encrypt personal columns');
  const checks = await backend.keyChecks();
  const known = dataKeyChecks(checks).filter((c) => c.retired_at === null);
  if (!known.length && options.mode === 'read') return { store: inner, createdFile: null };
  const loaded = loadFor(options, !known.length, known.map((c) => c.key_id).join(', '));
  verifyKeyring(loaded.ring, checks, sourceName(loaded, options.env));
  const now = Date.now();
  const fresh = !known.length;
  const pending = fresh && (await backend.hasRows());
  const [indexCheck, currentCheck] = checksOf(loaded.ring, now);
  // The index key first, checked again: of collectors starting together on a new database with
  // different keys, the first one recorded wins and the others refuse, recording nothing.
  await backend.addKeyChecks([indexCheck as KeyCheck]);
  verifyKeyring(loaded.ring, await backend.keyChecks(), sourceName(loaded, options.env));
  await backend.addKeyChecks([
    currentCheck as KeyCheck,
    ...(pending ? [{ key_id: PLAINTEXT_ID, check_value: '-', added_at: now, retired_at: null }] : []),
  ]);
  const keys = new KeyringSource(loaded.ring, loaded.file, options.reloadMs);
  const plaintextLeft = checks.some((c) => c.key_id === PLAINTEXT_ID && c.retired_at === null) || pending;
  if (plaintextLeft && options.mode === 'serve') {
    await reencryptAll(backend, keys, options.onProgress ? { onProgress: options.onProgress } : {});
    await backend.retireKeys([PLAINTEXT_ID], Date.now());
  }
  return { store: new EncryptedStore(inner, keys), createdFile: loaded.created ? loaded.file : null };
}
