import { createHmac } from 'node:crypto';

/**
 * Where the daily salts live. The store implements it (table `ip_salts`), so several collectors
 * behind one database share a salt; a later backend can keep them anywhere else.
 */
export interface SaltSource {
  /** The salt of `day` (YYYY-MM-DD, UTC), created at random on first use. */
  ipSalt(day: string): Promise<Buffer>;
}

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The salt of today (UTC), remembered for the day so a batch costs no lookup. */
export class DailySalt {
  private day = '';
  private salt: Promise<Buffer> | undefined;

  constructor(
    private readonly source: SaltSource,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<Buffer> {
    const day = utcDay(this.now());
    if (day !== this.day || !this.salt) {
      this.day = day;
      this.salt = this.source.ipSalt(day);
      // A failed lookup must not stick for the whole day.
      this.salt.catch(() => {
        this.salt = undefined;
      });
    }
    return this.salt;
  }
}

/**
 * HMAC-SHA256(salt, ip ‖ user agent ‖ site), 32 hex chars. Keyed with a secret salt: without the
 * salt the 2^32 IPv4 space cannot be enumerated to reverse a hash; once the salt is deleted, nobody
 * can, not even the operator.
 */
export function hashIp(salt: Buffer, ip: string, userAgent: string | null, site: string): string {
  return createHmac('sha256', salt)
    .update(`${ip}\u0000${userAgent ?? ''}\u0000${site}`)
    .digest('hex')
    .slice(0, 32);
}
