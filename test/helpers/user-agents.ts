/** Real User-Agent strings, as the browsers send them. */
export const USER_AGENTS = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
} as const;

type Expect = Partial<{
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  device: string | null;
  is_bot: 0 | 1;
}>;

/**
 * Real User-Agent strings as browsers, crawlers and tools send them (current releases of each
 * family, plus the classic hard cases: Android tablets without "Mobile", iOS Chrome, smart TVs,
 * headless Chrome, link-preview fetchers), with what a reader would call them.
 */
export const UA_FIXTURES: readonly [string, Expect][] = [
  [
    USER_AGENTS.chromeWindows,
    { browser: 'Chrome', browser_version: '126.0.0.0', os: 'Windows', device: 'desktop', is_bot: 0 },
  ],
  [
    USER_AGENTS.firefoxLinux,
    { browser: 'Firefox', browser_version: '128.0', os: 'Linux', device: 'desktop', is_bot: 0 },
  ],
  [USER_AGENTS.safariIphone, { browser: 'Safari', browser_version: '17.5', os: 'iOS', device: 'mobile' }],
  [USER_AGENTS.safariIpad, { browser: 'Safari', os: 'iOS', device: 'tablet' }],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
    { browser: 'Safari', browser_version: '17.4.1', os: 'macOS', device: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0',
    { browser: 'Microsoft Edge', browser_version: '125.0.0.0', os: 'Windows', device: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    { browser: 'Chrome', os: 'Android', device: 'mobile', is_bot: 0 },
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    { browser: 'Samsung Internet for Android', browser_version: '25.0', os: 'Android', device: 'mobile' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
    { browser: 'Firefox', browser_version: '127.0', os: 'Windows', device: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
    { browser: 'Opera', browser_version: '111.0.0.0', os: 'Windows' },
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    { browser: 'Chrome', browser_version: '126.0.6478.54', os: 'iOS', device: 'mobile' },
  ],
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { browser: 'Chrome', os: 'Chrome OS', device: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { browser: 'Chrome', os: 'Android', device: 'tablet' },
  ],
  [
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/538.1 (KHTML, like Gecko) Version/6.0 TV Safari/538.1',
    { os: 'Tizen', device: 'tv', is_bot: 0 },
  ],
  [USER_AGENTS.googlebot, { device: 'bot', is_bot: 1 }],
  ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', { device: 'bot', is_bot: 1 }],
  [
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    { device: 'bot', is_bot: 1 },
  ],
  ['curl/8.5.0', { browser: null, device: 'bot', is_bot: 1 }],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
    { browser: 'Chrome', device: 'bot', is_bot: 1 },
  ],
  ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', { device: 'bot', is_bot: 1 }],
];
