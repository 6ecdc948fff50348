import { builtCollector } from '../lib/built.js';
import { median } from '../lib/report.js';
import { QUERIES, RANGES } from './list.js';
import { PANELS, type Panel, VIEWS } from './panels.js';

/**
 * How many times each query runs: up to `runs`, but no more once its runs so far took `capMs` (the
 * first run always counts). Fast queries get the full median; a query far past any target gets its
 * first run and the median of fewer, so a slow store cannot stretch the whole run.
 */
export interface RunPolicy {
  runs: number;
  capMs: number;
  /** Date.now() past which the remaining queries are skipped (listed as such), or Infinity. */
  deadline: number;
}

export interface Timed {
  firstMs: number;
  medianMs: number;
  runsMs: number[];
}

/** A query or panel the time budget did not reach, and where (range or view). */
export interface Skipped {
  name: string;
  scope: string;
}

/** One line for what the budget did not reach, grouped by range or view: `7d: all 16; …`. */
export function describeSkipped(skipped: Skipped[], perScope: number): string {
  const scopes = new Map<string, string[]>();
  for (const { name, scope } of skipped) scopes.set(scope, [...(scopes.get(scope) ?? []), name]);
  const parts = [...scopes].map(([scope, names]) =>
    names.length >= perScope ? `${scope}: all ${names.length}` : `${scope}: ${names.join(', ')}`,
  );
  return `past the time budget, not timed: ${parts.join('; ')}`;
}

export async function timeRuns(fn: () => Promise<unknown>, policy: RunPolicy): Promise<Timed> {
  const runsMs: number[] = [];
  let spent = 0;
  do {
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    runsMs.push(ms);
    spent += ms;
  } while (runsMs.length < policy.runs && spent < policy.capMs);
  return { firstMs: runsMs[0] ?? Number.NaN, medianMs: median(runsMs), runsMs };
}

/** Every named query over every range through the built Store (a file or a postgres:// URL). */
export async function timeQueries(path: string, end: number, policy: RunPolicy) {
  const { openStore } = await builtCollector();
  const store = await openStore(path, { mustExist: true });
  const results: (Timed & { query: string; range: string })[] = [];
  const skipped: Skipped[] = [];
  try {
    for (const range of RANGES) {
      const query = { since: end - range.days * 864e5, ...(range.site ? { site: range.site } : {}) };
      const scope = range.site ? `${range.name}, one site` : `${range.name}, all sites`;
      for (const q of QUERIES) {
        if (Date.now() > policy.deadline) {
          skipped.push({ name: q.name, scope });
          continue;
        }
        // The first run also reads pages into the store's and the OS's caches; it counts in the median.
        results.push({ query: q.name, range: scope, ...(await timeRuns(() => q.run(store, query), policy)) });
      }
    }
  } finally {
    await store.close();
  }
  return { results, skipped };
}

/** Every dashboard panel in every view through the built store's dashboard queries. */
export async function timePanels(
  path: string,
  end: number,
  policy: RunPolicy,
  views = VIEWS,
  panels: Panel[] = PANELS,
) {
  const { openStore } = await builtCollector();
  const store = await openStore(path, { mustExist: true });
  const dashboard = store.dashboard;
  if (!dashboard) throw new Error('the built store has no dashboard queries');
  await dashboard.refresh(); // a cached file may predate rows folded since; not part of any panel's time
  const results: (Timed & { panel: string; view: string })[] = [];
  const skipped: Skipped[] = [];
  try {
    for (const view of views) {
      for (const panel of panels) {
        if (panel.name === 'sites' && view !== views[0]) continue;
        if (Date.now() > policy.deadline) {
          skipped.push({ name: panel.name, scope: view.name });
          continue;
        }
        const run = () => panel.run(dashboard, 'shop.example', view.period, view.filters, end);
        results.push({ panel: panel.name, view: view.name, ...(await timeRuns(run, policy)) });
      }
    }
  } finally {
    await store.close();
  }
  return { results, skipped };
}
