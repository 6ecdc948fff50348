import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { ROOT, type RunningCollector, startCollector } from '../helpers/collector-process.js';
import {
  afterLoad,
  axeSerious,
  firstLoad,
  type PageWatch,
  parseCsv,
  shownTable,
  shownTotals,
  signIn,
  sql,
  watchPage,
} from '../helpers/dashboard-page.js';
import { FORMULA, SITE, seedDashboard, seedLivePageview, XSS } from '../helpers/dashboard-seed.js';

const TOKEN = 'dashboard-test-token-0123456789';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

let browser: Browser;
let collector: RunningCollector;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
/** The range the overview answered for the default view (7 days), for the SQL below. */
let range: { from: number; to: number };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-dashboard-'));
  const tokenFile = join(dir, 'admin-token');
  writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  browser = await launchChromium();
  collector = await startCollector(['--admin-token-file', tokenFile], join(dir, 'consentlog.db'));
  await seedDashboard(collector.url);
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watch = await watchPage(page);
});
afterAll(async () => {
  await context?.close();
  await collector?.stop();
  await browser?.close();
});

/**
 * Visits (a session's rows) of the view, as docs/dashboard.md defines the overview and the
 * per-visit breakdowns: visits that started in the range with a pageview, bots out unless asked;
 * `page` keeps the visits with a pageview on that path, `browser` the visits from that browser.
 */
function visitsSql(filters: { page?: string; browser?: string } = {}, bots = false): string {
  const where = [`pageviews > 0`, `start >= ${range.from}`, `start < ${range.to}`];
  if (!bots) where.push('bot = 0');
  if (filters.browser) where.push(`browser = '${filters.browser}'`);
  if (filters.page) {
    where.push(
      `session_id IN (SELECT session_id FROM access_log WHERE type = 'pageview' AND path = '${filters.page}')`,
    );
  }
  return `WITH visits AS (
      SELECT session_id, MIN(visitor_id) AS visitor_id, SUM(type = 'pageview') AS pageviews, MIN(ts) AS start,
        MAX(is_bot) AS bot, MAX(browser) AS browser,
        (SELECT path FROM access_log AS f WHERE f.session_id = a.session_id AND f.type = 'pageview'
          ORDER BY ts LIMIT 1) AS entry,
        (SELECT COALESCE(referrer_domain, '(direct)') FROM access_log AS f
          WHERE f.session_id = a.session_id AND f.type = 'pageview' ORDER BY ts LIMIT 1) AS referrer
      FROM access_log AS a WHERE site = '${SITE}' GROUP BY session_id)
    SELECT * FROM visits WHERE ${where.join(' AND ')}`;
}

function sqlTotals(filters: { page?: string; browser?: string } = {}, bots = false) {
  const [row] = sql<{ visitors: number; pageviews: number; visits: number }>(
    collector.db,
    `SELECT COUNT(DISTINCT visitor_id) AS visitors, SUM(pageviews) AS pageviews, COUNT(*) AS visits
     FROM (${visitsSql(filters, bots)})`,
  );
  return row;
}

/** `value → [visitors, pageviews]` of the view's visits grouped by one of their columns, sorted by value. */
function sqlVisitBreakdown(column: 'browser' | 'entry' | 'referrer', filters: { page?: string } = {}) {
  return sql<{ value: string | null; visitors: number; pageviews: number }>(
    collector.db,
    `SELECT ${column} AS value, COUNT(DISTINCT visitor_id) AS visitors, SUM(pageviews) AS pageviews
     FROM (${visitsSql(filters)}) GROUP BY ${column}`,
  )
    .map((r): [string, number[]] => [r.value ?? '(unknown)', [r.visitors, r.pageviews]])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** `path → [visitors, pageviews]` over the pageviews of the range (pages count every pageview). */
function sqlPages(): [string, number[]][] {
  return sql<{ value: string; visitors: number; pageviews: number }>(
    collector.db,
    `SELECT path AS value, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews FROM access_log
     WHERE type = 'pageview' AND site = '${SITE}' AND ts >= ${range.from} AND ts < ${range.to} AND is_bot = 0
     GROUP BY path`,
  )
    .map((r): [string, number[]] => [r.value, [r.visitors, r.pageviews]])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const sorted = (rows: [string, number[]][]) => [...rows].sort((a, b) => a[0].localeCompare(b[0]));

describe('sign-in', () => {
  it('serves the page with its CSP at /dashboard and /dashboard/', async () => {
    for (const path of ['/dashboard', '/dashboard/']) {
      const response = await fetch(`${collector.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(await response.text()).not.toMatch(/<script>|<script(?![^>]*\bsrc=)|\sstyle=/);
    }
  });

  it('refuses the API without a session and a wrong token, and shows why', async () => {
    await page.goto(`${collector.url}/dashboard/`);
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.locator('#app').isVisible()).toBe(false);
    const status = await page.evaluate(async () => (await fetch('/dashboard/api/overview')).status);
    expect(status).toBe(401);
    await page.getByLabel('Access token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That token is not valid.');
  });

  it('signs in with the admin token and shows totals equal to SQL over the same file', async () => {
    const overview = page.waitForResponse((r) => r.url().includes('/dashboard/api/overview'));
    await signIn(page, collector.url, TOKEN);
    range = (await (await overview).json()).range;
    expect(new URL(page.url()).searchParams.get('site')).toBe(SITE);
    const expected = sqlTotals();
    expect(expected.pageviews).toBeGreaterThan(5);
    expect(await shownTotals(page)).toEqual(expected);
    // Admins see the audit log, with this sign-in in it.
    await expect.poll(() => page.locator('#audit-section').isVisible()).toBe(true);
    expect(await page.locator('#audit table').textContent()).toContain('dashboard.sign_in');
  });
});

describe('panels', () => {
  it('shows breakdown rows equal to SQL: pages, entry pages, referrers, browsers, custom events', async () => {
    expect(sorted(await shownTable(page, 'pages'))).toEqual(sqlPages());
    expect(sorted(await shownTable(page, 'browsers'))).toEqual(sqlVisitBreakdown('browser'));
    expect(sorted(await shownTable(page, 'entry_pages'))).toEqual(sqlVisitBreakdown('entry'));
    const referrers = sqlVisitBreakdown('referrer');
    expect(referrers.map(([value]) => value)).toContain('news.example.org');
    expect(sorted(await shownTable(page, 'referrers'))).toEqual(referrers);
    const events = sql<{ value: string; count: number; visitors: number }>(
      collector.db,
      `SELECT name AS value, COUNT(*) AS count, COUNT(DISTINCT visitor_id) AS visitors FROM access_log
       WHERE type = 'event' AND name NOT IN ('outbound', 'download') AND site = '${SITE}'
       AND ts >= ${range.from} AND ts < ${range.to} AND is_bot = 0 GROUP BY name`,
    ).map((r): [string, number[]] => [r.value, [r.count, r.visitors]]);
    expect(sorted(await shownTable(page, 'events'))).toEqual(sorted(events));
  });

  it('sorts a table by a column, both ways, from the keyboard', async () => {
    const header = page.locator('[data-breakdown="pages"] thead button', { hasText: 'Pageviews' });
    await header.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-breakdown="pages"] th[aria-sort="descending"]').textContent())
      .toMatch(/Pageviews/);
    const desc = (await shownTable(page, 'pages')).map(([, n]) => n[1]);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.locator('[data-breakdown="pages"] thead button', { hasText: 'Pageviews' }).press('Enter');
    await expect
      .poll(() => page.locator('[data-breakdown="pages"] th[aria-sort="ascending"]').count())
      .toBe(1);
    const asc = (await shownTable(page, 'pages')).map(([, n]) => n[1]);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });

  it('draws the chart: the visitors line is on the canvas', async () => {
    const stroke = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--chart-visitors').trim(),
    );
    const painted = await page.locator('#chart canvas').evaluate((canvas: HTMLCanvasElement, hex) => {
      const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
        0,
        0,
        canvas.width,
        canvas.height,
      );
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && want.every((v, k) => Math.abs(v - data[i + k]) < 8)) count++;
      }
      return count;
    }, stroke);
    expect(painted).toBeGreaterThan(20);
    // The same numbers as a table, for readers who cannot see the canvas.
    await page.getByText("The chart's numbers").click();
    const column = await page
      .locator('#chart-data tbody tr')
      .evaluateAll((rows) => rows.map((tr) => Number(tr.querySelectorAll('td')[1]?.textContent)));
    expect(column.reduce((a, b) => a + b, 0)).toBe(sqlTotals().pageviews);
  });

  it('shows web vitals with a rating in words and the consent decisions', async () => {
    await expect
      .poll(() => page.locator('#vitals tr.overall').textContent())
      .toMatch(/Good|Needs improvement|Poor/);
    const cls = page.locator('#vitals tr.overall td').nth(2);
    expect(await cls.getAttribute('class')).toContain('poor');
    expect(await cls.textContent()).toContain('Poor');
    const decisions = sql<{ n: number }>(collector.db, 'SELECT COUNT(*) AS n FROM consent_log')[0]?.n;
    expect(await page.locator('#consent .decisions').textContent()).toBe(`${decisions} decisions`);
    expect(await page.locator('#consent [data-category="analytics"] .rate').textContent()).toBe('80%');
  });
});

describe('filters', () => {
  it('a click on a page row filters every panel and the URL', async () => {
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes('/dashboard/api/')) requests.push(r.url());
    };
    page.on('request', onRequest);
    await afterLoad(page, () =>
      page.locator('[data-breakdown="pages"] button.pick', { hasText: /^\/pricing$/ }).click(),
    );
    page.off('request', onRequest);
    expect(new URL(page.url()).searchParams.get('page')).toBe('/pricing');
    // Every panel asked for the filtered view.
    const panels = requests.map((u) => new URL(u)).filter((u) => u.searchParams.get('page') === '/pricing');
    expect(panels.map((u) => u.pathname.replace('/dashboard/api/', '')).sort()).toEqual(
      expect.arrayContaining(['overview', 'vitals', 'consent', 'breakdown/pages', 'breakdown/browsers']),
    );
    expect(panels.length).toBe(16);
    expect(await shownTotals(page)).toEqual(sqlTotals({ page: '/pricing' }));
    expect(sorted(await shownTable(page, 'browsers'))).toEqual(
      sqlVisitBreakdown('browser', { page: '/pricing' }),
    );
    const vitalPages = await page.locator('#vitals tbody tr:not(.overall) th').allTextContents();
    expect(vitalPages.every((p) => p === '/pricing')).toBe(true);
    expect(await page.locator('#active-filters .chip').textContent()).toContain('page: /pricing');
  });

  it('combines filters set from the controls; reload keeps the view; back and forward move between views', async () => {
    await page.getByLabel('Browser', { exact: true }).fill('Chrome');
    await afterLoad(page, () => page.getByRole('button', { name: 'Apply filters' }).click());
    const q = new URL(page.url()).searchParams;
    expect([q.get('page'), q.get('browser')]).toEqual(['/pricing', 'Chrome']);
    const both = sqlTotals({ page: '/pricing', browser: 'Chrome' });
    expect(await shownTotals(page)).toEqual(both);
    expect(both).not.toEqual(sqlTotals({ page: '/pricing' }));
    // The consent log keeps no page, but it keeps the browser: the consent panel follows that filter.
    const [chrome] = sql<{ n: number }>(
      collector.db,
      "SELECT COUNT(*) AS n FROM consent_log WHERE browser = 'Chrome'",
    );
    expect(chrome?.n).toBe(3);
    expect(await page.locator('#consent .decisions').textContent()).toBe(`${chrome?.n} decisions`);

    await page.reload();
    await firstLoad(page);
    expect(await page.getByLabel('Browser', { exact: true }).inputValue()).toBe('Chrome');
    expect(await shownTotals(page)).toEqual(both);

    await afterLoad(page, () => page.goBack());
    expect(new URL(page.url()).searchParams.get('browser')).toBeNull();
    expect(await shownTotals(page)).toEqual(sqlTotals({ page: '/pricing' }));
    await afterLoad(page, () => page.goBack());
    expect(await shownTotals(page)).toEqual(sqlTotals());
    await afterLoad(page, () => page.goForward());
    expect(new URL(page.url()).searchParams.get('page')).toBe('/pricing');
    await afterLoad(page, () => page.locator('#active-filters .chip').first().click());
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    expect(await shownTotals(page)).toEqual(sqlTotals());
  });

  it('counts bots only when asked', async () => {
    await afterLoad(page, () => page.getByLabel('Bots', { exact: true }).selectOption('include'));
    expect(new URL(page.url()).searchParams.get('bots')).toBe('include');
    const withBots = sqlTotals({}, true);
    expect(withBots.pageviews).toBeGreaterThan(sqlTotals().pageviews);
    expect(await shownTotals(page)).toEqual(withBots);
    await afterLoad(page, () => page.getByLabel('Bots', { exact: true }).selectOption('exclude'));
    expect(await shownTotals(page)).toEqual(sqlTotals());
  });

  it('cuts the range in the chosen time zone', async () => {
    const overview = page.waitForResponse((r) => r.url().includes('/dashboard/api/overview'));
    await afterLoad(page, () => page.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo'));
    expect(new URL(page.url()).searchParams.get('tz')).toBe('Asia/Tokyo');
    expect((await (await overview).json()).range.tz).toBe('Asia/Tokyo');
    expect(await page.locator('#chart-caption').textContent()).toContain('Asia/Tokyo');
    await afterLoad(page, () => page.getByLabel('Period', { exact: true }).selectOption('today'));
    expect(await page.locator('#chart-caption').textContent()).toMatch(
      /^Visitors and pageviews per hour in Asia\/Tokyo/,
    );
    await afterLoad(page, () => page.getByLabel('Period', { exact: true }).selectOption('7d'));
  });
  it('shows a custom range, and says which parameter is wrong when the API refuses one', async () => {
    const overview = page.waitForResponse((r) => r.url().includes('/dashboard/api/overview'));
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByLabel('To', { exact: true }).fill('2026-11-03');
    await afterLoad(page, () => page.getByRole('button', { name: 'Apply range' }).click());
    const q = new URL(page.url()).searchParams;
    expect([q.get('period'), q.get('from'), q.get('to')]).toEqual(['custom', '2026-11-01', '2026-11-03']);
    const { range: custom } = await (await overview).json();
    expect(custom.to - custom.from).toBe(3 * 86_400_000);
    await page.getByLabel('To', { exact: true }).fill('2026-10-01');
    await afterLoad(page, () => page.getByRole('button', { name: 'Apply range' }).click());
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^Could not load \((from|to)\): /);
    expect(await page.getByRole('status').textContent()).not.toContain('COLLECT_ERR');
    await afterLoad(page, () => page.getByLabel('Period', { exact: true }).selectOption('7d'));
    expect(await page.getByRole('status').textContent()).toMatch(/^Updated/);
  });

  it('shows where the keyboard focus is', async () => {
    await page.getByLabel('Period', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline).toBe('solid 3px');
  });
});

describe('safety', () => {
  it('shows every XSS payload as text and runs none of them', async () => {
    await page.goto(`${collector.url}/dashboard/?site=${SITE}&period=7d`);
    await firstLoad(page);
    expect(await page.locator('[data-breakdown="events"] th', { hasText: XSS.img }).count()).toBe(1);
    expect(
      await page.locator('[data-breakdown="events"] .props', { hasText: XSS.svg }).textContent(),
    ).toContain(`${XSS.svg} = ${XSS.script}`);
    expect(await page.locator('[data-breakdown="languages"]').textContent()).toContain(XSS.img);
    expect(await page.locator('[data-breakdown="screens"]').textContent()).toContain(XSS.svg);
    expect(await page.locator('[data-breakdown="campaigns"]').textContent()).toContain(XSS.script);
    expect(await page.locator('[data-breakdown="outbound"]').textContent()).toContain(XSS.js);
    // Nothing the payloads would have made exists: no img, svg, inline script or javascript: link.
    const injected = await page.evaluate(
      () =>
        document.querySelectorAll(
          'img, svg, iframe, object, script:not([src]), [onerror], [onload], a[href^="javascript"]',
        ).length,
    );
    expect(injected).toBe(0);
    expect(watch.dialogs).toEqual([]);
  });

  it('exports the filtered rows as CSV with formula cells neutralised, and as NDJSON', async () => {
    const href = await page.locator('#export-csv').getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain(`site=${SITE}`);
    const download = page.waitForEvent('download');
    await page.locator('#export-csv').click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    const cells = parseCsv(csv).flat();
    const formulas = cells.filter((c) => c.includes('HYPERLINK'));
    expect(formulas.length).toBeGreaterThan(0);
    for (const cell of formulas) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(formulas.some((c) => c.endsWith(FORMULA))).toBe(true);

    const ndjson = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      `${href?.replace('format=csv', 'format=ndjson')}`,
    );
    const lines = ndjson
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { utm_campaign?: string });
    const [{ n }] = sql<{ n: number }>(
      collector.db,
      `SELECT COUNT(*) AS n FROM access_log WHERE site = '${SITE}' AND ts >= ${range.from} AND ts < ${range.to} AND is_bot = 0`,
    );
    expect(lines.length).toBe(n);
    expect(lines.some((l) => l.utm_campaign === FORMULA)).toBe(true);
  });

  it('finds no serious accessibility violation (axe-core), light and dark; no CSP violation', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await firstLoad(page);
      expect(await axeSerious(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await watch.violations()).toEqual([]);
  });

  it('writes a screenshot of the overview as a test artifact', async () => {
    await page.reload();
    await firstLoad(page);
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    const file = join(ROOT, 'test-results/dashboard-overview.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    expect(await watch.violations()).toEqual([]);
    // Refuted: the listener does hear the policy, e.g. an inline <style> the page never adds.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await expect.poll(watch.violations).toEqual([expect.stringMatching(/^style-src-elem /)]);
  });
});

describe('live view and sign-out', () => {
  it('refreshes the last 30 minutes by itself', async () => {
    await page.goto(`${collector.url}/dashboard/?site=${SITE}&period=live&refresh=1`);
    await firstLoad(page);
    const loads = Number(await page.locator('body').getAttribute('data-loads'));
    expect(await page.locator('[data-breakdown="pages"]').textContent()).not.toContain('/live-now');
    await seedLivePageview(collector.url, '/live-now');
    // No click: the page's own timer (1 s here, 10 s by default) brings the new pageview in.
    await expect
      .poll(async () => new Map(await shownTable(page, 'pages')).get('/live-now'), { timeout: 10_000 })
      .toEqual([1, 1]);
    await expect
      .poll(async () => Number(await page.locator('body').getAttribute('data-loads')))
      .toBeGreaterThan(loads);
    expect(await page.locator('#chart-caption').textContent()).toContain('per minute');
  });

  it('signs out: the form comes back and the API refuses the old cookie', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    const status = await page.evaluate(async () => (await fetch('/dashboard/api/overview')).status);
    expect(status).toBe(401);
    await page.reload();
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    expect(watch.dialogs).toEqual([]);
  });

  it('brings the sign-in form back when the session is gone mid-use', async () => {
    await signIn(page, collector.url, TOKEN);
    await context.clearCookies();
    await page.getByLabel('Period', { exact: true }).selectOption('30d');
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.getByRole('alert').textContent()).toBe('Your session has ended: sign in again.');
    expect(await page.locator('#app').isVisible()).toBe(false);
  });
});

describe('roles', () => {
  it('signs an analyst in without the audit log, and their export has no personal columns', async () => {
    const made = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist/collector/cli.js'),
        'tokens',
        'create',
        '--role',
        'analyst',
        '--name',
        'ana',
        '--db',
        collector.db,
      ],
      { encoding: 'utf8' },
    );
    expect(made.status).toBe(0);
    const token = /^(cl_\S+)$/m.exec(made.stdout)?.[1] ?? '';
    const analyst = await browser.newContext();
    try {
      const p = await analyst.newPage();
      await signIn(p, collector.url, token);
      expect(await p.locator('[data-metric="pageviews"] .value').textContent()).not.toBe('');
      expect(await p.locator('#audit-section').isVisible()).toBe(false);
      expect(await p.locator('#export-note').textContent()).toContain('every column except');
      const csv = await p.evaluate(async () => (await fetch('/dashboard/api/export?format=csv')).text());
      const header = csv.split('\r\n')[0]?.split(',') ?? [];
      expect(header).toContain('path');
      expect(header).not.toContain('visitor_id');
      expect(header).not.toContain('ip');
      const audit = await p.evaluate(async () => (await fetch('/dashboard/api/audit')).status);
      expect(audit).toBe(403);
    } finally {
      await analyst.close();
    }
  });
});
