import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The store's worker threads: built entry name (vite.config.ts) → TypeScript source next to this file. */
const SOURCES = {
  'sqlite-checkpointer': 'sqlite-checkpointer-worker.ts',
} as const;

/**
 * Start one of the store's worker threads. The built collector ships each as
 * `dist/collector/NAME.js` beside the entry points (this code sits in `dist/collector/assets/`).
 * From the TypeScript sources (tests), the worker loads its `.ts` entry through tsx, a devDependency.
 */
export function spawnStoreWorker(name: keyof typeof SOURCES, workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL(`./${SOURCES[name]}`, here).href;
    const tsxDir = dirname(createRequire(here).resolve('tsx/package.json'));
    const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
    return new Worker(boot, { eval: true, workerData });
  }
  const dir = dirname(fileURLToPath(here));
  const file = [join(dir, '..', `${name}.js`), join(dir, `${name}.js`)].find(existsSync);
  if (!file) throw new Error(`${name}.js not found next to ${dir}: rebuild the collector`);
  return new Worker(file, { workerData });
}
