import { type Metric, onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { getConfig } from '../config.js';
import { hasConsent } from '../consent/state.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';

let started = false;

function report(m: Metric): void {
  const e = baseEvent('vital', 'performance');
  // CLS is a unitless score; the others are milliseconds (kept to 0.1 ms).
  if (e) push({ ...e, metric: m.name, value: Math.round(m.value * 1e4) / 1e4, rating: m.rating });
}

/**
 * Observes the five Core/Web Vitals once performance is granted (never before: observing is
 * work the visitor did not agree to). Each is reported once, with its final value and rating.
 */
export function startVitals(): void {
  // The build made with CL_VITALS=0 (benchmarks: what vitals cost) drops this body and web-vitals.
  if (__CL_VITALS__) {
    const config = getConfig();
    if (started || !config || !config.vitals || !hasConsent('performance')) return;
    started = true;
    for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(report);
  }
}
