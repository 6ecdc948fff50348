import type { ConsentRow } from '../../../src/collector/store/types.js';
import type { AccessLogRow } from '../../../src/shared/access-log.js';
import { prng, weighted, zipf } from './spread.js';

/**
 * Rows shaped like visits (SEED_VERSION 3), so visit numbers (bounce rate, entry pages, duration)
 * are realistic: a visitor arrives from somewhere, views 1-12 pages a minute or so apart (≈2.2 on
 * average, ~45% bounce), each view ends with an engagement beacon (visible time), some views send
 * web vitals, some visits send custom events, outbound clicks or downloads. Browser, OS, language
 * and screen belong to the visitor. ~5% of visits are bots (pageviews only).
 */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const SECTIONS = ['blog', 'docs', 'pricing', 'products', 'help', 'about', 'news', 'careers'];
const PAGES = ['/', ...range(799).map((i) => `/${SECTIONS[i % SECTIONS.length]}/page-${i}`)];
const SEARCH = ['google.com', 'bing.com', 'duckduckgo.com', 'ecosia.org', 'search.brave.com'];
const SOCIAL = ['news.ycombinator.com', 't.co', 'facebook.com', 'linkedin.com', 'reddit.com'];
const REFERRERS = [...SEARCH, ...SOCIAL, ...range(290).map((i) => `blog${i}.example.net`)];
const AGENTS: [string, string, string, number][] = [
  ['Chrome', 'Windows', 'desktop', 52],
  ['Safari', 'iOS', 'mobile', 20],
  ['Chrome', 'Android', 'mobile', 12],
  ['Microsoft Edge', 'Windows', 'desktop', 6],
  ['Firefox', 'Linux', 'desktop', 4],
  ['Samsung Internet', 'Android', 'mobile', 3],
  ['Opera', 'Windows', 'desktop', 3],
];
const pickAgent = weighted(
  AGENTS,
  AGENTS.map((a) => a[3]),
);
const pickPage = zipf(PAGES);
const pickReferrer = zipf(REFERRERS, 1.3);
const pickSite = weighted(['shop.example', 'blog.example'], [85, 15]);
const LANGS = weighted(['en-US', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL'], [50, 20, 15, 10, 5]);
const SCREENS = weighted(['1920x1080', '390x844', '1440x900', '412x915', '2560x1440'], [35, 25, 15, 15, 10]);
const CAMPAIGNS = weighted(['autumn', 'launch', 'webinar'], [60, 30, 10]);
const VITALS: [string, number, number][] = [
  ['LCP', 900, 4200],
  ['FCP', 500, 2800],
  ['TTFB', 80, 1500],
  ['CLS', 0, 0.35],
  ['INP', 40, 600],
];

export interface VisitSpread {
  end: number;
  days: number;
  /** Rows to produce (about); visits are drawn until this many rows exist. */
  rows: number;
  visitors: number;
  seed: number;
}

const hex = (r: () => number) =>
  Array.from({ length: 4 }, () =>
    Math.floor(r() * 0x100000000)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
const uuid = (r: () => number) => {
  const s = hex(r);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
};

/** Visits in time order over `days`, each as its rows, plus a consent decision per new visitor; endless. */
export function* visitRows(o: VisitSpread): Generator<{ rows: AccessLogRow[]; consent: ConsentRow | null }> {
  const r = prng(o.seed);
  const pickVisitor = zipf(range(o.visitors), 0.6);
  const seen = new Set<number>();
  const span = o.days * 864e5;
  const start = o.end - span;
  // A visit starts at the share of the span that the rows emitted so far are of `rows`, so the rows
  // fill the whole span however many each visit has (about 6), and the consumer stops at `rows`.
  let emitted = 0;
  for (let k = 0; ; k++) {
    const visitor = pickVisitor(r());
    const vr = prng(visitor + 1); // the visitor's own device and language
    const [browser, os, device] = pickAgent(vr());
    const site = pickSite(r());
    const bot = r() < 0.05;
    let ts = Math.floor(start + Math.min(1, emitted / o.rows) * span + r() * 60_000);
    const base = {
      site,
      host: site,
      browser,
      browser_version: '140.0',
      os,
      device,
      is_bot: bot ? 1 : 0,
      ip: null,
      user_agent: `Mozilla/5.0 (${os}) ${browser}`,
      language: LANGS(vr()),
      screen: SCREENS(vr()),
      timezone: 'Europe/Berlin',
      visitor_id: `v${visitor.toString(36)}`,
      session_id: `s${k.toString(36)}`,
      name: null,
      props: null,
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_term: null,
      utm_content: null,
      click_id: null,
      consent_id: `c${visitor.toString(36)}`,
      policy_revision: ts < o.end - 10 * 864e5 ? '1' : '2',
      metric: null,
      value: null,
      rating: null,
      self_referral: 0,
      network_domain: null,
      title: null,
    };
    const row = (type: string, path: string, extra: Partial<AccessLogRow>): AccessLogRow => ({
      ...base,
      id: uuid(r),
      received_at: ts + 150,
      ts,
      type,
      category: type === 'vital' ? 'performance' : 'analytics',
      url: `https://${site}${path}`,
      path,
      referrer: null,
      referrer_domain: null,
      ...extra,
    });
    const rows: AccessLogRow[] = [];
    const refRoll = r();
    const referrer = refRoll < 0.5 ? null : pickReferrer(r());
    const campaign = r() < 0.1 ? CAMPAIGNS(r()) : null;
    let views = 1;
    while (views < 12 && r() > 0.45) views++;
    let previous: string | null = null;
    for (let v = 0; v < views; v++) {
      const path = pickPage(r());
      const ref = v === 0 ? referrer : site;
      const utm =
        v === 0 && campaign ? { utm_campaign: campaign, utm_source: 'newsletter', utm_medium: 'email' } : {};
      rows.push(
        row('pageview', path, {
          referrer: ref ? `https://${ref}${previous ?? '/'}` : null,
          referrer_domain: ref,
          self_referral: ref === site ? 1 : 0,
          title: `Page ${path}`,
          ...utm,
        }),
      );
      const visible = Math.floor(2000 + r() * r() * 120_000);
      if (!bot && r() < 0.15)
        for (const [metric, lo, hi] of VITALS)
          rows.push(
            row('vital', path, {
              metric,
              value:
                metric === 'CLS'
                  ? Math.round((lo + r() * r() * (hi - lo)) * 1000) / 1000
                  : Math.round(lo + r() * r() * (hi - lo)),
              rating: 'good',
            }),
          );
      ts += visible;
      if (!bot) rows.push(row('engagement', path, { value: visible, props: '{"scroll":60}' }));
      if (!bot && r() < 0.06)
        rows.push(row('event', path, { name: 'signup', props: `{"plan":"${r() < 0.3 ? 'pro' : 'free'}"}` }));
      if (!bot && r() < 0.03)
        rows.push(row('event', path, { name: 'outbound', props: `{"url":"https://${pickReferrer(r())}/"}` }));
      if (!bot && r() < 0.015)
        rows.push(
          row('event', path, {
            name: 'download',
            props: `{"url":"https://${site}/files/guide-${Math.floor(r() * 20)}.pdf"}`,
          }),
        );
      ts += Math.floor(1000 + r() * 5000);
      previous = path;
    }
    const isNew = !bot && !seen.has(visitor);
    if (isNew) seen.add(visitor);
    const method = isNew
      ? weighted(['accept-all', 'reject-all', 'custom', 'gpc', 'withdraw'], [55, 25, 12, 5, 3])(r())
      : null;
    const granted = method === 'accept-all' || (method === 'custom' && r() < 0.7);
    const consent: ConsentRow | null = method
      ? {
          received_at: (rows[0]?.ts ?? ts) + 100,
          ts: (rows[0]?.ts ?? ts) - 2000,
          site,
          consent_id: `c${visitor.toString(36)}`,
          previous_consent_id: null,
          policy_revision: base.policy_revision,
          choices: JSON.stringify({
            necessary: true,
            analytics: granted || method === 'custom',
            marketing: granted && method !== 'custom',
          }),
          method,
          language: 'en',
          url: `https://${site}/`,
          texts_hash: null,
          browser,
        }
      : null;
    emitted += rows.length;
    yield { rows, consent };
  }
}
