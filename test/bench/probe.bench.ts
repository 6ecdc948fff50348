import { it } from 'vitest';
import { launchChromium, newVisitorContext } from '../helpers/browser.js';
import { startCollector } from '../helpers/collector-process.js';
import { seedConsent } from '../helpers/consent-cookie.js';
import { readRows } from '../helpers/db.js';
import { startSite } from '../helpers/site-server.js';

it('probe', async () => {
  const browser = await launchChromium();
  const collector = await startCollector();
  const site = await startSite('04_outbox', collector.url);
  const context = await newVisitorContext(browser);
  await seedConsent(context, site.url, { analytics: true });
  const page = await context.newPage();
  page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('PAGEERR', e.message));
  page.on('requestfailed', (r) => console.log('REQFAIL', r.url(), r.failure()?.errorText));
  page.on('response', (r) => console.log('RESP', r.url(), r.status()));
  await page.goto(`${site.url}/page1.html`);
  await page.waitForTimeout(2000);
  console.log(
    'rows',
    readRows(collector.db).length,
    await page.evaluate(() => JSON.stringify((window as any).consentlog.stats())),
  );
  await browser.close();
  await site.close();
  await collector.stop();
});
