/**
 * A bounded map that forgets the least recently used entry first, with an optional time to live.
 * The reverse-DNS cache uses it so hostile input cannot grow memory without bound; the per-event
 * caches of the ingest path use the cheaper RecentCache.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    // Without a TTL, skip the clock: caches on the ingest path are read ~30 times per request.
    if (entry.expires !== Number.POSITIVE_INFINITY && entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry); // re-insert: Map keeps insertion order, so this marks it recent
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    const expires = this.ttlMs === Number.POSITIVE_INFINITY ? this.ttlMs : this.now() + this.ttlMs;
    this.entries.set(key, { value, expires });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
