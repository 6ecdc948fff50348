/**
 * Delay before retry number `failures` (1, 2, …): exponential from `base`, capped at `max`, with
 * "equal jitter" (half fixed, half random) so that many visitors cut off by one outage do not
 * all come back in the same second. A Retry-After from the collector is a floor, never shortened.
 */
export function backoff(failures: number, base: number, max: number, retryAfter: number): number {
  const exp = Math.min(max, base * 2 ** Math.min(failures - 1, 30));
  return Math.max(retryAfter, exp / 2 + (Math.random() * exp) / 2);
}
