import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Collector from '../../../src/collector/index.js';
import { ROOT } from './report.js';

export const CLI = join(ROOT, 'dist/collector/cli.js');

/**
 * The BUILT collector package (`consentlog/collector`), as users get it. Benchmarks time what
 * ships, and the sources need Vite to load (migrations come through `import.meta.glob`).
 */
export async function builtCollector(): Promise<typeof Collector> {
  const path = join(ROOT, 'dist/collector/index.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return (await import(pathToFileURL(path).href)) as typeof Collector;
}
