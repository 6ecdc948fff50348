import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { makeBatch, makeEvent } from '../helpers/collector-app.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { readRows } from '../helpers/db.js';
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

/** Be the visitor whose browser holds `id` in the first-party cookie the tracker sets. */
const holdVisitorId = (id: string) => context.addCookies([{ name: 'cl_vid', value: id, url: site.url }]);

describe('consentlog.exportMyData() / deleteMyData() in a real browser', () => {
  it('exports exactly this visitor’s rows, sending the id in the body, not the URL', async () => {
    await holdVisitorId(ALICE);
    await page.goto(`${site.url}/index.html`);
    const data = await page.evaluate(() =>
      (window as never as { consentlog: { exportMyData(): Promise<unknown> } }).consentlog.exportMyData(),
    );
    const rows = (data as { access_log: { visitor_id: string }[] }).access_log;
    expect(rows.map((r) => r.visitor_id)).toEqual([ALICE, ALICE]);
    expect(JSON.stringify(data)).not.toContain(BOB);
    const asked = seen.filter((r) => r.path.startsWith('/v1/privacy/'));
    expect(asked).toEqual([
      { method: 'POST', path: '/v1/privacy/export', body: JSON.stringify({ visitor_id: ALICE }) },
    ]);
  });

  it('deletes only this visitor’s rows and forgets the id', async () => {
    await holdVisitorId(BOB);
    await page.goto(`${site.url}/index.html`);
    const result = await page.evaluate(() =>
      (window as never as { consentlog: { deleteMyData(): Promise<unknown> } }).consentlog.deleteMyData(),
    );
    expect(result).toEqual({ deleted: { access_log: 2, bad_rows: 0, consent_detached: 0 } });
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
