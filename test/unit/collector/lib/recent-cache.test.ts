import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../../../src/collector/lib/recent-cache.js';

describe('RecentCache', () => {
  it('never holds more than its bound, whatever is written', () => {
    const cache = new RecentCache<number, number>(10);
    for (let i = 0; i < 1000; i++) cache.set(i, i);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(999)).toBe(999);
    expect(cache.get(0)).toBeUndefined();
  });

  it('keeps an entry that is read in every generation, forgets one that is not', () => {
    const cache = new RecentCache<string, number>(4); // generations of 2
    cache.set('hot', 1);
    cache.set('cold', 2);
    for (let i = 0; i < 20; i++) {
      expect(cache.get('hot')).toBe(1);
      cache.set(`filler-${i}`, i);
    }
    expect(cache.get('hot')).toBe(1);
    expect(cache.get('cold')).toBeUndefined();
  });

  it('caches null and false as values, not as misses', () => {
    const cache = new RecentCache<string, boolean | null>(4);
    cache.set('no', false);
    cache.set('none', null);
    expect(cache.get('no')).toBe(false);
    expect(cache.get('none')).toBeNull();
    expect(cache.get('absent')).toBeUndefined();
  });

  it('overwrites a value in place, without holding the key twice', () => {
    const cache = new RecentCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // 'a' and 'b' move to the previous generation
    cache.set('a', 10);
    expect(cache.get('a')).toBe(10);
    expect(cache.size).toBe(3);
  });
});
