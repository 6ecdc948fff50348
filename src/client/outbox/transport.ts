import { PATHS, type WireEvent } from '../../shared/index.js';
import { getConfig } from '../config.js';
import { safeRun } from '../lib/safeRun.js';
import { canSend } from './gate.js';

/** The collector's answer: `s` the status (0 = no answer), `r` its Retry-After in ms (or 0). */
export interface Answer {
  s: number;
  r: number;
}

/** The body of one batch, or `undefined` when the gate leaves nothing to send. */
export function body(events: WireEvent[]): string | undefined {
  const config = getConfig();
  // Re-check each event here too, so no caller can get around the gate.
  const allowed = events.filter((e) => canSend(e.category));
  if (!config || !allowed.length) return undefined;
  return JSON.stringify({ v: 1, site: config.site, events: allowed });
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(value: string | null): number {
  if (!value) return 0;
  const ms = Number.isNaN(+value) ? Date.parse(value) - Date.now() : +value * 1000;
  return Math.max(ms, 0);
}

/**
 * POSTs one batch. Never rejects and never throws: the queue decides what to retry.
 *
 * `text/plain` is a CORS-safelisted type, so there is no preflight; `keepalive` lets the request
 * outlive the page; `credentials: 'omit'` keeps the site's cookies away from the collector, which
 * gets every id it needs in the payload.
 */
export function post(events: WireEvent[]): Promise<Answer> {
  const config = getConfig();
  const data = body(events);
  if (!config || !data) return Promise.resolve({ s: 204, r: 0 });
  const request = safeRun(() =>
    fetch(config.collector + PATHS.events, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: data,
    }).then(
      // Reading the body ends the request: until then Chrome counts it against the keepalive quota.
      (res) =>
        res.text().then(
          () => ({ s: res.status, r: retryAfter(res.headers.get('Retry-After')) }),
          () => ({ s: res.status, r: 0 }),
        ),
      () => ({ s: 0, r: 0 }),
    ),
  );
  return request || Promise.resolve({ s: 0, r: 0 });
}

/** Queues one batch with `sendBeacon` (page hidden or leaving); `true` if the browser took it. */
export function beacon(events: WireEvent[]): boolean {
  const config = getConfig();
  const data = body(events);
  // A string body goes out as text/plain;charset=UTF-8: no preflight.
  return !!config && !!data && !!safeRun(() => navigator.sendBeacon(config.collector + PATHS.events, data));
}
