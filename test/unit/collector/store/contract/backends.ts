import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { openSqliteStore, type Store } from '../../../../../src/collector/index.js';
import { protectStore } from '../../../../../src/collector/store/encryption-setup.js';
import { openPostgresStore } from '../../../../../src/collector/store/postgres.js';
import { createSchema, createTestDatabase, PG_URL, pgReachable } from './pg-server.js';

// Asked once per test file, before the suites are declared (top-level await in an ES module).
const reachable = await pgReachable();
const mustRunPostgres = process.env.CI === 'true' || process.env.CONSENTLOG_REQUIRE_PG === '1';

export interface Backend {
  name: string;
  /** Once per file: make what the stores live in (a temp folder, a database). */
  setup(): Promise<void>;
  /** A fresh, empty store per test. */
  open(): Promise<Store>;
  teardown(): Promise<void>;
}

function sqliteFile(): Backend {
  let dir = '';
  let n = 0;
  return {
    name: 'sqlite file',
    setup: async () => {
      dir = await mkdtemp(join(tmpdir(), 'consentlog-contract-'));
    },
    open: async () => openSqliteStore(join(dir, `${++n}.db`)),
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
}

const sqliteMemory: Backend = {
  name: 'sqlite :memory:',
  setup: async () => {},
  open: async () => openSqliteStore(':memory:'),
  teardown: async () => {},
};

/** One database per test file, one schema per test (cheaper than a database per test). */
function postgres(): Backend {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  return {
    name: 'postgres',
    setup: async () => {
      db = await createTestDatabase();
    },
    open: async () => openPostgresStore(await createSchema((db as { url: string }).url), { poolSize: 4 }),
    teardown: async () => db?.drop(),
  };
}

/**
 * The same backend with its personal columns encrypted at rest (issue 9): the store `serve` runs,
 * so every contract must hold through the cipher and the blind indexes too.
 */
function encrypted(backend: Backend): Backend {
  return {
    ...backend,
    name: `${backend.name}, encrypted`,
    open: async () => {
      const env = { CONSENTLOG_DATA_KEY: randomBytes(32).toString('base64') };
      return (await protectStore(await backend.open(), { env, file: '/nonexistent', mode: 'serve' })).store;
    },
  };
}

/**
 * Declare `body` once per store backend: SQLite always, PostgreSQL when a server answers at
 * CONSENTLOG_TEST_PG (default: the machine's test database). In CI an unreachable PostgreSQL FAILS
 * the suite instead of skipping it: a green CI must mean both stores passed.
 */
export function forEachStore(title: string, body: (store: () => Store) => void): void {
  const backends = [sqliteFile(), sqliteMemory, encrypted(sqliteFile())];
  if (reachable) backends.push(postgres(), encrypted(postgres()));
  for (const backend of backends) {
    describe(`${title} [${backend.name}]`, { timeout: 30_000 }, () => {
      let store: Store | undefined;
      beforeAll(() => backend.setup(), 30_000);
      afterAll(() => backend.teardown(), 30_000);
      beforeEach(async () => {
        store = await backend.open();
      }, 30_000);
      afterEach(async () => {
        await store?.close();
        store = undefined;
      });
      body(() => store as Store);
    });
  }
  if (!reachable) {
    describe(`${title} [postgres]`, () => {
      if (mustRunPostgres) {
        it('runs against PostgreSQL (required in CI)', () => {
          throw new Error(
            `PostgreSQL is unreachable at ${new URL(PG_URL).host}: CI requires the PostgreSQL run`,
          );
        });
      } else {
        it.skip(`PostgreSQL unreachable at ${new URL(PG_URL).host}: set CONSENTLOG_TEST_PG`, () => {});
      }
    });
  }
}

export { mustRunPostgres, reachable as postgresReachable };
