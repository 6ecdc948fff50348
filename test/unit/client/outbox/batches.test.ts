import { describe, expect, it } from 'vitest';
import { backoff } from '../../../../src/client/outbox/backoff.js';
import { batches } from '../../../../src/client/outbox/batches.js';
import { LIMITS, type WireEvent } from '../../../../src/shared/index.js';

const event = (i: number, size = 0): WireEvent => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: 'event',
  category: 'analytics',
  ts: 1,
  url: `https://site.example/${'é'.repeat(size)}`,
});
const body = (events: WireEvent[]) => new Blob([JSON.stringify({ v: 1, site: 'x'.repeat(64), events })]).size;

describe('batches', () => {
  it('keeps every batch under the 64 KiB beacon limit, counting UTF-8 bytes, in order', () => {
    // 2-byte characters: counting string length instead of bytes would overflow.
    const events = Array.from({ length: 40 }, (_, i) => event(i, 2000));
    const out = batches(events);
    expect(out.length).toBeGreaterThan(1);
    for (const b of out) expect(body(b)).toBeLessThan(LIMITS.bodyBytes);
    expect(out.flat()).toEqual(events);
  });

  it('puts at most eventsPerBatch events in one batch', () => {
    const out = batches(Array.from({ length: 250 }, (_, i) => event(i)));
    expect(out.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('returns no batch for no events', () => {
    expect(batches([])).toEqual([]);
  });
});

describe('backoff', () => {
  it('doubles from the base, with jitter between half and the full delay, up to the cap', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const full = Math.min(60_000, 1000 * 2 ** (failures - 1));
      for (let i = 0; i < 20; i++) {
        const d = backoff(failures, 1000, 60_000, 0);
        expect(d).toBeGreaterThanOrEqual(full / 2);
        expect(d).toBeLessThanOrEqual(full);
      }
    }
  });

  it('never retries before Retry-After', () => {
    expect(backoff(1, 100, 1000, 30_000)).toBe(30_000);
  });
});
