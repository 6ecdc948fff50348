import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/collector/index.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';

/** A full row with every column set, so a backend that drops or renames one fails. */
export function makeRow(overrides: Partial<AccessLogRow> = {}): AccessLogRow {
  const row = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  return {
    ...row,
    id: randomUUID(),
    received_at: 1_700_000_000_500,
    ts: 1_700_000_000_000,
    site: 'shop',
    type: 'pageview',
    category: 'analytics',
    url: 'https://shop.example.com/',
    host: 'shop.example.com',
    path: '/',
    browser: 'Chrome',
    is_bot: 0,
    self_referral: 0,
    visitor_id: 'v1',
    ...overrides,
  };
}

/**
 * The behaviour every Store backend must have (STYLE.md §11). Each backend's test file calls this
 * with a factory for a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores every column and returns it unchanged in an export', async () => {
      const full = makeRow(
        Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, `v-${c}`])) as unknown as Partial<AccessLogRow>,
      );
      Object.assign(full, {
        id: randomUUID(),
        received_at: 2,
        ts: 1,
        is_bot: 1,
        self_referral: 1,
        value: 0.25,
        props: '{"a":1}',
      });
      expect(await store.insertEvents([full])).toEqual({ inserted: 1, duplicates: 0 });
      const rows = [];
      for await (const row of store.exportRows({})) rows.push(row);
      expect(rows).toEqual([full]);
      expect(Object.keys(rows[0] ?? {})).toEqual([...ACCESS_LOG_COLUMNS]);
    });

    it('stores an id once, within a batch and across batches', async () => {
      const a = makeRow();
      expect(await store.insertEvents([a, { ...a }, makeRow()])).toEqual({ inserted: 2, duplicates: 1 });
      expect(await store.insertEvents([a])).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.insertEvents([])).toEqual({ inserted: 0, duplicates: 0 });
    });

    it('counts totals since a time and per site, without bots', async () => {
      await store.insertEvents([
        makeRow({ ts: 100, visitor_id: 'old' }),
        makeRow({ ts: 200, visitor_id: 'a' }),
        makeRow({ ts: 300, visitor_id: 'a' }),
        makeRow({ ts: 300, visitor_id: 'b', type: 'event', name: 'signup' }),
        makeRow({ ts: 300, visitor_id: 'c', type: 'vital', metric: 'LCP', value: 1200 }),
        makeRow({ ts: 300, visitor_id: 'bot', is_bot: 1 }),
        makeRow({ ts: 300, visitor_id: 'x', site: 'blog' }),
      ]);
      expect(await store.totals({ since: 200, site: 'shop' })).toEqual({
        pageviews: 2,
        events: 1,
        visitors: 3,
      });
      expect(await store.totals({})).toEqual({ pageviews: 4, events: 1, visitors: 5 });
      expect(await store.totals({ site: 'none' })).toEqual({ pageviews: 0, events: 0, visitors: 0 });
    });

    it('ranks pages, referrer domains (no self-referrals) and browsers', async () => {
      await store.insertEvents([
        makeRow({ path: '/a', visitor_id: '1', referrer_domain: 'www.google.com' }),
        makeRow({ path: '/a', visitor_id: '2', referrer_domain: 'www.google.com', browser: 'Firefox' }),
        makeRow({ path: '/a', visitor_id: '2', referrer_domain: 'shop.example.com', browser: 'Firefox' }),
        makeRow({
          path: '/a',
          visitor_id: '2',
          referrer_domain: 'www.example.com',
          self_referral: 1,
          browser: 'Firefox',
        }),
        makeRow({ path: '/b', visitor_id: '3', referrer_domain: 'news.ycombinator.com', browser: null }),
        makeRow({ path: '/c', type: 'event' }),
      ]);
      expect(await store.top('pages', {})).toEqual([
        { value: '/a', pageviews: 4, visitors: 2 },
        { value: '/b', pageviews: 1, visitors: 1 },
      ]);
      expect(await store.top('referrers', {})).toEqual([
        { value: 'www.google.com', pageviews: 2, visitors: 2 },
        { value: 'news.ycombinator.com', pageviews: 1, visitors: 1 },
      ]);
      expect(await store.top('browsers', { limit: 2 })).toEqual([
        { value: 'Firefox', pageviews: 3, visitors: 1 },
        { value: null, pageviews: 1, visitors: 1 },
      ]);
    });

    it('exports page by page in insertion order, filtered by time and site', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => makeRow({ ts: i, site: i % 2 ? 'blog' : 'shop' }));
      await store.insertEvents(rows);
      const seen: string[] = [];
      for await (const row of store.exportRows({ since: 1000, site: 'shop' })) seen.push(row.id as string);
      expect(seen).toEqual(rows.filter((r) => r.ts >= 1000 && r.site === 'shop').map((r) => r.id));
    });

    it('stores a consent decision once', async () => {
      const row = {
        received_at: 2,
        ts: 1,
        site: 'shop',
        consent_id: 'c1',
        previous_consent_id: null,
        policy_revision: 'r1',
        choices: '{"necessary":true}',
        method: 'reject-all',
        language: 'en',
        url: 'https://shop.example.com/',
        texts_hash: null,
        browser: 'Safari',
      };
      expect(await store.insertConsent(row)).toEqual({ inserted: 1, duplicates: 0 });
      expect(await store.insertConsent({ ...row })).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.insertConsent({ ...row, method: 'accept-all' })).toEqual({
        inserted: 1,
        duplicates: 0,
      });
    });

    const consentRow = (
      consent_id: string,
      ts: number,
      choices: Record<string, boolean>,
      received_at = ts,
    ) => ({
      received_at,
      ts,
      site: 'shop',
      consent_id,
      previous_consent_id: null,
      policy_revision: 'r1',
      choices: JSON.stringify(choices),
      method: 'custom',
      language: 'en',
      url: 'https://shop.example.com/',
      texts_hash: null,
      browser: null,
    });

    it("reads the newest consent decision's choices, or null", async () => {
      await store.insertConsent(consentRow('c1', 2, { analytics: false }));
      await store.insertConsent(consentRow('c1', 1, { analytics: true }));
      expect(await store.consentChoices('c1')).toEqual({ analytics: false });
      expect(await store.consentChoices('none')).toBeNull();
    });

    it("exports, corrects and deletes one visitor's rows only; consent records stay", async () => {
      await store.insertConsent(consentRow('ca', 1, { analytics: true }));
      await store.insertEvents([
        makeRow({ visitor_id: 'va', consent_id: 'ca', title: 'old' }),
        makeRow({ visitor_id: 'va', consent_id: 'ca' }),
        makeRow({ visitor_id: 'vb' }),
      ]);
      const bad = {
        received_at: 1,
        site: 'shop',
        event_id: 'e',
        visitor_id: 'va',
        reason: 'bad',
        excerpt: '{}',
      };
      expect(await store.insertBadRows([bad, { ...bad, visitor_id: 'vb' }])).toBe(2);
      const data = await store.visitorData('va');
      expect(data.access_log.map((r) => r.visitor_id)).toEqual(['va', 'va']);
      expect(data.bad_rows).toEqual([bad]);
      expect(data.consent_log.map((r) => r.consent_id)).toEqual(['ca']);
      expect(await store.correctVisitor('va', { title: 'new', language: null })).toBe(2);
      expect((await store.visitorData('va')).access_log.map((r) => [r.title, r.language])).toEqual([
        ['new', null],
        ['new', null],
      ]);
      expect(await store.deleteVisitor('va')).toEqual({ access_log: 2, bad_rows: 1, consent_detached: 1 });
      expect(await store.visitorData('va')).toEqual({ access_log: [], bad_rows: [], consent_log: [] });
      expect((await store.visitorData('vb')).access_log).toHaveLength(1);
      expect(await store.consentChoices('ca')).toEqual({ analytics: true });
    });

    it('appends audit entries, newest first', async () => {
      await store.appendAudit({ ts: 1, actor: 'cli', action: 'a', subject: null, detail: null });
      await store.appendAudit({ ts: 2, actor: 'admin', action: 'b', subject: 's', detail: '{}' });
      expect((await store.auditEntries(1)).map((e) => e.action)).toEqual(['b']);
      expect((await store.auditEntries()).map((e) => e.action)).toEqual(['b', 'a']);
    });

    it('purges by server receipt time, and keeps one salt per day until purged', async () => {
      await store.insertEvents([
        makeRow({ id: 'old', received_at: 10 }),
        makeRow({ id: 'new', received_at: 30 }),
      ]);
      await store.insertConsent(consentRow('old', 1, {}, 10));
      const salt = await store.ipSalt('2026-01-01');
      expect(salt).toHaveLength(32);
      expect(await store.ipSalt('2026-01-01')).toEqual(salt);
      expect(await store.ipSalt('2026-01-02')).not.toEqual(salt);
      expect(
        await store.purge({ accessLogBefore: 20, consentBefore: 20, saltsBefore: '2026-01-02' }),
      ).toEqual({
        access_log: 1,
        bad_rows: 0,
        consent_log: 1,
        ip_salts: 1,
      });
      expect(await store.ipSalt('2026-01-01')).not.toEqual(salt);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps each text version once and reads consent rows back in order, filtered', async () => {
      expect(await store.putConsentTexts('h1', '{"accept":"Accept all"}')).toBe(true);
      expect(await store.putConsentTexts('h1', '{"accept":"changed"}')).toBe(false);
      expect(await store.consentTexts('h1')).toBe('{"accept":"Accept all"}');
      expect(await store.consentTexts('nope')).toBeNull();
      const base = {
        received_at: 2,
        site: 'shop',
        previous_consent_id: null,
        policy_revision: 'r1',
        choices: '{"necessary":true,"analytics":true}',
        language: 'ja',
        url: 'https://shop.example.com/',
        texts_hash: 'h1',
        browser: 'Chrome',
      };
      await store.insertConsent({ ...base, ts: 10, consent_id: 'a', method: 'accept-all' });
      await store.insertConsent({
        ...base,
        ts: 20,
        consent_id: 'b',
        previous_consent_id: 'a',
        method: 'withdraw',
      });
      await store.insertConsent({ ...base, ts: 30, consent_id: 'c', site: 'blog', method: 'gpc' });
      const read = async (q: Parameters<Store['consentRows']>[0]) => {
        const out: string[] = [];
        for await (const r of store.consentRows(q)) out.push(`${r.consent_id}:${r.method}`);
        return out;
      };
      expect(await read({})).toEqual(['a:accept-all', 'b:withdraw', 'c:gpc']);
      expect(await read({ since: 15 })).toEqual(['b:withdraw', 'c:gpc']);
      expect(await read({ site: 'shop' })).toEqual(['a:accept-all', 'b:withdraw']);
      expect(await read({ consentId: 'a' })).toEqual(['a:accept-all', 'b:withdraw']);
    });
  });
}
