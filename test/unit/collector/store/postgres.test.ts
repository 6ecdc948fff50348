import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../../../src/collector/store/migrations.js';
import { openPostgresStore, type PostgresStore } from '../../../../src/collector/store/postgres.js';
import { migratePostgres } from '../../../../src/collector/store/postgres-migrate.js';
import { inWindow, monthOf, monthRange } from '../../../../src/collector/store/postgres-partitions.js';
import { mustRunPostgres, postgresReachable } from './contract/backends.js';
import { createSchema, createTestDatabase } from './contract/pg-server.js';
import { collect, makeRow } from './contract/rows.js';

const run = postgresReachable || mustRunPostgres;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

/** A fresh schema, its store, and a plain client on it to look at the catalog. */
async function fresh(): Promise<{ store: PostgresStore; sql: pg.Client; url: string }> {
  const url = await createSchema(db.url);
  const store = await openPostgresStore(url, { poolSize: 3 });
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  return { store, sql, url };
}
const tables = async (sql: pg.Client) =>
  (
    await sql.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'access_log'::regclass ORDER BY 1`,
    )
  ).rows.map((r) => r.name);

describe.runIf(run)('PostgreSQL store', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 30_000);
  afterAll(() => db?.drop(), 30_000);

  it('migrates once, even when several collectors open the database together', async () => {
    const url = await createSchema(db.url);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { poolSize: 2 })));
    const versions = await stores[0]?.pool.query('SELECT version, name FROM schema_migrations ORDER BY 1');
    expect(versions?.rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(await migratePostgres((stores[0] as PostgresStore).pool)).toEqual([]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('creates monthly partitions ahead: previous, current and the next two months', async () => {
    const { store, sql } = await fresh();
    const now = Date.now();
    const months = [-1, 0, 1, 2].map((k) => {
      const d = new Date(now);
      return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
    });
    expect(await tables(sql)).toEqual(
      expect.arrayContaining([
        'access_log_default',
        ...months.map((m) => `access_log_${m.replace('-', '_')}`),
      ]),
    );
    await store.close();
    await sql.end();
  });

  it('creates a month on demand, and keeps far-off times in the DEFAULT partition', async () => {
    const { store, sql } = await fresh();
    const lastYear = Date.now() - 300 * 86_400_000;
    const month = monthOf(lastYear);
    expect(inWindow(month, Date.now())).toBe(true);
    await store.insertEvents([
      makeRow({ id: 'old-clock', ts: 5 }),
      makeRow({ id: 'last-year', ts: lastYear }),
    ]);
    expect(await tables(sql)).toContain(`access_log_${month.replace('-', '_')}`);
    const where = await sql.query<{ id: string; part: string }>(
      'SELECT id, tableoid::regclass::text AS part FROM access_log ORDER BY id',
    );
    expect(where.rows).toEqual([
      { id: 'last-year', part: `access_log_${month.replace('-', '_')}` },
      { id: 'old-clock', part: 'access_log_default' },
    ]);
    expect((await tables(sql)).length).toBeLessThan(12); // not one table per month since 1970
    await store.close();
    await sql.end();
  });

  it('moves rows out of the DEFAULT partition when their month gets a table', async () => {
    const { store, sql, url } = await fresh();
    const future = Date.UTC(new Date().getUTCFullYear() + 1, new Date().getUTCMonth() + 1, 3);
    await store.insertEvents([makeRow({ id: 'ahead', ts: future })]); // outside the window today
    expect((await sql.query("SELECT 1 FROM access_log_default WHERE id = 'ahead'")).rowCount).toBe(1);
    const { ensurePartition } = await import('../../../../src/collector/store/postgres-partitions.js');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    expect(await ensurePartition(pool, monthOf(future))).toBe(true);
    expect(await ensurePartition(pool, monthOf(future))).toBe(false);
    await pool.end();
    const part = await sql.query<{ part: string }>(
      "SELECT tableoid::regclass::text AS part FROM access_log WHERE id = 'ahead'",
    );
    expect(part.rows[0]?.part).toBe(`access_log_${monthOf(future).replace('-', '_')}`);
    expect((await collect(store.exportRows({}))).map((r) => r.id)).toEqual(['ahead']);
    await store.close();
    await sql.end();
  });

  it('retention drops a whole month as a table and deletes only the boundary rows', async () => {
    const { store, sql } = await fresh();
    const [aug] = monthRange('2026-08');
    const [sep] = monthRange('2026-09');
    await store.insertEvents([
      makeRow({ id: 'a1', ts: aug + 1, received_at: aug + 1 }),
      makeRow({ id: 'a2', ts: aug + 2, received_at: aug + 2 }),
      makeRow({ id: 's1', ts: sep + 1, received_at: sep + 1 }),
      makeRow({ id: 's2', ts: sep + 20 * 86_400_000, received_at: sep + 20 * 86_400_000 }),
    ]);
    expect(await tables(sql)).toContain('access_log_2026_08');
    const result = await store.purge({ accessLogBefore: sep + 86_400_000 });
    expect(result.access_log).toBe(3);
    expect(await tables(sql)).not.toContain('access_log_2026_08');
    expect(await tables(sql)).toContain('access_log_2026_09');
    expect((await collect(store.exportRows({}))).map((r) => r.id)).toEqual(['s2']);
    // The ids left the dedup table with their rows.
    expect((await sql.query('SELECT id FROM event_ids ORDER BY id')).rows).toEqual([{ id: 's2' }]);
    await store.close();
    await sql.end();
  });

  it('lets two collectors purge at once: each month is dropped once, no purge fails', async () => {
    const url = await createSchema(db.url);
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    if (!a || !b) throw new Error('stores');
    const [jun] = monthRange('2026-06');
    await a.insertEvents([
      makeRow({ ts: jun + 1, received_at: jun + 1 }),
      makeRow({ ts: jun + 2, received_at: jun + 2 }),
    ]);
    const cutoff = monthRange('2026-07')[1];
    const results = await Promise.all([
      a.purge({ accessLogBefore: cutoff }),
      b.purge({ accessLogBefore: cutoff }),
    ]);
    expect(results.map((r) => r.access_log).sort()).toEqual([0, 2]);
    await Promise.all([a.close(), b.close()]);
  });

  it('shares rate-limit windows and one admin token between collectors', async () => {
    const url = await createSchema(db.url);
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    if (!a || !b) throw new Error('stores');
    const hits = await Promise.all([a, b, a, b].map((s) => s.shared.rateLimitHit('k', 60_000, 1000)));
    expect(hits.map((h) => h.current).sort()).toEqual([1, 2, 3, 4]);
    expect((await a.shared.rateLimitHit('k', 60_000, 61_000)).current).toBe(1); // the window ended
    const claims = await Promise.all([a.shared.claimAdminToken('aa'), b.shared.claimAdminToken('bb')]);
    expect(claims.filter((c) => c.created)).toHaveLength(1);
    expect(new Set(claims.map((c) => c.sha256)).size).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a database without a schema when it must exist', async () => {
    const url = await createSchema(db.url);
    await expect(openPostgresStore(url, { mustExist: true })).rejects.toThrow(
      /no consentlog database at postgres:\/\/consentlog:\*\*\*@/,
    );
  });
});
