import type { Database } from 'better-sqlite3';

/** Settings of the store's connection. */
export interface ConnectionOptions {
  /** How long a write waits for a lock held by another process before failing (503). Default 2000. */
  busyTimeoutMs?: number;
  /** Cap the file at this many bytes: writes beyond fail as a full disk would (503). */
  maxBytes?: number;
  /** See SqliteStoreOptions.synchronous. */
  synchronous?: 'full' | 'normal';
  /** WAL pages after which a commit also checkpoints (SQLite's default: 1000). */
  autocheckpointPages?: number;
}

/**
 * WAL: readers (report, export) don't block the collector's writes. We answer 200 only after a
 * commit and the client then forgets the events: FULL (the default) fsyncs every commit; NORMAL
 * fsyncs the WAL at checkpoints only (see docs/deployment.md "Durability").
 */
export function configureConnection(db: Database, options: ConnectionOptions): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  // 32 MB of page cache: random UUID keys touch many index pages per batch; keeping them in memory
  // saves re-reading them for the next commit.
  db.pragma('cache_size = -32000');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 2000))}`);
  if (options.autocheckpointPages !== undefined)
    db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.autocheckpointPages))}`);
}

/** `max_page_count` is per connection: set it on every connection that writes. */
export function capSize(db: Database, maxBytes: number | undefined): void {
  if (!maxBytes) return;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
}
