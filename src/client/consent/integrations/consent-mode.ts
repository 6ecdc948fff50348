import { config } from '../../config.js';
import { type ConsentChange, consentEvents, getConsent, hasConsent } from '../state.js';

type DataLayer = unknown[];

/** `gtag()` as Google defines it: it pushes its `arguments` object, which gtag.js and GTM read. */
function gtag(..._args: unknown[]): void {
  const w = window as unknown as { dataLayer?: DataLayer };
  w.dataLayer ||= [];
  // biome-ignore lint/complexity/noArguments: gtag.js reads Arguments objects, not arrays.
  w.dataLayer.push(arguments);
}

const state = (category: string): string => (hasConsent(category) ? 'granted' : 'denied');

/** Consent Mode v2 types from our categories (consent-rules.md §2.2). */
const signals = (of: (category: string) => string) => {
  const ad = of('marketing');
  return { ad_storage: ad, ad_user_data: ad, ad_personalization: ad, analytics_storage: of('analytics') };
};

function update(change?: ConsentChange): void {
  const consent = getConsent();
  gtag('consent', 'update', signals(state));
  const w = window as unknown as { dataLayer: DataLayer };
  if (consent) {
    w.dataLayer.push({
      event: 'consentlog_consent',
      consentlog: { choices: consent.choices, id: consent.id, method: change?.method },
    });
  }
}

/**
 * Runs before any blocked tag: `default` all denied first (Google: "the order of the code is
 * vital"), then, on every page with a stored decision and after every decision, an `update`
 * and the `consentlog_consent` dataLayer event that GTM triggers can listen for.
 */
export function startConsentMode(): void {
  if (!config.consentMode) return;
  gtag('consent', 'default', { ...signals(() => 'denied'), security_storage: 'granted' });
  if (getConsent()) update();
  consentEvents.on(update);
}
