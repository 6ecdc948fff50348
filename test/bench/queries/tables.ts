import { type Cell, printTable, round } from '../lib/report.js';
import { QUERIES, TARGET_MS } from './list.js';
import { PANELS } from './panels.js';
import { describeSkipped, type RunPolicy, type timePanels, type timeQueries } from './timing.js';

export const verdict = (ms: number) =>
  ms <= TARGET_MS ? 'ok' : `MISSED by ${Math.round(ms - TARGET_MS).toLocaleString('en-US')} ms`;

const runsNote = (policy: RunPolicy) =>
  `median of up to ${policy.runs} runs, the first included, fewer once a query's runs took ${policy.capMs} ms; target ${TARGET_MS} ms`;

/** The panels' table (and what the budget did not reach), the same for every store. */
export function printPanels(
  rows: number,
  store: string,
  policy: RunPolicy,
  panels: Awaited<ReturnType<typeof timePanels>>,
): void {
  printTable(
    `Dashboard panels on ${rows.toLocaleString('en-US')} events, site shop.example, ${store} (ms; ${runsNote(policy)})`,
    ['panel', 'view', 'runs', 'first run', 'median', `vs ${TARGET_MS} ms`],
    panels.results.map((r): Cell[] => [
      r.panel,
      r.view,
      r.runsMs.length,
      round(r.firstMs),
      round(r.medianMs),
      verdict(r.medianMs),
    ]),
  );
  if (panels.skipped.length) console.log(describeSkipped(panels.skipped, PANELS.length - 1));
}

/** The report queries' table (and what the budget did not reach), the same for every store. */
export function printQueries(
  rows: number,
  store: string,
  policy: RunPolicy,
  queries: Awaited<ReturnType<typeof timeQueries>>,
): void {
  printTable(
    `Report queries on ${rows.toLocaleString('en-US')} events, ${store} (ms; ${runsNote(policy)})`,
    ['query', 'range', 'runs', 'first run', 'median', `vs ${TARGET_MS} ms`],
    queries.results.map((r): Cell[] => [
      r.query,
      r.range,
      r.runsMs.length,
      round(r.firstMs),
      round(r.medianMs),
      verdict(r.medianMs),
    ]),
  );
  if (queries.skipped.length) console.log(describeSkipped(queries.skipped, QUERIES.length));
}
