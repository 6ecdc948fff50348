import { config } from '../../config.js';
import { el } from '../../lib/el.js';
import { onReady } from '../../lib/onReady.js';
import { safeRun } from '../../lib/safeRun.js';
import { acceptAll, rejectAll } from '../actions.js';
import { consentEvents, getConsent } from '../state.js';
import { actions, onActions } from './button.js';
import { showPreferences } from './prefs.js';
import { injectStyles } from './styles.js';
import { textsFor } from './texts.js';

const ID = 'cl-banner';

/**
 * The first layer: a labelled region with Accept all, Reject all and Customize side by side.
 * Nothing is pre-selected and nothing counts as consent but a click on Accept.
 */
function render(): HTMLElement {
  const t = textsFor(config);
  const intro = el('p', { id: 'cl-intro' }, t.intro);
  if (config.policyUrl) intro.append(' ', el('a', { class: 'cl-policy', href: config.policyUrl }, t.policy));
  const root = el(
    'section',
    {
      id: ID,
      class: config.layout === 'box' ? 'cl-ui cl-box' : 'cl-ui',
      'aria-label': t.label,
      'aria-describedby': 'cl-intro',
      lang: t.lang,
    },
    intro,
    actions(t, 'accept', 'reject', 'customize'),
  );
  onActions(root, { accept: acceptAll, reject: rejectAll, customize: showPreferences });
  return root;
}

/** Shows the banner unless a valid decision exists or it is already on the page. */
export function showBanner(): void {
  if (getConsent() || document.getElementById(ID)) return;
  injectStyles(config.nonce);
  // First in the body, so keyboard users reach it first; fixed, so nothing on the page moves.
  document.body.prepend(render());
}

export function hideBanner(): void {
  document.getElementById(ID)?.remove();
}

/** Shows the banner while there is no decision, and follows every later change. */
export function startBanner(): void {
  const show = (): void => onReady(() => safeRun(showBanner));
  consentEvents.on(({ consent }) => (consent ? hideBanner() : show()));
  show();
}
