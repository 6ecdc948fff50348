import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessLogRow } from '../../../src/shared/access-log.js';
import { builtCollector } from '../lib/built.js';
import { RESULTS } from '../lib/report.js';
import { rowSource } from './spread.js';

/** Bump when the spread or the row shape changes: cached files of older versions are then reseeded. */
export const SEED_VERSION = 2;
const BATCH = 10_000;
const DAYS = 30;

export interface Seeded {
  path: string;
  rows: number;
  /** Newest event time: report ranges are measured back from it, so a cached file stays valid. */
  end: number;
  /** Seconds spent seeding, and rows/s through `Store.insertEvents` (null when read from cache). */
  seedSeconds: number | null;
  insertRowsPerSecond: number | null;
}

/**
 * A SQLite file with `rows` events, seeded through the Store in batches of 10,000 (one
 * transaction each) and cached under bench-results/ by seed version and size.
 */
export async function seededDatabase(rows: number): Promise<Seeded> {
  const dir = join(RESULTS, 'queries');
  const path = join(dir, `events-${rows}-v${SEED_VERSION}.db`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { end: number };
    return { path, rows, end: meta.end, seedSeconds: null, insertRowsPerSecond: null };
  }
  mkdirSync(dir, { recursive: true });
  // Seed under a temporary name: an interrupted run never leaves a half-seeded file to reuse.
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const end = Date.UTC(2026, 10, 30, 12);
  const next = rowSource({ end, rows, days: DAYS, visitors: Math.max(1000, rows / 8), seed: SEED_VERSION });
  const { openSqliteStore } = await builtCollector();
  const store = openSqliteStore(partial);
  const started = performance.now();
  let lastReport = started;
  for (let done = 0; done < rows; ) {
    const batch: AccessLogRow[] = [];
    for (let i = 0; i < BATCH && done + i < rows; i++) batch.push(next());
    const { inserted } = await store.insertEvents(batch);
    if (inserted !== batch.length) throw new Error(`seed: ${batch.length - inserted} duplicate ids`);
    done += batch.length;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.log(`seeding: ${done.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  renameSync(partial, path);
  writeFileSync(metaPath, JSON.stringify({ seedVersion: SEED_VERSION, rows, end, seedSeconds: seconds }));
  return { path, rows, end, seedSeconds: seconds, insertRowsPerSecond: rows / seconds };
}
