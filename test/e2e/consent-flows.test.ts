import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/shared/index.js';
import { consentPosts, eventsPosts, recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { CHROMIUM_FLAGS, chromiumPath, launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { readConsentRows, readRows, waitForConsentRows, waitForRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;
let context: BrowserContext;
let page: Page;
let seen: SeenRequest[];
let tagRequests: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  collector = await startCollector();
  site = await startSite('02_consent', collector.url);
  context = await newVisitorContext(browser);
  seen = recordCollectorRequests(context, collector.url);
  tagRequests = [];
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/tag.js' || path === '/frame.html') tagRequests.push(path);
  });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
  await collector?.stop();
});

const banner = () => page.locator('#cl-banner');
const click = (selector: string) => page.click(selector);
const tagRuns = () => page.evaluate(() => (window as unknown as { tagRuns?: string[] }).tagRuns ?? []);
const cookieNames = async () => (await context.cookies()).map((c) => c.name).sort();
const settle = () => page.waitForLoadState('networkidle');

describe('blocked tags', () => {
  it('run nothing before consent, then each granted tag once, in document order', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    await settle();
    // Refuted: no tag ran, no tag file or iframe was fetched, no cookie was set.
    expect(await tagRuns()).toEqual([]);
    expect(tagRequests).toEqual([]);
    expect(await page.locator('iframe').getAttribute('src')).toBeNull();
    expect(await cookieNames()).toEqual([]);
    await click('#cl-banner [data-cl-action="accept"]');
    await expect.poll(tagRuns).toEqual(['external-marketing', 'inline-marketing', 'inline-analytics']);
    await expect.poll(() => page.locator('iframe').getAttribute('src')).toBe('/frame.html');
    expect(await page.locator('.cl-ph').count()).toBe(0);
    // A tag added to the page later runs once too; a second decision runs nothing again.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.dataset.category = 'marketing';
      s.text = "window.tagRuns.push('late-marketing')";
      document.body.append(s);
    });
    await expect
      .poll(tagRuns)
      .toEqual(['external-marketing', 'inline-marketing', 'inline-analytics', 'late-marketing']);
    await page.evaluate(() =>
      (window as unknown as { consentlog: { acceptAll(): void } }).consentlog.acceptAll(),
    );
    await settle();
    expect((await tagRuns()).length).toBe(4);
    expect(tagRequests.filter((p) => p === '/tag.js')).toHaveLength(1);
  });

  it('runs only the granted category: analytics alone leaves marketing tags and frames blocked', async () => {
    await page.goto(`${site.url}/index.html`);
    await page.evaluate(() =>
      (window as unknown as { consentlog: { setConsent(c: object): void } }).consentlog.setConsent({
        analytics: true,
      }),
    );
    await expect.poll(tagRuns).toEqual(['inline-analytics']);
    await settle();
    expect(tagRequests).toEqual([]);
  });

  it('a blocked iframe shows a placeholder whose button grants its category', async () => {
    await page.goto(`${site.url}/index.html`);
    const placeholder = page.locator('.cl-ph');
    await expect.poll(() => placeholder.isVisible()).toBe(true);
    expect(await placeholder.textContent()).toContain('Marketing: Campaign links, and advertising tags.');
    expect(await page.locator('iframe').isVisible()).toBe(false);
    await click('.cl-ph button');
    await expect.poll(() => page.locator('iframe').getAttribute('src')).toBe('/frame.html');
    expect(await placeholder.count()).toBe(0);
    await expect
      .poll(() => consentPosts(seen).map((p) => [p.method, p.choices.marketing, p.choices.analytics]))
      .toEqual([['custom', true, false]]);
  });
});

describe('withdrawal', () => {
  it('deletes the listed cookies, unloads the frame and stops sending at once, without a reload', async () => {
    await page.goto(`${site.url}/index.html`);
    await click('#cl-banner [data-cl-action="accept"]');
    await expect
      .poll(cookieNames)
      .toEqual(['_fbp', '_ga', '_ga_ABC123', 'cl_consent', 'cl_sid', 'cl_vid', 'site_pref']);
    await waitForRows(collector.db, (r) => r.filter((x) => x.category === 'analytics').length === 1);
    // Withdraw through the footer link, as easily as consent was given.
    await click('#settings');
    await click('#cl-cat-marketing');
    await click('#cl-cat-analytics');
    await click('#cl-prefs [data-cl-action="save"]');
    await expect.poll(cookieNames).toEqual(['cl_consent', 'site_pref']);
    expect(await page.locator('iframe').getAttribute('src')).toBe('about:blank');
    const before = eventsPosts(seen).length;
    await click('#next');
    await page.waitForURL('**/page2.html');
    await settle();
    // Performance stays granted, so web vitals may still leave; nothing of the withdrawn categories.
    const withdrawnSent = eventsPosts(seen)
      .slice(before)
      .flatMap((r) => (JSON.parse(r.body ?? '{}') as EventBatch).events)
      .filter((e) => e.category !== 'performance');
    expect(withdrawnSent).toEqual([]);
    expect(readRows(collector.db).filter((r) => r.category !== 'performance')).toHaveLength(1);
    const rows = await waitForConsentRows(collector.db, 2);
    expect(rows.map((r) => r.method)).toEqual(['accept-all', 'withdraw']);
    expect(rows[1]?.previous_consent_id).toBe(rows[0]?.consent_id);
    expect(JSON.parse(String(rows[1]?.choices))).toEqual({
      necessary: true,
      analytics: false,
      performance: true,
      marketing: false,
    });
  });

  it('deletes them on the parent domain too', async () => {
    // A site on www.shop.test (resolved to loopback only) whose tags set cookies for shop.test.
    const named = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP *.shop.test 127.0.0.1, MAP shop.test 127.0.0.1'],
    });
    try {
      const ctx = await newVisitorContext(named);
      const p = await ctx.newPage();
      const url = site.url.replace('localhost', 'www.shop.test');
      await p.goto(`${url}/index.html`);
      await p.click('#cl-banner [data-cl-action="accept"]');
      await p.evaluate(() => {
        // biome-ignore lint/suspicious/noDocumentCookie: set exactly as a tag on the page would.
        document.cookie = '_ga=GA1.2.parent; domain=shop.test; path=/';
        // biome-ignore lint/suspicious/noDocumentCookie: set exactly as a tag on the page would.
        document.cookie = '_fbp=fb.parent; domain=shop.test; path=/';
      });
      const marketing = async () =>
        (await ctx.cookies()).filter((c) => c.name.startsWith('_')).map((c) => `${c.name}@${c.domain}`);
      expect((await marketing()).sort()).toEqual(
        [
          '_fbp@.shop.test',
          '_fbp@www.shop.test',
          '_ga@.shop.test',
          '_ga@www.shop.test',
          '_ga_ABC123@www.shop.test',
        ].sort(),
      );
      await p.evaluate(() =>
        (window as unknown as { consentlog: { setConsent(c: object): void } }).consentlog.setConsent({
          marketing: false,
        }),
      );
      await expect.poll(marketing).toEqual([]);
      await ctx.close();
    } finally {
      await named.close();
    }
  });
});

describe('policy revision', () => {
  it('asks again when the revision changes and records the new decision', async () => {
    await page.goto(`${site.url}/index.html`);
    await click('#cl-banner [data-cl-action="accept"]');
    await page.goto(`${site.url}/page2.html`);
    await settle();
    expect(await banner().count()).toBe(0);
    await page.goto(`${site.url}/rev2.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    // The old decision no longer counts: nothing of marketing runs until the new choice.
    await settle();
    expect(await tagRuns()).toEqual([]);
    await click('#cl-banner [data-cl-action="reject"]');
    const rows = await waitForConsentRows(collector.db, 2);
    expect(rows.map((r) => [r.method, r.policy_revision])).toEqual([
      ['accept-all', '1'],
      ['reject-all', '2'],
    ]);
  });
});

describe('Global Privacy Control', () => {
  beforeEach(async () => {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
  });

  it('denies marketing even on Accept all, records it as gpc, and says so in the dialog', async () => {
    await page.goto(`${site.url}/index.html`);
    await click('#cl-banner [data-cl-action="accept"]');
    await expect.poll(tagRuns).toEqual(['inline-analytics']);
    await settle();
    // Refuted: no marketing tag, frame or cookie, ever.
    expect(tagRequests).toEqual([]);
    // Analytics was granted, so the visitor and session ids are there; nothing of marketing's.
    expect(await cookieNames()).toEqual(['cl_consent', 'cl_sid', 'cl_vid']);
    const rows = await waitForConsentRows(collector.db, 1);
    expect(rows.map((r) => [r.method, JSON.parse(String(r.choices)).marketing])).toEqual([['gpc', false]]);
    await click('#settings');
    expect(await page.locator('#cl-prefs .cl-gpc').textContent()).toMatch(/^Opt-out request honoured/);
    expect(await page.locator('#cl-cat-marketing').isChecked()).toBe(false);
    expect(await page.locator('#cl-cat-marketing').isDisabled()).toBe(true);
  });

  it('rewrites an earlier marketing grant as a gpc decision on the next page', async () => {
    const plain = await newVisitorContext(browser);
    const p = await plain.newPage();
    await p.goto(`${site.url}/index.html`);
    await p.click('#cl-banner [data-cl-action="accept"]');
    await waitForConsentRows(collector.db, 1);
    await context.addCookies(await plain.cookies());
    await plain.close();
    await page.goto(`${site.url}/index.html`);
    const rows = await waitForConsentRows(collector.db, 2);
    expect(rows.map((r) => r.method)).toEqual(['accept-all', 'gpc']);
    expect(JSON.parse(String(rows[1]?.choices))).toMatchObject({ analytics: true, marketing: false });
    await expect.poll(tagRuns).toEqual(['inline-analytics']);
  });

  it('Reject all stays a plain refusal: GPC decided nothing there', async () => {
    await page.goto(`${site.url}/index.html`);
    await click('#cl-banner [data-cl-action="reject"]');
    const rows = await waitForConsentRows(collector.db, 1);
    expect(rows.map((r) => r.method)).toEqual(['reject-all']);
  });
});

describe('proof of consent', () => {
  it('records every decision with its method, texts hash, browser family, and no IP', async () => {
    await page.goto(`${site.url}/index.html`);
    await click('#cl-banner [data-cl-action="customize"]');
    await click('#cl-cat-analytics');
    await click('#cl-prefs [data-cl-action="save"]');
    await page.evaluate(() => {
      const cl = (window as unknown as { consentlog: Record<string, () => void> }).consentlog;
      cl.acceptAll();
      cl.rejectAll();
    });
    await click('#settings');
    await click('#cl-prefs [data-cl-action="accept"]');
    // Two decisions in one task race to the collector, so order the records by their chain of
    // previous consent ids, which is what proves the sequence.
    const rows = chainOrder(await waitForConsentRows(collector.db, 4));
    expect(rows.map((r) => r.method)).toEqual(['custom', 'accept-all', 'withdraw', 'accept-all']);
    for (const [i, r] of rows.entries()) {
      expect(r).toMatchObject({ site: 'fixture', language: 'en', browser: 'Chrome', policy_revision: '1' });
      expect(r.texts_hash).toMatch(/^[0-9a-f]{16}$/);
      expect(r.previous_consent_id).toBe(i === 0 ? null : rows[i - 1]?.consent_id);
      expect(JSON.stringify(r)).not.toMatch(/127\.0\.0|Mozilla/);
    }
    expect(new Set(rows.map((r) => r.texts_hash)).size).toBe(1);
    expect(readConsentRows(collector.db)).toHaveLength(4);
  });
});

describe('Google Consent Mode v2', () => {
  it('pushes all-denied defaults first, then an update and a dataLayer event per decision', async () => {
    await page.goto(`${site.url}/index.html`);
    const layer = () =>
      page.evaluate(() =>
        ((window as unknown as { dataLayer: unknown[] }).dataLayer ?? []).map((e) =>
          typeof e === 'object' && e !== null && 'length' in e ? Array.from(e as ArrayLike<unknown>) : e,
        ),
      );
    expect(await layer()).toEqual([
      [
        'consent',
        'default',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'denied',
          security_storage: 'granted',
        },
      ],
    ]);
    await page.evaluate(() =>
      (window as unknown as { consentlog: { setConsent(c: object): void } }).consentlog.setConsent({
        analytics: true,
      }),
    );
    const after = await layer();
    expect(after.slice(1)).toEqual([
      [
        'consent',
        'update',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'granted',
        },
      ],
      {
        event: 'consentlog_consent',
        consentlog: {
          choices: { necessary: true, analytics: true, performance: false, marketing: false },
          id: expect.any(String),
          method: 'custom',
        },
      },
    ]);
    // The next page repeats default, then update from the stored decision, before any tag.
    await page.goto(`${site.url}/page2.html`);
    const next = await layer();
    expect(next.map((e) => (Array.isArray(e) ? e[1] : (e as { event: string }).event))).toEqual([
      'default',
      'update',
      'consentlog_consent',
    ]);
  });
});

/** Records in decision order: each one's `previous_consent_id` is the one before it. */
function chainOrder(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const ordered: Record<string, unknown>[] = [];
  let previous: unknown = null;
  for (let i = 0; i < rows.length; i++) {
    const next = rows.find((r) => r.previous_consent_id === previous);
    if (!next) return rows; // a broken chain: let the assertions show the stored order
    ordered.push(next);
    previous = next.consent_id;
  }
  return ordered;
}
