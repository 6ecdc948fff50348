import { safeRun } from '../lib/safeRun.js';
import { anyGranted } from './gate.js';
import { forgetBeaconed } from './hidden.js';
import { beaconAll, flush, leaving, paused, retryNow, schedule } from './outbox.js';

/**
 * Wires the outbox to the page's life cycle. `pagehide` and `visibilitychange`, never `unload`
 * (it keeps pages out of the back/forward cache). The first flush confirms what earlier pages
 * queued or beaconed.
 */
export function startOutbox(): void {
  addEventListener('pagehide', (e) => {
    leaving._on = true;
    beaconAll();
    if (e.persisted) paused._on = true;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') return beaconAll();
    forgetBeaconed();
    leaving._on = false;
    schedule(0);
  });
  addEventListener('online', retryNow);
  // Nothing granted: queued events (of a consent that expired or was reset) can never be sent,
  // so they go with their database, and none is created before consent.
  if (anyGranted()) void flush();
  else safeRun(() => indexedDB.deleteDatabase('consentlog'));
}
