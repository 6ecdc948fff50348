import { type Options, resolveConfig, setConfig } from './config.js';
import { startBanner } from './consent/banner/banner.js';
import { startPreferences } from './consent/banner/prefs.js';
import { startBlocker } from './consent/blocker.js';
import { startCleanup } from './consent/cleanup.js';
import { startConsentMode } from './consent/integrations/consent-mode.js';
import { startRecords } from './consent/record.js';
import { applyGpc, loadConsent } from './consent/state.js';
import { safeRun } from './lib/safeRun.js';
import { startOutbox } from './outbox/start.js';
import { startTracking } from './tracking/start.js';

/**
 * Start-up order: consent is read first, so every feature after it sees the decision; proof
 * records listen before GPC may rewrite it; Consent Mode defaults go out before any blocked tag
 * is released. Each starts on its own, so one failing cannot stop the others.
 */
const FEATURES: (() => void)[] = [
  loadConsent,
  startRecords,
  startConsentMode,
  applyGpc,
  startCleanup,
  startBlocker,
  startBanner,
  startPreferences,
  startOutbox,
  startTracking,
];

let started = false;

/**
 * Starts consentlog. Throws on invalid options, naming the option; anything else fails quietly.
 * A second call does nothing.
 */
export function init(options: Options): void {
  if (started) return;
  const config = resolveConfig(options);
  started = true;
  setConfig(config);
  for (const start of FEATURES) safeRun(start);
}
