import type { Browser, BrowserContext, Cookie } from 'playwright-core';
import type { PageEntry } from './entries.js';
import { type ProbeResult, probe } from './probe.js';

export type VisitKind = 'first' | 'returning';

export interface VisitResult {
  entry: string;
  kind: VisitKind;
  bannerMs: number | null;
  loadMs: number | null;
  scriptMs: number;
  longTasks: number;
  totalBlockingMs: number;
  layoutShift: number;
  heapKB: number;
}

/** After `load`, how long a visit without a banner is watched (a banner shown by mistake shows up). */
const WATCH_MS = 500;
/** After the banner shows, time for its fade-in and any late shift or task to be recorded. */
const SETTLE_MS = 200;

/** The probe as source: tsx's helpers (`__name`) do not exist in the page, so a shim comes first. */
const probeSource = (selector: string | null): string =>
  `var __name = (f) => f; (${probe.toString()})(${JSON.stringify(selector)});`;

export interface VisitSetup {
  browser: Browser;
  userAgent: string;
  siteUrl: string;
}

export async function newContext(setup: VisitSetup, cookies: Cookie[] = []): Promise<BrowserContext> {
  const context = await setup.browser.newContext({ userAgent: setup.userAgent });
  if (cookies.length) await context.addCookies(cookies);
  return context;
}

/** One visit in a fresh profile: navigate, wait for the banner (or the watch time), read the numbers. */
export async function visit(
  setup: VisitSetup,
  entry: PageEntry,
  kind: VisitKind,
  cookies: Cookie[],
): Promise<VisitResult> {
  const context = await newContext(setup, kind === 'returning' ? cookies : []);
  try {
    await context.addInitScript({ content: probeSource(entry.banner) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${setup.siteUrl}/${entry.fixture}.html`, { waitUntil: 'load' });
    if (kind === 'first' && entry.banner) {
      await page.waitForFunction(() => window.__bench?.bannerAt != null, null, {
        timeout: 10_000,
        polling: 50,
      });
      await page.waitForTimeout(SETTLE_MS);
    } else {
      await page.waitForTimeout(WATCH_MS);
    }
    const probed = (await page.evaluate(() => window.__bench)) as ProbeResult;
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const scriptSeconds = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    return {
      entry: entry.name,
      kind,
      bannerMs: probed.bannerAt,
      loadMs: probed.loadAt,
      scriptMs: scriptSeconds * 1000,
      longTasks: probed.longTasks.length,
      totalBlockingMs: probed.longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      layoutShift: probed.layoutShift,
      heapKB: heap.usedSize / 1024,
    };
  } finally {
    await context.close();
  }
}

/** A visitor accepts everything once; the cookies that leaves are what a returning visit starts with. */
export async function consentCookies(setup: VisitSetup, entry: PageEntry): Promise<Cookie[]> {
  if (!entry.acceptAll) return [];
  const context = await newContext(setup);
  try {
    const page = await context.newPage();
    await page.goto(`${setup.siteUrl}/${entry.fixture}.html`);
    await page.waitForSelector(entry.banner ?? 'body', { state: 'visible', timeout: 10_000 });
    await entry.acceptAll(page);
    for (let tries = 0; tries < 100; tries++) {
      const cookies = await context.cookies();
      if (cookies.length) return cookies;
      await page.waitForTimeout(50);
    }
    throw new Error(`${entry.name}: accepting left no cookie`);
  } finally {
    await context.close();
  }
}
