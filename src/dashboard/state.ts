/**
 * The view (site, period, zone, filters) lives in the URL query, so a view can be shared and the
 * browser's back/forward buttons move between views. The same keys are the API's parameters.
 */
export const PERIODS = ['today', '7d', '30d', 'custom', 'live'] as const;
export type Period = (typeof PERIODS)[number];

export const FILTER_KEYS = ['page', 'referrer', 'browser', 'campaign', 'category'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface ViewState {
  site: string;
  period: Period;
  from: string;
  to: string;
  tz: string;
  filters: Partial<Record<FilterKey, string>>;
  bots: 'exclude' | 'include';
}

const isPeriod = (value: string | null): value is Period => PERIODS.includes(value as Period);

export function readState(search: string = location.search): ViewState {
  const q = new URLSearchParams(search);
  const filters: ViewState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = q.get(key);
    if (value) filters[key] = value;
  }
  const period = q.get('period');
  return {
    site: q.get('site') ?? '',
    period: isPeriod(period) ? period : '7d',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    tz: q.get('tz') ?? '',
    filters,
    bots: q.get('bots') === 'include' ? 'include' : 'exclude',
  };
}

/** The API query for a view: only what is set, `from`/`to` only with a custom period. */
export function toParams(state: ViewState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.site) q.set('site', state.site);
  q.set('period', state.period);
  if (state.period === 'custom') {
    if (state.from) q.set('from', state.from);
    if (state.to) q.set('to', state.to);
  }
  if (state.tz) q.set('tz', state.tz);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) q.set(key, value);
  }
  if (state.bots === 'include') q.set('bots', 'include');
  return q;
}

/** Record a view in the address bar: a new history entry, or (`replace`) the current one. */
export function writeState(state: ViewState, replace = false): void {
  const q = toParams(state);
  // Not part of the view, but kept so a wall screen's interval survives navigation (live.ts).
  const refresh = new URLSearchParams(location.search).get('refresh');
  if (refresh) q.set('refresh', refresh);
  const url = `${location.pathname}?${q.toString()}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

export function withFilter(state: ViewState, key: FilterKey, value: string | undefined): ViewState {
  const filters = { ...state.filters };
  if (value) filters[key] = value;
  else delete filters[key];
  return { ...state, filters };
}
