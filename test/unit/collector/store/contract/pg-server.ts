import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL runs use: CONSENTLOG_TEST_PG, else the machine's test database. */
export const PG_URL =
  process.env.CONSENTLOG_TEST_PG || 'postgres://consentlog:consentlog@127.0.0.1:5432/consentlog_test';

/** Whether a server answers at PG_URL (one short attempt). */
export async function pgReachable(url = PG_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** `url` pointing at another database (and optionally a schema as the search path). */
export function withDatabase(url: string, database: string, schema?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (schema) u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file (dropped by `drop`), so parallel runs never collide.
 * Names are random: `consentlog_t_<hex>`.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `consentlog_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(PG_URL, name),
    drop: () => admin((c) => dropDatabase(c, name)),
  };
}

/**
 * DROP … WITH (FORCE) ends the other sessions on the database, but a non-superuser may not end an
 * autovacuum worker (it runs as the bootstrap superuser), which a fresh database with new tables
 * often has for a moment: that refusal (42501) is retried until the worker is done, for up to 10 s.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt >= 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A fresh schema in `url`'s database; the URL returned makes it the search path. */
export async function createSchema(url: string): Promise<string> {
  const schema = `s_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  return withDatabase(url, u.pathname.slice(1), schema);
}
