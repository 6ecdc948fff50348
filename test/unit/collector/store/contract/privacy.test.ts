import { expect, it } from 'vitest';
import { forEachStore } from './backends.js';
import { consentRow, makeRow } from './rows.js';

const bad = { received_at: 1, site: 'shop', event_id: 'e', visitor_id: 'va', reason: 'bad', excerpt: '{}' };

forEachStore('Store contract: visitors, bad rows, audit', (store) => {
  it("exports, corrects and deletes one visitor's rows only; consent records stay", async () => {
    await store().insertConsent(consentRow('ca', 1, { analytics: true }));
    await store().insertEvents([
      makeRow({ visitor_id: 'va', consent_id: 'ca', title: 'old' }),
      makeRow({ visitor_id: 'va', consent_id: 'ca', ts: Date.UTC(2026, 10, 2) }),
      makeRow({ visitor_id: 'vb' }),
    ]);
    expect(await store().insertBadRows([bad, { ...bad, visitor_id: 'vb' }])).toBe(2);
    const data = await store().visitorData('va');
    expect(data.access_log.map((r) => r.visitor_id)).toEqual(['va', 'va']);
    expect(data.bad_rows).toEqual([bad]);
    expect(data.consent_log.map((r) => r.consent_id)).toEqual(['ca']);
    expect(await store().correctVisitor('va', { title: 'new', language: null })).toBe(2);
    expect(await store().correctVisitor('va', {})).toBe(0);
    expect((await store().visitorData('va')).access_log.map((r) => [r.title, r.language])).toEqual([
      ['new', null],
      ['new', null],
    ]);
    expect(await store().deleteVisitor('va')).toEqual({ access_log: 2, bad_rows: 1, consent_detached: 1 });
    expect(await store().visitorData('va')).toEqual({ access_log: [], bad_rows: [], consent_log: [] });
    expect((await store().visitorData('vb')).access_log).toHaveLength(1);
    expect(await store().consentChoices('ca')).toEqual({ analytics: true });
  });

  it('keeps bad rows with their reason, several per call, and none for an empty call', async () => {
    expect(await store().insertBadRows([])).toBe(0);
    const rows = [
      { ...bad, visitor_id: 'vc', reason: 'missing id', event_id: null },
      { ...bad, visitor_id: 'vc', site: null, excerpt: '{"x":1}' },
    ];
    expect(await store().insertBadRows(rows)).toBe(2);
    expect((await store().visitorData('vc')).bad_rows).toEqual(rows);
  });

  it('appends audit entries, newest first', async () => {
    await store().appendAudit({ ts: 1, actor: 'cli', action: 'a', subject: null, detail: null });
    await store().appendAudit({ ts: 2, actor: 'admin', action: 'b', subject: 's', detail: '{}' });
    expect((await store().auditEntries(1)).map((e) => e.action)).toEqual(['b']);
    expect(await store().auditEntries()).toEqual([
      { ts: 2, actor: 'admin', action: 'b', subject: 's', detail: '{}' },
      { ts: 1, actor: 'cli', action: 'a', subject: null, detail: null },
    ]);
  });
});
