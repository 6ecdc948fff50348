import { setTimeout as sleep } from 'node:timers/promises';
import { parseCount } from '../config-parse.js';
import { checksOf, dataKeyChecks, PLAINTEXT_ID, verifyKeyring } from '../crypto/key-checks.js';
import { KeyringSource } from '../crypto/key-source.js';
import { type Keyring, loadKeyring, saveKeyring, withNewKey } from '../crypto/keyring.js';
import { reencryptAll } from '../crypto/reencrypt.js';
import { keyFileFor } from '../store/encryption-setup.js';
import { openStore } from '../store/open.js';
import type { PersonalBackend } from '../store/personal-backend.js';
import { type Command, dbValue, type Io, type ParsedValues, stringValue, UsageError } from './spec.js';

const count = (values: ParsedValues, name: string, fallback: number, max: number): number => {
  try {
    return parseCount(`--${name}`, stringValue(values, name) ?? String(fallback), max);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
};

/** The ring after this run's step one: a new current key in the file, or (--resume) the file's. */
async function currentRing(
  backend: PersonalBackend,
  file: string,
  env: Record<string, string | undefined>,
  values: ParsedValues,
  io: Io,
): Promise<Keyring> {
  const checks = await backend.keyChecks();
  if (!dataKeyChecks(checks).length)
    throw new Error('this database has no encrypted columns yet: start `consentlog serve` on it once first');
  const loaded = loadKeyring(env, file, false);
  verifyKeyring(loaded.ring, checks, loaded.file ? `data key file ${file}` : 'CONSENTLOG_DATA_KEY');
  if (!loaded.file)
    throw new Error(
      'the keys come from CONSENTLOG_DATA_KEY: rotation writes the key file, so unset it and give the ring as --data-key-file (docs/deployment.md, "Encryption at rest and the data key")',
    );
  if (values.resume === true) return loaded.ring;
  const ring = withNewKey(loaded.ring);
  // File first, then the record: a crash between leaves a key the next start records, never a
  // recorded key that no file holds.
  saveKeyring(file, ring);
  await backend.addKeyChecks(checksOf(ring, Date.now()));
  io.stdout.write(`new data key ${ring.current.id} written to ${file}; back the file up now\n`);
  return ring;
}

/** Moves every personal value to a new data key, in batches, while collectors keep serving. */
export const rotateKeyCommand: Command = {
  name: 'rotate-key',
  summary: 'Encrypt the personal columns under a new data key, in batches, without stopping the collector.',
  options: [
    {
      name: 'db',
      type: 'string',
      arg: 'PATH|URL',
      description:
        'SQLite file or postgres:// URL (env CONSENTLOG_DB or DATABASE_URL, default ./data/consentlog.db).',
    },
    {
      name: 'data-key-file',
      type: 'string',
      arg: 'PATH',
      description:
        'The key ring the collectors read (env CONSENTLOG_DATA_KEY_FILE; default data-key.json next to a SQLite db).',
    },
    {
      name: 'resume',
      type: 'boolean',
      description:
        "Add no key: finish an interrupted rotation (move what is left to the file's current key).",
    },
    { name: 'batch', type: 'string', arg: 'N', description: 'Rows per transaction (default 1000).' },
    {
      name: 'grace',
      type: 'string',
      arg: 'MS',
      description:
        'Wait MS milliseconds after writing the new key, so serving collectors (they look at the file every second) encrypt new rows with it before old rows move (default 3000).',
    },
    {
      name: 'forget-old',
      type: 'boolean',
      description:
        'Afterwards, remove the old keys from the file (backups made before cannot be read with the new file then).',
    },
  ],
  async run(values, io) {
    const env = io.env ?? process.env;
    const batch = count(values, 'batch', 1000, 100_000);
    const grace = count(values, 'grace', 3000, 600_000);
    const db = dbValue(values, env);
    const file = keyFileFor(db, env, stringValue(values, 'data-key-file'));
    if (file === null)
      throw new Error('rotate-key needs a database file: an in-memory database keeps its key nowhere');
    const store = await openStore(db, { mustExist: true, dataKey: false, sqlite: { busyTimeoutMs: 10_000 } });
    try {
      const backend = store.personal;
      if (!backend) throw new Error('this store cannot encrypt personal columns');
      const ring = await currentRing(backend, file, env, values, io);
      if (values.resume !== true && grace > 0) await sleep(grace);
      const changed = await reencryptAll(backend, new KeyringSource(ring, null), {
        batch,
        onProgress: (p) => {
          const line = `${p.table}: ${p.scanned}/${p.total} rows read, ${p.changed} re-encrypted\n`;
          if (p.scanned === p.total || p.scanned % (batch * 10) === 0) io.stderr.write(line);
        },
      });
      const old = (await backend.keyChecks())
        .filter((c) => c.key_id !== ring.current.id && c.key_id !== 'index' && c.retired_at === null)
        .map((c) => c.key_id);
      await backend.retireKeys([...old, PLAINTEXT_ID], Date.now());
      if (values['forget-old'] === true) {
        saveKeyring(file, { ...ring, keys: new Map([[ring.current.id, ring.current]]) });
      }
      io.stdout.write(
        `${changed} rows re-encrypted; every personal value is under data key ${ring.current.id}${old.length ? ` (retired: ${old.join(', ')})` : ''}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
