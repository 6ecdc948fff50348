// `npm run bench:collector`: autocannon on loopback against POST /v1/events (batches of 10 events,
// unique ids per request) of the BUILT collector on a SQLite file, and in the same run against a
// bare node:http server that reads the body and answers 204 (driven first and last: the ceiling is
// the mean of the two, since the load of a shared machine drifts). Prints a table, then checks that
// the store holds every acknowledged event. Bounded: BENCH_SECONDS (default 8) per target.
// Besides req/s, it reads each server process's CPU time (all threads, from /proc on Linux): CPU µs
// per request compare the servers' cost even when other work on the machine takes the cores.
// A "Fastify floor" row (fastify-floor.mjs: Fastify with the collector's body parser, answering
// 204) shows what the framework alone costs here, between the bare server and the collector; a
// "storing skipped" row (collector-no-store.mjs) shows the collector's request path without the store.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { benchPostgres, PG_URL, pgWhere, postgresReachable } from './collector-postgres.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BATCH = 10;
// Event ids as the browser script makes them (`v4`, random), or time-ordered (`v7`: what clients
// sending UUIDv7 would cost the store; see `bench:sqlite-rows`).
const IDS = process.env.BENCH_IDS === 'v7' ? 'v7' : 'v4';
// Collector set-ups to drive: a `--sync` mode, then `+flag=value` for more serve flags, e.g.
// `normal+checkpoint-interval=0` (docs/deployment.md "Durability").
const MODES = (process.env.BENCH_MODES ?? 'full,normal,normal+checkpoint-interval=0')
  .split(',')
  .filter(Boolean);
// Another build's dist/collector/cli.js (e.g. of an older commit): each plain sync mode then runs
// on it too, right before this build's, so a before/after comparison comes from one run.
const BASELINE = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : null;
const PLAN = MODES.flatMap((mode) => (BASELINE && !mode.includes('+') ? [`baseline:${mode}`, mode] : [mode]));

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

/**
 * CPU time (user + system) of a process in µs, all threads and its main thread (the one running
 * JavaScript and, in the collector, SQLite), or null where /proc is missing.
 */
function cpuMicros(pid) {
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return null;
  let all = 0;
  let main = 0;
  for (const task of readdirSync(dir)) {
    try {
      const fields = readFileSync(`${dir}/${task}/stat`, 'utf8').split(') ')[1].split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
      all += ticks;
      if (task === String(pid)) main = ticks;
    } catch {
      // a thread that ended between listing and reading
    }
  }
  return { all: all * 10_000, main: main * 10_000 }; // USER_HZ is 100 on Linux
}

let sequence = 0;
/** A UUID whose first 48 bits are the time in ms, as in UUIDv7: new ids sort after older ones. */
function uuidV7() {
  const time = Date.now().toString(16).padStart(12, '0') + (sequence++ & 0xfff).toString(16).padStart(3, '0');
  const h = time + randomUUID().replaceAll('-', '').slice(15);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(12, 15)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
const newId = IDS === 'v7' ? uuidV7 : randomUUID;

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

/** Drive one server; returns autocannon's result, acknowledged ids and server CPU µs per request. */
async function drive({ url, child }, connections = CONNECTIONS) {
  const acked = [];
  const cpuBefore = cpuMicros(child.pid);
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
          context.ids = Array.from({ length: BATCH }, () => newId());
          return { ...request, body: batchBody(context.ids) };
        },
        onResponse(status, _body, context) {
          if (status >= 200 && status < 300) acked.push(...context.ids);
        },
      },
    ],
  });
  const r = await result;
  const cpuAfter = cpuMicros(child.pid);
  const per = (key) =>
    cpuBefore === null || cpuAfter === null ? null : (cpuAfter[key] - cpuBefore[key]) / r.requests.total;
  return { r, acked, cpuPerRequest: per('all'), mainPerRequest: per('main') };
}

const pct = (x) => `${(x * 100).toFixed(0)}%`;

const row = (name, run, ceiling) => [
  name,
  run.r.requests.average.toFixed(0),
  (run.r.requests.average * BATCH).toFixed(0),
  run.r.latency.p50.toFixed(1),
  run.r.latency.p99.toFixed(1),
  String(run.r.non2xx + run.r.errors),
  pct(run.r.requests.average / ceiling.rps),
  run.cpuPerRequest == null ? '-' : run.cpuPerRequest.toFixed(0),
  run.mainPerRequest == null ? '-' : run.mainPerRequest.toFixed(0),
  run.cpuPerRequest == null || ceiling.cpu === null ? '-' : pct(ceiling.cpu / run.cpuPerRequest),
];

function table(rows) {
  const head = [
    'target',
    'req/s',
    'events/s',
    'p50 ms',
    'p99 ms',
    'non-2xx+err',
    'vs bare',
    'CPU µs/req',
    'main µs/req',
    'CPU vs bare',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'consentlog-bench-'));
try {
  const load = [loadavg()[0]];
  const bareFirst = await driveBare();
  const floor = await driveFloor();
  const noStore = await driveNoStore();
  const runs = [];
  for (const mode of PLAN) runs.push({ mode, ...(await benchCollector(mode)) });
  const hasPg = await postgresReachable();
  if (hasPg) {
    // benchPostgres spawns and drives by URL; CPU is read per process, so remember each child.
    const children = new Map();
    const opts = {
      spawnServer: async (args) => {
        const server = await spawnServer(args);
        children.set(server.url, server.child);
        return server;
      },
      drive: (url, connections) => drive({ url, child: children.get(url) }, connections),
      connections: CONNECTIONS,
    };
    runs.push({ mode: 'pg-1', ...(await benchPostgres(1, opts)) });
    runs.push({ mode: 'pg-2', ...(await benchPostgres(2, opts)) });
  }
  const bareLast = await driveBare();
  load.push(loadavg()[0]);
  const mean = (a, b) => (a === null || b === null ? null : (a + b) / 2);
  const ceiling = {
    rps: (bareFirst.r.requests.average + bareLast.r.requests.average) / 2,
    cpu: mean(bareFirst.cpuPerRequest, bareLast.cpuPerRequest),
  };
  const rows = [
    row('bare node:http 204 (first)', bareFirst, ceiling),
    row('Fastify floor (body parser, 204)', floor, ceiling),
    row('collector, storing skipped (bench only)', noStore, ceiling),
  ];
  for (const { mode, run } of runs)
    rows.push(row(mode.startsWith('pg-') ? label(mode) : `collector ${label(mode)}`, run, ceiling));
  rows.push(row('bare node:http 204 (last)', bareLast, ceiling));
  console.log(
    `\nconsentlog collector vs bare node:http, ${SECONDS} s each, ${CONNECTIONS} connections, ${BATCH} events per request (${IDS} ids), loopback, SQLite file` +
      `\n${cpus().length} CPUs, load average ${load.map((l) => l.toFixed(1)).join(' → ')}; "vs bare" against the mean of the two bare runs\n`,
  );
  if (!hasPg)
    console.log(
      `(PostgreSQL rows skipped: ${URL.canParse(PG_URL) ? `nothing answers at ${pgWhere()}` : pgWhere()})\n`,
    );
  else
    console.log(
      `PostgreSQL ${pgWhere()}, a fresh database per row; two collectors: connections split, p99 = the worse of the two\n`,
    );
  console.log(table(rows));
  for (const { mode, run, stored } of runs) {
    const missing = run.acked.filter((id) => !stored.has(id)).length;
    const unacked = stored.size - (run.acked.length - missing);
    console.log(
      `store check (${label(mode)}): ${run.acked.length} events acknowledged, ${stored.size} stored, ` +
        `${missing} acknowledged but missing, ${unacked} stored without an acknowledgement (in flight when the run stopped)`,
    );
    if (missing > 0) process.exitCode = 1;
  }
  writeResults({ load, ceiling, bareFirst, bareLast, floor, noStore, runs });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function label(mode) {
  if (mode === 'pg-1') return '1 collector, PostgreSQL';
  if (mode === 'pg-2') return '2 collectors, PostgreSQL';
  if (mode.startsWith('baseline:')) return `BASELINE --sync ${mode.slice(9)}`;
  const [sync, ...flags] = mode.split('+');
  return [`--sync ${sync}`, ...flags.map((f) => `--${f.replace('=', ' ')}`)].join(' ');
}

async function driveBare() {
  const bare = await spawnServer(['-e', BARE]);
  const run = await drive(bare);
  bare.child.kill();
  return run;
}

async function driveFloor() {
  const floor = await spawnServer([join(import.meta.dirname, 'fastify-floor.mjs')]);
  const run = await drive(floor);
  floor.child.kill();
  return run;
}

async function driveNoStore() {
  const server = await spawnServer([join(import.meta.dirname, 'collector-no-store.mjs')]);
  const run = await drive(server);
  server.child.kill('SIGTERM');
  return run;
}

/** Raw numbers to bench-results/collector.json (git-ignored), like the other parts. */
function writeResults({ load, ceiling, bareFirst, bareLast, floor, noStore, runs }) {
  const summary = (run) => ({
    rps: run.r.requests.average,
    eventsPerSecond: run.r.requests.average * BATCH,
    p50: run.r.latency.p50,
    p99: run.r.latency.p99,
    non2xx: run.r.non2xx,
    errors: run.r.errors,
    cpuMicrosPerRequest: run.cpuPerRequest,
    mainThreadMicrosPerRequest: run.mainPerRequest,
  });
  const results = join(ROOT, 'bench-results');
  mkdirSync(results, { recursive: true });
  const data = {
    machine: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
    },
    settings: { seconds: SECONDS, connections: CONNECTIONS, batch: BATCH, ids: IDS, baseline: BASELINE },
    load,
    ceiling,
    bare: [summary(bareFirst), summary(bareLast)],
    fastifyFloor: summary(floor),
    collectorWithoutStoring: summary(noStore),
    collector: runs.map(({ mode, run, stored }) => ({
      mode: label(mode),
      ...summary(run),
      acknowledged: run.acked.length,
      stored: stored.size,
      missing: run.acked.filter((id) => !stored.has(id)).length,
    })),
  };
  writeFileSync(join(results, 'collector.json'), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`raw results: ${join(results, 'collector.json')}`);
}

/** One collector process on a fresh file; drained with SIGTERM before the file is read. */
async function benchCollector(mode) {
  const baseline = mode.startsWith('baseline:');
  const [sync, ...flags] = mode.replace('baseline:', '').split('+');
  const db = join(dir, `bench-${mode.replace(':', '-')}.db`);
  const collector = await spawnServer([
    baseline ? BASELINE : 'dist/collector/cli.js',
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
    ...flags.flatMap((f) => [`--${f.split('=')[0]}`, f.split('=')[1] ?? '']),
  ]);
  const run = await drive(collector);
  await new Promise((done) => {
    collector.child.once('exit', done);
    collector.child.kill('SIGTERM'); // drain: in-flight batches commit before the file is read
  });
  const conn = new Database(db, { readonly: true });
  const stored = new Set(conn.prepare('SELECT id FROM access_log').pluck().all());
  conn.close();
  return { run, stored };
}
