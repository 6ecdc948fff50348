// `npm run bench:queries:postgres` (opt-in in `npm run bench`: BENCH_PARTS=…,queries:postgres): the
// dashboard panels and report queries of `bench:queries` on PostgreSQL (issue 8), on a copy of the
// same seeded file made by the built `consentlog copy` into a fresh database, dropped afterwards.
// Bounded by its budget (BENCH_PART_BUDGET_S, else BENCH_QUERIES_POSTGRES_BUDGET_S, 300 s): slow
// panels get their first run and the median of fewer (BENCH_PG_RUNS, BENCH_PG_CAP_MS), and what
// the budget does not reach is listed as not timed. BENCH_PG_VIEWS (comma-separated view names)
// picks views; BENCH_PG_COPY=URL reuses a database that already holds the copy.
import { round, writeResult } from './lib/report.js';
import { VIEWS } from './queries/panels.js';
import { postgresCopy } from './queries/postgres.js';
import { seededDatabase } from './queries/seed.js';
import { printPanels, printQueries } from './queries/tables.js';
import { type RunPolicy, timePanels, timeQueries } from './queries/timing.js';

const ROWS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_PG_RUNS ?? 3);
const CAP_MS = Number(process.env.BENCH_PG_CAP_MS ?? 1500);
const BUDGET_S = Number(
  process.env.BENCH_PART_BUDGET_S ?? process.env.BENCH_QUERIES_POSTGRES_BUDGET_S ?? 300,
);

async function main(): Promise<void> {
  const started = Date.now();
  const deadline = started + BUDGET_S * 1000;
  const seeded = await seededDatabase(ROWS);
  const pg = await postgresCopy(seeded.path, ROWS);
  if (!pg) {
    console.log('postgres: skipped (no server answers at BENCH_PG / CONSENTLOG_TEST_PG)');
    return;
  }
  try {
    console.log(`postgres: ${pg.note}`);
    const names = process.env.BENCH_PG_VIEWS?.split(',').map((v) => v.trim());
    const views = names ? VIEWS.filter((v) => names.includes(v.name)) : VIEWS;
    // The report queries (8, about 1 s each here) get the last 30 s; the panels the rest.
    const policy = (reserve: number): RunPolicy => ({
      runs: RUNS,
      capMs: CAP_MS,
      deadline: deadline - reserve,
    });
    const panels = await timePanels(pg.url, seeded.end, policy(30_000), views);
    printPanels(ROWS, 'PostgreSQL', policy(0), panels);
    const queries = await timeQueries(pg.url, seeded.end, policy(0));
    printQueries(ROWS, 'PostgreSQL', policy(0), queries);
    const seconds = (Date.now() - started) / 1000;
    console.log(`bench:queries:postgres took ${round(seconds)} s (budget ${BUDGET_S} s)`);
    writeResult('queries-postgres', { rows: ROWS, copy: pg.note, seconds, panels, queries });
  } finally {
    await pg.drop();
  }
}

await main();
