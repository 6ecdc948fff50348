// The PostgreSQL rows of `npm run bench:collector` (issue 8): one collector, then two behind no
// balancer but each driven by half the connections, on a fresh database each. Uses BENCH_PG, else
// CONSENTLOG_TEST_PG, else the machine's test server; skipped (with a note) when none answers.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';

export const PG_URL =
  process.env.BENCH_PG ||
  process.env.CONSENTLOG_TEST_PG ||
  'postgres://consentlog:consentlog@127.0.0.1:5432/consentlog_test';

async function admin(sql) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Where the PostgreSQL rows would go, for the table's notes (BENCH_PG may be `off` or any word). */
export function pgWhere() {
  try {
    return new URL(PG_URL).host;
  } catch {
    return `BENCH_PG=${PG_URL}`;
  }
}

export async function postgresReachable() {
  if (!URL.canParse(PG_URL)) return false; // e.g. BENCH_PG=off: leave the rows out
  try {
    await admin('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

function urlOf(name) {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Two autocannon results as one: rates add up; p99 is the worse of the two (conservative). */
export function combine(a, b) {
  return {
    requests: { average: a.requests.average + b.requests.average },
    latency: { p50: (a.latency.p50 + b.latency.p50) / 2, p99: Math.max(a.latency.p99, b.latency.p99) },
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
  };
}

/**
 * CPU µs per request of one row: each collector process's CPU during its drive plus that of the
 * PostgreSQL backends serving the row's database (the work SQLite does inside the collector happens
 * there), over all the row's requests; null where /proc is missing.
 */
export function cpuPerRequest(runs, backends) {
  if (backends === null || runs.some((x) => x.cpuPerRequest == null)) return null;
  const requests = runs.reduce((n, x) => n + x.r.requests.total, 0);
  const cpu = runs.reduce((n, x) => n + x.cpuPerRequest * x.r.requests.total, backends);
  return requests ? cpu / requests : null;
}

/** CPU µs (user + system) of each backend connected to database `name`, by pid; null without /proc. */
async function backendCpu(name) {
  const { rows } = await admin(`SELECT pid FROM pg_stat_activity WHERE datname = '${name}'`);
  const cpu = new Map();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10_000); // USER_HZ is 100 on Linux
    } catch {
      if (!existsSync('/proc/self/stat')) return null; // not Linux; a backend that just ended is skipped
    }
  }
  return cpu;
}

/** CPU the backends spent between two readings; a backend that started in between counts from 0. */
function backendMicros(before, after) {
  if (before === null || after === null) return null;
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}

/**
 * Run `count` collectors on one fresh database, drive them together (connections split evenly),
 * stop them (in-flight batches commit), and read back the stored ids.
 */
export async function benchPostgres(count, { spawnServer, drive, connections, poolSize = 10 }) {
  const name = `consentlog_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = urlOf(name);
  try {
    const args = ['dist/collector/cli.js', 'serve', '--port', '0', '--db', url, '--rate-limit', '0'];
    args.push('--db-pool', String(poolSize));
    // One at a time, so the first migrates and makes the admin token; the others find them.
    const collectors = [];
    for (let i = 0; i < count; i++) collectors.push(await spawnServer(args));
    const share = Math.max(1, Math.floor(connections / count));
    const backendsBefore = await backendCpu(name);
    const runs = await Promise.all(collectors.map((c) => drive(c.url, share)));
    const backendsAfter = await backendCpu(name);
    await Promise.all(
      collectors.map(
        (c) =>
          new Promise((done) => {
            c.child.once('exit', done);
            c.child.kill('SIGTERM');
          }),
      ),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT id FROM access_log');
    await client.end();
    const r = runs.reduce((x, y) => combine(x, y.r), {
      ...runs[0].r,
      requests: { average: 0 },
      latency: { p50: 0, p99: 0 },
      non2xx: 0,
      errors: 0,
    });
    r.latency.p50 = runs.reduce((n, x) => n + x.r.latency.p50, 0) / runs.length;
    return {
      run: {
        r,
        acked: runs.flatMap((x) => x.acked),
        cpuPerRequest: cpuPerRequest(runs, backendMicros(backendsBefore, backendsAfter)),
      },
      stored: new Set(rows.map((x) => x.id)),
    };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
