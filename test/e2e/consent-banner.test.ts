import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentPosts, eventsPosts, recordCollectorRequests, type SeenRequest } from '../helpers/beacons.js';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { ROOT, type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { readConsentRows, waitForConsentRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;
let context: BrowserContext;
let page: Page;
let seen: SeenRequest[];

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector();
  site = await startSite('02_consent', collector.url);
});
afterAll(async () => {
  await site?.close();
  await collector?.stop();
  await browser?.close();
});
beforeEach(async () => {
  context = await newVisitorContext(browser);
  seen = recordCollectorRequests(context, collector.url);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

const banner = () => page.locator('#cl-banner');
const prefs = () => page.locator('#cl-prefs');
const consentCookie = async () => (await context.cookies()).find((c) => c.name === 'cl_consent');
const activeId = () =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a ? a.id || a.getAttribute('data-cl-action') || a.tagName : null;
  });

/** Presses Tab until the focused element matches `want` (bounded), as a keyboard user would. */
async function tabTo(want: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await activeId()) === want) return;
  }
  throw new Error(`Tab never reached ${want}`);
}

describe('first layer', () => {
  it('gives Accept all and Reject all the same size, colours, weight and row; links the policy', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    const look = (action: string) =>
      page.locator(`#cl-banner [data-cl-action="${action}"]`).evaluate((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return [r.width, r.height, r.top, s.color, s.backgroundColor, s.fontSize, s.fontWeight];
      });
    const accept = await look('accept');
    expect(await look('reject')).toEqual(accept);
    expect(await page.locator('#cl-banner a.cl-policy').getAttribute('href')).toBe('/privacy.html');
    expect(await page.locator('#cl-banner').evaluate((b) => getComputedStyle(b).position)).toBe('fixed');
  });

  it('box layout centres the banner', async () => {
    await page.goto(`${site.url}/box.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    const box = await banner().boundingBox();
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - viewport.width / 2)).toBeLessThan(2);
    expect(Math.abs((box?.y ?? 0) + (box?.height ?? 0) / 2 - viewport.height / 2)).toBeLessThan(2);
  });

  // Long tasks are timing, which a shared 2-core machine makes noisy: that belongs in a benchmark.
  it('causes no layout shift', async () => {
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.shifts.push((e as unknown as { value: number }).value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    // Two frames, so any shift the banner caused has been reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    const content = await page.locator('#content').boundingBox();
    await page.click('#cl-banner [data-cl-action="reject"]');
    expect(await page.locator('#content').boundingBox()).toEqual(content);
  });
});

describe('keyboard only', () => {
  it('accepts with Tab and Enter, with a visible focus ring', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    await tabTo('accept');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return [s.outlineStyle, s.outlineWidth];
    });
    expect(ring).toEqual(['solid', '3px']);
    await page.keyboard.press('Enter');
    await expect.poll(() => banner().count()).toBe(0);
    expect(JSON.parse(decodeURIComponent((await consentCookie())?.value ?? '')).c).toEqual({
      analytics: 1,
      performance: 1,
      marketing: 1,
    });
  });

  it('rejects with Tab and Enter, and nothing but the refusal is sent', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    await tabTo('reject');
    await page.keyboard.press('Enter');
    await expect.poll(() => banner().count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => consentPosts(seen).length).toBe(1);
    expect(consentPosts(seen)[0]?.method).toBe('reject-all');
    expect(eventsPosts(seen)).toEqual([]);
  });

  it('customizes: focus moves into the dialog, stays trapped, Space toggles, Save stores', async () => {
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => banner().isVisible()).toBe(true);
    await tabTo('customize');
    await page.keyboard.press('Enter');
    await expect.poll(() => prefs().isVisible()).toBe(true);
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('#cl-prefs'));
    expect(await inDialog()).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await inDialog()).toBe(true);
    }
    await tabTo('cl-cat-performance');
    await page.keyboard.press('Space');
    await tabTo('save');
    await page.keyboard.press('Enter');
    await expect.poll(() => prefs().count()).toBe(0);
    expect(JSON.parse(decodeURIComponent((await consentCookie())?.value ?? '')).c).toEqual({
      analytics: 0,
      performance: 1,
      marketing: 0,
    });
    await expect.poll(() => consentPosts(seen).map((p) => p.method)).toEqual(['custom']);
  });

  it('Escape closes the dialog, grants nothing, and focus returns to the opener', async () => {
    await page.goto(`${site.url}/index.html`);
    await page.focus('#settings');
    await page.keyboard.press('Enter');
    await expect.poll(() => prefs().isVisible()).toBe(true);
    await tabTo('cl-cat-marketing');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect.poll(() => prefs().count()).toBe(0);
    expect(await activeId()).toBe('settings');
    expect(await consentCookie()).toBeUndefined();
    expect(await banner().isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(seen).toEqual([]);
  });

  it('a click outside the dialog closes it and grants nothing', async () => {
    await page.goto(`${site.url}/index.html`);
    await page.click('#settings');
    await expect.poll(() => prefs().isVisible()).toBe(true);
    await page.mouse.click(5, 5);
    await expect.poll(() => prefs().count()).toBe(0);
    expect(await consentCookie()).toBeUndefined();
  });
});

describe('accessibility (axe-core)', () => {
  for (const [file, lang] of [
    ['index.html', 'en'],
    ['ja.html', 'ja'],
    ['ko.html', 'ko'],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`finds no violation in the banner and the dialog: ${lang}, ${scheme}`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${site.url}/${file}`);
        await expect.poll(() => banner().isVisible()).toBe(true);
        expect(await banner().getAttribute('lang')).toBe(lang);
        await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
        const run = (selector: string) =>
          page.evaluate(async (s) => {
            const axe = (window as unknown as { axe: { run(c: string): Promise<{ violations: unknown[] }> } })
              .axe;
            const result = await axe.run(s);
            return result.violations.map((v) => JSON.stringify(v).slice(0, 400));
          }, selector);
        expect(await run('#cl-banner')).toEqual([]);
        await page.click('#cl-banner [data-cl-action="customize"]');
        await expect.poll(() => prefs().isVisible()).toBe(true);
        expect(await run('#cl-prefs')).toEqual([]);
      });
    }
  }

  it('speaks Japanese from <html lang="ja"> and records that language', async () => {
    await page.goto(`${site.url}/ja.html`);
    expect(await page.locator('#cl-banner [data-cl-action="accept"]').textContent()).toBe('すべて同意');
    expect(await page.locator('#cl-banner [data-cl-action="reject"]').textContent()).toBe('すべて拒否');
    // The collector is shared by this file's tests: wait for one row more than there were.
    const before = readConsentRows(collector.db).length;
    await page.click('#cl-banner [data-cl-action="reject"]');
    const rows = await waitForConsentRows(collector.db, before + 1);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ language: 'ja', method: 'reject-all' });
  });
});
