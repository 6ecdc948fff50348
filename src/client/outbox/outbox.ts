import type { WireEvent } from '../../shared/index.js';
import { config } from '../config.js';
import { backoff } from './backoff.js';
import { batches } from './batches.js';
import { anyGranted, canSend } from './gate.js';
import { beaconAll } from './hidden.js';
import { counters } from './stats.js';

export { beaconAll };

import { withLock } from './lock.js';
import { all, inFlight, mine, put, type Rec, remove } from './store.js';
import { post } from './transport.js';

let timer: ReturnType<typeof setTimeout> | undefined;
let due = 0;
/** No send before this time (backoff, Retry-After), whatever triggers a flush. */
let notBefore = 0;
let failures = 0;
let busy = false;
/** A flush was asked for while one ran: run again after it, for events it did not read. */
let again = false;
/** Set while the page sits in the back/forward cache: nothing leaves before consent is re-read. */
export const paused = { _on: false };
/** Set from `pagehide` until the page shows again: events then leave by beacon at once. */
export const leaving = { _on: false };

/** Resumes after a back/forward-cache restore, once consent was read again. */
export function resume(): void {
  paused._on = false;
  leaving._on = false;
  schedule(0);
}

/** Flushes in `ms`, unless a flush is already due sooner; never before `notBefore`. */
export function schedule(ms: number): void {
  const at = Math.max(Date.now() + ms, notBefore);
  if (timer && due <= at) return;
  clearTimeout(timer);
  due = at;
  timer = setTimeout(flush, at - Date.now());
}

/**
 * Hands one event to the outbox. Returns `false` when the gate refused it: nothing is queued or
 * kept before consent. The event is written to IndexedDB first and sent from there; a hidden
 * page beacons it at once too, since it may be frozen before the write completes.
 */
export function push(event: WireEvent): boolean {
  if (!canSend(event.category)) return false;
  const saved = put({ e: event, t: Date.now() });
  if (document.visibilityState === 'hidden' || leaving._on) Promise.resolve().then(beaconAll);
  else saved.then(() => schedule(0));
  return true;
}

/** Sends everything queued, batch after batch, in the one tab that holds the outbox lock. */
export async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  if (busy) again = true;
  if (busy || paused._on || !anyGranted()) return;
  if (Date.now() < notBefore) return schedule(0);
  busy = true;
  try {
    const done = await withLock(sendAll);
    // Another tab held the lock, or events remain (a retry is already scheduled then).
    if (!done) schedule(config.flushIntervalMs);
  } finally {
    busy = false;
    if (again) schedule(0);
    again = false;
  }
}

/** Applies the bounds and the gate, then delivers; `true` when the queue was emptied. */
async function sendAll(): Promise<boolean> {
  const recs = await all();
  const keep = await bound(recs, config.maxQueue, config.maxAgeHours * 36e5);
  for (const batch of batches(keep.map((r) => r.e))) {
    if (!(await deliver(batch))) return false;
  }
  return true;
}

/** Drops what the age and count bounds, or a withdrawn consent, no longer allow. */
async function bound(recs: Rec[], maxCount: number, maxAge: number): Promise<Rec[]> {
  const old = Date.now() - maxAge;
  const drop: string[] = [];
  const keep = recs.filter((r) => {
    const ok = r.t >= old && canSend(r.e.category);
    if (!ok) {
      drop.push(r.e.id);
      if (r.t < old) counters.expired++;
      else purged(r.e.id);
    }
    return ok;
  });
  const over = keep.length - maxCount;
  if (over > 0) {
    counters.overflow += over;
    for (const r of keep.splice(0, over)) drop.push(r.e.id);
  }
  await remove(drop);
  return keep;
}

/** Sends one batch and acts on the answer; `false` stops this flush (a retry is scheduled). */
async function deliver(events: WireEvent[]): Promise<boolean> {
  const ids = events.map((e) => e.id);
  for (const id of ids) inFlight.add(id);
  const { s, r } = await post(events);
  for (const id of ids) inFlight.delete(id);
  if (s >= 200 && s < 300) {
    counters.sent += ids.length;
    failures = 0;
    await remove(ids);
    return true;
  }
  if (s === 413 && events.length > 1) {
    const half = events.length >> 1;
    return (await deliver(events.slice(0, half))) && deliver(events.slice(half));
  }
  if (!s || s >= 500 || s === 408 || s === 429) {
    counters.retries++;
    failures++;
    notBefore = Date.now() + backoff(failures, config.retryBaseMs, config.retryMaxMs, r);
    schedule(0);
    return false;
  }
  // Any other 4xx: resending the same bytes cannot succeed.
  console.warn(`consentlog: dropped ${ids.length} (HTTP ${s})`);
  counters.invalid += ids.length;
  await remove(ids);
  return true;
}

/** Sends right away after `online`: the network is back, the old backoff no longer says much. */
export function retryNow(): void {
  failures = 0;
  notBefore = 0;
  void flush();
}

/** A withdrawal and a flush may both remove one event: count each event once. */
const purgedIds = new Set<string>();
function purged(id: string): void {
  purgedIds.add(id);
  counters.purged = purgedIds.size;
}

/** Removes queued events of withdrawn categories, here and in every tab's shared queue. */
export async function purge(categories: string[]): Promise<void> {
  const gone = (await all()).filter((r) => categories.includes(r.e.category)).map((r) => r.e.id);
  for (const [id, r] of mine) if (categories.includes(r.e.category)) gone.push(id);
  for (const id of gone) purged(id);
  await remove(gone);
}
