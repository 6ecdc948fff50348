import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../../src/collector/index.js';
import type { AccessLogRow } from '../../../../src/shared/index.js';
import { makeRow } from '../store/contract/rows.js';

/** A SQLite file holding `rows`, as the collector would have written it. */
export async function seededDb(rows: AccessLogRow[]): Promise<{ dir: string; db: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'consentlog-cmd-'));
  const db = join(dir, 'consentlog.db');
  const store = openSqliteStore(db);
  await store.insertEvents(rows);
  await store.close();
  return { dir, db };
}

export { makeRow };
