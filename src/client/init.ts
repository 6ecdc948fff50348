import { type Options, resolveConfig, setConfig } from './config.js';
import { startBanner } from './consent/banner/banner.js';
import { loadConsent } from './consent/state.js';
import { safeRun } from './lib/safeRun.js';
import { startOutbox } from './outbox/start.js';
import { startTracking } from './tracking/start.js';

/**
 * Start-up order: consent is read first, so every feature after it sees the decision. Later
 * features (Consent Mode defaults, tag unblocking, SPA views, vitals, the outbox flush) join this
 * list; each starts on its own, so one failing cannot stop the others.
 */
const FEATURES: (() => void)[] = [loadConsent, startBanner, startOutbox, startTracking];

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
