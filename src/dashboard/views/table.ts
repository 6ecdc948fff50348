import type { BreakdownRow } from '../api/types.js';
import { type Child, h } from '../lib/dom.js';
import { formatCount, formatShare, valueLabel } from '../lib/format.js';

export type MetricKey = 'visitors' | 'pageviews' | 'count';
export type Order = 'desc' | 'asc';

export interface TableSpec {
  title: string;
  /** Column heading for the value (Page, Referrer, …). */
  label: string;
  metrics: MetricKey[];
  sort: MetricKey;
  order: Order;
  /** When set, a row's value is a button that filters the view by it. */
  onPick?: (value: string) => void;
  /** Extra text columns read from the row (campaign source and medium). */
  extra?: { key: 'source' | 'medium'; label: string }[];
  onSort: (metric: MetricKey) => void;
}

const METRIC_LABEL: Record<MetricKey, string> = {
  visitors: 'Visitors',
  pageviews: 'Pageviews',
  count: 'Count',
};

function headerCell(spec: TableSpec, metric: MetricKey): HTMLTableCellElement {
  const active = spec.sort === metric;
  const ariaSort = active ? (spec.order === 'desc' ? 'descending' : 'ascending') : 'none';
  const arrow = active ? (spec.order === 'desc' ? ' ↓' : ' ↑') : '';
  const button = h('button', { type: 'button', class: 'sort' }, METRIC_LABEL[metric], arrow);
  button.addEventListener('click', () => spec.onSort(metric));
  return h('th', { scope: 'col', class: 'num', 'aria-sort': ariaSort }, button);
}

function valueCell(spec: TableSpec, row: BreakdownRow): HTMLTableCellElement {
  const text = valueLabel(row.value);
  let content: Child = h('span', { class: 'value-text' }, text);
  const pick = spec.onPick;
  if (pick && row.value !== null) {
    const value = row.value;
    const button = h('button', { type: 'button', class: 'pick', title: `Filter by ${text}` }, text);
    button.addEventListener('click', () => pick(value));
    content = button;
  }
  const props = row.props?.length
    ? h(
        'ul',
        { class: 'props', 'aria-label': `Properties of ${text}` },
        row.props.map((p) => h('li', {}, `${p.key} = ${valueLabel(p.value)}`, ` (${formatCount(p.count)})`)),
      )
    : null;
  return h('th', { scope: 'row', class: 'value' }, content, props);
}

function shareCell(share: number): HTMLTableCellElement {
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
  // CSSOM, not a style attribute: the page's CSP (style-src 'self') allows this.
  bar.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  return h(
    'td',
    { class: 'share' },
    h(
      'div',
      { class: 'share-cell' },
      h('span', { class: 'bar-track' }, bar),
      h('span', {}, formatShare(share)),
    ),
  );
}

/** A breakdown as a table: value, counts (sortable), share with a bar. Values are text, never HTML. */
export function breakdownTable(spec: TableSpec, rows: BreakdownRow[]): HTMLTableElement {
  const extra = spec.extra ?? [];
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, spec.label),
    extra.map((e) => h('th', { scope: 'col' }, e.label)),
    spec.metrics.map((m) => headerCell(spec, m)),
    h('th', { scope: 'col' }, 'Share'),
  );
  const body = rows.length
    ? rows.map((row) =>
        h(
          'tr',
          {},
          valueCell(spec, row),
          extra.map((e) => h('td', {}, valueLabel(row[e.key] ?? null))),
          spec.metrics.map((m) => h('td', { class: 'num' }, formatCount(row[m] ?? 0))),
          shareCell(row.share),
        ),
      )
    : [h('tr', {}, h('td', { colspan: 2 + extra.length + spec.metrics.length }, 'No data for this view'))];
  return h(
    'table',
    { class: 'breakdown' },
    h('caption', {}, spec.title),
    h('thead', {}, head),
    h('tbody', {}, body),
  );
}
