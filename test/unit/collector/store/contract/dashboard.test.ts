import { beforeAll, expect, it } from 'vitest';
import {
  BREAKDOWN_NAMES,
  type DashboardStore,
  type DashFilters,
  type DashQuery,
} from '../../../../../src/collector/dashboard/types.js';
import { openSqliteStore, type Store } from '../../../../../src/collector/index.js';
import type { AccessLogRow } from '../../../../../src/shared/index.js';
import { seedConsent, seedRows } from '../../dashboard/seed.js';
import { forEachStore } from './backends.js';
import { collect } from './rows.js';

// The dashboard's queries must answer the same on every store. The SQLite store's answers are
// checked against plain SQL in test/unit/collector/dashboard/; here every backend is compared with
// them on the same seeded rows, over each panel and every filter.
const DAY = 864e5;
const FROM = Date.UTC(2026, 10, 20);
const TO = Date.UTC(2026, 10, 27);
const seeded = { rows: seedRows(), consent: seedConsent() };
let reference: Store;

async function fill(store: Store): Promise<DashboardStore> {
  await store.insertEvents(seeded.rows.map((r) => ({ ...r })));
  for (const c of seeded.consent) await store.insertConsent(c);
  if (!store.dashboard) throw new Error('this store has no dashboard queries');
  return store.dashboard;
}

const FILTERS: DashFilters[] = [
  { bots: 'exclude' },
  { bots: 'include' },
  { bots: 'exclude', page: '/pricing' },
  { bots: 'exclude', referrer: '(direct)' },
  { bots: 'exclude', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'exclude', campaign: 'autumn' },
  { bots: 'exclude', category: 'performance' },
];
const query = (filters: DashFilters, from = FROM, to = TO): DashQuery => ({
  site: 'shop.example',
  from,
  to,
  filters,
});
const days = Array.from({ length: 7 }, (_, i) => ({
  day: new Date(FROM + i * DAY).toISOString().slice(0, 10),
  start: FROM + i * DAY,
  end: FROM + (i + 1) * DAY,
}));

/** Everything a dashboard shows for one query, in one comparable object. */
async function answers(d: DashboardStore, q: DashQuery) {
  const hours = Array.from({ length: 25 }, (_, i) => Date.UTC(2026, 10, 26) + i * 3_600_000);
  const breakdowns: Record<string, unknown> = {};
  for (const name of BREAKDOWN_NAMES) {
    const sort = name === 'events' ? 'count' : 'visitors';
    breakdowns[`${name}/desc`] = await d.breakdown(name, q, { sort, order: 'desc', limit: 5 });
    breakdowns[`${name}/asc`] = await d.breakdown(name, q, { sort: 'pageviews', order: 'asc', limit: 100 });
  }
  return {
    totals: await d.totals(q),
    daily: await d.series(q, [...days.map((x) => x.start), TO]),
    hourly: await d.series(q, hours),
    breakdowns,
    vitals: await d.vitals(q),
    consent: await d.consent(q, days),
    export: (await collect(d.exportRows(q))).map((r: AccessLogRow) => r.id),
  };
}

beforeAll(async () => {
  reference = openSqliteStore(':memory:');
  await fill(reference);
});

forEachStore('Store contract: dashboard queries', (store) => {
  it('answers every panel and filter as the SQLite store does', { timeout: 120_000 }, async () => {
    const mine = await fill(store());
    const ref = reference.dashboard as DashboardStore;
    expect(await mine.sites()).toEqual(['blog.example', 'shop.example']);
    for (const filters of FILTERS) {
      const [got, want] = [await answers(mine, query(filters)), await answers(ref, query(filters))];
      expect(got, JSON.stringify(filters)).toEqual(want);
    }
    const first = await answers(mine, query({ bots: 'exclude' }));
    expect(first.totals.pageviews).toBeGreaterThan(100); // the seed really is in range
    expect(first.consent.decisions).toBeGreaterThan(10);
    expect(await mine.totals(query({ bots: 'exclude' }, FROM - 7 * DAY, FROM))).toEqual(
      await ref.totals(query({ bots: 'exclude' }, FROM - 7 * DAY, FROM)),
    );
  });

  it('keeps dashboard sessions by hash, finds them until idle, and expires them', async () => {
    const sessions = (store().dashboard as DashboardStore).sessions;
    await sessions.create({ idHash: 'h1', role: 'analyst', actor: 'token:ana', createdAt: 10, lastSeen: 10 });
    await sessions.create({ idHash: 'h2', role: 'admin', actor: 'admin', createdAt: 10, lastSeen: 10 });
    expect(await sessions.find('h1', 5)).toEqual({
      idHash: 'h1',
      role: 'analyst',
      actor: 'token:ana',
      createdAt: 10,
      lastSeen: 10,
    });
    expect(await sessions.find('h1', 11)).toBeNull();
    await sessions.touch('h1', 20);
    expect((await sessions.find('h1', 11))?.lastSeen).toBe(20);
    expect(await sessions.expire(15)).toBe(1);
    expect(await sessions.find('h2', 0)).toBeNull();
    await sessions.delete('h1');
    expect(await sessions.find('h1', 0)).toBeNull();
  });
});
