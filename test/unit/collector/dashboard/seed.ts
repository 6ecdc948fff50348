import { randomUUID } from 'node:crypto';
import type { ConsentRow, Store } from '../../../../src/collector/index.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';

/** The dashboard tests' clock: Thursday 2026-11-26 12:00 UTC. "7d" is then 11-20 … 11-26. */
export const NOW = Date.UTC(2026, 10, 26, 12);
const START = Date.UTC(2026, 10, 19, 3); // a visit or two fall before the 7-day range
const MIN = 60_000;

export const FORMULA_TITLE = '=HYPERLINK("https://evil.example","click")';

function row(overrides: Partial<AccessLogRow>): AccessLogRow {
  const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  const r = { ...base, id: randomUUID(), is_bot: 0, self_referral: 0, category: 'analytics', ...overrides };
  return { ...r, received_at: r.ts + 200 } as AccessLogRow;
}

const BROWSERS: [string | null, string, string][] = [
  ['Chrome', 'Windows', 'desktop'],
  ['Firefox', 'Linux', 'desktop'],
  ['Safari', 'iOS', 'mobile'],
  [null, 'unknown', 'desktop'],
];
const REFERRERS = [null, 'google.com', 'news.ycombinator.com', 'self'];
const PAGES = ['/', '/pricing', '/docs/start', '/blog/hello', '/about'];

/** One visit: 1-4 pageviews a few minutes apart, maybe events, an engagement beacon and vitals. */
function visit(i: number): AccessLogRow[] {
  const site = i % 5 === 4 ? 'blog.example' : 'shop.example';
  const start = START + i * 47 * MIN;
  const visitor = `v${i % 37}`;
  const session = `s${i}`;
  const [browser, os, device] = BROWSERS[i % BROWSERS.length] as [string | null, string, string];
  const ref = REFERRERS[Math.floor(i / 3) % REFERRERS.length];
  const campaign = i % 6 === 0;
  const common = {
    site,
    host: site,
    visitor_id: visitor,
    session_id: session,
    browser,
    os,
    device,
    language: i % 2 ? 'en-US' : 'de-DE',
    screen: i % 3 ? '1920x1080' : '390x844',
    is_bot: i % 13 === 0 ? 1 : 0,
  };
  const rows: AccessLogRow[] = [];
  const views = 1 + (i % 4);
  for (let p = 0; p < views; p++) {
    const path = PAGES[(i + p * 2) % PAGES.length] as string;
    const first = p === 0;
    const referrerDomain = first ? (ref === 'self' ? site : ref) : site;
    rows.push(
      row({
        ...common,
        type: 'pageview',
        ts: start + p * 3 * MIN,
        url: `https://${site}${path}${campaign ? '?utm_campaign=autumn' : ''}`,
        path,
        title: i === 30 && first ? FORMULA_TITLE : `Page ${path}`,
        referrer: referrerDomain ? `https://${referrerDomain}/` : null,
        referrer_domain: referrerDomain ?? null,
        self_referral: referrerDomain === site ? 1 : 0,
        utm_campaign: campaign ? 'autumn' : null,
        utm_source: campaign ? (i % 12 === 0 ? 'newsletter' : 'mastodon') : null,
        utm_medium: campaign ? 'social' : null,
      }),
    );
  }
  const last = start + (views - 1) * 3 * MIN;
  const at = (type: string, extra: Partial<AccessLogRow>, dt: number) =>
    row({
      ...common,
      type,
      ts: last + dt,
      url: `https://${site}/`,
      path: PAGES[i % PAGES.length] as string,
      ...extra,
    });
  if (i % 3 === 0)
    rows.push(
      at(
        'event',
        { name: 'signup', props: JSON.stringify({ plan: i % 2 ? 'pro' : 'free', trial: i % 4 === 0 }) },
        1000,
      ),
    );
  if (i % 7 === 0)
    rows.push(
      at(
        'event',
        { name: 'outbound', props: JSON.stringify({ url: `https://partner${i % 2}.example/` }) },
        2000,
      ),
    );
  if (i % 11 === 0)
    rows.push(
      at('event', { name: 'download', props: JSON.stringify({ url: 'https://shop.example/cat.pdf' }) }, 2500),
    );
  rows.push(at('engagement', { value: (i % 5) * 4000, props: '{"scroll":50}' }, 5000));
  if (i % 4 === 3) return rows; // performance not granted: no vitals
  rows.push(at('vital', { category: 'performance', metric: 'LCP', value: 1000 + ((i * 137) % 4000) }, 100));
  rows.push(at('vital', { category: 'performance', metric: 'CLS', value: ((i * 7) % 40) / 100 }, 200));
  if (i % 2)
    rows.push(at('vital', { category: 'performance', metric: 'INP', value: 50 + ((i * 31) % 600) }, 300));
  return rows;
}

/** About 230 visits over 7½ days, two sites, bots, referrers, campaigns, events and vitals. */
export function seedRows(): AccessLogRow[] {
  const rows: AccessLogRow[] = [];
  for (let i = 0; START + i * 47 * MIN < NOW; i++) rows.push(...visit(i));
  return rows;
}

const METHODS = ['accept-all', 'reject-all', 'custom', 'gpc', 'withdraw', 'accept-all'];

/** Consent decisions every 3 hours over the same span, two revisions. */
export function seedConsent(): ConsentRow[] {
  const rows: ConsentRow[] = [];
  for (let i = 0; START + i * 3 * 60 * MIN < NOW; i++) {
    const method = METHODS[i % METHODS.length] as string;
    const all = method === 'accept-all';
    const choices =
      method === 'custom'
        ? { necessary: true, analytics: true, marketing: false }
        : { necessary: true, analytics: all, marketing: all };
    const ts = START + i * 3 * 60 * MIN;
    rows.push({
      received_at: ts + 100,
      ts,
      site: i % 4 === 3 ? 'blog.example' : 'shop.example',
      consent_id: randomUUID(),
      previous_consent_id: null,
      policy_revision: ts < Date.UTC(2026, 10, 23) ? '1' : '2',
      choices: JSON.stringify(choices),
      method,
      language: 'en',
      url: 'https://shop.example/',
      texts_hash: null,
      browser: i % 2 ? 'Chrome' : 'Firefox',
    });
  }
  return rows;
}

export async function seed(store: Store): Promise<{ rows: AccessLogRow[]; consent: ConsentRow[] }> {
  const rows = seedRows();
  await store.insertEvents(rows);
  const consent = seedConsent();
  for (const c of consent) await store.insertConsent(c);
  return { rows, consent };
}
