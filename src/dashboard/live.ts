/** How often the live view (last 30 minutes) reloads itself while the tab is visible. */
export const LIVE_REFRESH_MS = 10_000;

/**
 * `?refresh=SECONDS` overrides the interval (at least 1 s), so a wall screen can refresh more
 * slowly and tests need not wait ten seconds.
 */
export function liveRefreshMs(search: string = location.search): number {
  const seconds = Number(new URLSearchParams(search).get('refresh'));
  return Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : LIVE_REFRESH_MS;
}
