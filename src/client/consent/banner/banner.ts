import { getConfig } from '../../config.js';
import { el } from '../../lib/el.js';
import { onReady } from '../../lib/onReady.js';
import { safeRun } from '../../lib/safeRun.js';
import { acceptAll, rejectAll, saveChoices } from '../actions.js';
import { consentEvents, getConsent } from '../state.js';
import { injectStyles } from './styles.js';
import { type Texts, textsFor } from './texts.js';

const ID = 'cl-banner';
const $ = <T extends Element>(selector: string): T | null => document.querySelector<T>(`#${ID} ${selector}`);

/** Every button is the same size and weight: none of the choices is nudged (consent-rules §1.2 3, 10). */
const button = (action: string, label: string, hidden = false): HTMLElement =>
  el('button', { type: 'button', class: 'cl-btn', 'data-cl-action': action, hidden }, label);

/** One checkbox per category, none pre-ticked (Planet49); `necessary` shown on and locked. */
function chooser(t: Texts, categories: readonly string[]): HTMLElement {
  const box = (cat: string): HTMLElement => {
    const fixed = cat === 'necessary';
    const [name, purpose] = t.categories[cat] || [cat, ''];
    return el(
      'label',
      { class: 'cl-choice' },
      el('input', {
        type: 'checkbox',
        id: `cl-cat-${cat}`,
        'data-cl-category': cat,
        checked: fixed,
        disabled: fixed,
      }),
      ` ${name}`,
      purpose ? el('span', { class: 'cl-purpose' }, purpose) : '',
    );
  };
  return el(
    'fieldset',
    { id: 'cl-choices', class: 'cl-choices', hidden: true },
    el('legend', {}, t.choose),
    ...['necessary', ...categories].map(box),
  );
}

function render(policyUrl: string | undefined, lang: string, categories: readonly string[]): HTMLElement {
  const t = textsFor(lang);
  const intro = el('p', { id: 'cl-intro' }, t.intro);
  if (policyUrl) intro.append(' ', el('a', { class: 'cl-policy', href: policyUrl }, t.policy));
  const root = el(
    'section',
    { id: ID, class: 'cl-banner', 'aria-label': t.label, 'aria-describedby': 'cl-intro', lang: t.lang },
    intro,
    chooser(t, categories),
    el(
      'div',
      { class: 'cl-actions' },
      button('accept', t.accept),
      button('reject', t.reject),
      button('customize', t.customize),
      button('save', t.save, true),
    ),
  );
  root.addEventListener('click', onClick);
  return root;
}

/** Second step: reveal the chooser, and swap Customize for Save (Accept and Reject stay put). */
function openChooser(): void {
  for (const [selector, hidden] of [
    ['#cl-choices', false],
    ['[data-cl-action="customize"]', true],
    ['[data-cl-action="save"]', false],
  ] as const) {
    const node = $<HTMLElement>(selector);
    if (node) node.hidden = hidden;
  }
  const first = $<HTMLInputElement>('input:not([disabled])');
  if (first) first.focus();
}

function saveFromChooser(): void {
  const boxes = Array.from(document.querySelectorAll<HTMLInputElement>(`#${ID} input[data-cl-category]`));
  saveChoices(
    boxes.filter((b) => b.checked && !b.disabled).map((b) => b.getAttribute('data-cl-category') || ''),
  );
}

const ACTIONS: Record<string, () => void> = {
  accept: acceptAll,
  reject: rejectAll,
  customize: openChooser,
  save: saveFromChooser,
};

/** One delegated listener; no inline handlers, which a strict CSP would block. */
function onClick(event: Event): void {
  const button = event.target instanceof Element && event.target.closest('[data-cl-action]');
  const action = button && ACTIONS[button.getAttribute('data-cl-action') || ''];
  if (action) safeRun(action);
}

/** Shows the banner unless a valid decision exists or it is already on the page. */
export function showBanner(): void {
  const config = getConfig();
  if (!config || getConsent() || document.getElementById(ID)) return;
  injectStyles(config.nonce);
  document.body.append(render(config.policyUrl, config.lang, config.categories));
}

export function hideBanner(): void {
  const banner = document.getElementById(ID);
  if (banner) banner.remove();
}

/** Shows the banner while there is no decision, and follows every later change. */
export function startBanner(): void {
  const show = (): void => onReady(() => safeRun(showBanner));
  consentEvents.on('change', ({ consent }) => (consent ? hideBanner() : show()));
  show();
}
