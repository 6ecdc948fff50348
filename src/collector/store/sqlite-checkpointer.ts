import type { Worker } from 'node:worker_threads';
import { spawnStoreWorker } from './worker-spawn.js';

export interface CheckpointerInit {
  path: string;
  intervalMs: number;
  synchronous?: 'full' | 'normal';
}

/**
 * While the checkpointer runs, the writing connection's automatic checkpoint only steps in when
 * the WAL grows past this many pages (~40 MB): a backstop if checkpoints fall behind, e.g. while
 * a long export holds a snapshot.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/** Starts the checkpointer thread (sqlite-checkpointer-worker.ts); unref'd, so it never keeps a process alive. */
export function startCheckpointer(init: CheckpointerInit): { close(): Promise<void> } {
  const worker: Worker = spawnStoreWorker('sqlite-checkpointer', init);
  worker.unref();
  let exited = false;
  const exit = new Promise<void>((done) =>
    worker.once('exit', () => {
      exited = true;
      done();
    }),
  );
  // A failing checkpointer is not fatal: commits go on, the backstop checkpoints.
  worker.on('error', () => {});
  return {
    close() {
      if (!exited) {
        worker.ref();
        worker.postMessage('close');
      }
      return exit;
    },
  };
}
