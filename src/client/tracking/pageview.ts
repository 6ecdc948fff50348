import { LIMITS, type WireEvent } from '../../shared/index.js';
import type { Consent } from '../consent/cookie.js';
import { consentEvents, getConsent } from '../consent/state.js';
import { safeRun } from '../lib/safeRun.js';
import { uuid } from '../lib/uuid.js';
import { push } from '../outbox/outbox.js';

/** Set once this page load's view has left, so neither a second grant nor a reset repeats it. */
let sent = false;

/** The pageview of the current page. Fields are cut to the shared limits the collector enforces. */
export function buildPageview(consent: Consent): WireEvent {
  return {
    id: uuid(),
    type: 'pageview',
    category: 'analytics',
    ts: Date.now(),
    url: location.href.slice(0, LIMITS.urlLength),
    referrer: document.referrer.slice(0, LIMITS.urlLength) || undefined,
    title: document.title.slice(0, LIMITS.textLength) || undefined,
    language: (navigator.language || '').slice(0, LIMITS.shortLength) || undefined,
    screen: `${screen.width}x${screen.height}`,
    timezone: safeRun(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    consent_id: consent.id,
    policy_revision: consent.revision,
  };
}

/** Sends this page's view once analytics is granted; a no-op otherwise or when already sent. */
export function trackPageview(): void {
  const consent = getConsent();
  if (sent || !consent) return;
  sent = push(buildPageview(consent));
}

/** On init when analytics is already granted, or the moment the visitor grants it. */
export function startPageview(): void {
  consentEvents.on('change', trackPageview);
  trackPageview();
}
