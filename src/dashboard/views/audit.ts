import type { AuditEntryReply } from '../api/types.js';
import { h, replace } from '../lib/dom.js';

/** The audit log as a table; every cell is text (details hold filters that came from URLs). */
export function renderAudit(container: HTMLElement, entries: readonly AuditEntryReply[]): void {
  const head = h(
    'tr',
    {},
    ['Time (UTC)', 'Who', 'Action', 'Detail'].map((label) => h('th', { scope: 'col' }, label)),
  );
  const rows = entries.length
    ? entries.map((e) =>
        h(
          'tr',
          {},
          h('td', {}, new Date(e.ts).toISOString().replace('T', ' ').slice(0, 19)),
          h('td', {}, e.actor),
          h('td', {}, e.action),
          h('td', { class: 'detail' }, e.detail ?? ''),
        ),
      )
    : [h('tr', {}, h('td', { colspan: 4 }, 'No entries yet'))];
  replace(
    container,
    h(
      'table',
      { class: 'audit' },
      h('caption', {}, 'Newest 200 entries'),
      h('thead', {}, head),
      h('tbody', {}, rows),
    ),
  );
}
