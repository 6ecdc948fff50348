import { config } from '../config.js';
import { cookieNames, removeCookie } from '../lib/cookies.js';
import { safeRun } from '../lib/safeRun.js';
import { consentEvents, hasConsent } from './state.js';

/** `_ga*` → matches `_ga`, `_ga_X1Y2`; everything else literally. */
const matcher = (pattern: string): RegExp =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** This host and each parent domain (`a.b.example.com` → `b.example.com`, `example.com`, …). */
function domains(): (string | undefined)[] {
  const labels = location.hostname.split('.');
  const out: (string | undefined)[] = [undefined];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * Deletes the cookies the site listed for every category that is not granted, on the host (no
 * `Domain`) and on each parent domain, where tags such as Google Analytics set them. Browsers
 * ignore a `Domain` that is a public suffix, so trying every level is harmless.
 */
export function clearDeniedCookies(): void {
  const patterns = Object.keys(config.cookies)
    .filter((cat) => !hasConsent(cat))
    .flatMap((cat) => (config.cookies[cat] || []).map(matcher));
  if (!patterns.length) return;
  for (const name of cookieNames()) {
    if (!patterns.some((p) => p.test(name))) continue;
    for (const domain of domains()) removeCookie(name, domain);
  }
}

/** On start (stale cookies from an expired or withdrawn consent) and after every change. */
export function startCleanup(): void {
  consentEvents.on(clearDeniedCookies);
  safeRun(clearDeniedCookies);
}
