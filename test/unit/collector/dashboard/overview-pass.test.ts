import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rangeOverview } from '../../../../src/collector/dashboard/overview.js';
import type { DashboardStore, DashFilters, DashQuery } from '../../../../src/collector/dashboard/types.js';
import { openSqliteStore, type Store } from '../../../../src/collector/index.js';
import { seed } from './seed.js';
import { sqlSeries, sqlTotals } from './sqlite-overview-reference.js';

// The overview of a range in one pass (DashboardStore.overview): a filtered range's visits are read
// once and counted in JS for both the totals and the series (visit-reads.ts). It must equal the plain
// SQL statements it replaced, for every filter, zone and bucket size, and after privacy deletes.
const H = 3_600_000;
const DAY = 24 * H;
const DAY0 = Date.UTC(2026, 10, 19);
const FILTERS: DashFilters[] = [
  { bots: 'exclude' },
  { bots: 'include', page: '/' },
  { bots: 'exclude', page: '/pricing' },
  { bots: 'include', referrer: '(direct)' },
  { bots: 'exclude', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'exclude', campaign: 'autumn', page: '/pricing' },
  { bots: 'exclude', category: 'performance' },
];
const RANGES: [string, number, number][] = [
  ['7 UTC days', DAY0 + DAY, DAY0 + 8 * DAY],
  ['7 Tokyo days (+09:00)', DAY0 + DAY - 9 * H, DAY0 + 8 * DAY - 9 * H],
  ['odd minutes', DAY0 + 2 * DAY + 17 * 60_000 + 5 * H, DAY0 + 5 * DAY + 3 * H + 1234],
  ['the previous 7 days', DAY0 - 6 * DAY, DAY0 + DAY],
];
/** Hourly and daily buckets over the range, and buckets reaching past it (the SQL series answers). */
function bucketings(from: number, to: number): number[][] {
  const cut = (step: number) => {
    const bounds = [from];
    for (let t = Math.ceil((from + 1) / step) * step; t < to; t += step) bounds.push(t);
    return [...bounds, to];
  };
  return [cut(H), cut(DAY), [from - DAY, from + DAY, to + DAY]];
}

let dir: string;
let store: Store;
let dash: DashboardStore;
let db: Database.Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentlog-overview-'));
  store = openSqliteStore(join(dir, 'log.db'));
  await seed(store);
  if (!store.dashboard) throw new Error('the SQLite store has a dashboard');
  dash = store.dashboard;
  db = new Database(join(dir, 'log.db'));
});
afterEach(async () => {
  db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectOverviewsMatchSql(): Promise<number> {
  let visits = 0;
  for (const [name, from, to] of RANGES)
    for (const filters of FILTERS)
      for (const bounds of bucketings(from, to)) {
        const q: DashQuery = { site: 'shop.example', from, to, filters };
        const why = `${name}, ${JSON.stringify(filters)}, ${bounds.length - 1} buckets`;
        const got = await dash.overview?.(q, bounds);
        const sql = sqlTotals(db, q);
        expect(got, why).toEqual({
          totals: { ...sql, bounce_rate: expect.closeTo(sql.bounce_rate, 12) },
          series: sqlSeries(db, q, bounds),
        });
        expect(got, `${why}: as totals() and series() answer`).toEqual({
          totals: await dash.totals(q),
          series: await dash.series(q, bounds),
        });
        visits += got?.totals.visits ?? 0;
      }
  return visits;
}

describe('the overview of a range in one pass', { timeout: 60_000 }, () => {
  it('equals plain SQL for every filter, zone and bucketing', async () => {
    expect(await expectOverviewsMatchSql()).toBeGreaterThan(100);
  });

  it('the route asks a store without it (PostgreSQL) for totals and series, with the same answer', async () => {
    const { overview: _, ...withoutOverview } = dash;
    let asked = 0;
    for (const filters of FILTERS) {
      const q: DashQuery = { site: 'shop.example', from: DAY0, to: DAY0 + 7 * DAY, filters };
      const bounds = bucketings(q.from, q.to)[1] as number[];
      const one = await rangeOverview(dash, q, bounds);
      expect(await rangeOverview(withoutOverview, q, bounds), JSON.stringify(filters)).toEqual(one);
      asked += one.series.length;
    }
    expect(asked).toBe(FILTERS.length * 7);
  });

  it('after a visitor is forgotten, the retention purge, and rows changed by another process', async () => {
    const before = await expectOverviewsMatchSql();
    await store.deleteVisitor('v3');
    await store.purge({ accessLogBefore: DAY0 + 3 * DAY + 7 * H });
    db.prepare("DELETE FROM access_log WHERE visitor_id = 'v7' AND type = 'pageview'").run();
    db.prepare("UPDATE access_log SET path = '/pricing' WHERE path = '/about'").run();
    const after = await expectOverviewsMatchSql();
    expect(after).toBeLessThan(before);
  });
});
