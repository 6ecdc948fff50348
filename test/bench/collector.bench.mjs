// `npm run bench:collector`: autocannon on loopback against POST /v1/events (batches of 10 events,
// unique ids per request) of the BUILT collector on a SQLite file, and in the same run against a
// bare node:http server that reads the body and answers 204. Prints a table, then checks that the
// store holds every acknowledged event. Bounded: BENCH_SECONDS (default 8) per target. With a
// reachable PostgreSQL (BENCH_PG or CONSENTLOG_TEST_PG) it adds one and two collectors on it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { benchPostgres, PG_URL, postgresReachable } from './collector-postgres.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BATCH = 10;

const BARE = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(204); s.end(); }); })
  .listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });`;

/** Spawn a server process and resolve its URL from its "listening on" line. */
function spawnServer(args) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) done({ child, url: match[1] });
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

function batchBody(ids) {
  const now = Date.now();
  return JSON.stringify({
    v: 1,
    site: 'bench',
    events: ids.map((id, i) => ({
      id,
      type: 'pageview',
      category: 'analytics',
      ts: now + i,
      url: `https://shop.example.com/products/${i}?ref=bench`,
      referrer: 'https://www.google.com/',
      title: 'Product page',
      language: 'en-GB',
      screen: '1920x1080',
      timezone: 'Europe/London',
      visitor_id: 'f'.repeat(32),
      session_id: 'bench-session',
    })),
  });
}

/** Drive one target; returns autocannon's result and the ids of acknowledged (2xx) batches. */
function drive(url, connections = CONNECTIONS) {
  const acked = [];
  const result = autocannon({
    url: `${url}/v1/events`,
    connections,
    duration: SECONDS,
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    },
    requests: [
      {
        setupRequest(request, context) {
          context.ids = Array.from({ length: BATCH }, () => randomUUID());
          return { ...request, body: batchBody(context.ids) };
        },
        onResponse(status, _body, context) {
          if (status >= 200 && status < 300) acked.push(...context.ids);
        },
      },
    ],
  });
  return result.then((r) => ({ r, acked }));
}

const row = (name, r, ratio) => [
  name,
  r.requests.average.toFixed(0),
  (r.requests.average * BATCH).toFixed(0),
  r.latency.p50.toFixed(1),
  r.latency.p99.toFixed(1),
  String(r.non2xx + r.errors),
  ratio,
];

function table(rows) {
  const head = ['target', 'req/s', 'events/s', 'p50 ms', 'p99 ms', 'non-2xx+err', 'vs bare'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'consentlog-bench-'));
try {
  const bare = await spawnServer(['-e', BARE]);
  const bareRun = await drive(bare.url);
  bare.child.kill();

  const runs = [];
  for (const sync of ['full', 'normal'])
    runs.push({ sync, label: `collector --sync ${sync} (SQLite)`, ...(await benchCollector(sync)) });
  const hasPg = await postgresReachable();
  if (hasPg) {
    const opts = { spawnServer, drive, connections: CONNECTIONS };
    runs.push({ sync: 'pg-1', label: '1 collector, PostgreSQL', ...(await benchPostgres(1, opts)) });
    runs.push({ sync: 'pg-2', label: '2 collectors, PostgreSQL', ...(await benchPostgres(2, opts)) });
  }
  const rows = [row('bare node:http 204', bareRun.r, '100%')];
  for (const { label, run } of runs) {
    const ratio = run.r.requests.average / bareRun.r.requests.average;
    rows.push(row(label, run.r, `${(ratio * 100).toFixed(0)}%`));
  }
  console.log(
    `\nconsentlog collector vs bare node:http, ${SECONDS} s each, ${CONNECTIONS} connections in all, ${BATCH} events per request, loopback\n`,
  );
  if (!hasPg) console.log(`(PostgreSQL rows skipped: nothing answers at ${new URL(PG_URL).host})\n`);
  else
    console.log(
      `PostgreSQL ${new URL(PG_URL).host}, a fresh database per row; two collectors: connections split, p99 = the worse of the two\n`,
    );
  console.log(table(rows));
  for (const { sync, run, stored } of runs) {
    const missing = run.acked.filter((id) => !stored.has(id)).length;
    const unacked = stored.size - (run.acked.length - missing);
    console.log(
      `store check (${sync}): ${run.acked.length} events acknowledged, ${stored.size} stored, ` +
        `${missing} acknowledged but missing, ${unacked} stored without an acknowledgement (in flight when the run stopped)`,
    );
    if (missing > 0) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** One collector process on a fresh file; drained with SIGTERM before the file is read. */
async function benchCollector(sync) {
  const db = join(dir, `bench-${sync}.db`);
  const collector = await spawnServer([
    'dist/collector/cli.js',
    'serve',
    '--port',
    '0',
    '--db',
    db,
    '--rate-limit',
    '0',
    '--admin-token-file',
    join(dir, 'token'),
    '--sync',
    sync,
  ]);
  const run = await drive(collector.url);
  await new Promise((done) => {
    collector.child.once('exit', done);
    collector.child.kill('SIGTERM'); // drain: in-flight batches commit before the file is read
  });
  const conn = new Database(db, { readonly: true });
  const stored = new Set(conn.prepare('SELECT id FROM access_log').pluck().all());
  conn.close();
  return { run, stored };
}
