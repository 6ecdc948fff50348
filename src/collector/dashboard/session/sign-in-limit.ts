/**
 * Wrong-token attempts per client in a fixed window: past `max`, sign-in answers 429 until the
 * window ends, so the admin token cannot be guessed at line speed. In memory: a collector restart
 * resets it, which costs an attacker a restart per window.
 */
export class SignInLimit {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const entry = this.failures.get(key);
    if (!entry || entry.until <= now) return 0;
    return entry.count >= this.max ? entry.until - now : 0;
  }

  fail(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (!entry || entry.until <= now) {
      if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a flood
      this.failures.set(key, { count: 1, until: now + this.windowMs });
    } else entry.count++;
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
