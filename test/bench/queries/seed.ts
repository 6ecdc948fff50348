import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CONSENT_COLUMNS } from '../../../src/collector/store/types.js';
import { ACCESS_LOG_COLUMNS } from '../../../src/shared/access-log.js';
import { builtCollector } from '../lib/built.js';
import { RESULTS, ROOT } from '../lib/report.js';
import { generateVisits, type VisitSpread } from './visits.js';

/**
 * Bump when the spread or the row shape changes: cached files of older versions are then reseeded.
 * 3: rows come as visits (test/bench/queries/visits.ts), with consent decisions, for the dashboard.
 */
export const SEED_VERSION = 3;
const DAYS = 30;

export interface Seeded {
  path: string;
  rows: number;
  /** Newest event time: report ranges are measured back from it, so a cached file stays valid. */
  end: number;
  /** Seconds spent seeding, and rows/s of the bulk load, index rebuild included (null when cached). */
  seedSeconds: number | null;
  insertRowsPerSecond: number | null;
  /** Consent decisions seeded beside the rows. */
  consentRows: number;
  /** Seconds the dashboard's first roll-up of all rows took (null when read from cache). */
  rollupSeconds: number | null;
}

/**
 * A SQLite file with `rows` events (and consent decisions), made by the collector's migrations and
 * filled in one transaction, cached under bench-results/ by seed version and size.
 */
export async function seededDatabase(rows: number): Promise<Seeded> {
  const dir = join(RESULTS, 'queries');
  // Keyed by the schema too: a file made under other migrations (indexes, roll-ups) is not reused.
  const path = join(dir, `events-${rows}-v${SEED_VERSION}-${schemaHash()}.db`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { end: number; consentRows: number };
    return {
      path,
      rows,
      end: meta.end,
      seedSeconds: null,
      insertRowsPerSecond: null,
      consentRows: meta.consentRows,
      rollupSeconds: null,
    };
  }
  mkdirSync(dir, { recursive: true });
  // Seed under a temporary name: an interrupted run never leaves a half-seeded file to reuse.
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const end = Date.UTC(2026, 10, 30, 12);
  const spread = { end, rows, days: DAYS, visitors: Math.max(1000, rows / 8), seed: SEED_VERSION };
  const { openSqliteStore } = await builtCollector();
  await openSqliteStore(partial).close(); // the schema, by the collector's own migrations
  const started = performance.now();
  const consentRows = bulkInsert(partial, spread);
  const seconds = (performance.now() - started) / 1000;
  const store = openSqliteStore(partial);
  // The dashboard folds rows into its roll-ups when first asked (or on its timer); time it once here.
  const rollupStarted = performance.now();
  await store.dashboard?.refresh();
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await store.close();
  renameSync(partial, path);
  writeFileSync(
    metaPath,
    JSON.stringify({
      seedVersion: SEED_VERSION,
      rows,
      end,
      seedSeconds: seconds,
      consentRows,
      rollupSeconds,
    }),
  );
  return {
    path,
    rows,
    end,
    seedSeconds: seconds,
    insertRowsPerSecond: rows / seconds,
    consentRows,
    rollupSeconds,
  };
}

/** A short hash of the SQLite migrations the file is made with. */
function schemaHash(): string {
  const folder = join(ROOT, 'src/collector/store/migrations/sqlite');
  const hash = createHash('sha256');
  for (const name of readdirSync(folder).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest('hex').slice(0, 8);
}

/**
 * Fast seeding: one transaction and prepared statements bound positionally from the generator's
 * reused arrays, with the access log's secondary indexes dropped during the load and rebuilt after
 * (a sorted build instead of a million random inserts). Ingestion speed is `npm run
 * bench:collector`'s job, not this one's. Returns the consent rows.
 */
function bulkInsert(path: string, spread: VisitSpread): number {
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -256000');
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'access_log' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  const insertRow = db.prepare(
    `INSERT INTO access_log (${ACCESS_LOG_COLUMNS.join(', ')}) VALUES (${ACCESS_LOG_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertConsent = db.prepare(
    `INSERT INTO consent_log (${CONSENT_COLUMNS.join(', ')}) VALUES (${CONSENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  let consentRows = 0;
  db.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    let done = 0;
    let lastReport = performance.now();
    consentRows = generateVisits(spread, {
      row(values) {
        insertRow.run(values);
        if (++done % 65_536 === 0 && performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          console.log(
            `seeding: ${done.toLocaleString('en-US')} of ${spread.rows.toLocaleString('en-US')} rows`,
          );
        }
      },
      consent(values) {
        insertConsent.run(values);
      },
    }).consent;
    for (const index of indexes) db.exec(index.sql);
  })();
  db.close();
  return consentRows;
}
