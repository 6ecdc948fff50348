import { h, replace } from '../lib/dom.js';
import { FILTER_KEYS, type FilterKey, type ViewState } from '../state.js';

/** The active filters as removable chips (buttons), so a filter set by a click can be undone by one. */
export function renderChips(
  target: HTMLElement,
  state: ViewState,
  onRemove: (key: FilterKey | 'bots') => void,
): void {
  const chips: HTMLElement[] = [];
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (!value) continue;
    const button = h(
      'button',
      { type: 'button', class: 'chip', 'aria-label': `Remove filter ${key}: ${value}`, 'data-filter': key },
      `${key}: ${value}`,
      h('span', { 'aria-hidden': 'true' }, ' ×'),
    );
    button.addEventListener('click', () => onRemove(key));
    chips.push(button);
  }
  if (state.bots === 'include') {
    const button = h('button', { type: 'button', class: 'chip', 'data-filter': 'bots' }, 'bots included ×');
    button.addEventListener('click', () => onRemove('bots'));
    chips.push(button);
  }
  replace(target, chips.length ? [h('span', { class: 'chips-label' }, 'Filters:'), ...chips] : []);
}
