import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Flags from DESIGN.md: the machines have no network, so background traffic must stay off. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  // A missing browser is a failure, never a silent skip (CI installs it in .ci/run).
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it (apt-get install -y chromium) or set CHROME_PATH`,
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/**
 * A fresh visitor: an empty profile whose User-Agent reads like the desktop browser it is, since
 * headless Chromium announces itself as `HeadlessChrome`, which bot filters rightly flag.
 */
export async function newVisitorContext(browser: Browser): Promise<BrowserContext> {
  const probe = await browser.newContext();
  const page = await probe.newPage();
  const ua = (await page.evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
  await probe.close();
  return browser.newContext({ userAgent: ua });
}
