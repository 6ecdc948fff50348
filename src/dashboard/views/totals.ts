import type { Totals } from '../api/types.js';
import { h, replace } from '../lib/dom.js';
import { formatChange, formatCount, formatDuration, formatShare } from '../lib/format.js';

interface Metric {
  key: keyof Totals;
  label: string;
  format: (n: number) => string;
  isRate?: boolean;
}

const METRICS: Metric[] = [
  { key: 'visitors', label: 'Visitors', format: formatCount },
  { key: 'pageviews', label: 'Pageviews', format: formatCount },
  { key: 'visits', label: 'Visits', format: formatCount },
  { key: 'bounce_rate', label: 'Bounce rate', format: formatShare, isRate: true },
  { key: 'visit_duration_ms', label: 'Visit duration', format: formatDuration },
];

/** The overview numbers, each with its change against the previous period of equal length. */
export function renderTotals(target: HTMLElement, totals: Totals, previous: Totals): void {
  replace(
    target,
    METRICS.map((m) =>
      h(
        'div',
        { class: 'total', 'data-metric': m.key },
        h('dt', {}, m.label),
        h('dd', { class: 'value' }, m.format(totals[m.key])),
        h(
          'dd',
          { class: 'change', title: `previous period: ${m.format(previous[m.key])}` },
          formatChange(totals[m.key], previous[m.key], m.isRate),
        ),
      ),
    ),
  );
}
