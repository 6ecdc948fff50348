import { expect, it } from 'vitest';
import { forEachStore } from './backends.js';
import { collect, consentRow, makeRow } from './rows.js';

forEachStore('Store contract: retention and IP salts', (store) => {
  it('purges by server receipt time, and keeps one salt per day until purged', async () => {
    await store().insertEvents([
      makeRow({ id: 'old', received_at: 10 }),
      makeRow({ id: 'new', received_at: 30 }),
    ]);
    await store().insertConsent(consentRow('old', 1, {}, 10));
    await store().insertBadRows([
      { received_at: 10, site: null, event_id: null, visitor_id: null, reason: 'r', excerpt: '' },
    ]);
    const salt = await store().ipSalt('2026-01-01');
    expect(salt).toHaveLength(32);
    expect(await store().ipSalt('2026-01-01')).toEqual(salt);
    expect(await store().ipSalt('2026-01-02')).not.toEqual(salt);
    expect(
      await store().purge({ accessLogBefore: 20, consentBefore: 20, saltsBefore: '2026-01-02' }),
    ).toEqual({
      access_log: 1,
      bad_rows: 1,
      consent_log: 1,
      ip_salts: 1,
    });
    expect((await collect(store().exportRows({}))).map((r) => r.id)).toEqual(['new']);
    expect(await store().ipSalt('2026-01-01')).not.toEqual(salt);
    await expect(store().ping()).resolves.toBeUndefined();
  });

  it('purges whole months and the older rows of the boundary month, by receipt time', async () => {
    const day = (m: number, d: number) => Date.UTC(2026, m, d);
    const rows = [
      makeRow({ id: 'aug', ts: day(7, 5), received_at: day(7, 5) }),
      makeRow({ id: 'sep-early', ts: day(8, 2), received_at: day(8, 2) }),
      makeRow({ id: 'sep-late', ts: day(8, 28), received_at: day(8, 28) }),
      // An event from August that arrived in October (a client's clock, a long-queued event).
      makeRow({ id: 'aug-late', ts: day(7, 20), received_at: day(9, 2) }),
      makeRow({ id: 'oct', ts: day(9, 5), received_at: day(9, 5) }),
    ];
    await store().insertEvents(rows);
    expect(await store().purge({ accessLogBefore: day(8, 15) })).toEqual({
      access_log: 2,
      bad_rows: 0,
      consent_log: 0,
      ip_salts: 0,
    });
    const left = (await collect(store().exportRows({}))).map((r) => r.id).sort();
    expect(left).toEqual(['aug-late', 'oct', 'sep-late']);
    // The purged ids are free again only where the store forgets them with their rows.
    expect((await store().totals({})).pageviews).toBe(3);
  });

  it('purges nothing without cutoffs', async () => {
    await store().insertEvents([makeRow({ received_at: 1 })]);
    expect(await store().purge({})).toEqual({ access_log: 0, bad_rows: 0, consent_log: 0, ip_salts: 0 });
    expect(await collect(store().exportRows({}))).toHaveLength(1);
  });
});
