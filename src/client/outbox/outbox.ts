import { WIRE_VERSION, type WireEvent } from '../../shared/index.js';
import { getConfig } from '../config.js';
import { canSend } from './gate.js';
import { send } from './transport.js';

/**
 * Hands one event to the outbox. For now it goes straight to the transport; the IndexedDB queue
 * with batching and retries will replace this body, not its callers. Returns `false` when the
 * gate refused the event: nothing is queued or kept before consent.
 */
export function push(event: WireEvent): boolean {
  const config = getConfig();
  if (!config || !canSend(event.category)) return false;
  void send({ v: WIRE_VERSION, site: config.site, events: [event] });
  return true;
}
