import { LIMITS, type WireEvent } from '../../shared/index.js';

/** Room for the envelope (`{"v":1,"site":…,"events":[]}`) under the 64 KiB beacon limit. */
const MAX_BYTES = LIMITS.bodyBytes - 1024;

const utf8 = new TextEncoder();
/** UTF-8 length. Not `new Blob([s]).size`: each Blob costs Chrome an IPC round trip. */
const bytes = (s: string): number => utf8.encode(s).length;

/**
 * Cuts events into batches the collector accepts: at most `eventsPerBatch` events and, with the
 * envelope, under the 64 KiB `sendBeacon` / keepalive limit. An event too large on its own
 * (the client never builds one) still gets a batch, so the collector's 413 can drop it.
 */
export function batches(events: WireEvent[]): WireEvent[][] {
  const out: WireEvent[][] = [];
  let batch: WireEvent[] = [];
  let size = 0;
  for (const e of events) {
    const n = bytes(JSON.stringify(e)) + 1;
    if (batch.length && (size + n > MAX_BYTES || batch.length >= LIMITS.eventsPerBatch)) {
      out.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(e);
    size += n;
  }
  if (batch.length) out.push(batch);
  return out;
}
