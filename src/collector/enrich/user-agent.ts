import Bowser from 'bowser';
import { isbot } from 'isbot';

export type Device = 'desktop' | 'mobile' | 'tablet' | 'tv' | 'bot';

export interface UserAgentInfo {
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  device: Device | null;
  is_bot: 0 | 1;
}

const DEVICES: readonly string[] = ['desktop', 'mobile', 'tablet', 'tv', 'bot'];

/** Browser, OS and device class from a User-Agent, with maintained libraries (DESIGN.md "Runtime choices"). */
export function parseUserAgent(userAgent: string | undefined): UserAgentInfo {
  if (!userAgent) return { browser: null, browser_version: null, os: null, device: null, is_bot: 0 };
  const result = Bowser.parse(userAgent);
  const bot = isbot(userAgent);
  const platform = result.platform.type;
  return {
    browser: result.browser.name || null,
    browser_version: result.browser.version || null,
    os: result.os.name || null,
    device: bot ? 'bot' : platform && DEVICES.includes(platform) ? (platform as Device) : null,
    is_bot: bot ? 1 : 0,
  };
}
