import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CollectorError } from '../../errors.js';
import { rangeOverview } from '../overview.js';
import {
  parseBreakdownName,
  parseBreakdownOptions,
  parseFilters,
  parseRangeSpec,
  type QueryString,
  text,
} from '../params.js';
import { type Range, RangeError400, resolveRange } from '../range.js';
import type { DashboardStore, DashQuery, SeriesPoint } from '../types.js';

export interface QueryRouteOptions {
  /** The collector's `--timezone`: the default `tz`. */
  timezone: string;
  now: () => number;
}

export interface Resolved {
  query: DashQuery;
  current: Range;
  previous: Range;
  tz: string;
}

/** The store's dashboard queries, or 501 for a backend without them. */
export function dashboardOf(store: { dashboard?: DashboardStore }): DashboardStore {
  if (!store.dashboard)
    throw new CollectorError('COLLECT_ERR_NOT_IMPLEMENTED', 'This store does not offer dashboard queries');
  return store.dashboard;
}

/** Parameters shared by every panel → the question for the store (400 naming a bad field). */
export async function resolveQuery(
  request: FastifyRequest,
  dashboard: DashboardStore,
  opts: QueryRouteOptions,
): Promise<Resolved> {
  const qs = request.query as QueryString;
  const spec = parseRangeSpec(qs, opts.timezone, opts.now());
  let ranges: ReturnType<typeof resolveRange>;
  try {
    ranges = resolveRange(spec);
  } catch (err) {
    if (err instanceof RangeError400)
      throw new CollectorError('COLLECT_ERR_VALIDATION', err.message, err.field);
    throw err;
  }
  const filters = parseFilters(qs);
  const site = text(qs, 'site', 200) ?? (await dashboard.sites())[0] ?? '';
  const { current, previous } = ranges;
  return { query: { site, from: current.from, to: current.to, filters }, current, previous, tz: spec.tz };
}

/**
 * The previous period's points laid bucket by bucket on the current ones: a DST change can give the
 * two periods a different number of hours, so the previous series is cut or padded with zeros.
 */
function align(previous: SeriesPoint[], current: SeriesPoint[], range: Range): SeriesPoint[] {
  return current.map((_, i) => previous[i] ?? { t: range.bounds[i] ?? range.to, visitors: 0, pageviews: 0 });
}

/** Sites, overview, breakdowns, vitals and consent (docs/dashboard.md "Endpoints"). */
export const queryRoutes: FastifyPluginAsync<QueryRouteOptions> = async (app, opts) => {
  app.get('/sites', async () => ({ sites: await dashboardOf(app.store).sites(), timezone: opts.timezone }));

  app.get('/overview', async (request) => {
    const dashboard = dashboardOf(app.store);
    const { query, current, previous, tz } = await resolveQuery(request, dashboard, opts);
    const before = { ...query, from: previous.from, to: previous.to };
    const now = await rangeOverview(dashboard, query, current.bounds);
    const then = await rangeOverview(dashboard, before, previous.bounds);
    return {
      site: query.site,
      range: { from: current.from, to: current.to, tz, interval: current.interval },
      totals: now.totals,
      previous: then.totals,
      series: now.series,
      previous_series: align(then.series, now.series, previous),
    };
  });

  app.get<{ Params: { name: string } }>('/breakdown/:name', async (request) => {
    const name = parseBreakdownName(request.params.name);
    const dashboard = dashboardOf(app.store);
    const { query } = await resolveQuery(request, dashboard, opts);
    const options = parseBreakdownOptions(name, request.query as QueryString);
    return dashboard.breakdown(name, query, options);
  });

  app.get('/vitals', async (request) => {
    const dashboard = dashboardOf(app.store);
    const { query } = await resolveQuery(request, dashboard, opts);
    return dashboard.vitals(query);
  });

  app.get('/consent', async (request) => {
    const dashboard = dashboardOf(app.store);
    const { query, current } = await resolveQuery(request, dashboard, opts);
    return dashboard.consent(query, current.days);
  });
};
