import type { AccessLogRow } from '../../../src/shared/access-log.js';

/** Small fast PRNG (mulberry32): the same seed gives the same million rows on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `values` with the given weights (a cumulative table and a binary search). */
export function weighted<T>(values: readonly T[], weights: readonly number[]): (r: number) => T {
  const cdf: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cdf.push(sum);
  }
  return (r) => {
    const x = r * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return values[lo] as T;
  };
}

/** Zipf-like: the k-th most popular value is picked in proportion to 1 / k^s. */
export function zipf<T>(values: readonly T[], s = 1.1): (r: number) => T {
  return weighted(
    values,
    values.map((_, k) => 1 / (k + 1) ** s),
  );
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const SECTIONS = ['blog', 'docs', 'pricing', 'products', 'help', 'about', 'news', 'careers'];
const PAGES = ['/', ...range(799).map((i) => `/${SECTIONS[i % SECTIONS.length]}/page-${i}`)];
const SEARCH = ['google.com', 'bing.com', 'duckduckgo.com', 'ecosia.org', 'search.brave.com'];
const SOCIAL = ['news.ycombinator.com', 't.co', 'facebook.com', 'linkedin.com', 'reddit.com'];
const REFERRERS = [...SEARCH, ...SOCIAL, ...range(290).map((i) => `blog${i}.example.net`)];
const BROWSERS: [string | null, string, string, number][] = [
  [
    'Chrome',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    'Windows',
    52,
  ],
  [
    'Safari',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
    'iOS',
    20,
  ],
  [
    'Chrome',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
    'Android',
    12,
  ],
  [
    'Microsoft Edge',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
    'Windows',
    6,
  ],
  ['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0', 'Linux', 4],
  [
    'Samsung Internet',
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36',
    'Android',
    3,
  ],
  [
    'Opera',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36 OPR/123.0.0.0',
    'Windows',
    2,
  ],
  [null, 'curl/8.5.0', 'unknown', 1],
];
const pickBrowser = weighted(
  BROWSERS,
  BROWSERS.map((b) => b[3]),
);
const pickPage = zipf(PAGES);
const pickReferrer = zipf(REFERRERS, 1.3);
const pickType = weighted(['pageview', 'event', 'engagement', 'vital'] as const, [80, 8, 7, 5]);
const pickSite = weighted(['shop.example', 'blog.example'], [85, 15]);
const LANGS = weighted(['en-US', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL'], [50, 20, 15, 10, 5]);
const CATEGORY = { pageview: 'analytics', event: 'analytics', engagement: 'analytics', vital: 'performance' };

export interface SpreadOptions {
  /** Newest event time; events spread over the `days` before it. */
  end: number;
  /** How many rows will be drawn: row i of n falls at i/n of the time span, as a collector receives them. */
  rows: number;
  days: number;
  visitors: number;
  seed: number;
}

/** One hex id (UUID-shaped) from the PRNG, so the whole data set is reproducible. */
function hexId(r: () => number): string {
  const h = () =>
    Math.floor(r() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  const s = h() + h() + h() + h();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** A source of rows with a realistic spread, oldest first (stores fill in time order); call it per row. */
export function rowSource(opts: SpreadOptions): () => AccessLogRow {
  const r = prng(opts.seed);
  const pickVisitor = zipf(range(opts.visitors), 0.6);
  const span = opts.days * 864e5;
  const start = opts.end - span;
  let drawn = 0;
  return () => {
    const site = pickSite(r());
    const type = pickType(r());
    const path = pickPage(r());
    const ts = Math.floor(start + ((drawn++ + r()) / opts.rows) * span);
    const visitor = pickVisitor(r());
    const [browser, ua, os] = pickBrowser(r());
    const isBot = r() < 0.05 || browser === null ? 1 : 0;
    const refRoll = r();
    // About half the views are direct, a fifth are internal (self-referrals), the rest external.
    const referrerDomain = refRoll < 0.5 ? null : refRoll < 0.7 ? site : pickReferrer(r());
    const campaign = r() < 0.1;
    const vital = type === 'vital';
    return {
      id: hexId(r),
      received_at: ts + 150,
      ts,
      site,
      type,
      category: CATEGORY[type],
      url: `https://${site}${path}${campaign ? '?utm_source=newsletter&utm_medium=email' : ''}`,
      host: site,
      path,
      referrer: referrerDomain ? `https://${referrerDomain}/` : null,
      referrer_domain: referrerDomain,
      title: `Page ${path}`,
      browser,
      browser_version: browser ? '140.0' : null,
      os,
      device: os === 'iOS' || os === 'Android' ? 'mobile' : 'desktop',
      is_bot: isBot,
      ip: null,
      user_agent: ua,
      language: LANGS(r()),
      screen: '1920x1080',
      timezone: 'Europe/Berlin',
      visitor_id: `v${visitor.toString(36)}`,
      session_id: `s${visitor.toString(36)}-${Math.floor(ts / 18e5).toString(36)}`,
      name: type === 'event' ? 'signup' : null,
      props: type === 'event' ? '{"plan":"pro"}' : null,
      utm_source: campaign ? 'newsletter' : null,
      utm_medium: campaign ? 'email' : null,
      utm_campaign: campaign ? 'autumn' : null,
      utm_term: null,
      utm_content: null,
      click_id: null,
      consent_id: hexId(r),
      policy_revision: '1',
      metric: vital ? 'LCP' : null,
      value: vital ? Math.round(800 + r() * 3000) : null,
      rating: vital ? 'good' : null,
      self_referral: 0,
      network_domain: null,
    };
  };
}
