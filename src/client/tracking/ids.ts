import { config } from '../config.js';
import { getCookie, removeCookie, setCookie } from '../lib/cookies.js';
import { safeRun } from '../lib/safeRun.js';
import { randomHex } from '../lib/uuid.js';

/** The session cookie: `ID.LAST_ACTIVITY` (epoch ms, base 36). */
export const SESSION_COOKIE = 'cl_sid';
const HEX32 = /^[0-9a-f]{32}$/;

let cache: { _at: number; _ids: { visitor_id: string; session_id: string } } | undefined;

/**
 * The visitor and session ids, created on first use. Callers ask only with analytics consent.
 * The visitor cookie keeps the lifetime it got when created (`visitorDays`): visits do not
 * extend it. The session ends after `sessionMinutes` without an event.
 */
export function ids(): { visitor_id?: string; session_id?: string } {
  const now = Date.now();
  const idle = config.sessionMinutes * 6e4;
  // Cookie reads and writes are synchronous IPC in Chrome: for a short while (at most a minute,
  // a quarter of the idle time), reuse the last ids; the session's last activity lags that much.
  if (cache && now - cache._at < Math.min(6e4, idle / 4)) return cache._ids;
  return (
    safeRun(() => {
      let visitor = getCookie(config.visitorCookie);
      if (!visitor || !HEX32.test(visitor)) {
        visitor = randomHex();
        setCookie(config.visitorCookie, visitor, config.visitorDays);
      }
      // No time (`seen` undefined) parses as NaN: a new session.
      const [sid, seen] = (getCookie(SESSION_COOKIE) || '').split('.');
      const session =
        sid && HEX32.test(sid) && now - Number.parseInt(seen as string, 36) < idle ? sid : randomHex();
      setCookie(SESSION_COOKIE, `${session}.${now.toString(36)}`, idle / 864e5);
      cache = { _at: now, _ids: { visitor_id: visitor, session_id: session } };
      return cache._ids;
    }) || {}
  );
}

const TZ = 'cl_tz';

/**
 * The IANA time zone. The first `Intl.DateTimeFormat` of a page costs tens of milliseconds
 * (ICU start-up; see `npm run bench:client`), so, with analytics consent, it is kept for the
 * tab's session and deleted with the ids.
 */
export function timeZone(): string | undefined {
  return safeRun(() => {
    let tz = sessionStorage.getItem(TZ);
    if (!tz) {
      tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      sessionStorage.setItem(TZ, tz);
    }
    return tz;
  });
}

/** Deletes both ids: analytics was withdrawn (or is not granted on this visit). */
export function clearIds(): void {
  cache = undefined;
  safeRun(() => sessionStorage.removeItem(TZ));
  // Only cookies that exist: a removal is a cookie write too.
  for (const name of [config.visitorCookie, SESSION_COOKIE]) {
    if (safeRun(() => getCookie(name))) safeRun(() => removeCookie(name));
  }
}
