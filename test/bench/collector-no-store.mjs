// The collector's own request path without storing, for `bench:collector`: the built app (every
// plugin, validation, the consent check, IP handling and enrichment) on a SQLite file, whose
// `insertEvents` answers at once instead of encrypting and writing. Bench only: it acknowledges
// events it never stores. Its row tells how close the collector could come to the bare server if
// storing cost nothing, i.e. what the store's share of the gap is.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const { buildApp, openStore } = await import(join(ROOT, 'dist/collector/index.js'));

const dir = mkdtempSync(join(tmpdir(), 'consentlog-no-store-'));
const real = await openStore(join(dir, 'no-store.db'), { dataKey: false });
const store = new Proxy(real, {
  get(target, name) {
    if (name === 'insertEvents') return async (rows) => ({ inserted: rows.length, duplicates: 0 });
    const value = Reflect.get(target, name);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const app = buildApp({ store, rateLimit: 0 });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${address}`);
process.on('SIGTERM', async () => {
  await app.close();
  await real.close();
  process.exit(0);
});
