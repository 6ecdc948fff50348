import { describe, expect, it } from 'vitest';
import { Lru } from '../../../../src/collector/lib/lru.js';

describe('Lru', () => {
  it('forgets the least recently used entry first, reads count as use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3); // evicts b, not a
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('expires entries after their TTL on the given clock', () => {
    let now = 1000;
    const lru = new Lru<string, string>(10, 50, () => now);
    lru.set('k', 'v');
    now = 1049;
    expect(lru.get('k')).toBe('v');
    now = 1050;
    expect(lru.get('k')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('never reads the clock without a TTL (the ingest caches)', () => {
    const lru = new Lru<string, number>(10, Number.POSITIVE_INFINITY, () => {
      throw new Error('clock read');
    });
    lru.set('k', 1);
    expect(lru.get('k')).toBe(1);
    expect(lru.get('missing')).toBeUndefined();
  });
});
