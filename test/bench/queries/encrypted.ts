import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { builtCollector } from '../lib/built.js';

/** A fixed bench key (never a real one): the encrypted copy is cached and reopened under it. */
export const BENCH_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

export interface EncryptedCopy {
  path: string;
  /** Seconds `serve`'s first start took to encrypt the stored rows (null when cached). */
  encryptSeconds: number | null;
}

/**
 * The seeded file with its personal columns encrypted (issue 9), the way an existing database is on
 * the first `serve` start of an encrypting version: a copy (VACUUM INTO), opened in serve mode.
 * Open it with CONSENTLOG_DATA_KEY = BENCH_DATA_KEY.
 */
export async function encryptedCopy(seeded: string): Promise<EncryptedCopy> {
  const path = seeded.replace(/\.db$/, '.encrypted.db');
  if (existsSync(path)) return { path, encryptSeconds: null };
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const db = new Database(seeded, { readonly: true });
  db.prepare('VACUUM INTO ?').run(partial);
  db.close();
  const { openStore } = await builtCollector();
  const started = performance.now();
  const store = await openStore(partial, {
    mustExist: true,
    dataKey: { env: { CONSENTLOG_DATA_KEY: BENCH_DATA_KEY }, mode: 'serve' },
  });
  const encryptSeconds = (performance.now() - started) / 1000;
  await store.dashboard?.refresh(); // the re-encrypted rows' visits are rolled up again
  await store.close();
  renameSync(partial, path);
  return { path, encryptSeconds };
}
