/**
 * The checkpointer thread: copies committed pages from the WAL into the database file every
 * `intervalMs`, so that this copy (and its fsync) no longer runs inside a commit on the request
 * path, where SQLite's automatic checkpoint would put it. PASSIVE never takes the write lock and
 * never waits: writers and readers go on while it runs. Commits stay durable in the WAL either way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerInit } from './sqlite-checkpointer.js';

const port = parentPort;
if (!port) throw new Error('sqlite-checkpointer-worker must run as a worker thread');
const init = workerData as CheckpointerInit;
const db = new Database(init.path);
// The checkpoint's fsyncs follow this connection's setting: the same as the writer's, never OFF.
db.pragma(`synchronous = ${init.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or I/O trouble: try again next tick; the writer's own automatic checkpoint is the backstop.
  }
}, init.intervalMs);

port.on('message', () => {
  // The only message is "close": stop, and let the store's last connection finish the WAL.
  clearInterval(timer);
  db.close();
  port.close();
});
