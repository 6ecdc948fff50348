import { el } from '../../lib/el.js';
import { safeRun } from '../../lib/safeRun.js';
import type { Texts } from './texts.js';

/** Every button is the same size and weight: none of the choices is nudged (consent-rules §1.2 3, 10). */
export const button = (action: string, label: string): HTMLElement =>
  el('button', { type: 'button', class: 'cl-btn', 'data-cl-action': action }, label);

/** The row of choices: each action's label is the text of the same name (`accept` → `t.accept`). */
export const actions = (t: Texts, ...names: ('accept' | 'reject' | 'customize' | 'save')[]): HTMLElement =>
  el('div', { class: 'cl-actions' }, ...names.map((name) => button(name, t[name])));

/**
 * One delegated click listener per root, no inline handlers (a strict CSP would block them):
 * the clicked `[data-cl-action]` picks the function to run.
 */
export function onActions(root: HTMLElement, actions: Record<string, () => void>): void {
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element && event.target.closest('[data-cl-action]');
    const action = target && actions[target.getAttribute('data-cl-action') || ''];
    if (action) safeRun(action);
  });
}
