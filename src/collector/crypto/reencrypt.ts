import type { PersonalBackend } from '../store/personal-backend.js';
import { PERSONAL_TABLES, type PersonalTable } from '../store/stored-columns.js';
import type { KeyringSource } from './key-source.js';
import { resealValues } from './seal.js';

export interface ReencryptProgress {
  table: PersonalTable;
  /** Rows of this table read in this pass, and how many the table held when the pass began. */
  scanned: number;
  total: number;
  changed: number;
}

export interface ReencryptOptions {
  batch?: number;
  onProgress?: (p: ReencryptProgress) => void;
}

/**
 * One pass over every personal table in stored order, `batch` rows per transaction: values under
 * an older key move to the ring's current key, values stored before encryption get encrypted.
 * Each row is updated only if unchanged since it was read, so collectors keep writing meanwhile;
 * an interrupted pass is resumed by running it again. Returns the rows changed.
 */
export async function reencryptPass(
  backend: PersonalBackend,
  keys: KeyringSource,
  options: ReencryptOptions = {},
): Promise<number> {
  const batch = Math.max(1, options.batch ?? 1000);
  let changedAll = 0;
  for (const table of PERSONAL_TABLES) {
    const total = await backend.countRows(table);
    let after = 0;
    let scanned = 0;
    let changed = 0;
    for (;;) {
      const rows = await backend.scan(table, after, batch);
      if (!rows.length) break;
      const changes = rows.flatMap((row) => {
        const next = resealValues(keys, table, row.values);
        return next ? [{ key: row.key, before: row.values, after: next }] : [];
      });
      if (changes.length) changed += await backend.update(table, changes);
      after = (rows[rows.length - 1] as { key: number }).key;
      scanned += rows.length;
      options.onProgress?.({ table, scanned, total, changed });
    }
    changedAll += changed;
  }
  return changedAll;
}

/**
 * Passes until one finds nothing left to move (rows written meanwhile by a collector that had not
 * yet seen the new key are caught by the next pass). Throws after `maxPasses`.
 */
export async function reencryptAll(
  backend: PersonalBackend,
  keys: KeyringSource,
  options: ReencryptOptions & { maxPasses?: number } = {},
): Promise<number> {
  let total = 0;
  for (let pass = 1; pass <= (options.maxPasses ?? 5); pass++) {
    const changed = await reencryptPass(backend, keys, options);
    total += changed;
    if (changed === 0) return total;
  }
  throw new Error('values keep arriving under an old key: are all collectors reading the new key file?');
}
