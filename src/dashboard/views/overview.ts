import type { OverviewReply } from '../api/types.js';
import { byId, h, replace } from '../lib/dom.js';
import { formatCount } from '../lib/format.js';
import { renderChart } from './chart.js';
import { renderTotals } from './totals.js';

/** A bucket's start as the chosen zone reads it: `Nov 27`, `Nov 27, 14:00`. */
function bucketLabel(reply: OverviewReply): (t: number) => string {
  const { tz, interval } = reply.range;
  const format = new Intl.DateTimeFormat('en', {
    timeZone: tz,
    month: 'short',
    day: 'numeric',
    ...(interval === 'day' ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  });
  return (t) => format.format(new Date(t));
}

/** The chart's numbers as a table, for readers who cannot see the canvas. */
function chartTable(reply: OverviewReply): HTMLTableElement {
  const label = bucketLabel(reply);
  const head = ['Time', 'Visitors', 'Pageviews', 'Visitors, previous', 'Pageviews, previous'];
  return h(
    'table',
    { class: 'chart-data' },
    h('caption', {}, `Visitors and pageviews per ${reply.range.interval} (${reply.range.tz})`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((text) => h('th', { scope: 'col' }, text)),
      ),
    ),
    h(
      'tbody',
      {},
      reply.series.map((p, i) => {
        const prev = reply.previous_series[i];
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, label(p.t)),
          [p.visitors, p.pageviews, prev?.visitors ?? 0, prev?.pageviews ?? 0].map((n) =>
            h('td', { class: 'num' }, formatCount(n)),
          ),
        );
      }),
    ),
  );
}

/** The overview: numbers with their change, the chart, its caption and its data. */
export function renderOverview(reply: OverviewReply): void {
  renderTotals(byId('totals'), reply.totals, reply.previous);
  renderChart(byId('chart'), reply);
  byId('chart-caption').textContent =
    `Visitors and pageviews per ${reply.range.interval} in ${reply.range.tz}; dashed lines: the previous period.`;
  replace(byId('chart-data'), chartTable(reply));
}
