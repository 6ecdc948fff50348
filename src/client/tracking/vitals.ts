import { config } from '../config.js';
import { hasConsent } from '../consent/state.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';
import { observeVitals, type VitalName } from './vital-metrics.js';

let started = false;
const reported = new Set<string>();

function report(name: VitalName, value: number): void {
  if (reported.has(name)) return;
  reported.add(name);
  const e = baseEvent('vital', 'performance');
  // CLS is a unitless score; the others are milliseconds (kept to 0.1 ms).
  if (e) push({ ...e, metric: name, value: Math.round(value * 1e4) / 1e4 });
}

/**
 * Observes the five Core/Web Vitals once performance is granted (never before: observing is
 * work the visitor did not agree to). Each is reported once, with its final value; the collector
 * rates it (good, needs improvement, poor), which keeps the thresholds out of the script (-107 B).
 */
export function startVitals(): void {
  // The build made with CL_VITALS=0 (benchmarks: what vitals cost) drops this body.
  if (__CL_VITALS__) {
    if (started || !config.vitals || !hasConsent('performance')) return;
    started = true;
    observeVitals(report);
  }
}
