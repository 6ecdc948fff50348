// `npm run bench:queries`: report queries and `consentlog export` on one million seeded events.
import { builtCollector } from './lib/built.js';
import { type Cell, median, printTable, round, writeResult } from './lib/report.js';
import { BENCH_DATA_KEY, encryptedCopy } from './queries/encrypted.js';
import { timeExport } from './queries/export.js';
import { QUERIES, RANGES, TARGET_MS } from './queries/list.js';
import { PANELS, VIEWS } from './queries/panels.js';
import { postgresCopy } from './queries/postgres.js';
import { seededDatabase } from './queries/seed.js';

const ROWS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 5);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Every named query over every range, RUNS times each, through the built Store (a file or a postgres:// URL). */
async function timeQueries(path: string, end: number) {
  const { openStore } = await builtCollector();
  const store = await openStore(path, { mustExist: true });
  const results = [];
  try {
    for (const range of RANGES) {
      const query = { since: end - range.days * 864e5, ...(range.site ? { site: range.site } : {}) };
      for (const q of QUERIES) {
        // The first run also reads pages into SQLite's and the OS's caches; it counts in the median.
        const runs: number[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await time(() => q.run(store, query)));
        const scope = range.site ? `${range.name}, one site` : `${range.name}, all sites`;
        results.push({
          query: q.name,
          range: scope,
          firstMs: runs[0] ?? Number.NaN,
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

/**
 * BENCH_ENCRYPTED=1: the same panels on a copy whose personal columns are encrypted at rest
 * (issue 9), beside the plain file's medians of this run.
 */
async function timeEncrypted(
  path: string,
  end: number,
  plain: Awaited<ReturnType<typeof timePanels>>,
  verdict: (ms: number) => string,
) {
  const copy = await encryptedCopy(path);
  if (copy.encryptSeconds !== null)
    console.log(`encrypting the stored rows on first serve start: ${round(copy.encryptSeconds)} s`);
  process.env.CONSENTLOG_DATA_KEY = BENCH_DATA_KEY;
  const encrypted = await timePanels(copy.path, end);
  delete process.env.CONSENTLOG_DATA_KEY;
  printTable(
    `Dashboard panels, plain vs personal columns encrypted at rest (ms; median of ${RUNS} runs)`,
    ['panel', 'view', 'plain', 'encrypted', 'ratio', `encrypted vs ${TARGET_MS} ms`],
    encrypted.map((r, i): Cell[] => {
      const base = plain[i]?.medianMs ?? Number.NaN;
      return [r.panel, r.view, round(base), round(r.medianMs), round(r.medianMs / base), verdict(r.medianMs)];
    }),
  );
}

/** Every dashboard panel in every view, RUNS times each, through the built store's dashboard queries. */
async function timePanels(path: string, end: number, views = VIEWS, runsPerPanel = RUNS) {
  const { openStore } = await builtCollector();
  const store = await openStore(path, { mustExist: true });
  const dashboard = store.dashboard;
  if (!dashboard) throw new Error('the built store has no dashboard queries');
  await dashboard.refresh(); // a cached file may predate rows folded since; not part of any panel's time
  const results = [];
  try {
    for (const view of views) {
      for (const panel of PANELS) {
        if (panel.name === 'sites' && view !== views[0]) continue;
        const runs: number[] = [];
        for (let i = 0; i < runsPerPanel; i++)
          runs.push(await time(() => panel.run(dashboard, 'shop.example', view.period, view.filters, end)));
        results.push({
          panel: panel.name,
          view: view.name,
          firstMs: runs[0] ?? Number.NaN,
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

async function main(): Promise<void> {
  console.log(
    `queries: ${ROWS.toLocaleString('en-US')} events (cached under bench-results/queries/ once seeded)`,
  );
  const seeded = await seededDatabase(ROWS);
  console.log(
    seeded.seedSeconds === null
      ? `seed: reused ${seeded.path}`
      : `seed: ${round(seeded.seedSeconds)} s, ${Math.round(seeded.insertRowsPerSecond ?? 0).toLocaleString('en-US')} rows/s (one transaction, indexes rebuilt after); ${seeded.consentRows.toLocaleString('en-US')} consent decisions; first dashboard roll-up of all rows: ${round(seeded.rollupSeconds ?? 0)} s`,
  );
  const verdict = (ms: number) =>
    ms <= TARGET_MS ? 'ok' : `MISSED by ${Math.round(ms - TARGET_MS).toLocaleString('en-US')} ms`;
  if (process.env.BENCH_PG_ONLY) {
    writeResult('queries-postgres', {
      rows: ROWS,
      postgres: await timePostgres(seeded.path, seeded.end, verdict),
    });
    return;
  }
  const panels = await timePanels(seeded.path, seeded.end);
  printTable(
    `Dashboard panels on ${ROWS.toLocaleString('en-US')} events, site shop.example, SQLite (ms; median of ${RUNS} runs, the first included; target ${TARGET_MS} ms)`,
    ['panel', 'view', 'first run', 'median', `vs ${TARGET_MS} ms`],
    panels.map((r): Cell[] => [r.panel, r.view, round(r.firstMs), round(r.medianMs), verdict(r.medianMs)]),
  );
  if (process.env.BENCH_ENCRYPTED) await timeEncrypted(seeded.path, seeded.end, panels, verdict);
  const postgres = await timePostgres(seeded.path, seeded.end, verdict);
  if (process.env.BENCH_DASHBOARD_ONLY) {
    writeResult('queries', { rows: ROWS, seeded, targetMs: TARGET_MS, panels, postgres });
    return;
  }
  const queries = await timeQueries(seeded.path, seeded.end);
  printTable(
    `Report queries on ${ROWS.toLocaleString('en-US')} events, SQLite (ms; median of ${RUNS} runs, the first included; target ${TARGET_MS} ms)`,
    ['query', 'range', 'first run', 'median', `vs ${TARGET_MS} ms`],
    queries.map((r): Cell[] => [
      r.query,
      r.range,
      round(r.firstMs),
      round(r.medianMs),
      r.medianMs <= TARGET_MS
        ? 'ok'
        : `MISSED by ${Math.round(r.medianMs - TARGET_MS).toLocaleString('en-US')} ms`,
    ]),
  );
  // NDJSON (the default) over every row; CSV over the smaller site only, to keep the run bounded.
  const exports = [
    await timeExport(seeded.path, 'ndjson'),
    await timeExport(seeded.path, 'csv', 'blog.example'),
  ];
  printTable(
    '`consentlog export --since all` (the built CLI, process start included; stdout counted and discarded)',
    ['format', 'scope', 'rows', 'seconds', 'rows/s', 'MB out'],
    exports.map((e): Cell[] => [
      e.format,
      e.scope,
      e.rows,
      round(e.seconds),
      Math.round(e.rowsPerSecond),
      round(e.bytes / 1e6),
    ]),
  );
  writeResult('queries', { rows: ROWS, seeded, targetMs: TARGET_MS, panels, queries, postgres, exports });
}

/**
 * The same panels and report queries on PostgreSQL (issue 8), on a copy of the seeded file made by
 * the built `consentlog copy` into a fresh database (dropped afterwards). `BENCH_PG=off` skips it;
 * `BENCH_PG_ONLY=1` runs only this part; `BENCH_PG_VIEWS` (comma-separated view names, default all)
 * and `BENCH_PG_RUNS` (default BENCH_QUERY_RUNS) bound it: visits are computed at query time there.
 */
async function timePostgres(path: string, end: number, verdict: (ms: number) => string) {
  if (process.env.BENCH_PG === 'off') return null;
  const pg = await postgresCopy(path, ROWS);
  if (!pg) {
    console.log('postgres: skipped (no server answers at BENCH_PG / CONSENTLOG_TEST_PG)');
    return null;
  }
  try {
    console.log(`postgres: ${pg.note}`);
    const names = process.env.BENCH_PG_VIEWS?.split(',').map((v) => v.trim());
    const views = names ? VIEWS.filter((v) => names.includes(v.name)) : VIEWS;
    const runs = Number(process.env.BENCH_PG_RUNS ?? RUNS);
    const panels = await timePanels(pg.url, end, views, runs);
    printTable(
      `Dashboard panels on ${ROWS.toLocaleString('en-US')} events, site shop.example, PostgreSQL (ms; median of ${runs} runs, the first included; target ${TARGET_MS} ms)`,
      ['panel', 'view', 'first run', 'median', `vs ${TARGET_MS} ms`],
      panels.map((r): Cell[] => [r.panel, r.view, round(r.firstMs), round(r.medianMs), verdict(r.medianMs)]),
    );
    const queries = await timeQueries(pg.url, end);
    printTable(
      `Report queries on ${ROWS.toLocaleString('en-US')} events, PostgreSQL (ms; median of ${RUNS} runs, the first included; target ${TARGET_MS} ms)`,
      ['query', 'range', 'first run', 'median', `vs ${TARGET_MS} ms`],
      queries.map((r): Cell[] => [
        r.query,
        r.range,
        round(r.firstMs),
        round(r.medianMs),
        verdict(r.medianMs),
      ]),
    );
    return { copy: pg.note, panels, queries };
  } finally {
    await pg.drop();
  }
}

await main();
