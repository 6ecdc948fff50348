// `npm run bench:queries`: dashboard panels, report queries and `consentlog export` on one million
// seeded events, on SQLite, within the part's time budget (BENCH_PART_BUDGET_S from `npm run bench`,
// else BENCH_QUERIES_BUDGET_S, 180 s). The same on PostgreSQL: `npm run bench:queries:postgres`.
import { type Cell, printTable, round, writeResult } from './lib/report.js';
import { BENCH_DATA_KEY, encryptedCopy } from './queries/encrypted.js';
import { timeExport } from './queries/export.js';
import { TARGET_MS } from './queries/list.js';
import { MORE_VIEWS, PANELS, pick, VIEWS } from './queries/panels.js';
import { seededDatabase } from './queries/seed.js';
import { printPanels, printQueries, verdict } from './queries/tables.js';
import { type RunPolicy, timePanels, timeQueries } from './queries/timing.js';

const ROWS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 5);
/** A query stops repeating once its runs took this long (first run + median of fewer). */
const CAP_MS = Number(process.env.BENCH_QUERY_CAP_MS ?? 1000);
/** Seconds each export may run; rows/s come from what it wrote by then. */
const EXPORT_S = Number(process.env.BENCH_EXPORT_S ?? 12);
const BUDGET_S = Number(process.env.BENCH_PART_BUDGET_S ?? process.env.BENCH_QUERIES_BUDGET_S ?? 180);
/** BENCH_VIEWS / BENCH_PANELS (comma-separated names, or `all`): the dashboard views and panels to time. */
const VIEW_LIST = pick([...VIEWS, ...MORE_VIEWS], 'BENCH_VIEWS', VIEWS);
const PANEL_LIST = pick(PANELS, 'BENCH_PANELS');

/**
 * BENCH_ENCRYPTED=1: the same panels on a copy whose personal columns are encrypted at rest
 * (issue 9), beside the plain file's medians of this run.
 */
async function timeEncrypted(
  path: string,
  end: number,
  plain: Awaited<ReturnType<typeof timePanels>>,
  policy: RunPolicy,
) {
  const copy = await encryptedCopy(path);
  if (copy.encryptSeconds !== null)
    console.log(`encrypting the stored rows on first serve start: ${round(copy.encryptSeconds)} s`);
  process.env.CONSENTLOG_DATA_KEY = BENCH_DATA_KEY;
  const encrypted = await timePanels(copy.path, end, policy, VIEW_LIST, PANEL_LIST);
  delete process.env.CONSENTLOG_DATA_KEY;
  printTable(
    `Dashboard panels, plain vs personal columns encrypted at rest (ms; median of up to ${RUNS} runs)`,
    ['panel', 'view', 'plain', 'encrypted', 'ratio', `encrypted vs ${TARGET_MS} ms`],
    encrypted.results.map((r, i): Cell[] => {
      const base = plain.results[i]?.medianMs ?? Number.NaN;
      return [r.panel, r.view, round(base), round(r.medianMs), round(r.medianMs / base), verdict(r.medianMs)];
    }),
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const deadline = started + BUDGET_S * 1000;
  console.log(
    `queries: ${ROWS.toLocaleString('en-US')} events (cached under bench-results/queries/ once seeded); budget ${BUDGET_S} s`,
  );
  const seeded = await seededDatabase(ROWS);
  console.log(
    seeded.seedSeconds === null
      ? `seed: reused ${seeded.path}`
      : `seed: ${round(seeded.seedSeconds)} s, ${Math.round(seeded.insertRowsPerSecond ?? 0).toLocaleString('en-US')} rows/s (one transaction, indexes rebuilt after); ${seeded.consentRows.toLocaleString('en-US')} consent decisions; first dashboard roll-up of all rows: ${round(seeded.rollupSeconds ?? 0)} s`,
  );
  // Time kept back for what follows the panels: the report queries (~20 s) and the two exports.
  const exportsReserve = (2 * EXPORT_S + 8) * 1000;
  const policy = (reserve: number): RunPolicy => ({
    runs: RUNS,
    capMs: CAP_MS,
    deadline: deadline - reserve,
  });
  const panels = await timePanels(
    seeded.path,
    seeded.end,
    policy(exportsReserve + 20_000),
    VIEW_LIST,
    PANEL_LIST,
  );
  printPanels(ROWS, 'SQLite', policy(0), panels);
  // Opt-in and outside the part's budget: encrypting a 1M-row copy once takes minutes.
  if (process.env.BENCH_ENCRYPTED)
    await timeEncrypted(seeded.path, seeded.end, panels, { runs: RUNS, capMs: CAP_MS, deadline: Infinity });
  if (process.env.BENCH_DASHBOARD_ONLY) {
    writeResult('queries', { rows: ROWS, seeded, targetMs: TARGET_MS, panels });
    return;
  }
  const queries = await timeQueries(seeded.path, seeded.end, policy(exportsReserve));
  printQueries(ROWS, 'SQLite', policy(0), queries);
  // NDJSON (the default) over every row and CSV over the smaller site, each time-boxed.
  const exports = [
    await timeExport(seeded.path, 'ndjson', EXPORT_S),
    await timeExport(seeded.path, 'csv', EXPORT_S, 'blog.example'),
  ];
  printTable(
    `\`consentlog export --since all\` (the built CLI, process start included; stdout counted and discarded; stopped after ${EXPORT_S} s, rows/s from the rows written by then)`,
    ['format', 'scope', 'rows', 'seconds', 'rows/s', 'MB out', 'finished'],
    exports.map((e): Cell[] => [
      e.format,
      e.scope,
      e.rows,
      round(e.seconds),
      Math.round(e.rowsPerSecond),
      round(e.bytes / 1e6),
      e.complete ? 'yes' : 'time-boxed',
    ]),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`bench:queries took ${round(seconds)} s (budget ${BUDGET_S} s)`);
  writeResult('queries', { rows: ROWS, seeded, targetMs: TARGET_MS, seconds, panels, queries, exports });
}

await main();
