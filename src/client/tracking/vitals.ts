import { config } from '../config.js';
import { hasConsent } from '../consent/state.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';
import { observeVitals, type VitalName } from './vital-metrics.js';

/** web-vitals' thresholds: good up to the first value, poor above the second. */
const THRESHOLDS: Record<VitalName, [number, number]> = {
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  INP: [200, 500],
  LCP: [2500, 4000],
  TTFB: [800, 1800],
};

let started = false;
const reported = new Set<string>();

function report(name: VitalName, value: number): void {
  if (reported.has(name)) return;
  reported.add(name);
  const [good, poor] = THRESHOLDS[name];
  const e = baseEvent('vital', 'performance');
  // CLS is a unitless score; the others are milliseconds (kept to 0.1 ms).
  const rating = value > poor ? 'poor' : value > good ? 'needs-improvement' : 'good';
  if (e) push({ ...e, metric: name, value: Math.round(value * 1e4) / 1e4, rating });
}

/**
 * Observes the five Core/Web Vitals once performance is granted (never before: observing is
 * work the visitor did not agree to). Each is reported once, with its final value and rating.
 */
export function startVitals(): void {
  // The build made with CL_VITALS=0 (benchmarks: what vitals cost) drops this body.
  if (__CL_VITALS__) {
    if (started || !config.vitals || !hasConsent('performance')) return;
    started = true;
    observeVitals(report);
  }
}
