import Cookies from 'js-cookie';
import type { Category, Choices } from '../../shared/categories.js';
import type { ConsentMethod } from '../../shared/wire.js';
import { type Config, getConfig } from '../config.js';
import { createEmitter } from '../lib/emitter.js';
import { safeRun } from '../lib/safeRun.js';
import { uuid } from '../lib/uuid.js';
import { type Consent, decode, encode } from './cookie.js';

export type { Consent };

/** What listeners hear: the new decision (`null` = none), and how it was made. */
export interface ConsentChange {
  consent: Consent | null;
  method?: ConsentMethod;
}

/**
 * Consent announces; it imports none of its listeners. Tracking (and later Consent Mode, tag
 * unblocking and proof records) subscribe with `consentEvents.on('change', …)`.
 */
export const consentEvents = createEmitter<{ change: ConsentChange }>();

let current: Consent | null = null;

/** One attributes object for set and remove: js-cookie removes only with the same ones. */
const attributes = (config: Config): Cookies.CookieAttributes => ({
  path: '/',
  sameSite: 'Lax',
  secure: location.protocol === 'https:',
  expires: config.cookieDays,
});

/** Reads the decision from the cookie (after `init()` and, later, on bfcache restore). */
export function loadConsent(): Consent | null {
  const config = getConfig();
  current = config
    ? decode(
        safeRun(() => Cookies.get(config.cookieName)),
        config,
      )
    : null;
  return getConsent();
}

/** A copy, so callers cannot change our state by mutating what they got. */
export function getConsent(): Consent | null {
  return current && { ...current, choices: { ...current.choices } };
}

export function hasConsent(category: Category): boolean {
  return category === 'necessary' || (!!current && current.choices[category] === true);
}

/** Stores a decision: `granted(category)` says yes or no for each configured category. */
export function decide(granted: (category: string) => boolean, method: ConsentMethod): void {
  const config = getConfig();
  if (!config) return;
  const choices: Choices = { necessary: true };
  for (const cat of config.categories) choices[cat] = granted(cat) === true;
  // A fresh id per decision: each decision is its own proof-of-consent record.
  current = { id: uuid(), revision: config.policyRevision, ts: Date.now(), choices };
  // Writing can throw (sandboxed iframes); the decision still holds for this page.
  safeRun(() => Cookies.set(config.cookieName, encode(current as Consent, config), attributes(config)));
  consentEvents.emit('change', { consent: getConsent(), method });
}

/** Forgets the decision: removes the cookie, so the visitor is asked again. */
export function forget(): void {
  const config = getConfig();
  if (!config) return;
  current = null;
  safeRun(() => Cookies.remove(config.cookieName, attributes(config)));
  consentEvents.emit('change', { consent: null });
}
