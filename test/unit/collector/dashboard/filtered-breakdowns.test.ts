import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BreakdownName,
  BreakdownOptions,
  DashFilters,
  DashQuery,
} from '../../../../src/collector/dashboard/types.js';
import { openSqliteStore, type Store } from '../../../../src/collector/index.js';
import { sqlitePageviewBreakdown } from '../../../../src/collector/store/sqlite-dashboard/breakdowns.js';
import { DIRECT } from '../../../../src/collector/store/sqlite-dashboard/filters.js';
import { seed } from './seed.js';
import { plainSqlBreakdown, REFERENCE_COLUMN } from './sqlite-breakdown-reference.js';
import { referenceVisitWhere } from './visit-where-reference.js';

// Filtered breakdowns are counted in one statement each, visitors by their number, over rows
// collected once, and ranked in JS (breakdowns.ts, row-counts.ts); they must equal what plain SQL
// GROUP BY / COUNT(DISTINCT visitor_id) statements over the same conditions return.
const DAY0 = Date.UTC(2026, 10, 19);
const DAY = 86_400_000;
const FILTERS: DashFilters[] = [
  { bots: 'exclude', page: '/pricing' },
  { bots: 'include', referrer: DIRECT },
  { bots: 'exclude', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'exclude', campaign: 'autumn' },
  { bots: 'exclude', category: 'performance' },
];
const OPTS: BreakdownOptions[] = [
  { sort: 'visitors', order: 'desc', limit: 1000 },
  { sort: 'pageviews', order: 'asc', limit: 3 },
  { sort: 'visitors', order: 'desc', limit: 2 },
];

let dir: string;
let store: Store;
let db: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentlog-filtered-'));
  store = openSqliteStore(join(dir, 'log.db'));
  await seed(store);
  await store.dashboard?.refresh();
  db = new Database(join(dir, 'log.db'));
});
afterAll(async () => {
  db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const plainSql = (name: BreakdownName, q: DashQuery, o: BreakdownOptions) =>
  plainSqlBreakdown(db, name, q, o);

/** Every panel, filter and order against plain SQL; the number of panels with rows and their visitors. */
function expectAllMatchSql(): { nonEmpty: number; visitors: number } {
  const q0 = { site: 'shop.example', from: DAY0, to: DAY0 + 8 * DAY };
  let nonEmpty = 0;
  let visitors = 0;
  for (const filters of FILTERS)
    for (const name of ['pages', ...Object.keys(REFERENCE_COLUMN)] as BreakdownName[])
      for (const o of OPTS) {
        const q: DashQuery = { ...q0, filters };
        const got = sqlitePageviewBreakdown(db, name, q, o);
        expect(got, `${name} ${JSON.stringify(filters)} ${JSON.stringify(o)}`).toEqual(plainSql(name, q, o));
        if (got.rows.length) nonEmpty++;
        visitors += got.total;
      }
  return { nonEmpty, visitors };
}

describe('filtered breakdowns counted in one pass', () => {
  it('equal plain SQL for every panel, filter and order', () => {
    expect(expectAllMatchSql().nonEmpty).toBeGreaterThan(50);
  });

  // It changes the shared file (the test after it reads the changed rows). Seeks through migration 013's index and counts by visitor
  // number (dash_visitors) must follow erasure, the retention purge and rows changed by hand.
  it('still equal plain SQL after a visitor is erased, the purge, and rows deleted or changed', async () => {
    const before = expectAllMatchSql().visitors;
    await store.deleteVisitor('v3');
    await store.purge({ accessLogBefore: DAY0 + 2 * DAY });
    db.prepare("DELETE FROM access_log WHERE visitor_id = 'v7' AND type = 'pageview'").run();
    db.prepare("UPDATE access_log SET path = '/pricing' WHERE path = '/about'").run();
    db.prepare("UPDATE access_log SET referrer_domain = 'google.com' WHERE visitor_id = 'v11'").run();
    await store.dashboard?.refresh();
    const after = expectAllMatchSql();
    expect(after.nonEmpty).toBeGreaterThan(50);
    expect(after.visitors).toBeLessThan(before);
  });

  it('campaigns: (campaign, source, medium) groups as SQL counts them', () => {
    const q: DashQuery = {
      site: 'shop.example',
      from: DAY0,
      to: DAY0 + 8 * DAY,
      filters: { bots: 'exclude', page: '/pricing' },
    };
    const got = sqlitePageviewBreakdown(db, 'campaigns', q, OPTS[0] as BreakdownOptions);
    const { sql, params } = referenceVisitWhere(q);
    const where = `${sql} AND (v.utm_campaign IS NOT NULL OR v.utm_source IS NOT NULL OR v.utm_medium IS NOT NULL)`;
    const want = db
      .prepare(
        `SELECT v.utm_campaign AS value, v.utm_source AS source, v.utm_medium AS medium,
           COUNT(DISTINCT v.visitor_id) AS visitors, SUM(v.pageviews) AS pageviews, COUNT(*) AS visits
         FROM dash_visits AS v WHERE ${where} GROUP BY value, source, medium
         ORDER BY visitors DESC, value ASC, source ASC, medium ASC`,
      )
      .all(params) as { visitors: number }[];
    const total = db
      .prepare(`SELECT COUNT(DISTINCT v.visitor_id) FROM dash_visits AS v WHERE ${where}`)
      .pluck()
      .get(params) as number;
    expect(want.length).toBeGreaterThan(0);
    expect(got.total).toBe(total);
    expect(got.rows).toEqual(want.map((r) => ({ ...r, share: r.visitors / total })));
  });
});
