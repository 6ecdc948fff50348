/**
 * Runs `fn` only in the tab that holds the site's outbox lock (Web Locks), so two tabs never
 * send the same queued event at the same time. Resolves `false` when another tab holds it (the
 * caller looks again later). Without Web Locks (old browsers, insecure origins) it just runs:
 * the collector stores an id once, so a rare double send costs bytes, never a duplicate row.
 */
export function withLock(fn: () => Promise<boolean>): Promise<boolean> {
  const locks = navigator.locks;
  if (!locks) return fn();
  return locks
    .request('consentlog-outbox', { ifAvailable: true }, (lock) => (lock ? fn() : false))
    .then(
      (done) => done,
      () => false,
    );
}
