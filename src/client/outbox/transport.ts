import { type EventBatch, PATHS, type WireEvent } from '../../shared/index.js';
import { config } from '../config.js';
import { postJson } from '../lib/post.js';
import { safeRun } from '../lib/safeRun.js';
import { canSend } from './gate.js';

/** The collector's answer: `s` the status (0 = no answer), `r` its Retry-After in ms (or 0). */
export interface Answer {
  s: number;
  r: number;
}

/**
 * Where to send a batch and its body, or `undefined` when the gate leaves nothing to send. Each
 * event is re-checked here too, so no caller can get around the gate.
 */
function request(events: WireEvent[]): [string, EventBatch] | undefined {
  const allowed = events.filter((e) => canSend(e.category));
  if (!allowed.length) return undefined;
  return [config.collector + PATHS.events, { v: 1, site: config.site, events: allowed }];
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(value: string | null): number {
  if (!value) return 0;
  const ms = Number.isNaN(+value) ? Date.parse(value) - Date.now() : +value * 1000;
  return Math.max(ms, 0);
}

/** POSTs one batch, with keepalive. Never rejects and never throws: the queue decides what to retry. */
export async function post(events: WireEvent[]): Promise<Answer> {
  const req = request(events);
  const answer = { s: req ? 0 : 204, r: 0 };
  if (req) {
    try {
      const res = await postJson(req[0], req[1], true);
      answer.s = res.status;
      // Reading the body ends the request: until then Chrome counts it against the keepalive quota.
      await res.text();
      answer.r = retryAfter(res.headers.get('Retry-After'));
    } catch {
      // No answer (s 0), or an unreadable body (r 0): the queue retries or acts on the status.
    }
  }
  return answer;
}

/** Queues one batch with `sendBeacon` (page hidden or leaving); `true` if the browser took it. */
export function beacon(events: WireEvent[]): boolean {
  const req = request(events);
  // A string body goes out as text/plain;charset=UTF-8: no preflight.
  return !!req && !!safeRun(() => navigator.sendBeacon(req[0], JSON.stringify(req[1])));
}
