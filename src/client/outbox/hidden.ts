import { batches } from './batches.js';
import { inFlight, mine } from './store.js';
import { beacon } from './transport.js';

/** Beaconed since the page was last visible: `visibilitychange` and `pagehide` both fire. */
const beaconed = new Set<string>();

/**
 * The page is hidden or leaving: hand this page's unacknowledged events to `sendBeacon`, which
 * outlives it. They stay queued, and the next page (or this one, if it becomes visible again)
 * confirms them with a normal send; the collector ignores the repeat.
 */
export function beaconAll(): void {
  const events = [...mine.values()].map((r) => r.e).filter((e) => !inFlight.has(e.id) && !beaconed.has(e.id));
  for (const batch of batches(events)) if (beacon(batch)) for (const e of batch) beaconed.add(e.id);
}

export const forgetBeaconed = (): void => beaconed.clear();
