/**
 * A minimal Prometheus registry: counters with bounded label values and one latency histogram.
 * Enough for `/metrics` without a dependency; values live in the process (each collector behind a
 * load balancer is scraped on its own, which is how Prometheus expects it).
 */
const HELP = {
  consentlog_events_received_total: 'Events received in batches (valid or not).',
  consentlog_events_stored_total: 'Events newly committed to the store.',
  consentlog_events_duplicate_total: 'Events whose id was already stored (client resends).',
  consentlog_events_rejected_total: 'Events refused, by reason.',
  consentlog_batches_total: 'Batches answered on POST /v1/events, by HTTP status.',
  consentlog_requests_rejected_total: 'Whole requests refused before their events were read, by error code.',
  consentlog_batch_duration_seconds: 'Time from request to reply on POST /v1/events, committed.',
} as const;

export type MetricName = keyof typeof HELP;
type Labels = Record<string, string>;

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const labelKey = (labels: Labels): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

export class Metrics {
  private readonly counters = new Map<MetricName, Map<string, number>>();
  private readonly buckets = BUCKETS.map(() => 0);
  private sum = 0;
  private count = 0;

  inc(name: MetricName, labels: Labels = {}, by = 1): void {
    if (by === 0) return;
    const series = this.counters.get(name) ?? new Map<string, number>();
    const key = labelKey(labels);
    series.set(key, (series.get(key) ?? 0) + by);
    this.counters.set(name, series);
  }

  /** Observe one batch latency, in seconds. */
  observe(seconds: number): void {
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
    this.sum += seconds;
    this.count += 1;
  }

  /** The value of one series (tests and /readyz use it). */
  value(name: MetricName, labels: Labels = {}): number {
    return this.counters.get(name)?.get(labelKey(labels)) ?? 0;
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const name of Object.keys(HELP) as MetricName[]) {
      if (name === 'consentlog_batch_duration_seconds') continue;
      lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} counter`);
      const series = this.counters.get(name);
      if (!series?.size) lines.push(`${name} 0`);
      for (const [key, value] of series ?? []) lines.push(`${name}${key ? `{${key}}` : ''} ${value}`);
    }
    const h = 'consentlog_batch_duration_seconds';
    lines.push(`# HELP ${h} ${HELP[h]}`, `# TYPE ${h} histogram`);
    BUCKETS.forEach((le, i) => {
      lines.push(`${h}_bucket{le="${le}"} ${this.buckets[i]}`);
    });
    lines.push(`${h}_bucket{le="+Inf"} ${this.count}`, `${h}_sum ${this.sum}`, `${h}_count ${this.count}`);
    return `${lines.join('\n')}\n`;
  }
}
