import type { Category, Choices } from '../../shared/categories.js';
import type { ConsentMethod } from '../../shared/wire.js';
import { getConfig, config as settled } from '../config.js';
import { getCookie, removeCookie, setCookie } from '../lib/cookies.js';
import { createEmitter } from '../lib/emitter.js';
import { safeRun } from '../lib/safeRun.js';
import { uuid } from '../lib/uuid.js';
import { type Consent, decode, encode } from './cookie.js';
import { GPC_CATEGORY, gpcOn } from './gpc.js';

export type { Consent };

/**
 * What listeners hear on every change: the new decision (`null` = none, after `reset()`), the one
 * it replaced, how it was made (absent for `reset()`), and which categories it newly granted or
 * took away. Withdrawal listeners (cookie clean-up here, queue purge in the outbox) read `withdrawn`.
 */
export interface ConsentChange {
  consent: Consent | null;
  previous: Consent | null;
  method?: ConsentMethod;
  granted: string[];
  withdrawn: string[];
}

/**
 * Consent announces; it imports none of its listeners. Tracking, Consent Mode, tag unblocking and
 * proof records subscribe with `consentEvents.on(…)`.
 */
export const consentEvents = createEmitter<ConsentChange>();

let current: Consent | null = null;

/** Reads the decision from the cookie (after `init()` and, later, on bfcache restore). */
export function loadConsent(): Consent | null {
  current = decode(
    safeRun(() => getCookie(settled.cookieName)),
    settled,
  );
  return getConsent();
}

/** A copy, so callers cannot change our state by mutating what they got. */
export function getConsent(): Consent | null {
  return current && { ...current, choices: { ...current.choices } };
}

export function hasConsent(category: Category): boolean {
  if (category === 'necessary') return true;
  // GPC wins over any stored choice, even before the stored one is rewritten.
  return current?.choices[category] === true && !(category === GPC_CATEGORY && gpcOn());
}

/** Categories (but `necessary`) granted in `a` and not in `b`. */
const lost = (a: Consent | null, b: Consent | null): string[] =>
  a ? Object.keys(a.choices).filter((c) => c !== 'necessary' && a.choices[c] && !b?.choices[c]) : [];

function announce(previous: Consent | null, method?: ConsentMethod): void {
  consentEvents.emit({
    consent: getConsent(),
    previous,
    method,
    granted: lost(current, previous),
    withdrawn: lost(previous, current),
  });
}

/**
 * Stores a decision: `granted(category)` says yes or no for each configured category. GPC denies
 * marketing whatever was asked; when that changed the outcome the record says `gpc`. A decision
 * that only takes consent away is recorded as `withdraw`.
 */
export function decide(granted: (category: string) => boolean, method: ConsentMethod): void {
  const config = getConfig();
  if (!config) return;
  const previous = getConsent();
  const choices: Choices = { necessary: true };
  for (const cat of config.categories) choices[cat] = granted(cat) === true;
  if (choices[GPC_CATEGORY] && gpcOn()) {
    choices[GPC_CATEGORY] = false;
    method = 'gpc';
  }
  // A fresh id per decision: each decision is its own proof-of-consent record.
  current = { id: uuid(), revision: config.policyRevision, ts: Date.now(), choices };
  if (method !== 'gpc' && lost(previous, current).length && !lost(current, previous).length)
    method = 'withdraw';
  // Writing can throw (sandboxed iframes); the decision still holds for this page.
  safeRun(() =>
    setCookie(config.cookieName, encode(current as Consent, config), config.cookieDays, config.cookieDomain),
  );
  announce(previous, method);
}

/** Forgets the decision: removes the cookie, so the visitor is asked again. */
export function forget(): void {
  const config = getConfig();
  if (!config) return;
  const previous = getConsent();
  current = null;
  safeRun(() => removeCookie(config.cookieName, config.cookieDomain));
  announce(previous);
}

/**
 * At start-up: a stored decision that grants marketing while the browser sends GPC is rewritten
 * as a `gpc` decision, so the proof and the cookie say what is actually in force.
 */
export function applyGpc(): void {
  const was = getConsent();
  if (hasConsent(GPC_CATEGORY) !== !!was?.choices[GPC_CATEGORY]) {
    decide((c) => (was as Consent).choices[c] === true, 'gpc');
  }
}
