import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CLI } from '../lib/built.js';

const SERVER =
  process.env.BENCH_PG ||
  process.env.CONSENTLOG_TEST_PG ||
  'postgres://consentlog:consentlog@127.0.0.1:5432/consentlog_test';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`copy exited ${code}: ${err}`))));
  });
}

/**
 * A fresh PostgreSQL database holding the seeded rows, copied by the built `consentlog copy` (timed:
 * it is also the migration path users take), then analysed so the planner knows the tables. Null
 * when no server answers; the database is dropped by `drop`.
 */
export async function postgresCopy(
  sqlitePath: string,
  rows: number,
): Promise<{ url: string; note: string; drop(): Promise<void> } | null> {
  // BENCH_PG_COPY: a database already holding the copy (from an earlier run): reused, not dropped.
  const reuse = process.env.BENCH_PG_COPY;
  if (reuse)
    return {
      url: reuse,
      note: `reusing the copy at ${new URL(reuse).pathname.slice(1)}`,
      drop: async () => {},
    };
  try {
    await admin('SELECT 1');
  } catch {
    return null;
  }
  const name = `consentlog_bench_q_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    const started = performance.now();
    await run(['copy', '--from', sqlitePath, '--to', url.toString(), '--batch', '5000']);
    const seconds = (performance.now() - started) / 1000;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    await client.end();
    const rate = Math.round(rows / seconds).toLocaleString('en-US');
    return {
      url: url.toString(),
      note: `consentlog copy: ${rows} rows in ${seconds.toFixed(1)} s (${rate} rows/s)`,
      drop,
    };
  } catch (err) {
    await drop();
    throw err;
  }
}
