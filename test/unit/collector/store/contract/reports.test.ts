import { expect, it } from 'vitest';
import { forEachStore } from './backends.js';
import { collect, makeRow } from './rows.js';

forEachStore('Store contract: reports and export', (store) => {
  it('counts totals since a time and per site, without bots', async () => {
    await store().insertEvents([
      makeRow({ ts: 100, visitor_id: 'old' }),
      makeRow({ ts: 200, visitor_id: 'a' }),
      makeRow({ ts: 300, visitor_id: 'a' }),
      makeRow({ ts: 300, visitor_id: 'b', type: 'event', name: 'signup' }),
      makeRow({ ts: 300, visitor_id: 'c', type: 'vital', metric: 'LCP', value: 1200 }),
      makeRow({ ts: 300, visitor_id: 'bot', is_bot: 1 }),
      makeRow({ ts: 300, visitor_id: 'x', site: 'blog' }),
    ]);
    expect(await store().totals({ since: 200, site: 'shop' })).toEqual({
      pageviews: 2,
      events: 1,
      visitors: 3,
    });
    expect(await store().totals({})).toEqual({ pageviews: 4, events: 1, visitors: 5 });
    expect(await store().totals({ site: 'none' })).toEqual({ pageviews: 0, events: 0, visitors: 0 });
  });

  it('counts the same across months (rows in several partitions)', async () => {
    const months = [Date.UTC(2026, 9, 3), Date.UTC(2026, 10, 3), Date.UTC(2026, 11, 3), Date.UTC(2027, 0, 3)];
    await store().insertEvents(months.map((ts, i) => makeRow({ ts, visitor_id: `v${i % 2}` })));
    expect(await store().totals({})).toEqual({ pageviews: 4, events: 0, visitors: 2 });
    expect(await store().totals({ since: Date.UTC(2026, 10, 1) })).toEqual({
      pageviews: 3,
      events: 0,
      visitors: 2,
    });
  });

  it('ranks pages, referrer domains (no self-referrals) and browsers', async () => {
    await store().insertEvents([
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
    expect(await store().top('pages', {})).toEqual([
      { value: '/a', pageviews: 4, visitors: 2 },
      { value: '/b', pageviews: 1, visitors: 1 },
    ]);
    expect(await store().top('referrers', {})).toEqual([
      { value: 'www.google.com', pageviews: 2, visitors: 2 },
      { value: 'news.ycombinator.com', pageviews: 1, visitors: 1 },
    ]);
    expect(await store().top('browsers', { limit: 2 })).toEqual([
      { value: 'Firefox', pageviews: 3, visitors: 1 },
      { value: null, pageviews: 1, visitors: 1 },
    ]);
  });

  it('breaks ties by value in code-point order, unknown first', async () => {
    await store().insertEvents(['/b', '/B', '/a', null].map((path) => makeRow({ path })));
    expect((await store().top('pages', {})).map((r) => r.value)).toEqual([null, '/B', '/a', '/b']);
  });

  it('exports page by page in insertion order, filtered by time and site', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => makeRow({ ts: i, site: i % 2 ? 'blog' : 'shop' }));
    await store().insertEvents(rows);
    const seen = (await collect(store().exportRows({ since: 1000, site: 'shop' }))).map((r) => r.id);
    expect(seen).toEqual(rows.filter((r) => r.ts >= 1000 && r.site === 'shop').map((r) => r.id));
  });
});
