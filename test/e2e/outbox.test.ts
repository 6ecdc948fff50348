import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { seedConsent } from '../helpers/consent-cookie.js';
import { readRows, waitForRows } from '../helpers/db.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let proxy: FaultProxy;
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
  proxy = await startFaultProxy(collector.url);
  site = await startSite('04_outbox', proxy.url);
  context = await newVisitorContext(browser);
  await seedConsent(context, site.url, { analytics: true });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
  await proxy?.close();
  await collector?.stop();
});

const pageviews = () => readRows(collector.db).filter((r) => r.type === 'pageview');
const paths = () => pageviews().map((r) => r.path);
/** The outbox counters of the open page (`consentlog.stats()`). */
const queued = () =>
  page.evaluate(() =>
    (window as unknown as { consentlog: { stats(): Record<string, number> } }).consentlog.stats(),
  );

async function browseFive(): Promise<void> {
  await page.goto(`${site.url}/page1.html`);
  for (let i = 2; i <= 5; i++) {
    await page.click('#next');
    await page.waitForURL(`**/page${i}.html`);
  }
}

describe('durable delivery', () => {
  it('collector stopped → five pages → collector started: five pageviews, each stored once, with no user action', async () => {
    await collector.stop();
    await proxy.down();
    await browseFive();
    expect(readRows(collector.db)).toEqual([]);
    // Same database, new process; the pages are not touched again.
    collector = await startCollector([], collector.db);
    proxy.target = collector.url;
    await proxy.up();
    const rows = await waitForRows(collector.db, (r) => r.length >= 5);
    expect(rows.map((r) => r.path).sort()).toEqual([
      '/page1.html',
      '/page2.html',
      '/page3.html',
      '/page4.html',
      '/page5.html',
    ]);
    await page.waitForTimeout(500);
    expect(readRows(collector.db)).toHaveLength(5);
  });

  it('offline (CDP) → five SPA views → online: the `online` event delivers at once, each view once', async () => {
    // A retry timer of a minute: only the `online` event can deliver within the test.
    await page.goto(`${site.url}/page1.html?cl-retry-base-ms=60000&cl-retry-max-ms=60000`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    await context.setOffline(true);
    for (let i = 1; i <= 5; i++) await page.evaluate((n) => history.pushState({}, '', `/view${n}`), i);
    await page.waitForTimeout(300);
    expect(pageviews()).toHaveLength(1);
    await context.setOffline(false);
    await waitForRows(collector.db, (r) => r.length >= 6, 5000);
    expect(paths().slice(1).sort()).toEqual(['/view1', '/view2', '/view3', '/view4', '/view5']);
  });

  it('answers 500 twice then 200: the event is stored once, after three attempts', async () => {
    proxy.fail({ status: 500 }, { status: 500 });
    await page.goto(`${site.url}/page1.html`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    await page.waitForTimeout(300);
    expect(pageviews()).toHaveLength(1);
    const id = pageviews()[0]?.id;
    expect(proxy.posts.filter((p) => p.ids.includes(id ?? '')).map((p) => p.status)).toEqual([500, 500, 200]);
    expect(await queued()).toMatchObject({ sent: 1, retries: 2, invalid: 0 });
  });

  it('honours Retry-After on 429: no new attempt before it has passed', async () => {
    proxy.fail({ status: 429, retryAfter: '1' });
    await page.goto(`${site.url}/page1.html`);
    await waitForRows(collector.db, (r) => r.length >= 1, 5000);
    // The proxy notes the answer once it has passed it on.
    await expect.poll(() => proxy.posts[1]?.status).toBe(200);
    const [first, second] = proxy.posts;
    expect(first?.status).toBe(429);
    expect(second?.status).toBe(200);
    // The backoff alone (retryBaseMs 100) would have come back after 50–100 ms.
    expect((second?.start ?? 0) - (first?.end ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('drops a batch refused with another 4xx, with a console warning and a counter', async () => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    proxy.fail({ status: 400 });
    await page.goto(`${site.url}/page1.html`);
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toContain('HTTP 400');
    expect(await queued()).toMatchObject({ invalid: 1, sent: 0 });
    await page.evaluate(() =>
      (window as unknown as { consentlog: { track(n: string): void } }).consentlog.track('after'),
    );
    const rows = await waitForRows(collector.db, (r) => r.length >= 1);
    expect(rows.map((r) => r.type)).toEqual(['event']);
    expect(proxy.posts).toHaveLength(2);
  });

  it('splits a batch the collector finds too large (413) and delivers every event once', async () => {
    await collector.stop();
    await proxy.down();
    await page.goto(`${site.url}/page1.html`);
    await page.evaluate(() => {
      const cl = (window as unknown as { consentlog: { track(n: string): void } }).consentlog;
      for (let i = 0; i < 4; i++) cl.track(`e${i}`);
    });
    await page.waitForTimeout(300);
    collector = await startCollector([], collector.db);
    proxy.target = collector.url;
    proxy.fail({ status: 413, moreThan: 2 }, { status: 413, moreThan: 2 });
    await proxy.up();
    const rows = await waitForRows(collector.db, (r) => r.length >= 5);
    expect(rows).toHaveLength(5);
    expect(proxy.posts.filter((p) => p.status === 413).length).toBeGreaterThanOrEqual(1);
    expect(proxy.posts.filter((p) => p.status === 200).every((p) => p.ids.length <= 2)).toBe(true);
  });
});

type Cl = { track(n: string, p?: object): void; stats(): Record<string, number>; rejectAll(): void };
const track = (p: Page, name: string) =>
  p.evaluate((n) => (window as unknown as { consentlog: Cl }).consentlog.track(n), name);

describe('leaving and tabs', () => {
  it('tab closed right after a custom event: the event is stored once (beacon, or the next visit)', async () => {
    await page.goto(`${site.url}/page1.html`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    await track(page, 'closing');
    await page.close({ runBeforeUnload: false });
    let rows = await waitForRows(collector.db, (r) => r.some((x) => x.name === 'closing'), 3000);
    if (!rows.some((x) => x.name === 'closing')) {
      page = await context.newPage();
      await page.goto(`${site.url}/page2.html`);
      rows = await waitForRows(collector.db, (r) => r.some((x) => x.name === 'closing'));
    }
    expect(rows.filter((x) => x.name === 'closing')).toHaveLength(1);
  });

  it('what is queued while the page leaves goes by sendBeacon, with no later page to help', async () => {
    await page.goto(`${site.url}/page1.html?cl-engagement=true`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    await page.waitForTimeout(200);
    // about:blank runs no script: only a beacon sent while leaving can deliver the engagement.
    await page.goto('about:blank');
    const rows = await waitForRows(collector.db, (r) => r.some((x) => x.type === 'engagement'));
    const engagement = rows.find((x) => x.type === 'engagement');
    const carried = proxy.posts.filter((p) => p.ids.includes(engagement?.id ?? '-'));
    expect(carried.map((p) => p.mode)).toEqual(['no-cors']);
    expect(proxy.posts[0]?.mode).toBe('cors');
  });

  it('collector down while the tab closes: the next visit delivers the event, once', async () => {
    await page.goto(`${site.url}/page1.html`);
    await waitForRows(collector.db, (r) => r.length >= 1);
    await proxy.down();
    await track(page, 'lost-without-outbox');
    await page.close({ runBeforeUnload: false });
    await proxy.up();
    page = await context.newPage();
    await page.goto(`${site.url}/page2.html`);
    const rows = await waitForRows(
      collector.db,
      (r) => r.some((x) => x.name === 'lost-without-outbox') && r.length >= 3,
    );
    await page.waitForTimeout(300);
    expect(readRows(collector.db).filter((x) => x.name === 'lost-without-outbox')).toHaveLength(1);
    expect(rows.map((r) => r.path).sort()).toEqual(['/page1.html', '/page1.html', '/page2.html']);
  });

  it('two tabs: no event is sent by both at once, and none is stored twice', async () => {
    await collector.stop();
    await proxy.down();
    const other = await context.newPage();
    await Promise.all([page.goto(`${site.url}/page1.html`), other.goto(`${site.url}/page2.html`)]);
    for (let i = 0; i < 10; i++) await Promise.all([track(page, `a${i}`), track(other, `b${i}`)]);
    await page.waitForTimeout(300);
    collector = await startCollector([], collector.db);
    proxy.target = collector.url;
    await proxy.up();
    const rows = await waitForRows(collector.db, (r) => r.length >= 22);
    await page.waitForTimeout(1000);
    expect(readRows(collector.db)).toHaveLength(22);
    expect(new Set(rows.map((r) => r.id)).size).toBe(22);
    // Web Locks: no two requests that overlapped in time carried the same event.
    const ok = proxy.posts.filter((p) => p.status === 200);
    for (const a of ok) {
      for (const b of ok) {
        if (a === b || a.end < b.start || b.end < a.start) continue;
        expect(a.ids.filter((id) => b.ids.includes(id))).toEqual([]);
      }
    }
  });
});

describe('bounds, fallback and withdrawal', () => {
  it('keeps at most maxQueue events and counts what the bound dropped', async () => {
    await proxy.down();
    await page.goto(`${site.url}/page1.html?cl-max-queue=3`);
    for (let i = 0; i < 5; i++) await track(page, `e${i}`);
    await page.waitForTimeout(500);
    await proxy.up();
    const rows = await waitForRows(collector.db, (r) => r.length >= 3);
    await page.waitForTimeout(500);
    expect(readRows(collector.db).map((r) => r.name)).toEqual(['e2', 'e3', 'e4']);
    expect((await queued()).overflow).toBe(3);
    expect(rows).toHaveLength(3);
  });

  it('drops events older than maxAgeHours and counts them', async () => {
    await proxy.down();
    // 0.0003 h ≈ 1 s.
    await page.goto(`${site.url}/page1.html?cl-max-age-hours=0.0003`);
    await track(page, 'stale');
    await page.waitForTimeout(1500);
    await proxy.up();
    await track(page, 'fresh');
    const rows = await waitForRows(collector.db, (r) => r.length >= 1);
    await page.waitForTimeout(300);
    expect(readRows(collector.db).map((r) => r.name)).toEqual(['fresh']);
    expect((await queued()).expired).toBe(2);
    expect(rows).toHaveLength(1);
  });

  it('without IndexedDB, falls back to memory and still delivers', async () => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    });
    proxy.fail({ status: 503 });
    await page.goto(`${site.url}/page1.html`);
    await track(page, 'in-memory');
    const rows = await waitForRows(collector.db, (r) => r.length >= 2);
    expect(rows.map((r) => r.type).sort()).toEqual(['event', 'pageview']);
  });

  it('withdrawing analytics removes its queued events and the ids at once; nothing more is sent', async () => {
    await proxy.down();
    await page.goto(`${site.url}/page1.html`);
    await track(page, 'queued');
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['cl_consent', 'cl_sid', 'cl_vid']);
    await page.evaluate(() => (window as unknown as { consentlog: Cl }).consentlog.rejectAll());
    expect((await context.cookies()).map((c) => c.name)).toEqual(['cl_consent']);
    await track(page, 'after');
    await expect.poll(async () => (await queued()).purged).toBe(2);
    await proxy.up();
    await page.goto(`${site.url}/page2.html`);
    await page.waitForTimeout(800);
    expect(readRows(collector.db)).toEqual([]);
    expect(proxy.posts).toEqual([]);
  });
});
