import { CONSENT_COLUMNS, type ConsentColumn, type ConsentReply } from '../api/types.js';
import { h, replace } from '../lib/dom.js';
import { formatCount, formatShare } from '../lib/format.js';

const COLUMN_LABEL: Record<ConsentColumn, string> = {
  accept_all: 'Accept all',
  reject_all: 'Reject all',
  custom: 'Custom',
  gpc: 'GPC',
  withdrawal: 'Withdrawal',
};

function grantRates(rates: ConsentReply['grant_rate']): HTMLElement {
  const items = Object.entries(rates).map(([category, rate]) => {
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = `${Math.max(0, Math.min(1, rate)) * 100}%`;
    return h(
      'li',
      { 'data-category': category },
      h('span', { class: 'category' }, category),
      h('span', { class: 'bar-track' }, bar),
      h('span', { class: 'rate' }, formatShare(rate)),
    );
  });
  return h(
    'div',
    { class: 'grant-rates' },
    h('h3', {}, 'Grant rate per category'),
    items.length ? h('ul', {}, items) : h('p', {}, 'No decisions in this view'),
  );
}

function decisionsTable(days: ConsentReply['days']): HTMLTableElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Day'),
    h('th', { scope: 'col' }, 'Policy revision'),
    CONSENT_COLUMNS.map((c) => h('th', { scope: 'col', class: 'num' }, COLUMN_LABEL[c])),
  );
  const rows = days.length
    ? days.map((d) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, d.day),
          h('td', {}, d.revision),
          CONSENT_COLUMNS.map((c) => h('td', { class: 'num' }, formatCount(d[c] ?? 0))),
        ),
      )
    : [h('tr', {}, h('td', { colspan: 2 + CONSENT_COLUMNS.length }, 'No decisions in this view'))];
  return h(
    'table',
    { class: 'consent-days' },
    h('caption', {}, 'Decisions per day and policy revision, by method'),
    h('thead', {}, head),
    h('tbody', {}, rows),
  );
}

/** What the banner does: decisions per day by method and revision, and each category's grant rate. */
export function renderConsent(target: HTMLElement, reply: ConsentReply): void {
  replace(
    target,
    h('p', { class: 'decisions' }, `${formatCount(reply.decisions)} decisions`),
    grantRates(reply.grant_rate),
    decisionsTable(reply.days),
  );
}
