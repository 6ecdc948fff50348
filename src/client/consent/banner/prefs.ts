import { type Config, getConfig } from '../../config.js';
import { el } from '../../lib/el.js';
import { deleteMyData, exportMyData } from '../../privacy/rights.js';
import { saveJson } from '../../privacy/save-json.js';
import { acceptAll, rejectAll, saveChoices } from '../actions.js';
import type { Consent } from '../cookie.js';
import { GPC_CATEGORY, gpcOn } from '../gpc.js';
import { getConsent } from '../state.js';
import { actions, button, onActions } from './button.js';
import { injectStyles } from './styles.js';
import { categoryText, type Texts, textsFor } from './texts.js';

const ID = 'cl-prefs';

/**
 * One switch per category, showing the current choice (all off before a decision; `necessary`
 * on and locked; marketing off and locked under GPC), its purpose and who receives its data.
 */
function category(cat: string, t: Texts, config: Config, consent: Consent | null): HTMLElement {
  const locked = cat === 'necessary' || (cat === GPC_CATEGORY && gpcOn());
  const [name, purpose] = categoryText(t, cat);
  const on = cat === 'necessary' || (!locked && consent?.choices[cat] === true);
  const services = config.services[cat] || [];
  return el(
    'div',
    { class: 'cl-cat' },
    el(
      'label',
      {},
      el('input', {
        type: 'checkbox',
        role: 'switch',
        id: `cl-cat-${cat}`,
        name: cat,
        'aria-describedby': `cl-about-${cat}`,
        checked: on,
        disabled: locked,
      }),
      name,
    ),
    el(
      'div',
      { id: `cl-about-${cat}` },
      purpose ? el('p', {}, purpose) : '',
      services.length
        ? el(
            'ul',
            {},
            ...services.map((s) =>
              el(
                'li',
                {},
                el('b', {}, s.name),
                ` (${t.to}: ${s.recipient}) ${t.data}: ${s.data}. ${t.kept}: ${s.retention}.`,
              ),
            ),
          )
        : '',
    ),
  );
}

/** Tab and Shift+Tab cycle inside the dialog instead of leaving for the browser's toolbar. */
function trapFocus(dialog: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const all = dialog.querySelectorAll<HTMLElement>('button,input:not([disabled]),a[href]');
  const edge = all[event.shiftKey ? 0 : all.length - 1];
  if (document.activeElement === edge) {
    event.preventDefault();
    (all[event.shiftKey ? all.length - 1 : 0] as HTMLElement).focus();
  }
}

function render(config: Config, t: Texts): HTMLDialogElement {
  const consent = getConsent();
  const dialog = el(
    'dialog',
    { id: ID, class: 'cl-ui', 'aria-labelledby': 'cl-prefs-title', 'aria-modal': 'true', lang: t.lang },
    el(
      'div',
      {},
      el('h2', { id: 'cl-prefs-title' }, t.title),
      el('button', { type: 'button', class: 'cl-x', 'data-cl-action': 'close', 'aria-label': t.close }, '×'),
      gpcOn() ? el('p', { class: 'cl-gpc' }, t.gpc) : '',
      ...['necessary', ...config.categories].map((cat) => category(cat, t, config, consent)),
      consent ? el('p', { class: 'cl-id' }, `${t.id}: `, el('code', {}, consent.id)) : '',
      // The visitor's rights, one click from the banner: download or delete what was logged.
      consent ? el('div', { class: 'cl-rights' }, button('mine', t.mine), button('erase', t.erase)) : '',
      actions(t, 'accept', 'reject', 'save'),
    ),
  ) as HTMLDialogElement;
  return dialog;
}

/** Closes the dialog without deciding anything. */
export function hidePreferences(): void {
  (document.getElementById(ID) as HTMLDialogElement | null)?.close();
}

/**
 * Opens the preferences dialog, modal, built fresh so it shows the current choices. Escape, the
 * close button and a click on the backdrop close it and grant nothing; focus returns to where it was.
 */
export function showPreferences(): void {
  const config = getConfig();
  // Before <body> exists (a call from <head>) there is nothing to open it in yet.
  if (!config || !document.body || document.getElementById(ID)) return;
  injectStyles(config.nonce);
  const back = document.activeElement as HTMLElement | null;
  const dialog = render(config, textsFor(config));
  const decideAnd = (fn: () => void) => () => {
    fn();
    dialog.close();
  };
  const save = () =>
    saveChoices(
      [...dialog.querySelectorAll<HTMLInputElement>('input:checked:not([disabled])')].map((b) => b.name),
    );
  onActions(dialog, {
    accept: decideAnd(acceptAll),
    reject: decideAnd(rejectAll),
    save: decideAnd(save),
    close: () => dialog.close(),
    mine: () => void exportMyData().then(saveJson),
    erase: () => void deleteMyData(),
  });
  // The dialog box fills itself with a padded <div>: a click on the dialog element is the backdrop.
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
  dialog.addEventListener('keydown', (e) => trapFocus(dialog, e));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (back?.isConnected) back.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** Any element with `data-consentlog="preferences"` (a footer "Cookie settings" link) opens it. */
export function startPreferences(): void {
  document.addEventListener('click', (e) => {
    const opener = e.target instanceof Element && e.target.closest('[data-consentlog="preferences"]');
    if (!opener) return;
    e.preventDefault();
    showPreferences();
  });
}
