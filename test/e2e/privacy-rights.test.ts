import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { makeBatch, makeEvent } from '../helpers/collector-app.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { seedConsent } from '../helpers/consent-cookie.js';
import { readRows, waitForRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

const ALICE = 'a1'.repeat(16);
const BOB = 'b2'.repeat(16);

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
  collector = await startCollector([
    '--admin-token-file',
    `${process.env.TMPDIR ?? '/tmp'}/cl-e2e-token-${Date.now()}`,
  ]);
  site = await startSite('01_basic', collector.url);
  context = await newVisitorContext(browser);
  seen = recordCollectorRequests(context, collector.url);
  // Seed what the tracker would have sent for two visitors.
  for (const visitor of [ALICE, BOB]) {
    const events = [1, 2].map((ts) => makeEvent({ ts, visitor_id: visitor }));
    const res = await fetch(`${collector.url}/v1/events`, {
      method: 'POST',
      body: JSON.stringify(makeBatch(events)),
    });
    expect(res.status).toBe(200);
  }
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
  await collector?.stop();
});

/**
 * Be the visitor whose browser holds `id` in the first-party cookie the tracker sets. An id exists
 * only with analytics consent (without it the script deletes the id), so the decision is stored
 * too, and this page's own pageview lands under the same id.
 */
async function holdVisitorId(id: string): Promise<void> {
  await seedConsent(context, site.url, { analytics: true });
  await context.addCookies([{ name: 'cl_vid', value: id, url: site.url }]);
}

/** Opens the page and waits until its pageview is stored next to the four seeded rows. */
async function visit(): Promise<void> {
  await page.goto(`${site.url}/index.html`);
  await waitForRows(collector.db, (rows) => rows.length === 5);
}

describe('consentlog.exportMyData() / deleteMyData() in a real browser', () => {
  it('exports exactly this visitor’s rows, sending the id in the body, not the URL', async () => {
    await holdVisitorId(ALICE);
    await visit();
    const data = await page.evaluate(() =>
      (window as never as { consentlog: { exportMyData(): Promise<unknown> } }).consentlog.exportMyData(),
    );
    const rows = (data as { access_log: { visitor_id: string }[] }).access_log;
    expect(rows.map((r) => r.visitor_id)).toEqual([ALICE, ALICE, ALICE]);
    expect(JSON.stringify(data)).not.toContain(BOB);
    const asked = seen.filter((r) => r.path.startsWith('/v1/privacy/'));
    expect(asked).toEqual([
      { method: 'POST', path: '/v1/privacy/export', body: JSON.stringify({ visitor_id: ALICE }) },
    ]);
  });

  it('deletes only this visitor’s rows and forgets the id', async () => {
    await holdVisitorId(BOB);
    await visit();
    const result = await page.evaluate(() =>
      (window as never as { consentlog: { deleteMyData(): Promise<unknown> } }).consentlog.deleteMyData(),
    );
    // The page's own pageview carries the visitor's consent id: that one decision is detached.
    expect(result).toEqual({ deleted: { access_log: 3, bad_rows: 0, consent_detached: 1 } });
    expect(readRows(collector.db).map((r) => r.visitor_id)).toEqual([ALICE, ALICE]);
    expect((await context.cookies()).find((c) => c.name === 'cl_vid')).toBeUndefined();
  });

  it('refuted: a browser without a visitor id gets null and sends nothing', async () => {
    await page.goto(`${site.url}/index.html`);
    const result = await page.evaluate(async () => {
      const api = (
        window as never as {
          consentlog: { exportMyData(): Promise<unknown>; deleteMyData(): Promise<unknown> };
        }
      ).consentlog;
      return [await api.exportMyData(), await api.deleteMyData()];
    });
    expect(result).toEqual([null, null]);
    expect(seen.filter((r) => r.path.startsWith('/v1/privacy/'))).toEqual([]);
    expect(readRows(collector.db)).toHaveLength(4);
  });
});
