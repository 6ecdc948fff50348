import { h, replace } from '../lib/dom.js';
import { FILTER_KEYS, type FilterKey, PERIODS, type Period, type ViewState } from '../state.js';

export interface ControlElements {
  form: HTMLFormElement;
  site: HTMLSelectElement;
  period: HTMLSelectElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  tz: HTMLSelectElement;
  filters: HTMLFormElement;
}

/** Every IANA zone the browser knows, with the collector's and the browser's own first. */
export function fillZones(select: HTMLSelectElement, collectorZone: string): void {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const first = [collectorZone, own, 'UTC'].filter((z, i, list) => z && list.indexOf(z) === i);
  const options = [
    ...first.map((z) => h('option', { value: z }, z === collectorZone ? `${z} (collector)` : z)),
    ...all.filter((z) => !first.includes(z)).map((z) => h('option', { value: z }, z)),
  ];
  replace(select, options);
}

export function fillSites(select: HTMLSelectElement, sites: string[]): void {
  replace(
    select,
    sites.length
      ? sites.map((s) => h('option', { value: s }, s))
      : [h('option', { value: '' }, 'No sites yet')],
  );
}

/** Put a view's values into the controls (after a load, back/forward, or a row click). */
export function showState(c: ControlElements, state: ViewState): void {
  c.site.value = state.site;
  c.period.value = state.period;
  c.from.value = state.from;
  c.to.value = state.to;
  if (state.tz && !Array.from(c.tz.options).some((o) => o.value === state.tz)) {
    c.tz.append(h('option', { value: state.tz }, state.tz));
  }
  c.tz.value = state.tz;
  c.form.classList.toggle('is-custom', state.period === 'custom');
  for (const key of FILTER_KEYS) {
    const field = c.filters.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
    if (field) field.value = state.filters[key] ?? '';
  }
  (c.filters.elements.namedItem('bots') as HTMLSelectElement).value = state.bots;
}

/** The view the controls describe (the filters form is read too, so nothing typed is lost). */
export function readControls(c: ControlElements, base: ViewState): ViewState {
  const period = PERIODS.includes(c.period.value as Period) ? (c.period.value as Period) : base.period;
  const filters: ViewState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const field = c.filters.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
    const value = field?.value.trim();
    if (value) filters[key as FilterKey] = value;
  }
  const bots = (c.filters.elements.namedItem('bots') as HTMLSelectElement).value;
  return {
    site: c.site.value,
    period,
    from: c.from.value,
    to: c.to.value,
    tz: c.tz.value,
    filters,
    bots: bots === 'include' ? 'include' : 'exclude',
  };
}
