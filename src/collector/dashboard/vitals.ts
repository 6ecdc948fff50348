import {
  type Rating,
  VITAL_METRICS,
  type VitalMetric,
  type VitalSummary,
  type VitalsByMetric,
} from './types.js';

/**
 * web.dev's thresholds (https://web.dev/articles/vitals): at or below `good` is good, above `poor`
 * is poor, between needs improvement. Milliseconds, except CLS (unitless).
 */
export const VITAL_THRESHOLDS: Record<VitalMetric, { good: number; poor: number }> = {
  LCP: { good: 2500, poor: 4000 },
  INP: { good: 200, poor: 500 },
  CLS: { good: 0.1, poor: 0.25 },
  FCP: { good: 1800, poor: 3000 },
  TTFB: { good: 800, poor: 1800 },
};

export function rate(metric: VitalMetric, value: number): Rating {
  const t = VITAL_THRESHOLDS[metric];
  return value <= t.good ? 'good' : value > t.poor ? 'poor' : 'needs-improvement';
}

/** The 75th percentile by nearest rank (the value at or below which 75% of samples fall). */
export function p75(sortedAscending: readonly number[]): number {
  const rank = Math.ceil(0.75 * sortedAscending.length);
  return sortedAscending[Math.max(0, rank - 1)] ?? 0;
}

export function summarise(metric: VitalMetric, sortedAscending: readonly number[]): VitalSummary | null {
  if (!sortedAscending.length) return null;
  const value = p75(sortedAscending);
  return { p75: value, rating: rate(metric, value), samples: sortedAscending.length };
}

/** Per metric, from samples each sorted ascending. */
export function byMetric(samples: ReadonlyMap<string, number[]>): VitalsByMetric {
  const out = {} as VitalsByMetric;
  for (const metric of VITAL_METRICS) out[metric] = summarise(metric, samples.get(metric) ?? []);
  return out;
}
