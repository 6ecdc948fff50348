import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { type RunningCollector, startCollector } from '../helpers/collector-process.js';
import { seedConsent } from '../helpers/consent-cookie.js';
import { readRows } from '../helpers/db.js';
import { type SiteServer, startSite } from '../helpers/site-server.js';

/**
 * What the browser script costs a visitor, in headless Chromium against a real collector:
 * main-thread time added to a page load, main-thread time of one `track()` call, and outbox
 * throughput (events enqueued per second, and delivered to the collector per second).
 * Bounded: a fixed number of loads and events, well under two minutes.
 */
const LOADS = 12;
const TRACK_CALLS = 1000;
const EVENTS = 3000;

let browser: Browser;
let collector: RunningCollector;
let site: SiteServer;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector();
  site = await startSite('06_bench', collector.url);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await collector?.stop();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const ms = (x: number) => x.toFixed(2);

interface Profile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Main-thread time (ms) of samples whose stack holds a frame of the script, callees included. */
function scriptTime(profile: Profile): number {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result =
      !!node && (node.callFrame.url.endsWith('/consentlog.js') || (up !== undefined && isOurs(up)));
    ours.set(id, result);
    return result;
  };
  let us = 0;
  // timeDeltas[i] is the time before sample i; the sample's own time is the next delta.
  for (let i = 0; i < profile.samples.length; i++) {
    if (isOurs(profile.samples[i] ?? -1)) us += profile.timeDeltas[i + 1] ?? 0;
  }
  return us / 1000;
}

/** Script time of one page load in `page` (a tab), from a CPU profile sampled every 50 µs, in ms. */
async function loadCost(page: Page, cdp: CDPSession): Promise<number> {
  await cdp.send('Profiler.start');
  await page.goto(`${site.url}/with.html`, { waitUntil: 'load' });
  // Let the script's after-load work (outbox flush, observers) run too.
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  return scriptTime(profile as Profile);
}

/** LOADS page loads in one tab, as a visitor browses: the first load of a tab, and the rest. */
async function loadRow(
  label: string,
  granted: { analytics?: boolean; performance?: boolean; marketing?: boolean } | null,
) {
  const context = await newVisitorContext(browser);
  if (granted) await seedConsent(context, site.url, granted);
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const runs: number[] = [];
  for (let i = 0; i < LOADS; i++) runs.push(await loadCost(page, cdp));
  await context.close();
  const later = runs.slice(1);
  return [label, ms(runs[0] ?? 0), ms(median(later)), ms(p95(later)), ms(Math.min(...later))];
}

function table(title: string, rows: string[][]): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r: string[]) => r.map((c, i) => String(c).padStart(widths[i] ?? 0)).join('  ');
  console.log(`\n${title}\n${rows.map(line).join('\n')}`);
}

it('page load: main-thread time the script adds (median of loads)', async () => {
  table(
    `Page load: main-thread time in consentlog.js and what it calls; first load of a tab, then ${LOADS - 1} more (ms)`,
    [
      ['visitor', 'first load', 'median', 'p95', 'min'],
      await loadRow('no decision yet (banner shown)', null),
      await loadRow('analytics only (pageview, ids, engagement)', { analytics: true }),
      await loadRow('all granted (+ web vitals, campaigns)', {
        analytics: true,
        performance: true,
        marketing: true,
      }),
    ],
  );
});

async function trackedPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newVisitorContext(browser);
  await seedConsent(context, site.url, { analytics: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/with.html`);
  return { context, page };
}

it('track(): main-thread time of one call, and outbox throughput', async () => {
  const { context, page } = await trackedPage();
  const times = await page.evaluate((n) => {
    const cl = (window as unknown as { consentlog: { track(name: string, p?: object): void } }).consentlog;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      cl.track('bench', { i, plan: 'pro' });
      out.push(performance.now() - t);
    }
    return out;
  }, TRACK_CALLS);
  // Let the first run deliver before the throughput run starts.
  const before = async () => readRows(collector.db).length;
  let settled = -1;
  while (settled !== (await before())) {
    settled = await before();
    await page.waitForTimeout(500);
  }
  const start = Date.now();
  const enqueue = await page.evaluate((n) => {
    const cl = (window as unknown as { consentlog: { track(name: string, p?: object): void } }).consentlog;
    const t = performance.now();
    for (let i = 0; i < n; i++) cl.track('throughput', { i });
    return performance.now() - t;
  }, EVENTS);
  let delivered = 0;
  while (delivered < EVENTS && Date.now() - start < 60_000) {
    await page.waitForTimeout(100);
    delivered = readRows(collector.db, "name = 'throughput'").length;
  }
  const deliverMs = Date.now() - start;
  await context.close();
  table('track() and outbox', [
    ['measure', 'value'],
    [
      `track() main thread, mean of ${TRACK_CALLS} calls (ms)`,
      (times.reduce((a, b) => a + b, 0) / times.length).toFixed(4),
    ],
    ['track() main thread, median (ms)', median(times).toFixed(4)],
    ['track() main thread, p95 (ms)', p95(times).toFixed(4)],
    [`enqueued: ${EVENTS} events in (ms)`, ms(enqueue)],
    ['enqueued (events/s)', Math.round((EVENTS / enqueue) * 1000).toString()],
    [`delivered and stored: ${delivered} events in (ms)`, String(deliverMs)],
    ['delivered (events/s)', Math.round((delivered / deliverMs) * 1000).toString()],
  ]);
});
