import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentPosts, recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;
let context: BrowserContext;
let page: Page;
let seen: SeenRequest[];

const CSP = "script-src 'self'; style-src 'self' 'nonce-X'";

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector();
  site = await startSite('03_csp', collector.url, { '/index.html': { 'Content-Security-Policy': CSP } });
  context = await newVisitorContext(browser);
  seen = recordCollectorRequests(context, collector.url);
  page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
});
afterAll(async () => {
  await context?.close();
  await site?.close();
  await collector?.stop();
  await browser?.close();
});

const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe(`a page served with Content-Security-Policy: ${CSP}`, () => {
  it('shows the styled banner and dialog, runs a granted tag, and reports no violation', async () => {
    const response = await page.goto(`${site.url}/index.html`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    const banner = page.locator('#cl-banner');
    await expect.poll(() => banner.isVisible()).toBe(true);
    // The stylesheet applied: it carries the nonce, so the browser let it in.
    expect(await banner.evaluate((b) => getComputedStyle(b).position)).toBe('fixed');
    expect(await page.locator('.cl-ph').evaluate((p) => getComputedStyle(p).borderStyle)).toBe('dashed');
    await page.click('#settings');
    await expect.poll(() => page.locator('#cl-prefs').isVisible()).toBe(true);
    await page.click('#cl-prefs [data-cl-action="accept"]');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { tagRuns?: string[] }).tagRuns))
      .toEqual(['external-marketing']);
    await expect.poll(() => consentPosts(seen).map((p) => p.method)).toEqual(['accept-all']);
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
  });

  it('refuted: without the nonce the same stylesheet would have been blocked', async () => {
    // Proves the listener works: an un-nonced <style> added by the test is reported.
    await page.evaluate(() => {
      const s = document.createElement('style');
      s.textContent = 'body{color:red}';
      document.head.append(s);
    });
    await expect.poll(violations).toEqual([expect.stringMatching(/^style-src-elem /)]);
  });
});
