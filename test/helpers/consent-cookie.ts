import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';

/**
 * Stores a consent decision the way the script does (cookie `cl_consent`), as an earlier visit
 * would have left it: tests of tracking then need not click through the banner's UI.
 */
export async function seedConsent(
  context: BrowserContext,
  siteUrl: string,
  granted: { analytics?: boolean; performance?: boolean; marketing?: boolean },
): Promise<string> {
  const id = randomUUID();
  const c = {
    analytics: granted.analytics ? 1 : 0,
    performance: granted.performance ? 1 : 0,
    marketing: granted.marketing ? 1 : 0,
  };
  const value = encodeURIComponent(JSON.stringify({ id, rev: '1', ts: Date.now(), c }));
  await context.addCookies([{ name: 'cl_consent', value, url: siteUrl }]);
  return id;
}
