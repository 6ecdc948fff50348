/**
 * A bounded cache for the ingest path: two generations of at most `max / 2` entries each. Reads
 * look in the current generation, then in the previous one (moving a hit forward); when the current
 * one is full it becomes the previous one and the oldest generation is dropped. So an entry read at
 * least once per generation stays, one that was not is forgotten: least-recently-used in effect,
 * with a hit costing one Map lookup. An exact LRU (`Lru`) deletes and re-inserts on every hit,
 * which at ~30 reads per request showed as 5% of the collector's main thread.
 */
export class RecentCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generation: number;

  constructor(max: number) {
    this.generation = Math.max(1, Math.floor(max / 2));
  }

  /** `undefined` when absent (so `undefined` is not a value to cache; `null` and `false` are). */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old === undefined) return undefined;
    this.previous.delete(key);
    this.add(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.has(key)) this.current.set(key, value);
    else {
      this.previous.delete(key);
      this.add(key, value);
    }
  }

  /** Entries held (never more than `max`). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  private add(key: K, value: V): void {
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
