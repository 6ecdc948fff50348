import type { ReportQuery, Store } from '../../../src/collector/store/types.js';

/**
 * The report queries to time, by name. To benchmark a new query (the dashboard's, say), add one
 * entry here: it is then timed over every range in RANGES with the same method and target.
 */
export interface NamedQuery {
  name: string;
  run(store: Store, query: ReportQuery): Promise<unknown>;
}

export const QUERIES: NamedQuery[] = [
  { name: 'totals', run: (store, q) => store.totals(q) },
  { name: "top('pages')", run: (store, q) => store.top('pages', { ...q, limit: 10 }) },
  { name: "top('referrers')", run: (store, q) => store.top('referrers', { ...q, limit: 10 }) },
  { name: "top('browsers')", run: (store, q) => store.top('browsers', { ...q, limit: 10 }) },
];

/**
 * Ranges back from the newest event, for one site as a dashboard asks (the larger of the two,
 * 85% of the rows). Add `{ name, days }` without `site` to time a query over all sites.
 */
export const RANGES: { name: string; days: number; site?: string }[] = [
  { name: '7d', days: 7, site: 'shop.example' },
  { name: '30d', days: 30, site: 'shop.example' },
];

/** Median-of-N target for every report and dashboard query at one million events (issue 7). */
export const TARGET_MS = 200;
