// `npm run bench:queries`: report queries and `consentlog export` on one million seeded events.
import { spawn } from 'node:child_process';
import { builtCollector, CLI } from './lib/built.js';
import { type Cell, median, printTable, round, writeResult } from './lib/report.js';
import { QUERIES, RANGES, TARGET_MS } from './queries/list.js';
import { seededDatabase } from './queries/seed.js';

const ROWS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = 5;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs the built `consentlog export` and counts what it writes (a pipe, not a disk file). */
function runExport(db: string, format: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'export', '--db', db, '--format', format, '--since', 'all'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(bytes) : reject(new Error(`export exited with ${code}`)),
    );
  });
}

async function timeQueries(path: string, end: number) {
  const { openSqliteStore } = await builtCollector();
  const store = openSqliteStore(path, { mustExist: true });
  const results = [];
  try {
    for (const range of RANGES) {
      const query = { since: end - range.days * 864e5, ...('site' in range ? { site: range.site } : {}) };
      for (const q of QUERIES) {
        // The first run reads pages from disk into SQLite's and the OS's cache; the median is warm.
        const first = await time(() => q.run(store, query));
        const runs: number[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await time(() => q.run(store, query)));
        results.push({
          query: q.name,
          range: range.name,
          firstMs: first,
          medianMs: median(runs),
          runsMs: runs,
        });
      }
    }
  } finally {
    await store.close();
  }
  return results;
}

async function timeExport(path: string, format: 'ndjson' | 'csv') {
  const started = performance.now();
  const bytes = await runExport(path, format);
  const seconds = (performance.now() - started) / 1000;
  return { format, rows: ROWS, seconds, rowsPerSecond: ROWS / seconds, bytes };
}

async function main(): Promise<void> {
  console.log(
    `queries: ${ROWS.toLocaleString('en-US')} events (cached under bench-results/queries/ once seeded)`,
  );
  const seeded = await seededDatabase(ROWS);
  console.log(
    seeded.seedSeconds === null
      ? `seed: reused ${seeded.path}`
      : `seed: ${round(seeded.seedSeconds)} s, ${Math.round(seeded.insertRowsPerSecond ?? 0).toLocaleString('en-US')} rows/s through Store.insertEvents (batches of 10,000)`,
  );
  const queries = await timeQueries(seeded.path, seeded.end);
  const rows: Cell[][] = queries.map((r) => [
    r.query,
    r.range,
    round(r.firstMs),
    round(r.medianMs),
    r.medianMs <= TARGET_MS ? 'ok' : `MISSED by ${Math.round(r.medianMs - TARGET_MS)} ms`,
  ]);
  printTable(
    `Report queries on ${ROWS.toLocaleString('en-US')} events, SQLite (ms; median of ${RUNS} runs after a first run; target ${TARGET_MS} ms)`,
    ['query', 'range', 'first run', 'median', `vs ${TARGET_MS} ms`],
    rows,
  );
  const exports = [await timeExport(seeded.path, 'ndjson'), await timeExport(seeded.path, 'csv')];
  printTable(
    '`consentlog export --since all` (the built CLI; its stdout is counted and discarded; includes process start)',
    ['format', 'rows', 'seconds', 'rows/s', 'MB out'],
    exports.map((e) => [
      e.format,
      e.rows,
      round(e.seconds),
      Math.round(e.rowsPerSecond),
      round(e.bytes / 1e6),
    ]),
  );
  writeResult('queries', { rows: ROWS, seeded, targetMs: TARGET_MS, queries, exports });
}

await main();
