import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessLogRow } from '../../src/shared/index.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { seedConsent } from '../helpers/consent-cookie.js';
import { readRows, waitForRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  collector = await startCollector();
  site = await startSite('05_tracking', collector.url);
  context = await newVisitorContext(browser);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
  await collector?.stop();
});

type Cl = { track(n: string, p?: object): void; rejectAll(): void };
const cl = <T>(fn: (c: Cl) => T) => page.evaluate(`(${fn.toString()})(window.consentlog)`) as Promise<T>;
const of = (type: string) => (rows: AccessLogRow[]) => rows.filter((r) => r.type === type);
const rowsOf = (type: string) => of(type)(readRows(collector.db));
/** Waits until the store is quiet: nothing new for a while after the last row. */
async function quiet(ms = 400): Promise<AccessLogRow[]> {
  let n = -1;
  let rows = readRows(collector.db);
  while (rows.length !== n) {
    n = rows.length;
    await page.waitForTimeout(ms);
    rows = readRows(collector.db);
  }
  return rows;
}

describe('storage before consent', () => {
  const databases = () =>
    page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter(Boolean));

  it('no IndexedDB database before a decision or after Reject all; the queue appears after Accept', async () => {
    await page.goto(`${site.url}/page2.html`);
    await page.waitForSelector('#cl-banner');
    // A tab that becomes visible again asks the outbox to flush: still nothing may be stored.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(300);
    expect(await databases()).toEqual([]);
    await cl((c) => c.rejectAll());
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(300);
    expect(await databases()).toEqual([]);
    await page.evaluate(() =>
      (window as unknown as { consentlog: { acceptAll(): void } }).consentlog.acceptAll(),
    );
    await waitForRows(collector.db, (r) => of('pageview')(r).length >= 1);
    expect(await databases()).toEqual(['consentlog']);
  });
});

describe('pageviews', () => {
  it('counts each SPA view once: pushState, replaceState with a new path, back; not same-path replaces', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/page2.html`);
    await page.evaluate(() => {
      history.pushState({}, '', '/app/a');
      history.pushState({}, '', '/app/a'); // the same view again
      history.replaceState({}, '', '/app/a?tab=2'); // same path: the same view
      history.replaceState({}, '', '/app/b'); // new path: a new view
      history.pushState({}, '', '/app/c');
    });
    await page.goBack(); // popstate → /app/b
    await waitForRows(collector.db, (r) => of('pageview')(r).length >= 5);
    const views = of('pageview')(await quiet());
    expect(views.map((r) => r.path)).toEqual(['/page2.html', '/app/a', '/app/b', '/app/c', '/app/b']);
    expect(views[1]?.referrer).toBe(`${site.url}/page2.html`);
    expect(views[3]?.referrer).toBe(`${site.url}/app/b`);
    expect(views.every((r) => r.title === 'Tracking page 2')).toBe(true);
    expect(new Set(views.map((r) => r.session_id)).size).toBe(1);
  });

  it('counts hash changes only with data-hash-routing', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/page2.html`);
    await page.evaluate(() => {
      location.hash = '#/one';
    });
    await waitForRows(collector.db, (r) => r.length >= 1);
    expect(of('pageview')(await quiet())).toHaveLength(1);
    await page.goto(`${site.url}/page2.html?cl-hash-routing=true`);
    await page.evaluate(() => {
      location.hash = '#/two';
    });
    await waitForRows(collector.db, (r) => of('pageview')(r).length >= 3);
    const urls = of('pageview')(await quiet()).map((r) => r.url);
    expect(urls.slice(1)).toEqual([
      `${site.url}/page2.html?cl-hash-routing=true`,
      `${site.url}/page2.html?cl-hash-routing=true#/two`,
    ]);
  });

  it('filters the URL: deny-listed names, emails, tokens and campaign parameters go; the rest stays', async () => {
    await seedConsent(context, site.url, { analytics: true, marketing: true });
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc123XYZ';
    await page.goto(
      `${site.url}/page2.html?q=red+shoes&email=a%40b.example&ref=jane%40mail.example&t=${token}&password=x&page=2&utm_source=news#secret`,
    );
    const [row] = await waitForRows(collector.db, (r) => r.length >= 1);
    expect(row?.url).toBe(`${site.url}/page2.html?q=red+shoes&page=2`);
    expect(row?.utm_source).toBe('news');
  });

  it('sets a 13-month visitor id and a session id only with analytics, and renews the session after idle time', async () => {
    await seedConsent(context, site.url, { performance: true });
    await page.goto(`${site.url}/page2.html?cl-session-minutes=0.03`);
    await page.waitForTimeout(300);
    expect((await context.cookies()).map((c) => c.name)).toEqual(['cl_consent']);
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/page2.html`);
    await waitForRows(collector.db, (r) => of('pageview')(r).length >= 1);
    const cookies = await context.cookies();
    const vid = cookies.find((c) => c.name === 'cl_vid');
    expect(vid?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(vid?.sameSite).toBe('Lax');
    const days = ((vid?.expires ?? 0) * 1000 - Date.now()) / 864e5;
    expect(days).toBeGreaterThan(394);
    expect(days).toBeLessThanOrEqual(395);
    await page.goto(`${site.url}/index.html`);
    // 0.03 minutes = 1.8 s idle ends the session.
    await page.waitForTimeout(2000);
    await page.goto(`${site.url}/page2.html`);
    const views = of('pageview')(await waitForRows(collector.db, (r) => of('pageview')(r).length >= 3));
    expect(views.every((r) => r.visitor_id === vid?.value)).toBe(true);
    expect(views[0]?.session_id).toMatch(/^[0-9a-f]{32}$/);
    expect(views[1]?.session_id).toBe(views[0]?.session_id);
    expect(views[2]?.session_id).not.toBe(views[1]?.session_id);
  });
});

describe('events', () => {
  it('track(), data attributes, outbound links and downloads are stored; navigation goes on', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/index.html`);
    await cl((c) => c.track('checkout', { step: 2, coupon: null, ok: true, long: 'x'.repeat(600) }));
    await page.click('#signup span');
    await page.click('#out');
    await page.waitForURL(`${collector.url}/outbound-target?ref=1`);
    await page.goto(`${site.url}/index.html`);
    await page.click('#pdf');
    await page.waitForURL('**/files/report.pdf');
    await waitForRows(collector.db, (r) => of('event')(r).length >= 4);
    const events = of('event')(await quiet());
    const byName = Object.fromEntries(events.map((r) => [r.name, JSON.parse(r.props ?? 'null')]));
    expect(Object.keys(byName).sort()).toEqual(['checkout', 'download', 'outbound', 'signup']);
    expect(byName.checkout).toEqual({ step: 2, coupon: null, ok: true, long: 'x'.repeat(512) });
    expect(byName.signup).toEqual({ plan: 'pro', seats: '3' });
    expect(byName.outbound).toEqual({ url: `${collector.url}/outbound-target?ref=1` });
    expect(byName.download).toEqual({ url: `${site.url}/files/report.pdf` });
    expect(events.every((r) => r.category === 'analytics' && r.consent_id)).toBe(true);
  });

  it('sends no event without analytics consent (refuted)', async () => {
    await seedConsent(context, site.url, { performance: true, marketing: true });
    await page.goto(`${site.url}/index.html?cl-vitals=false`);
    await cl((c) => c.track('checkout'));
    await page.click('#signup');
    await page.click('#next');
    await page.waitForURL('**/page2.html');
    await page.waitForTimeout(500);
    expect(readRows(collector.db)).toEqual([]);
  });

  it('throws on misuse of track(), naming the argument', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/index.html`);
    const error = await page.evaluate(() => {
      try {
        (window as unknown as { consentlog: { track(n: unknown): void } }).consentlog.track(42);
        return '';
      } catch (e) {
        return String(e);
      }
    });
    expect(error).toContain('"name"');
  });

  it('sends engagement once when the page is hidden: visible time and deepest scroll', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(`${site.url}/index.html`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    await page.click('#bottom');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.goto(`${site.url}/page2.html`);
    await waitForRows(collector.db, (r) => of('engagement')(r).length >= 1);
    const [row, ...more] = of('engagement')(await quiet());
    expect(more).toEqual([]);
    expect(row?.path).toBe('/index.html');
    expect(row?.value).toBeGreaterThanOrEqual(300);
    expect(JSON.parse(row?.props ?? '{}')).toEqual({ scroll: 100 });
  });
});

describe('performance and marketing', () => {
  it('a page with a layout shift yields CLS and LCP vital events (performance), each once', async () => {
    await seedConsent(context, site.url, { performance: true });
    await page.goto(`${site.url}/vitals.html`);
    await page.waitForTimeout(600);
    await page.click('h1');
    await page.goto(`${site.url}/page2.html`);
    await waitForRows(collector.db, (r) => ['CLS', 'LCP'].every((m) => r.some((x) => x.metric === m)));
    const vitals = of('vital')(await quiet());
    const metrics = vitals.map((r) => r.metric).sort();
    for (const m of ['CLS', 'LCP', 'FCP', 'TTFB'])
      expect(metrics.filter((x) => x === m).length).toBeGreaterThanOrEqual(1);
    const cls = vitals.find((r) => r.metric === 'CLS' && r.path === '/vitals.html');
    expect(cls?.value).toBeGreaterThan(0);
    expect(['good', 'needs-improvement', 'poor']).toContain(cls?.rating);
    expect(vitals.filter((r) => r.path === '/vitals.html' && r.metric === 'LCP')).toHaveLength(1);
    expect(vitals.every((r) => r.category === 'performance' && r.visitor_id === null)).toBe(true);
    // Without analytics, no pageview.
    expect(rowsOf('pageview')).toEqual([]);
  });

  it('vital values match what Chromium measured: LCP, CLS, and INP of a slow click', async () => {
    await seedConsent(context, site.url, { performance: true });
    await page.goto(`${site.url}/vitals.html`);
    await page.waitForTimeout(600);
    // The browser's own entries, read in the page with a buffered observer.
    const truth = await page.evaluate(() => {
      const read = (type: string) =>
        new Promise<{ startTime: number; value?: number }[]>((done) =>
          new PerformanceObserver((list, o) => {
            o.disconnect();
            done(list.getEntries() as unknown as { startTime: number; value?: number }[]);
          }).observe({ type, buffered: true }),
        );
      return Promise.all([read('largest-contentful-paint'), read('layout-shift')]).then(([lcp, shifts]) => ({
        lcp: lcp.at(-1)?.startTime ?? -1,
        cls: shifts.reduce((sum, s) => sum + (s.value ?? 0), 0),
      }));
    });
    await page.click('#slow');
    // Chromium reports the click's event timing only after the next frame is presented, which on a
    // loaded machine can come after a navigation started at once: wait until it has measured it.
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          new PerformanceObserver((list, o) => {
            if (!list.getEntries().some((e) => e.name === 'click' && e.duration >= 250)) return;
            o.disconnect();
            done();
          }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit),
        ),
    );
    await page.goto(`${site.url}/page2.html`);
    await waitForRows(collector.db, (r) => ['CLS', 'LCP', 'INP'].every((m) => r.some((x) => x.metric === m)));
    const here = of('vital')(await quiet()).filter((r) => r.path === '/vitals.html');
    const one = (m: string) => {
      const rows = here.filter((r) => r.metric === m);
      expect(rows, m).toHaveLength(1);
      return rows[0] as AccessLogRow;
    };
    expect(one('LCP').value).toBeCloseTo(truth.lcp, 0);
    // One shift, so one session window: CLS is its value.
    expect(truth.cls).toBeGreaterThan(0);
    expect(one('CLS').value).toBeCloseTo(truth.cls, 3);
    expect(one('INP').value).toBeGreaterThanOrEqual(250);
    expect(one('INP').rating).not.toBe('good');
    for (const m of ['FCP', 'TTFB']) expect(one(m).value).toBeGreaterThan(0);
  });

  it('marketing denied → no campaign fields stored; granted → stored, and kept for the session', async () => {
    await seedConsent(context, site.url, { analytics: true });
    await page.goto(
      `${site.url}/page2.html?utm_source=news&utm_medium=email&utm_campaign=spring&gclid=abc123`,
    );
    await waitForRows(collector.db, (r) => r.length >= 1);
    const denied = rowsOf('pageview')[0];
    for (const k of [
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
      'click_id',
    ] as const) {
      expect(denied?.[k]).toBeNull();
    }
    expect(denied?.url).toBe(`${site.url}/page2.html`);
    await seedConsent(context, site.url, { analytics: true, marketing: true });
    await page.goto(
      `${site.url}/page2.html?utm_source=news&utm_medium=email&utm_campaign=spring&gclid=abc123`,
    );
    await page.click('#back');
    await waitForRows(collector.db, (r) => of('pageview')(r).length >= 3);
    const [, landing, next] = rowsOf('pageview');
    for (const row of [landing, next]) {
      expect(row).toMatchObject({
        utm_source: 'news',
        utm_medium: 'email',
        utm_campaign: 'spring',
        click_id: 'gclid:abc123',
      });
    }
    expect(next?.path).toBe('/index.html');
  });

  it('withdrawing analytics mid-session stops events and removes the visitor id', async () => {
    await seedConsent(context, site.url, { analytics: true, performance: true });
    await page.goto(`${site.url}/page2.html?cl-vitals=false`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['cl_consent', 'cl_sid', 'cl_vid']);
    await cl((c) => c.rejectAll());
    expect((await context.cookies()).map((c) => c.name)).toEqual(['cl_consent']);
    await page.evaluate(() => history.pushState({}, '', '/app/after'));
    await cl((c) => c.track('after'));
    await page.click('#back');
    await page.waitForURL('**/index.html');
    await page.waitForTimeout(500);
    expect(readRows(collector.db)).toHaveLength(1);
    expect((await context.cookies()).map((c) => c.name)).toEqual(['cl_consent']);
  });
});
