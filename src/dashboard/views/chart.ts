import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { OverviewReply } from '../api/types.js';
import { replace } from '../lib/dom.js';

let plot: uPlot | null = null;

/** A colour from the stylesheet, so the chart follows the light or dark theme. */
const cssColour = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#555';

function series(label: string, colour: string, dashed: boolean): uPlot.Series {
  return { label, stroke: colour, width: 2, ...(dashed ? { dash: [6, 4] } : {}), points: { show: false } };
}

function chartData(reply: OverviewReply): uPlot.AlignedData {
  // uPlot's x axis is in seconds; the previous period is drawn over the current one bucket by bucket.
  const prev = reply.previous_series;
  return [
    reply.series.map((p) => p.t / 1000),
    reply.series.map((p) => p.visitors),
    reply.series.map((p) => p.pageviews),
    reply.series.map((_p, i) => prev[i]?.visitors ?? null),
    reply.series.map((_p, i) => prev[i]?.pageviews ?? null),
  ];
}

/** Visitors and pageviews per bucket (minute, hour or day in the chosen zone), previous period dashed. */
export function renderChart(target: HTMLElement, reply: OverviewReply): void {
  plot?.destroy();
  replace(target);
  const visitors = cssColour('--chart-visitors');
  const pageviews = cssColour('--chart-pageviews');
  const axis: uPlot.Axis = {
    stroke: cssColour('--text'),
    grid: { stroke: cssColour('--grid'), width: 1 },
    ticks: { stroke: cssColour('--grid'), width: 1 },
  };
  const tz = reply.range.tz;
  const byDay = reply.range.interval === 'day';
  // Daily buckets get day ticks and dates only (uPlot would otherwise pick hours for a short range).
  const xAxis: uPlot.Axis = byDay
    ? { ...axis, incrs: [86_400, 2 * 86_400, 7 * 86_400, 30 * 86_400], values: '{MMM} {D}' }
    : axis;
  plot = new uPlot(
    {
      width: Math.max(320, target.clientWidth || 800),
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), tz),
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [xAxis, { ...axis }],
      series: [
        {},
        series('Visitors', visitors, false),
        series('Pageviews', pageviews, false),
        series('Visitors, previous period', visitors, true),
        series('Pageviews, previous period', pageviews, true),
      ],
    },
    chartData(reply),
    target,
  );
}

/** Keep the chart as wide as its box when the window changes. */
export function resizeChart(target: HTMLElement): void {
  plot?.setSize({ width: Math.max(320, target.clientWidth), height: 260 });
}
