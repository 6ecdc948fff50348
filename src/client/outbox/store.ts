import type { WireEvent } from '../../shared/index.js';
import { getAll, write } from './idb.js';

/** A queued event and when it was queued (epoch ms), for the age bound. */
export interface Rec {
  e: WireEvent;
  t: number;
}

/**
 * Where queued events live until the collector acknowledges them: IndexedDB (`idb.ts`), shared
 * by every tab and page of the site. `mine` mirrors the events this page queued and not yet saw
 * acknowledged: `pagehide` must beacon them synchronously, with no time to read IndexedDB. Without
 * IndexedDB (some private modes, blocked storage), `mine` is the whole queue: events then survive
 * the page only by beacon.
 */
export const mine = new Map<string, Rec>();
/** Events in a keepalive request right now: `pagehide` need not beacon them. */
export const inFlight = new Set<string>();
let memoryOnly = false;

/** Runs an IndexedDB call; the first failure switches this page to memory for good. */
function use<T>(fn: () => Promise<T>): Promise<T | undefined> {
  if (memoryOnly) return Promise.resolve(undefined);
  return new Promise<T>((ok) => ok(fn())).catch(() => {
    memoryOnly = true;
    return undefined;
  });
}

let batch: Rec[] | undefined;
let written: Promise<unknown> = Promise.resolve();

/** Queues one event. Events queued in the same task share one IndexedDB transaction. */
export function put(rec: Rec): Promise<unknown> {
  mine.set(rec.e.id, rec);
  if (!batch) {
    const recs: Rec[] = [];
    batch = recs;
    written = Promise.resolve().then(() => {
      batch = undefined;
      return use(() => write(recs.map((r) => [r.e.id, r])));
    });
  }
  batch.push(rec);
  return written;
}

/** Every queued event of the site, oldest first. */
export async function all(): Promise<Rec[]> {
  const recs = (await use(() => getAll<Rec>())) || [...mine.values()];
  return recs.sort((a, b) => a.t - b.t);
}

export function remove(ids: string[]): Promise<unknown> {
  for (const id of ids) mine.delete(id);
  return ids.length ? use(() => write(ids.map((id) => [id]))) : Promise.resolve();
}
