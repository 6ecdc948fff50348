import { ApiError, apiGet, apiUrl } from './api/client.js';
import type { ConsentReply, OverviewReply, SitesReply, VitalsReply } from './api/types.js';
import { byId } from './lib/dom.js';
import { liveRefreshMs } from './live.js';
import { type FilterKey, readState, toParams, type ViewState, withFilter, writeState } from './state.js';
import { Breakdowns } from './views/breakdowns.js';
import { renderChart, resizeChart } from './views/chart.js';
import { renderConsent } from './views/consent.js';
import { type ControlElements, fillSites, fillZones, readControls, showState } from './views/controls.js';
import { renderChips } from './views/filter-chips.js';
import { renderOverview } from './views/overview.js';
import { renderVitals } from './views/vitals.js';

/** The signed-in page: keeps the view in the URL and loads every panel for it. */
export class Dashboard {
  private state: ViewState = readState();
  private readonly controls: ControlElements;
  private readonly breakdowns: Breakdowns;
  private loading: AbortController | null = null;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastOverview: OverviewReply | null = null;
  private loads = 0;

  constructor() {
    this.controls = {
      form: byId<HTMLFormElement>('controls'),
      site: byId<HTMLSelectElement>('site'),
      period: byId<HTMLSelectElement>('period'),
      from: byId<HTMLInputElement>('from'),
      to: byId<HTMLInputElement>('to'),
      tz: byId<HTMLSelectElement>('tz'),
      filters: byId<HTMLFormElement>('filters'),
    };
    this.breakdowns = new Breakdowns(byId('breakdowns'), (key, value) =>
      this.navigate(withFilter(this.state, key, value)),
    );
    this.wire();
  }

  /** First load after sign-in: the sites and default zone, then the view in the URL. */
  async start(): Promise<void> {
    const sites = await apiGet<SitesReply>('sites');
    fillSites(this.controls.site, sites.sites);
    fillZones(this.controls.tz, sites.timezone);
    const state = readState();
    state.site ||= sites.sites[0] ?? '';
    state.tz ||= sites.timezone;
    this.state = state;
    writeState(state, true);
    await this.load();
  }

  stop(): void {
    this.loading?.abort();
    clearTimeout(this.liveTimer);
  }

  private wire(): void {
    const c = this.controls;
    const fromControls = () => this.navigate(readControls(c, this.state));
    for (const select of [c.site, c.tz]) select.addEventListener('change', fromControls);
    c.period.addEventListener('change', () => {
      // A custom range waits for its dates and the Apply button.
      c.form.classList.toggle('is-custom', c.period.value === 'custom');
      if (c.period.value !== 'custom') fromControls();
    });
    c.form.addEventListener('submit', (e) => {
      e.preventDefault();
      fromControls();
    });
    c.filters.addEventListener('submit', (e) => {
      e.preventDefault();
      fromControls();
    });
    for (const name of ['category', 'bots']) {
      (c.filters.elements.namedItem(name) as HTMLSelectElement).addEventListener('change', fromControls);
    }
    window.addEventListener('popstate', () => {
      this.state = readState();
      void this.load();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.state.period === 'live') void this.load();
    });
    window.addEventListener('resize', () => resizeChart(byId('chart')));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (this.lastOverview) renderChart(byId('chart'), this.lastOverview);
    });
  }

  private navigate(state: ViewState): void {
    this.state = state;
    writeState(state);
    void this.load();
  }

  private removeFilter(key: FilterKey | 'bots'): void {
    this.navigate(
      key === 'bots' ? { ...this.state, bots: 'exclude' } : withFilter(this.state, key, undefined),
    );
  }

  /** Load every panel for the current view; a newer load cancels an older one. */
  private async load(): Promise<void> {
    this.loading?.abort();
    clearTimeout(this.liveTimer);
    const loading = new AbortController();
    this.loading = loading;
    const { signal } = loading;
    const main = byId('main');
    main.setAttribute('aria-busy', 'true');
    showState(this.controls, this.state);
    renderChips(byId('active-filters'), this.state, (key) => this.removeFilter(key));
    const params = toParams(this.state);
    this.setExports(params);
    const status = byId('status');
    status.textContent = 'Loading…';
    const results = await Promise.allSettled([
      this.loadOverview(params, signal),
      this.breakdowns.load(params, signal),
      apiGet<VitalsReply>('vitals', params, signal).then((r) => renderVitals(byId('vitals'), r)),
      apiGet<ConsentReply>('consent', params, signal).then((r) => renderConsent(byId('consent'), r)),
    ]);
    if (signal.aborted) return;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    status.textContent = failed ? describeError(failed.reason) : `Updated ${new Date().toLocaleTimeString()}`;
    main.setAttribute('aria-busy', 'false');
    document.body.dataset.loads = String(++this.loads);
    if (this.state.period === 'live' && document.visibilityState === 'visible') {
      this.liveTimer = setTimeout(() => void this.load(), liveRefreshMs());
    }
  }

  private async loadOverview(params: URLSearchParams, signal: AbortSignal): Promise<void> {
    const reply = await apiGet<OverviewReply>('overview', params, signal);
    this.lastOverview = reply;
    renderOverview(reply);
  }

  private setExports(params: URLSearchParams): void {
    for (const format of ['csv', 'ndjson']) {
      const q = new URLSearchParams(params);
      q.set('format', format);
      byId<HTMLAnchorElement>(`export-${format}`).href = apiUrl('export', q);
    }
  }
}

function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    return err.field ? `Could not load (${err.field}): ${err.message}` : `Could not load: ${err.message}`;
  }
  return `Could not load: ${(err as Error).message}`;
}
