import type { Rating, VitalMetric, VitalSummary } from './types.js';

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

/**
 * A metric's p75 over `samples` values, rated. The p75 is the nearest rank (the sample at rank
 * ceil(0.75 n)), ranked by the store (in SQL for SQLite).
 */
export function summaryOf(metric: VitalMetric, p75: number, samples: number): VitalSummary {
  return { p75, rating: rate(metric, p75), samples };
}
