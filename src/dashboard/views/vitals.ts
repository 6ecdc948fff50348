import { type Rating, VITAL_METRICS, type VitalSummary, type VitalsReply } from '../api/types.js';
import { h, replace } from '../lib/dom.js';
import { formatCount, formatVital, valueLabel } from '../lib/format.js';

const RATING_LABEL: Record<Rating, string> = {
  good: 'Good',
  'needs-improvement': 'Needs improvement',
  poor: 'Poor',
};

/** A p75 with its rating in words as well as colour (the colour alone would fail some readers). */
function vitalCell(metric: string, summary: VitalSummary | null | undefined): HTMLTableCellElement {
  if (!summary) return h('td', { class: 'vital none' }, '—');
  const rating = RATING_LABEL[summary.rating] ?? summary.rating;
  return h(
    'td',
    { class: `vital ${summary.rating}`, title: `${formatCount(summary.samples)} samples` },
    h('span', { class: 'vital-value' }, formatVital(metric, summary.p75)),
    ' ',
    h('span', { class: 'rating' }, rating),
  );
}

/** p75 of each web vital overall and per page, rated by web.dev's thresholds (done by the API). */
export function renderVitals(target: HTMLElement, reply: VitalsReply): void {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Page'),
    VITAL_METRICS.map((m) => h('th', { scope: 'col' }, m)),
  );
  const overall = h(
    'tr',
    { class: 'overall' },
    h('th', { scope: 'row' }, 'All pages'),
    VITAL_METRICS.map((m) => vitalCell(m, reply.overall[m])),
  );
  const pages = reply.pages.map((page) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', class: 'value' }, valueLabel(page.value)),
      VITAL_METRICS.map((m) => vitalCell(m, page[m])),
    ),
  );
  replace(
    target,
    h(
      'table',
      { class: 'vitals' },
      h('caption', {}, 'p75 per metric: good, needs improvement or poor by web.dev thresholds'),
      h('thead', {}, head),
      h('tbody', {}, overall, pages),
    ),
  );
}
