import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project (or installed package) root: the nearest folder above this module holding a
 * package.json. Not a fixed `../..`: this source file sits two levels down (`src/collector/`),
 * but the collector build puts shared code in a chunk three levels down
 * (`dist/collector/assets/*.js`). Not `new URL('..', import.meta.url)` either: Vite would try to
 * bundle that as an asset.
 */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..');
  }
}

export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The browser builds (`dist/consentlog.js`, `dist/consentlog.mjs`). */
export const DIST_DIR = resolve(ROOT_DIR, 'dist');

/** The demo site served by `serve --demo`. */
export const DEMO_DIR = resolve(ROOT_DIR, 'demo');
