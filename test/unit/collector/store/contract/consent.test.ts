import { expect, it } from 'vitest';
import type { Store } from '../../../../../src/collector/index.js';
import { forEachStore } from './backends.js';
import { collect, consentRow } from './rows.js';

forEachStore('Store contract: consent records', (store) => {
  it('stores a consent decision once', async () => {
    const row = { ...consentRow('c1', 1, { necessary: true }, 2), method: 'reject-all', browser: 'Safari' };
    expect(await store().insertConsent(row)).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store().insertConsent({ ...row })).toEqual({ inserted: 0, duplicates: 1 });
    expect(await store().insertConsent({ ...row, method: 'accept-all' })).toEqual({
      inserted: 1,
      duplicates: 0,
    });
  });

  it("reads the newest consent decision's choices, or null", async () => {
    await store().insertConsent(consentRow('c1', 2, { analytics: false }));
    await store().insertConsent(consentRow('c1', 1, { analytics: true }));
    expect(await store().consentChoices('c1')).toEqual({ analytics: false });
    expect(await store().consentChoices('none')).toBeNull();
  });

  it('keeps each text version once and reads consent rows back in order, filtered', async () => {
    expect(await store().putConsentTexts('h1', '{"accept":"Accept all"}')).toBe(true);
    expect(await store().putConsentTexts('h1', '{"accept":"changed"}')).toBe(false);
    expect(await store().consentTexts('h1')).toBe('{"accept":"Accept all"}');
    expect(await store().consentTexts('nope')).toBeNull();
    const base = { ...consentRow('x', 0, { necessary: true, analytics: true }, 2), texts_hash: 'h1' };
    await store().insertConsent({ ...base, ts: 10, consent_id: 'a', method: 'accept-all' });
    await store().insertConsent({
      ...base,
      ts: 20,
      consent_id: 'b',
      previous_consent_id: 'a',
      method: 'withdraw',
    });
    await store().insertConsent({ ...base, ts: 30, consent_id: 'c', site: 'blog', method: 'gpc' });
    const read = async (q: Parameters<Store['consentRows']>[0]) =>
      (await collect(store().consentRows(q))).map((r) => `${r.consent_id}:${r.method}`);
    expect(await read({})).toEqual(['a:accept-all', 'b:withdraw', 'c:gpc']);
    expect(await read({ since: 15 })).toEqual(['b:withdraw', 'c:gpc']);
    expect(await read({ site: 'shop' })).toEqual(['a:accept-all', 'b:withdraw']);
    expect(await read({ consentId: 'a' })).toEqual(['a:accept-all', 'b:withdraw']);
    const [first] = await collect(store().consentRows({ consentId: 'b' }));
    expect(first).toEqual({
      ...base,
      ts: 20,
      consent_id: 'b',
      previous_consent_id: 'a',
      method: 'withdraw',
      seq: first?.seq,
    });
  });

  it('reads more than one page of consent rows in order', async () => {
    for (let i = 0; i < 1100; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => store().insertConsent(consentRow(`c${i + j}`, i + j, {}))),
      );
    }
    const rows = await collect(store().consentRows({}));
    expect(rows).toHaveLength(1100);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
  });
});
