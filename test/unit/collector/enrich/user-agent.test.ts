import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '../../../../src/collector/enrich/user-agent.js';
import { USER_AGENTS } from '../../../helpers/user-agents.js';

describe('parseUserAgent', () => {
  it('reads browser, version, OS and device class', () => {
    expect(parseUserAgent(USER_AGENTS.chromeWindows)).toEqual({
      browser: 'Chrome',
      browser_version: '126.0.0.0',
      os: 'Windows',
      device: 'desktop',
      is_bot: 0,
    });
    expect(parseUserAgent(USER_AGENTS.firefoxLinux)).toMatchObject({
      browser: 'Firefox',
      browser_version: '128.0',
    });
    expect(parseUserAgent(USER_AGENTS.safariIphone)).toMatchObject({
      browser: 'Safari',
      os: 'iOS',
      device: 'mobile',
    });
    expect(parseUserAgent(USER_AGENTS.safariIpad)).toMatchObject({ device: 'tablet' });
  });

  it('marks bots, and knows nothing about a missing UA', () => {
    expect(parseUserAgent(USER_AGENTS.googlebot)).toMatchObject({ device: 'bot', is_bot: 1 });
    expect(parseUserAgent(undefined)).toEqual({
      browser: null,
      browser_version: null,
      os: null,
      device: null,
      is_bot: 0,
    });
  });
});
