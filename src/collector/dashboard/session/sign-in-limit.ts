/** Wrong-token attempts per client in a fixed window; past the maximum, sign-in answers 429. */
export interface SignInLimiter {
  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string, now: number): Promise<number>;
  fail(key: string, now: number): Promise<void>;
  succeed(key: string): Promise<void>;
}

/** Makes the limiter of one collector: `max` wrong tokens per `windowMs`. */
export type SignInLimiterFactory = (max: number, windowMs: number) => SignInLimiter;

/**
 * The limiter in memory, for one collector on SQLite: a restart resets it, which costs an attacker
 * a restart per window. Collectors sharing PostgreSQL use the database instead (one limit for all).
 */
export class SignInLimit implements SignInLimiter {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  async blockedFor(key: string, now: number): Promise<number> {
    const entry = this.failures.get(key);
    if (!entry || entry.until <= now) return 0;
    return entry.count >= this.max ? entry.until - now : 0;
  }

  async fail(key: string, now: number): Promise<void> {
    const entry = this.failures.get(key);
    if (!entry || entry.until <= now) {
      if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a flood
      this.failures.set(key, { count: 1, until: now + this.windowMs });
    } else entry.count++;
  }

  async succeed(key: string): Promise<void> {
    this.failures.delete(key);
  }
}
