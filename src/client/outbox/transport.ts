import { type EventBatch, PATHS } from '../../shared/index.js';
import { getConfig } from '../config.js';
import { safeRun } from '../lib/safeRun.js';
import { canSend } from './gate.js';

/**
 * POSTs one batch to the collector; resolves `true` on a 2xx. Never rejects and never throws:
 * the durable outbox (later) decides what to retry from the result.
 *
 * `text/plain` is a CORS-safelisted type, so there is no preflight; `keepalive` lets the request
 * outlive the page; `credentials: 'omit'` keeps the site's cookies away from the collector, which
 * gets every id it needs in the payload.
 */
export function send(batch: EventBatch): Promise<boolean> {
  const config = getConfig();
  // Re-check each event here too, so no caller can get around the gate.
  const events = batch.events.filter((e) => canSend(e.category));
  if (!config || !events.length) return Promise.resolve(false);
  const request = safeRun(() =>
    fetch(config.collector + PATHS.events, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ ...batch, events }),
    }).then(
      (response) => response.ok,
      () => false,
    ),
  );
  return request || Promise.resolve(false);
}
