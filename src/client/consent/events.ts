import type { Consent } from './cookie.js';
import { type ConsentChange, consentEvents } from './state.js';

/**
 * The public listener API. `consent`: each decision (accept, reject, custom, withdrawal, GPC),
 * with the new consent. `change`: every change, including `reset()`, with what was granted and
 * withdrawn. Returns the function that unsubscribes.
 */
export function on(type: 'consent', fn: (consent: Consent) => void): () => void;
export function on(type: 'change', fn: (change: ConsentChange) => void): () => void;
export function on(type: 'consent' | 'change', fn: (value: never) => void): () => void {
  const call = fn as (value: Consent | ConsentChange) => void;
  return consentEvents.on((change) => {
    if (type === 'change') call(change);
    else if (change.consent) call(change.consent);
  });
}
