import type { Choices } from '../../shared/index.js';
import type { Consent } from '../consent/cookie.js';
import { consentEvents, getConsent, hasConsent, loadConsent } from '../consent/state.js';
import { safeRun } from '../lib/safeRun.js';
import { purge, resume } from '../outbox/outbox.js';
import { clearCampaign, readLanding } from './campaign.js';
import { startClicks } from './clicks.js';
import { startEngagement } from './engagement.js';
import { clearIds } from './ids.js';
import { restoredView, trackPageview } from './pageview.js';
import { startSpa } from './spa.js';
import { startVitals } from './vitals.js';

let previous: Choices = {};

/**
 * Acts on a (possibly) new decision: a withdrawn category loses its queued events at once, and
 * analytics its ids, marketing its stored campaign; a granted one starts what it allows.
 */
function sync(consent: Consent | null): void {
  const now: Choices = consent ? consent.choices : {};
  const withdrawn = Object.keys(previous).filter((c) => previous[c] && !now[c]);
  previous = { ...now };
  if (withdrawn.length) void purge(withdrawn);
  if (!now.analytics) clearIds();
  if (!now.marketing) clearCampaign();
  trackPageview();
  startVitals();
}

/** Everything that is collected; each part sends only what the consent at that moment allows. */
export function startTracking(): void {
  readLanding();
  const consent = getConsent();
  previous = consent ? { ...consent.choices } : {};
  // Identifiers left from a visit whose consent is gone (expired, reset in another tab).
  if (!hasConsent('analytics')) clearIds();
  consentEvents.on(({ consent: c }) => sync(c));
  // Back/forward cache: another tab may have changed the decision while this page slept.
  addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    safeRun(() => sync(loadConsent()));
    resume();
    restoredView();
  });
  for (const start of [startSpa, startEngagement, startClicks, trackPageview, startVitals]) safeRun(start);
}
