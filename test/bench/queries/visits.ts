import { CONSENT_COLUMNS } from '../../../src/collector/store/types.js';
import { ACCESS_LOG_COLUMNS, type AccessLogColumn } from '../../../src/shared/access-log.js';
import { prng, weighted, zipf } from './spread.js';

/**
 * Rows shaped like visits (SEED_VERSION 3), so visit numbers (bounce rate, entry pages, duration)
 * are realistic: a visitor arrives from somewhere, views 1-12 pages a minute or so apart (≈2.2 on
 * average, ~45% bounce), each view ends with an engagement beacon (visible time), some views send
 * web vitals, some visits send custom events, outbound clicks or downloads. Browser, OS, language
 * and screen belong to the visitor. ~5% of visits are bots (pageviews only).
 *
 * Built for speed (a million rows in seconds, not minutes): each row is written into one reused
 * array in ACCESS_LOG_COLUMNS order and handed to the sink, which must bind it before returning;
 * the strings that repeat (URLs, titles, user agents, ids) are made once. The PRNG is drawn in the
 * same order as the first (object-per-row) version, so the rows are the same.
 */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const SECTIONS = ['blog', 'docs', 'pricing', 'products', 'help', 'about', 'news', 'careers'];
const PAGES = ['/', ...range(799).map((i) => `/${SECTIONS[i % SECTIONS.length]}/page-${i}`)];
const TITLES = PAGES.map((p) => `Page ${p}`);
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
const USER_AGENTS = AGENTS.map(([browser, os]) => `Mozilla/5.0 (${os}) ${browser}`);
const pickAgent = weighted(
  range(AGENTS.length),
  AGENTS.map((a) => a[3]),
);
const pickPage = zipf(range(PAGES.length));
const pickReferrer = zipf(REFERRERS, 1.3);
const SITES = ['shop.example', 'blog.example'];
const pickSite = weighted(range(SITES.length), [85, 15]);
const URLS = SITES.map((s) => PAGES.map((p) => `https://${s}${p}`));
const LANGS = weighted(['en-US', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL'], [50, 20, 15, 10, 5]);
const SCREENS = weighted(['1920x1080', '390x844', '1440x900', '412x915', '2560x1440'], [35, 25, 15, 15, 10]);
const CAMPAIGNS = weighted(['autumn', 'launch', 'webinar'], [60, 30, 10]);
const METHODS = weighted(['accept-all', 'reject-all', 'custom', 'gpc', 'withdraw'], [55, 25, 12, 5, 3]);
const VITALS: [string, number, number][] = [
  ['LCP', 900, 4200],
  ['FCP', 500, 2800],
  ['TTFB', 80, 1500],
  ['CLS', 0, 0.35],
  ['INP', 40, 600],
];
const PLAN_PROPS = ['{"plan":"pro"}', '{"plan":"free"}'];
const OUTBOUND_PROPS = REFERRERS.map((d) => `{"url":"https://${d}/"}`);
const DOWNLOAD_PROPS = SITES.map((s) => range(20).map((i) => `{"url":"https://${s}/files/guide-${i}.pdf"}`));

export interface VisitSpread {
  end: number;
  days: number;
  /** Rows to produce: visits are drawn until this many rows exist (the last visit may be cut short). */
  rows: number;
  visitors: number;
  seed: number;
}

/** Where rows go: each array is reused for the next row, so bind or copy it before returning. */
export interface VisitSink {
  /** Values in ACCESS_LOG_COLUMNS order. */
  row(values: unknown[]): void;
  /** Values in CONSENT_COLUMNS order. */
  consent(values: unknown[]): void;
}

const col = (c: AccessLogColumn) => ACCESS_LOG_COLUMNS.indexOf(c);
const C = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, col(c)])) as Record<AccessLogColumn, number>;

const hex8 = (x: number) =>
  Math.floor(x * 0x100000000)
    .toString(16)
    .padStart(8, '0');
/** A v4-looking UUID from four draws, as the first version made it (same draws, same text). */
function uuid(r: () => number): string {
  const a = hex8(r());
  const b = hex8(r());
  const c = hex8(r());
  const d = hex8(r());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

/** Visits in time order over `days`, each visit's rows then its consent decision (one per new visitor). */
export function generateVisits(o: VisitSpread, sink: VisitSink): { rows: number; consent: number } {
  const r = prng(o.seed);
  const pickVisitor = zipf(range(o.visitors), 0.6);
  const seen = new Uint8Array(o.visitors);
  const span = o.days * 864e5;
  const start = o.end - span;
  const v: unknown[] = new Array(ACCESS_LOG_COLUMNS.length).fill(null);
  const consent: unknown[] = new Array(CONSENT_COLUMNS.length).fill(null);
  let emitted = 0;
  let consents = 0;
  let ts = 0;
  const emit = (type: string, pathIndex: number, site: number) => {
    const id = uuid(r); // drawn even past the end, so the last visit's consent draws as before
    if (emitted >= o.rows) return;
    v[C.id] = id;
    v[C.received_at] = ts + 150;
    v[C.ts] = ts;
    v[C.type] = type;
    v[C.category] = type === 'vital' ? 'performance' : 'analytics';
    v[C.url] = URLS[site]?.[pathIndex];
    v[C.path] = PAGES[pathIndex];
    sink.row(v);
    emitted++;
  };
  for (let k = 0; emitted < o.rows; k++) {
    const visitor = pickVisitor(r());
    const vr = prng(visitor + 1); // the visitor's own device and language
    const agent = pickAgent(vr());
    const [browser, os, device] = AGENTS[agent] as [string, string, string, number];
    const site = pickSite(r());
    const siteName = SITES[site] as string;
    const bot = r() < 0.05;
    ts = Math.floor(start + Math.min(1, emitted / o.rows) * span + r() * 60_000);
    const visitStart = ts;
    const visitorKey = visitor.toString(36);
    v.fill(null);
    v[C.site] = siteName;
    v[C.host] = siteName;
    v[C.browser] = browser;
    v[C.browser_version] = '140.0';
    v[C.os] = os;
    v[C.device] = device;
    v[C.is_bot] = bot ? 1 : 0;
    v[C.user_agent] = USER_AGENTS[agent];
    v[C.language] = LANGS(vr());
    v[C.screen] = SCREENS(vr());
    v[C.timezone] = 'Europe/Berlin';
    v[C.visitor_id] = `v${visitorKey}`;
    v[C.session_id] = `s${k.toString(36)}`;
    v[C.consent_id] = `c${visitorKey}`;
    v[C.policy_revision] = ts < o.end - 10 * 864e5 ? '1' : '2';
    v[C.self_referral] = 0;
    const referrer = r() < 0.5 ? null : pickReferrer(r());
    const campaign = r() < 0.1 ? CAMPAIGNS(r()) : null;
    let views = 1;
    while (views < 12 && r() > 0.45) views++;
    let previous = -1;
    for (let view = 0; view < views; view++) {
      const page = pickPage(r());
      pageview(v, view === 0 ? referrer : siteName, siteName, previous, page, view === 0 ? campaign : null);
      emit('pageview', page, site);
      clearRowFields(v);
      const visible = Math.floor(2000 + r() * r() * 120_000);
      if (!bot && r() < 0.15)
        for (const [metric, lo, hi] of VITALS) {
          v[C.value] =
            metric === 'CLS'
              ? Math.round((lo + r() * r() * (hi - lo)) * 1000) / 1000
              : Math.round(lo + r() * r() * (hi - lo));
          v[C.metric] = metric;
          v[C.rating] = 'good';
          emit('vital', page, site);
        }
      clearRowFields(v);
      ts += visible;
      if (!bot) {
        v[C.value] = visible;
        v[C.props] = '{"scroll":60}';
        emit('engagement', page, site);
        clearRowFields(v);
      }
      if (!bot && r() < 0.06) {
        v[C.name] = 'signup';
        v[C.props] = PLAN_PROPS[r() < 0.3 ? 0 : 1];
        emit('event', page, site);
      }
      if (!bot && r() < 0.03) {
        v[C.name] = 'outbound';
        v[C.props] = OUTBOUND_PROPS[REFERRERS.indexOf(pickReferrer(r()))];
        emit('event', page, site);
      }
      if (!bot && r() < 0.015) {
        v[C.name] = 'download';
        v[C.props] = DOWNLOAD_PROPS[site]?.[Math.floor(r() * 20)];
        emit('event', page, site);
      }
      clearRowFields(v);
      ts += Math.floor(1000 + r() * 5000);
      previous = page;
    }
    const isNew = !bot && !seen[visitor];
    if (isNew) seen[visitor] = 1;
    const method = isNew ? METHODS(r()) : null;
    if (!method) continue;
    const granted = method === 'accept-all' || (method === 'custom' && r() < 0.7);
    consentRow(consent, {
      visitStart,
      siteName,
      visitorKey,
      revision: v[C.policy_revision] as string,
      method,
      granted,
      browser,
    });
    sink.consent(consent);
    consents++;
  }
  return { rows: emitted, consent: consents };
}

/** The pageview's own fields: where it came from (outside for the first, the site itself after), title, campaign. */
function pageview(
  v: unknown[],
  ref: string | null,
  site: string,
  previous: number,
  page: number,
  campaign: string | null,
): void {
  v[C.referrer] = ref ? `https://${ref}${previous < 0 ? '/' : PAGES[previous]}` : null;
  v[C.referrer_domain] = ref;
  v[C.self_referral] = ref === site ? 1 : 0;
  v[C.title] = TITLES[page];
  if (campaign) {
    v[C.utm_campaign] = campaign;
    v[C.utm_source] = 'newsletter';
    v[C.utm_medium] = 'email';
  }
}

/** Back to the visit's fields: only pageviews carry referrer, title and campaign; only some rows a value. */
function clearRowFields(v: unknown[]): void {
  v[C.referrer] = null;
  v[C.referrer_domain] = null;
  v[C.self_referral] = 0;
  v[C.title] = null;
  v[C.utm_campaign] = null;
  v[C.utm_source] = null;
  v[C.utm_medium] = null;
  v[C.metric] = null;
  v[C.value] = null;
  v[C.rating] = null;
  v[C.name] = null;
  v[C.props] = null;
}

const CHOICES = new Map<string, string>();
function consentRow(
  c: unknown[],
  d: {
    visitStart: number;
    siteName: string;
    visitorKey: string;
    revision: string;
    method: string;
    granted: boolean;
    browser: string;
  },
): void {
  const analytics = d.granted || d.method === 'custom';
  const marketing = d.granted && d.method !== 'custom';
  const key = `${analytics}${marketing}`;
  let choices = CHOICES.get(key);
  if (!choices) {
    choices = JSON.stringify({ necessary: true, analytics, marketing });
    CHOICES.set(key, choices);
  }
  const values: Record<(typeof CONSENT_COLUMNS)[number], unknown> = {
    received_at: d.visitStart + 100,
    ts: d.visitStart - 2000,
    site: d.siteName,
    consent_id: `c${d.visitorKey}`,
    previous_consent_id: null,
    policy_revision: d.revision,
    choices,
    method: d.method,
    language: 'en',
    url: `https://${d.siteName}/`,
    texts_hash: null,
    browser: d.browser,
  };
  CONSENT_COLUMNS.forEach((name, i) => {
    c[i] = values[name];
  });
}
