// `npm run bench:sqlite-rows`: what one access-log row costs SQLite, without HTTP. It opens a store
// with the BUILT collector (real migrations, connection settings), then times the collector's
// kind of statement (one multi-row INSERT … ON CONFLICT (id) DO NOTHING per request of 10 events,
// requests grouped into one transaction as the group commit does) and prints CPU µs per row,
// split into user and system time, for set-ups that tell where the cost comes from:
// random (v4) or time-ordered (v7-like) event ids, one visitor or many, group size, and the table
// without its secondary indexes. Bounded: BENCH_ROWS rows measured (default 20,000) after
// BENCH_PREFILL rows (default 100,000) so the indexes are not trivially small.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const ROOT = resolve(import.meta.dirname, '../..');
const { openSqliteStore } = await import(join(ROOT, 'dist/collector/index.js'));
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const PREFILL = Number(process.env.BENCH_PREFILL ?? 100_000);
const BATCH = 10;

const SETUPS = [
  {
    name: 'v4 ids, one visitor, 16 requests per commit (bench:collector)',
    ids: 'v4',
    visitors: 1,
    group: 16,
  },
  { name: 'v4 ids, many visitors, 16 requests per commit', ids: 'v4', visitors: 'many', group: 16 },
  { name: 'v7 ids, one visitor, 16 requests per commit', ids: 'v7', visitors: 1, group: 16 },
  { name: 'v7 ids, many visitors, 16 requests per commit', ids: 'v7', visitors: 'many', group: 16 },
  { name: 'v4 ids, one visitor, 160 requests per commit', ids: 'v4', visitors: 1, group: 160 },
  { name: 'v4 ids, one visitor, no secondary indexes', ids: 'v4', visitors: 1, group: 16, bare: true },
  { name: 'v4 ids, one visitor, :memory:', ids: 'v4', visitors: 1, group: 16, memory: true },
];

let sequence = 0;
/** A UUID whose first 48 bits are the time in ms (as UUIDv7): new ids sort after older ones. */
function v7() {
  const hex = Date.now().toString(16).padStart(12, '0') + (sequence++ & 0xffff).toString(16).padStart(4, '0');
  const rest = randomUUID().replaceAll('-', '').slice(16);
  const h = hex + rest;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function rowValues(columns, setup, i) {
  const now = Date.now();
  const values = {
    id: setup.ids === 'v7' ? v7() : randomUUID(),
    received_at: now,
    ts: now + (i % BATCH),
    site: 'bench',
    type: 'pageview',
    category: 'analytics',
    url: `https://shop.example.com/products/${i % BATCH}?ref=bench`,
    host: 'shop.example.com',
    path: `/products/${i % BATCH}`,
    referrer: 'https://www.google.com/',
    referrer_domain: 'www.google.com',
    title: 'Product page',
    browser: 'Chrome',
    browser_version: '126.0.0.0',
    os: 'Windows',
    device: 'desktop',
    is_bot: 0,
    ip: '127.0.0.0',
    user_agent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    language: 'en-GB',
    screen: '1920x1080',
    timezone: 'Europe/London',
    visitor_id: setup.visitors === 1 ? 'f'.repeat(32) : randomUUID().replaceAll('-', ''),
    session_id: 'bench-session',
    self_referral: 0,
  };
  return columns.map((c) => values[c] ?? null);
}

async function measure(setup, dir) {
  const path = setup.memory ? ':memory:' : join(dir, `${setup.name.replace(/\W+/g, '-')}.db`);
  let db;
  if (setup.memory) {
    db = new Database(':memory:');
    // The schema of a file store, copied into memory.
    const file = join(dir, 'schema.db');
    await openSqliteStore(file).close();
    const source = new Database(file, { readonly: true });
    for (const { sql } of source
      .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
      .all())
      db.exec(sql);
    source.close();
  } else {
    await openSqliteStore(path, { synchronous: 'normal' }).close();
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -32000');
  }
  if (setup.bare)
    for (const { name } of db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'access_log' AND sql IS NOT NULL",
      )
      .all())
      db.exec(`DROP INDEX ${name}`);
  const columns = db
    .prepare('PRAGMA table_info(access_log)')
    .all()
    .map((c) => c.name);
  const row = `(${columns.map(() => '?').join(', ')})`;
  const insert = db.prepare(
    `INSERT INTO access_log (${columns.join(', ')}) VALUES ${Array(BATCH).fill(row).join(', ')} ON CONFLICT (id) DO NOTHING`,
  );
  const request = (start) =>
    insert.run(Array.from({ length: BATCH }, (_, k) => rowValues(columns, setup, start + k)).flat());
  const commit = db.transaction((start, requests) => {
    for (let r = 0; r < requests; r++) request(start + r * BATCH);
  });
  for (let i = 0; i < PREFILL; i += 1000 * BATCH) commit(i, 1000);
  if (!setup.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  // Values are made outside the timed part: only SQLite's work is measured.
  const groups = [];
  for (let i = 0; i < ROWS; i += setup.group * BATCH) {
    const params = [];
    for (let r = 0; r < setup.group; r++)
      params.push(
        Array.from({ length: BATCH }, (_, k) => rowValues(columns, setup, i + r * BATCH + k)).flat(),
      );
    groups.push(params);
  }
  const run = db.transaction((params) => {
    for (const p of params) insert.run(p);
  });
  const before = process.cpuUsage();
  const start = performance.now();
  for (const params of groups) run(params);
  const cpu = process.cpuUsage(before);
  const wall = performance.now() - start;
  db.close();
  const rows = groups.length * setup.group * BATCH;
  return { user: cpu.user / rows, system: cpu.system / rows, wall: (wall * 1000) / rows };
}

const dir = mkdtempSync(join(tmpdir(), 'consentlog-rows-'));
try {
  console.log(
    `SQLite cost per access-log row (CPU µs), ${ROWS} rows after ${PREFILL}, ${BATCH} per statement, file, WAL, synchronous=NORMAL\n`,
  );
  const head = ['set-up', 'CPU µs/row', 'user', 'system', 'wall µs/row'];
  const out = [];
  for (const setup of SETUPS) {
    const r = await measure(setup, dir);
    out.push([
      setup.name,
      (r.user + r.system).toFixed(1),
      r.user.toFixed(1),
      r.system.toFixed(1),
      r.wall.toFixed(1),
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...out.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...out.map(line)].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
