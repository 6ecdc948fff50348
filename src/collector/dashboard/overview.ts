import type { DashboardStore, DashQuery, RangeOverview } from './types.js';

/** Totals and series of one range: in one pass where the store offers it, else asked one by one. */
export async function rangeOverview(
  dashboard: DashboardStore,
  q: DashQuery,
  bounds: readonly number[],
): Promise<RangeOverview> {
  if (dashboard.overview) return dashboard.overview(q, bounds);
  return { totals: await dashboard.totals(q), series: await dashboard.series(q, bounds) };
}
