import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventsPosts, recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { readRows, waitForRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;
let context: BrowserContext;
let page: Page;
let seen: SeenRequest[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  collector = await startCollector();
  site = await startSite('01_basic', collector.url);
  context = await newVisitorContext(browser);
  seen = recordCollectorRequests(context, collector.url);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
  await collector?.stop();
});

const banner = () => page.locator('#cl-banner');
const button = (action: string) => page.locator(`#cl-banner [data-cl-action="${action}"]`);

/** Lets the script run and any request it would make leave the page. */
async function settle(): Promise<void> {
  await page.waitForLoadState('networkidle');
}

describe('before a choice', () => {
  it('shows the three first-layer buttons and sends nothing, sets no cookie', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    expect(await button('accept').textContent()).toBe('Accept all');
    expect(await button('reject').textContent()).toBe('Reject all');
    expect(await button('customize').textContent()).toBe('Customize');
    await settle();
    expect(seen).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });
});

describe('after Reject all', () => {
  it('keeps only the consent cookie and sends no event while browsing', async () => {
    await page.goto(`${site.url}/index.html`);
    await button('reject').click();
    await expect.poll(() => banner().count()).toBe(0);
    await page.click('#next');
    await page.waitForURL('**/page2.html');
    await page.click('#next');
    await page.waitForURL('**/page3.html');
    await settle();
    expect(eventsPosts(seen)).toEqual([]);
    // The refusal itself is recorded as proof, once.
    const proofs = seen.filter((r) => r.method === 'POST' && r.path === '/v1/consent');
    expect(proofs.map((r) => JSON.parse(r.body ?? '{}').method)).toEqual(['reject-all']);
    expect(seen.filter((r) => r.method !== 'OPTIONS')).toHaveLength(1);
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toEqual(['cl_consent']);
    expect(await banner().count()).toBe(0);
    expect(readRows(collector.db)).toEqual([]);
  });
});

describe('after Accept all', () => {
  it('stores each page view exactly once with URL, referrer and browser', async () => {
    await page.goto(`${site.url}/index.html`);
    await button('accept').click();
    await waitForRows(collector.db, (rows) => rows.length >= 1);
    await page.click('#next');
    await page.waitForURL('**/page2.html');
    await page.click('#next');
    await page.waitForURL('**/page3.html');
    const rows = await waitForRows(collector.db, (r) => r.length >= 3);
    await settle();
    const final = readRows(collector.db);
    expect(final.map((r) => r.path)).toEqual(['/index.html', '/page2.html', '/page3.html']);
    expect(final.every((r) => r.type === 'pageview' && r.category === 'analytics')).toBe(true);
    expect(final[0]?.url).toBe(`${site.url}/index.html`);
    expect(final[1]?.referrer).toBe(`${site.url}/index.html`);
    expect(final[2]?.referrer).toBe(`${site.url}/page2.html`);
    expect(final.every((r) => r.browser === 'Chrome' && r.is_bot === 0)).toBe(true);
    expect(final.every((r) => r.host === new URL(site.url).hostname)).toBe(true);
    expect(new Set(final.map((r) => r.consent_id)).size).toBe(1);
    expect(rows.length).toBe(3);
    expect(eventsPosts(seen).length).toBe(3);
  });

  it('does not show the banner again on reload and sends one pageview per load', async () => {
    await page.goto(`${site.url}/index.html`);
    await button('accept').click();
    await waitForRows(collector.db, (rows) => rows.length >= 1);
    await page.reload();
    await settle();
    expect(await banner().count()).toBe(0);
    const rows = await waitForRows(collector.db, (r) => r.length >= 2);
    expect(rows.map((r) => r.path)).toEqual(['/index.html', '/index.html']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });
});
