import type pg from 'pg';

export interface RateLimitHit {
  /** Requests in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * State collectors share through PostgreSQL so that N of them behave as one: rate-limit windows
 * and the admin token's hash.
 */
export function sharedStateQueries(pool: pg.Pool) {
  return {
    /**
     * Count one request of `key` (already a keyed hash, never an address) in a fixed window: one
     * atomic upsert, so concurrent collectors never lose a hit.
     */
    async rateLimitHit(key: string, windowMs: number, now: number = Date.now()): Promise<RateLimitHit> {
      const { rows } = await pool.query<{ hits: number; reset_at: number }>(
        `INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.reset_at <= $2::bigint THEN 1 ELSE r.hits + 1 END,
           reset_at = CASE WHEN r.reset_at <= $2 THEN $2::bigint + $3::bigint ELSE r.reset_at END
         RETURNING hits, reset_at`,
        [key, now, windowMs],
      );
      const row = rows[0] as { hits: number; reset_at: number };
      return { current: row.hits, ttl: Math.max(0, row.reset_at - now) };
    },
    /** The window of `key` while it lasts, without counting a hit; null when none is open. */
    async rateLimitPeek(key: string, now: number = Date.now()): Promise<RateLimitHit | null> {
      const { rows } = await pool.query<{ hits: number; reset_at: number }>(
        'SELECT hits, reset_at FROM rate_limits WHERE key = $1 AND reset_at > $2',
        [key, now],
      );
      const row = rows[0];
      return row ? { current: row.hits, ttl: row.reset_at - now } : null;
    },
    async rateLimitClear(key: string): Promise<void> {
      await pool.query('DELETE FROM rate_limits WHERE key = $1', [key]);
    },
    /** Forget windows that ended (run with the daily purge). */
    async sweepRateLimits(now: number): Promise<number> {
      return (await pool.query('DELETE FROM rate_limits WHERE reset_at <= $1', [now])).rowCount ?? 0;
    },
    /**
     * Keep `sha256` (hex) as THE admin token's hash unless one is kept already. Returns the hash in
     * force and whether it is the one just offered (only that collector prints its token).
     */
    async claimAdminToken(sha256: string): Promise<{ sha256: string; created: boolean }> {
      const made = await pool.query(
        'INSERT INTO admin_token (sha256, created_at) VALUES ($1, $2) ON CONFLICT (one) DO NOTHING',
        [sha256, Date.now()],
      );
      if (made.rowCount) return { sha256, created: true };
      const { rows } = await pool.query<{ sha256: string }>('SELECT sha256 FROM admin_token');
      return { sha256: (rows[0] as { sha256: string }).sha256, created: false };
    },
  };
}
