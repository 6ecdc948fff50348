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
import { dayPanels } from '../../../../src/collector/store/sqlite-dashboard/day-panels.js';
import { vitalsOf } from '../../../../src/collector/store/sqlite-dashboard/day-vitals.js';
import { sqliteEventBreakdown } from '../../../../src/collector/store/sqlite-dashboard/events.js';
import { filteredVitalParts } from '../../../../src/collector/store/sqlite-dashboard/filtered-parts.js';
import { DIRECT, rowWhere } from '../../../../src/collector/store/sqlite-dashboard/filters.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';
import { seed } from './seed.js';
import { sqliteVitals } from './sqlite-vitals-reference.js';

// Row panels under filter combinations (pages, vitals, events): under a referrer or campaign
// filter pages and vitals are read from the matching visits (filters.ts rowSource), events in two
// statements; each must equal plain SQL over rowWhere's conditions, the filters' definition,
// including rows of a visit that began before the range (up to a day: filters.ts VISIT_SLACK_MS).
const DAY0 = Date.UTC(2026, 10, 19);
const DAY = 86_400_000;
const MIN = 60_000;
/** A visit from google.com (campaign autumn, Chrome) begins 5 minutes before this midnight. */
const LATE = DAY0 + 3 * DAY;
/** The seed's visit 42 (news.ycombinator.com, campaign autumn, Safari): pageviews at +0, +3, +6 min. */
const VISIT_42 = DAY0 + 3 * 3_600_000 + 42 * 47 * MIN;
const RANGES: [string, number, number][] = [
  ['8 days', DAY0, DAY0 + 8 * DAY],
  ['from a midnight a visit crosses', LATE, DAY0 + 8 * DAY],
  ['from inside a visit', VISIT_42 + 4 * MIN, DAY0 + 6 * DAY],
];
const FILTERS: DashFilters[] = [
  { bots: 'exclude', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'include', referrer: DIRECT, browser: 'Firefox' },
  { bots: 'include', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'exclude', referrer: 'news.ycombinator.com', browser: 'Safari' },
  { bots: 'exclude', referrer: DIRECT, category: 'analytics' },
  { bots: 'exclude', referrer: 'news.ycombinator.com', category: 'performance' },
  { bots: 'exclude', campaign: 'autumn', page: '/' },
  { bots: 'exclude', campaign: 'autumn', page: '/late' },
  { bots: 'exclude', campaign: 'autumn', browser: 'Safari' },
  { bots: 'include', referrer: 'google.com', campaign: 'autumn', browser: 'Chrome', category: 'analytics' },
  { bots: 'exclude', browser: 'Chrome', category: 'analytics' },
  { bots: 'exclude', browser: 'Chrome', page: '/' },
];
const OPTS: BreakdownOptions[] = [
  { sort: 'visitors', order: 'desc', limit: 1000 },
  { sort: 'pageviews', order: 'asc', limit: 2 },
];

function row(overrides: Partial<AccessLogRow>): AccessLogRow {
  const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  const r = {
    ...base,
    id: `late-${overrides.ts}-${overrides.type}`,
    is_bot: 0,
    self_referral: 0,
    ...overrides,
  };
  return { ...r, received_at: (r.ts as number) + 200 } as AccessLogRow;
}

/**
 * The visit over midnight: two pageviews, a vital, a signup and an outbound link, each side of it,
 * and an event with more properties than a row lists (each event name ranks its own).
 */
function lateVisit(): AccessLogRow[] {
  const common = {
    site: 'shop.example',
    host: 'shop.example',
    visitor_id: 'v-late',
    session_id: 's-late',
    browser: 'Chrome',
    os: 'Windows',
    device: 'desktop',
    category: 'analytics',
    url: 'https://shop.example/late',
    path: '/late',
  };
  const pageview = (ts: number, first: boolean) =>
    row({
      ...common,
      type: 'pageview',
      ts,
      referrer: first ? 'https://google.com/' : null,
      referrer_domain: first ? 'google.com' : 'shop.example',
      utm_campaign: first ? 'autumn' : null,
    });
  return [
    pageview(LATE - 5 * MIN, true),
    row({
      ...common,
      type: 'vital',
      ts: LATE - 4 * MIN,
      category: 'performance',
      metric: 'LCP',
      value: 9000,
    }),
    pageview(LATE + 2 * MIN, false),
    row({
      ...common,
      type: 'vital',
      ts: LATE + 2 * MIN + 100,
      category: 'performance',
      metric: 'LCP',
      value: 7777,
    }),
    row({ ...common, type: 'event', ts: LATE + 3 * MIN, name: 'signup', props: '{"plan":"late"}' }),
    row({
      ...common,
      type: 'event',
      ts: LATE + 4 * MIN,
      name: 'outbound',
      props: '{"url":"https://late.example/"}',
    }),
    row({
      ...common,
      type: 'event',
      ts: LATE + 5 * MIN,
      name: 'newsletter',
      props: JSON.stringify(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]))),
    }),
  ];
}

let dir: string;
let store: Store;
let db: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentlog-combinations-'));
  store = openSqliteStore(join(dir, 'log.db'));
  await seed(store);
  await store.insertEvents(lateVisit());
  await store.dashboard?.refresh();
  db = new Database(join(dir, 'log.db'));
});
afterAll(async () => {
  db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The pages panel in plain SQL over the tables themselves (NOT INDEXED: no seek the panel uses). */
function pagesSql(q: DashQuery, o: BreakdownOptions) {
  const { sql, params } = rowWhere(q);
  const from = `dash_pageviews NOT INDEXED WHERE ${sql}`;
  const sort = o.sort === 'pageviews' ? 'pageviews' : 'visitors';
  const rows = db
    .prepare(
      `SELECT path AS value, COUNT(DISTINCT visitor_id) AS visitors, COUNT(*) AS pageviews FROM ${from}
       GROUP BY value ORDER BY ${sort} ${o.order === 'asc' ? 'ASC' : 'DESC'}, value ASC LIMIT ${o.limit}`,
    )
    .all(params) as { visitors: number }[];
  const total = db.prepare(`SELECT COUNT(DISTINCT visitor_id) FROM ${from}`).pluck().get(params) as number;
  return { name: 'pages', total, rows: rows.map((r) => ({ ...r, share: total ? r.visitors / total : 0 })) };
}

const PROP_TEXT =
  "CASE j.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL ELSE CAST(j.value AS TEXT) END";

/** An events panel in plain SQL: the ranked rows, their total, and each name's properties by itself. */
function eventsSql(name: BreakdownName, q: DashQuery, o: BreakdownOptions) {
  const { sql, params } = rowWhere(q);
  const aliased = rowWhere(q, { alias: 'a' }).sql;
  const isLinks = name !== 'events';
  const value = isLinks ? "json_extract(props, '$.url')" : 'name';
  const which = isLinks
    ? `name = '${name === 'outbound' ? 'outbound' : 'download'}' AND json_valid(props)`
    : "name NOT IN ('outbound', 'download')";
  const from = `dash_events NOT INDEXED WHERE ${sql} AND ${which}`;
  const sort = o.sort === 'visitors' ? 'visitors' : 'count';
  const rows = db
    .prepare(
      `SELECT ${value} AS value, COUNT(*) AS count, COUNT(DISTINCT visitor_id) AS visitors FROM ${from}
       GROUP BY 1 ORDER BY ${sort} ${o.order === 'asc' ? 'ASC' : 'DESC'}, value ASC LIMIT ${o.limit}`,
    )
    .all(params) as { value: string | null; count: number }[];
  const total = db.prepare(`SELECT COUNT(*) FROM ${from}`).pluck().get(params) as number;
  const props = db.prepare(
    `SELECT j.key AS key, ${PROP_TEXT} AS value, COUNT(*) AS count
     FROM dash_events AS a NOT INDEXED, json_each(a.props) AS j
     WHERE ${aliased} AND a.name = @name AND json_valid(a.props)
     GROUP BY 1, 2 ORDER BY count DESC, key, value LIMIT 20`,
  );
  return {
    name,
    total,
    rows: rows.map((r) => ({
      ...r,
      share: total ? r.count / total : 0,
      ...(isLinks ? {} : { props: props.all({ ...params, name: r.value }) }),
    })),
  };
}

describe('row panels under filter combinations', () => {
  it('pages, vitals and events equal plain SQL over every combination and range', () => {
    let pages = 0;
    let samples = 0;
    let events = 0;
    let served = 0;
    for (const [range, from, to] of RANGES)
      for (const filters of FILTERS) {
        const q: DashQuery = { site: 'shop.example', from, to, filters };
        const why = `${range}, ${JSON.stringify(filters)}`;
        for (const o of OPTS) {
          const got = sqlitePageviewBreakdown(db, 'pages', q, o);
          expect(got, `${why}: pages ${o.sort}`).toEqual(pagesSql(q, o));
          pages += got.rows.length;
          for (const name of ['events', 'outbound', 'downloads'] as BreakdownName[]) {
            const e = sqliteEventBreakdown(db, name, q, o);
            expect(e, `${why}: ${name} ${o.sort}`).toEqual(eventsSql(name, q, o));
            events += e.total;
          }
        }
        const vitals = vitalsOf(filteredVitalParts(db, q));
        expect(vitals, `${why}: vitals`).toEqual(sqliteVitals(db, q));
        samples += vitals.overall.LCP?.samples ?? 0;
        // One browser with one referrer: pages and vitals from the day roll-up's sub-slices too.
        if (Object.keys(filters).length === 3 && filters.browser && filters.referrer) {
          const days = dayPanels(db);
          for (const o of OPTS) {
            const got = days.breakdown('pages', q, o);
            expect(got, `${why}: pages from the sub-slices`).not.toBeNull();
            expect(got, `${why}: pages ${o.sort} from the sub-slices`).toEqual(pagesSql(q, o));
          }
          expect(days.vitals(q), `${why}: vitals from the sub-slices`).toEqual(vitals);
          served++;
        }
      }
    expect(served).toBe(RANGES.length * 4);
    // Not vacuous: most combinations select rows.
    expect(pages).toBeGreaterThan(100);
    expect(samples).toBeGreaterThan(100);
    expect(events).toBeGreaterThan(100);
  });

  it('count the rows of a visit that began before the range, in its range only', async () => {
    const q: DashQuery = {
      site: 'shop.example',
      from: LATE,
      to: LATE + DAY,
      filters: { bots: 'exclude', referrer: 'google.com', campaign: 'autumn', browser: 'Chrome' },
    };
    const opts: BreakdownOptions = { sort: 'visitors', order: 'desc', limit: 50 };
    expect(sqlitePageviewBreakdown(db, 'pages', q, opts).rows).toContainEqual({
      value: '/late',
      visitors: 1,
      pageviews: 1,
      share: expect.any(Number),
    });
    const vitals = await store.dashboard?.vitals(q);
    expect(vitals?.pages.find((p) => p.value === '/late')?.LCP).toMatchObject({ p75: 7777, samples: 1 });
    const signup = sqliteEventBreakdown(db, 'events', q, opts).rows.find((r) => r.value === 'signup');
    expect(signup?.props).toContainEqual({ key: 'plan', value: 'late', count: 1 });
    const outbound = sqliteEventBreakdown(db, 'outbound', q, opts).rows.map((r) => r.value);
    expect(outbound).toContain('https://late.example/');
  });
});
