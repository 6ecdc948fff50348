import { apiGet } from '../api/client.js';
import type { BreakdownReply } from '../api/types.js';
import { h, replace } from '../lib/dom.js';
import type { FilterKey } from '../state.js';
import { breakdownTable, type MetricKey, type Order, type TableSpec } from './table.js';

interface BreakdownDef {
  name: string;
  title: string;
  label: string;
  metrics: MetricKey[];
  filter?: FilterKey;
  extra?: TableSpec['extra'];
}

const VISITS: MetricKey[] = ['visitors', 'pageviews'];
const COUNTS: MetricKey[] = ['count', 'visitors'];

/** The breakdowns of the contract, in the order they are shown. */
export const BREAKDOWNS: BreakdownDef[] = [
  { name: 'pages', title: 'Pages', label: 'Page', metrics: VISITS, filter: 'page' },
  { name: 'entry_pages', title: 'Entry pages', label: 'Page', metrics: VISITS, filter: 'page' },
  { name: 'exit_pages', title: 'Exit pages', label: 'Page', metrics: VISITS, filter: 'page' },
  { name: 'referrers', title: 'Referrers', label: 'Referrer domain', metrics: VISITS, filter: 'referrer' },
  { name: 'browsers', title: 'Browsers', label: 'Browser', metrics: VISITS, filter: 'browser' },
  { name: 'os', title: 'Operating systems', label: 'OS', metrics: VISITS },
  { name: 'devices', title: 'Devices', label: 'Device', metrics: VISITS },
  { name: 'languages', title: 'Languages', label: 'Language', metrics: VISITS },
  { name: 'screens', title: 'Screen sizes', label: 'Screen', metrics: VISITS },
  {
    name: 'campaigns',
    title: 'Campaigns',
    label: 'Campaign',
    metrics: VISITS,
    filter: 'campaign',
    extra: [
      { key: 'source', label: 'Source' },
      { key: 'medium', label: 'Medium' },
    ],
  },
  { name: 'events', title: 'Custom events', label: 'Event', metrics: COUNTS },
  { name: 'outbound', title: 'Outbound links', label: 'Link', metrics: COUNTS },
  { name: 'downloads', title: 'Downloads', label: 'File', metrics: COUNTS },
];

interface PanelState {
  def: BreakdownDef;
  box: HTMLElement;
  sort: MetricKey;
  order: Order;
}

/** Every breakdown panel: fetches with the view's parameters and its own sort, renders its table. */
export class Breakdowns {
  private readonly panels: PanelState[];
  private params = new URLSearchParams();

  constructor(
    container: HTMLElement,
    private readonly onPick: (key: FilterKey, value: string) => void,
  ) {
    this.panels = BREAKDOWNS.map((def) => {
      const box = h('div', { class: 'panel', 'data-breakdown': def.name });
      return { def, box, sort: def.metrics[0] ?? 'visitors', order: 'desc' as Order };
    });
    replace(
      container,
      this.panels.map((p) => p.box),
    );
  }

  /** Load every panel for a view; resolves when all are drawn (failures are shown in the panel). */
  async load(params: URLSearchParams, signal: AbortSignal): Promise<void> {
    this.params = params;
    await Promise.all(this.panels.map((panel) => this.loadPanel(panel, signal)));
  }

  private async loadPanel(panel: PanelState, signal?: AbortSignal): Promise<void> {
    const q = new URLSearchParams(this.params);
    q.set('sort', panel.sort);
    q.set('order', panel.order);
    panel.box.setAttribute('aria-busy', 'true');
    try {
      const reply = await apiGet<BreakdownReply>(`breakdown/${panel.def.name}`, q, signal);
      replace(panel.box, breakdownTable(this.spec(panel), reply.rows));
    } catch (err) {
      if (signal?.aborted) return;
      replace(panel.box, h('p', { class: 'error' }, `${panel.def.title}: ${(err as Error).message}`));
    } finally {
      panel.box.removeAttribute('aria-busy');
    }
  }

  private spec(panel: PanelState): TableSpec {
    const { def } = panel;
    const filter = def.filter;
    return {
      title: def.title,
      label: def.label,
      metrics: def.metrics,
      sort: panel.sort,
      order: panel.order,
      ...(def.extra ? { extra: def.extra } : {}),
      ...(filter ? { onPick: (value: string) => this.onPick(filter, value) } : {}),
      onSort: (metric) => {
        panel.order = panel.sort === metric && panel.order === 'desc' ? 'asc' : 'desc';
        panel.sort = metric;
        void this.loadPanel(panel).then(() => {
          // Keep focus on the heading that was clicked, now re-rendered.
          panel.box
            .querySelector<HTMLElement>(
              `th[aria-sort="${panel.order === 'desc' ? 'descending' : 'ascending'}"] button`,
            )
            ?.focus();
        });
      },
    };
  }
}
