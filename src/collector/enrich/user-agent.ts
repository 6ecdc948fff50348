import Bowser from 'bowser';
import { isbot } from 'isbot';
import { RecentCache } from '../lib/recent-cache.js';
import { applyClientHints, type ClientHintHeaders, hintsKey } from './client-hints.js';

export type Device = 'desktop' | 'mobile' | 'tablet' | 'tv' | 'bot';

export interface UserAgentInfo {
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  device: Device | null;
  is_bot: 0 | 1;
}

const DEVICES: readonly string[] = ['desktop', 'mobile', 'tablet', 'tv', 'bot'];
const EMPTY: UserAgentInfo = Object.freeze({
  browser: null,
  browser_version: null,
  os: null,
  device: null,
  is_bot: 0,
});

// Parsing costs tens of µs and visitors share a handful of UA strings: cache the results, and
// apart from them the result with client hints (the same UA comes with several hint sets).
const cache = new RecentCache<string, UserAgentInfo>(2000);
const hinted = new RecentCache<string, UserAgentInfo>(2000);

function parseUaString(userAgent: string): UserAgentInfo {
  const cached = cache.get(userAgent);
  if (cached) return cached;
  const result = Bowser.parse(userAgent);
  const bot = isbot(userAgent);
  const platform = result.platform.type;
  const info: UserAgentInfo = Object.freeze({
    browser: result.browser.name || null,
    browser_version: result.browser.version || null,
    os: result.os.name || null,
    device: bot ? 'bot' : platform && DEVICES.includes(platform) ? (platform as Device) : null,
    is_bot: bot ? 1 : 0,
  });
  cache.set(userAgent, info);
  return info;
}

/**
 * Browser, OS and device class from a User-Agent, with maintained libraries (DESIGN.md "Runtime
 * choices"), refined by User-Agent Client Hints when the browser sent them: Chromium freezes its
 * UA string (`Chrome/126.0.0.0`, `Windows NT 10.0` even on Windows 11), the hints carry the truth.
 */
export function parseUserAgent(userAgent: string | undefined, hints?: ClientHintHeaders): UserAgentInfo {
  if (!userAgent) return EMPTY;
  const info = parseUaString(userAgent);
  const key = hints ? hintsKey(hints) : '';
  if (!key || info.is_bot) return info; // no hints sent: the UA string is all there is
  const cacheKey = `${userAgent}\n${key}`;
  let result = hinted.get(cacheKey);
  if (!result) {
    result = Object.freeze(applyClientHints(info, hints as ClientHintHeaders));
    hinted.set(cacheKey, result);
  }
  return result;
}
