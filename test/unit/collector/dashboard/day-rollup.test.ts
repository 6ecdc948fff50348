import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakdownName, DashFilters, DashQuery } from '../../../../src/collector/dashboard/types.js';
import { openSqliteStore, type Store } from '../../../../src/collector/index.js';
import { sqlitePageviewBreakdown } from '../../../../src/collector/store/sqlite-dashboard/breakdowns.js';
import { dayPanels } from '../../../../src/collector/store/sqlite-dashboard/day-panels.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';
import { NOW, seedConsent, seedRows } from './seed.js';
import { plainSqlBreakdown } from './sqlite-breakdown-reference.js';
import { sqlSeries, sqlTotals } from './sqlite-overview-reference.js';
import { sqliteVitals } from './sqlite-vitals-reference.js';

// The day roll-up (migration 011) must answer exactly as the SQL path over the visits roll-up does
// (that path is checked against plain SQL and a JS model in queries.test.ts): for ranges cut on UTC
// days, in other zones (partial days read raw), at odd times, with bots in and out, and after rows
// are deleted, purged, corrected or arrive late.
const H = 3_600_000;
const QUARTER = H / 4;
const DAY = 24 * H;
const DAY0 = Date.UTC(2026, 10, 19);
const VISIT_PANELS: BreakdownName[] = [
  'pages',
  'entry_pages',
  'exit_pages',
  'referrers',
  'browsers',
  'os',
  'devices',
  'languages',
  'screens',
  'campaigns',
];
const RANGES: [string, number, number][] = [
  ['7 UTC days', DAY0 + DAY, DAY0 + 8 * DAY],
  ['7 Tokyo days (+09:00)', DAY0 + DAY - 9 * H, DAY0 + 8 * DAY - 9 * H],
  ['7 New York days (-05:00)', DAY0 + DAY + 5 * H, DAY0 + 8 * DAY + 5 * H],
  ['7 Kolkata days (+05:30)', DAY0 + DAY - 5.5 * H, DAY0 + 8 * DAY - 5.5 * H],
  ['3 Kathmandu days (+05:45)', DAY0 + 2 * DAY - 5.75 * H, DAY0 + 5 * DAY - 5.75 * H],
  ['odd minutes', DAY0 + 2 * DAY + 17 * 60_000 + 5 * H, DAY0 + 5 * DAY + 3 * H + 1234],
  ['less than a day', DAY0 + 3 * DAY + 2 * H, DAY0 + 3 * DAY + 20 * H],
  ['everything', DAY0 - DAY, DAY0 + 10 * DAY],
];

let dir: string;
let store: Store;
let db: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentlog-days-'));
  store = openSqliteStore(join(dir, 'log.db'));
  // Categories beyond the seed's (pageviews analytics, vitals performance): visits with several,
  // pageviews and vitals of one kind in different categories.
  const mixed = seedRows().map((r) =>
    r.type === 'pageview' && r.path === '/about'
      ? { ...r, category: 'marketing' }
      : r.type === 'vital' && r.metric === 'INP'
        ? { ...r, category: 'marketing' }
        : r,
  );
  await store.insertEvents(mixed);
  for (const c of seedConsent()) await store.insertConsent(c);
  db = new Database(join(dir, 'log.db'));
});
afterEach(async () => {
  db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = (sql: string) => db.prepare(sql).pluck().get() as number;
const byJson = <T>(rows: T[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * Every day-served panel against the SQL path, over every range, with bots out and in; one browser,
 * one referrer or one category alone is served from its slices (a value no row has: none, so zeros;
 * a referrer a day has no slice for: that day read raw). Category-filtered visit panels are also
 * compared with plain SQL over the access log's definition (visit-where-reference.ts).
 */
const FILTERS: DashFilters[] = [
  { bots: 'exclude' },
  { bots: 'include' },
  { bots: 'exclude', browser: 'Chrome' },
  { bots: 'include', browser: 'Firefox' },
  { bots: 'exclude', browser: 'Safari' },
  { bots: 'include', browser: 'Opera' },
  { bots: 'exclude', browser: 'Netscape' },
  { bots: 'exclude', page: '/pricing' },
  { bots: 'include', referrer: '(direct)' },
  { bots: 'exclude', referrer: '(direct)' },
  { bots: 'exclude', referrer: 'google.com' },
  { bots: 'include', referrer: 'news.ycombinator.com' },
  { bots: 'exclude', referrer: 'nowhere.example' },
  // A browser with a referrer: pages and vitals from the referrer slice's sub-slices by the row's
  // browser (a referrer no day slices, a browser no row has: nothing stored, the days read raw or
  // adding nothing), the other panels on the SQL path.
  { bots: 'exclude', referrer: '(direct)', browser: 'Firefox' },
  { bots: 'exclude', referrer: 'google.com', browser: 'Chrome' },
  { bots: 'include', referrer: '(direct)', browser: 'Chrome' },
  { bots: 'exclude', referrer: 'news.ycombinator.com', browser: 'Safari' },
  { bots: 'include', referrer: 'shop.example', browser: 'Opera' },
  { bots: 'exclude', referrer: 'nowhere.example', browser: 'Chrome' },
  { bots: 'exclude', referrer: 'google.com', browser: 'Netscape' },
  { bots: 'exclude', campaign: 'autumn' },
  { bots: 'exclude', category: 'performance' },
  { bots: 'include', category: 'analytics' },
  { bots: 'exclude', category: 'marketing' },
  { bots: 'include', category: 'marketing' },
  { bots: 'exclude', category: 'functional' },
  // A category with one browser or referrer: that slice on days where every row of a kind has the
  // category, nothing where none has, the day read raw where some have.
  { bots: 'exclude', category: 'analytics', browser: 'Chrome' },
  { bots: 'include', category: 'analytics', browser: 'Firefox' },
  { bots: 'exclude', category: 'performance', browser: 'Chrome' },
  { bots: 'include', category: 'marketing', referrer: '(direct)' },
  { bots: 'exclude', category: 'analytics', referrer: 'google.com' },
  { bots: 'exclude', category: 'performance', referrer: 'news.ycombinator.com' },
  { bots: 'exclude', category: 'marketing', page: '/about' },
  // A category with a browser and a referrer: the sub-slices on the days where every row has it.
  { bots: 'exclude', category: 'analytics', referrer: '(direct)', browser: 'Chrome' },
  { bots: 'include', category: 'marketing', referrer: '(direct)', browser: 'Firefox' },
  { bots: 'exclude', category: 'performance', referrer: 'google.com', browser: 'Chrome' },
];

async function expectDaysMatchSql(filterSets = FILTERS): Promise<void> {
  await store.dashboard?.refresh();
  const days = dayPanels(db);
  for (const [name, from, to] of RANGES)
    for (const filters of filterSets) {
      const q: DashQuery = { site: 'shop.example', from, to, filters };
      const why = `${name}, ${JSON.stringify(filters)}`;
      const hours = Array.from(
        { length: Math.floor((to - from) / H) + 1 },
        (_, i) => Math.ceil(from / H) * H + i * H,
      );
      // The range's own hours and days: a +05:30 zone's fall on the half hour, not on UTC hours.
      const steps = (size: number) =>
        Array.from({ length: Math.ceil((to - from) / size) }, (_, i) => from + i * size).concat(to);
      const set = Object.keys(filters).filter((f) => f !== 'bots');
      const sliced = (f: string) => f === 'browser' || f === 'referrer' || f === 'category';
      const served =
        set.length === 0 ||
        (set.length === 1 && sliced(set[0] as string)) ||
        (set.length === 2 && set.includes('category') && set.every(sliced));
      if (!served) {
        // Other filters: the visits of the range read once (visit-reads.ts) answer the overview,
        // the SQL path every other panel but vitals (ranked from the filtered rows).
        expect([
          days.totals(q),
          days.breakdown('browsers', q, { sort: 'visitors', order: 'desc', limit: 9 }),
        ]).toEqual([null, null]);
        const sql = sqlTotals(db, q);
        const totals = await store.dashboard?.totals(q);
        expect(totals, why).toEqual({ ...sql, bounce_rate: expect.closeTo(sql.bounce_rate, 12) });
        for (const bounds of [
          [from, ...hours.filter((t) => t > from && t < to), to],
          [from - DAY, to],
        ])
          expect(await store.dashboard?.series(q, bounds), `${why}: series`).toEqual(
            sqlSeries(db, q, bounds),
          );
        expect(days.vitals(q), `${why}: vitals`).toEqual(sqliteVitals(db, q));
        const pair = filters.browser !== undefined && filters.referrer !== undefined;
        if (pair && (set.length === 2 || (set.length === 3 && filters.category !== undefined)))
          for (const opts of [
            { sort: 'visitors', order: 'desc', limit: 1000 },
            { sort: 'pageviews', order: 'asc', limit: 3 },
          ] as const) {
            const got = days.breakdown('pages', q, opts);
            expect(got, `${why}: pages from the sub-slices`).not.toBeNull();
            expect(got, `${why}: pages ${opts.sort}`).toEqual(sqlitePageviewBreakdown(db, 'pages', q, opts));
          }
        continue;
      }
      const totals = days.totals(q);
      const sql = sqlTotals(db, q);
      expect(totals, why).toEqual({ ...sql, bounce_rate: expect.closeTo(sql.bounce_rate, 12) });
      for (const bounds of [
        hours,
        [from, ...hours.filter((t) => t > from && t < to && t % DAY === 0), to],
        steps(H),
        steps(DAY),
      ]) {
        if (bounds.every((b) => b % QUARTER === 0))
          expect(days.series(q, bounds), why).toEqual(sqlSeries(db, q, bounds));
        else
          expect(days.series(q, bounds), `${why}: bounds off the quarter hour take the SQL path`).toBeNull();
      }
      for (const panel of VISIT_PANELS)
        for (const opts of [
          { sort: 'visitors', order: 'desc', limit: 1000 },
          { sort: 'pageviews', order: 'asc', limit: 3 },
        ] as const) {
          const got = days.breakdown(panel, q, opts);
          const want = sqlitePageviewBreakdown(db, panel, q, opts);
          if (panel === 'campaigns' && opts.limit === 1000)
            expect({ ...got, rows: byJson(got?.rows ?? []) }, `${why}: ${panel}`).toEqual({
              ...want,
              rows: byJson(want.rows),
            });
          else if (panel !== 'campaigns') expect(got, `${why}: ${panel} ${opts.sort}`).toEqual(want);
          if (filters.category !== undefined && panel !== 'campaigns')
            expect(got, `${why}: ${panel} ${opts.sort} (reference)`).toEqual(
              plainSqlBreakdown(db, panel, q, opts),
            );
        }
      expect(days.vitals(q), `${why}: vitals`).toEqual(sqliteVitals(db, q));
    }
}

describe('the day roll-up answers as the SQL path', { timeout: 60_000 }, () => {
  it('on stored days and raw edges alike, and with every filter', async () => {
    await expectDaysMatchSql();
    expect(read("SELECT COUNT(DISTINCT day) FROM dash_days WHERE site = 'shop.example'")).toBeGreaterThan(5);
    expect(read('SELECT COUNT(*) FROM dash_days_dirty')).toBe(0); // the first refresh builds every day
  });

  it('after a visitor is erased, whose number goes at once', async () => {
    await store.dashboard?.refresh();
    expect(read("SELECT COUNT(*) FROM dash_visitors WHERE visitor_id = 'v3'")).toBe(1);
    await store.deleteVisitor('v3');
    expect(read("SELECT COUNT(*) FROM dash_visitors WHERE visitor_id = 'v3'")).toBe(0);
    await expectDaysMatchSql();
  });

  it('after the retention purge cuts through visits, and rows deleted or changed by hand', async () => {
    await store.dashboard?.refresh();
    await store.purge({ accessLogBefore: DAY0 + 3 * DAY + 7 * H + 60_000 });
    db.prepare("DELETE FROM access_log WHERE visitor_id = 'v7' AND type = 'pageview'").run();
    db.prepare("UPDATE access_log SET path = '/moved' WHERE path = '/about'").run();
    db.prepare("UPDATE access_log SET language = 'fr-FR' WHERE visitor_id = 'v5'").run();
    // A browser gone from some days (its slices there must go), and pageviews whose own browser
    // differs from their visit's: the pages slice follows the row, the visit slices the visit.
    db.prepare(
      `UPDATE access_log SET browser = 'Opera' WHERE browser = 'Safari' AND ts < ${DAY0 + 5 * DAY}`,
    ).run();
    db.prepare(
      "UPDATE access_log SET browser = 'Chrome' WHERE type = 'pageview' AND path = '/pricing'",
    ).run();
    db.prepare("UPDATE access_log SET ts = ts + 3600000 WHERE type = 'vital' AND metric = 'LCP'").run();
    // A category corrected: v5's visits gain 'marketing'; v6's lose 'performance' with their vitals.
    db.prepare(
      "UPDATE access_log SET category = 'marketing' WHERE visitor_id = 'v5' AND type = 'pageview'",
    ).run();
    db.prepare("DELETE FROM access_log WHERE visitor_id = 'v6' AND category = 'performance'").run();
    await expectDaysMatchSql();
  });

  it('when rows arrive late, on days already rolled up', async () => {
    await store.dashboard?.refresh();
    const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
    const late = (ts: number, extra: Partial<AccessLogRow>): AccessLogRow => ({
      ...base,
      id: randomUUID(),
      received_at: NOW,
      ts,
      site: 'shop.example',
      category: 'analytics',
      is_bot: 0,
      self_referral: 0,
      url: 'https://shop.example/late',
      path: '/late',
      visitor_id: 'v-late',
      session_id: 's1', // an old visit gains an earlier first page on the day before it
      type: 'pageview',
      ...extra,
    });
    const s1 = read("SELECT start_ts FROM dash_visits WHERE session_id = 's1'");
    const s2 = read("SELECT start_ts FROM dash_visits WHERE session_id = 's2'");
    const v1 = db
      .prepare("SELECT visitor_id FROM dash_visits WHERE session_id = 's1'")
      .pluck()
      .get() as string;
    // A visit over midnight gains an earlier first page from elsewhere: its referrer changes, and
    // with it the referrer slice of its pageviews on the next day, which no other new row lies on.
    const cross = db
      .prepare(
        `SELECT session_id, visitor_id, start_ts, referrer_domain FROM dash_visits
         WHERE site = 'shop.example' AND is_bot = 0 AND start_ts >= ${DAY0 + 5 * DAY + H}
         ORDER BY start_ts LIMIT 1`,
      )
      .get() as { session_id: string; visitor_id: string; start_ts: number; referrer_domain: string | null };
    const next = (Math.floor(cross.start_ts / DAY) + 1) * DAY + 30 * 60_000;
    await store.insertEvents([late(next, { session_id: cross.session_id, visitor_id: cross.visitor_id })]);
    await store.dashboard?.refresh();
    expect(read(`SELECT COUNT(*) FROM dash_days_dirty WHERE day < ${Math.floor(NOW / DAY)}`)).toBe(0);
    // A visit whose categories grow on a later day: its start day's category slices must follow.
    const grows = db
      .prepare(
        `SELECT session_id, visitor_id, start_ts FROM dash_visits
         WHERE site = 'shop.example' AND is_bot = 0 AND start_ts >= ${DAY0 + 2 * DAY}
           AND start_ts % ${DAY} BETWEEN ${6 * H} AND ${12 * H} ORDER BY start_ts LIMIT 1`,
      )
      .get() as { session_id: string; visitor_id: string; start_ts: number };
    const later = grows.start_ts + 20 * H;
    expect(Math.floor(later / DAY)).toBe(Math.floor(grows.start_ts / DAY) + 1);
    const from = cross.referrer_domain === null ? 'google.com' : null;
    await store.insertEvents([
      late(cross.start_ts - 60_000, {
        session_id: cross.session_id,
        visitor_id: cross.visitor_id,
        referrer: from && `https://${from}/`,
        referrer_domain: from,
      }),
      late(s1 - 6 * H, { visitor_id: v1 }),
      // A visit that reaches back more than a day before a day it has rows on: that day's rows'
      // referrer depends on the range (filters.ts VISIT_SLACK_MS), so it is sliced by no referrer.
      late(s2 + 50 * H, { session_id: 's2', visitor_id: 'v2' }),
      late(DAY0 + 4 * DAY + 5 * H, { session_id: 'new-late', visitor_id: 'v3' }),
      late(DAY0 + 4 * DAY + 6 * H, { type: 'vital', metric: 'LCP', value: 99_999, category: 'performance' }),
      late(NOW - 2 * H, { session_id: 'today-late', visitor_id: 'v9' }),
      // An old visit gains a category it had no row of: the stored list takes the union.
      late(s1 + 60_000, { visitor_id: v1, type: 'event', name: 'signup', category: 'marketing' }),
      late(later, {
        session_id: grows.session_id,
        visitor_id: grows.visitor_id,
        type: 'event',
        name: 'prefs',
        category: 'functional',
      }),
    ]);
    const slice = `SELECT COUNT(*) FROM dash_days WHERE dim = 'starts|category=functional' AND day = ${Math.floor(grows.start_ts / DAY)}`;
    await expectDaysMatchSql();
    expect(read(slice)).toBe(1);
    // Older days were rebuilt; the newest waits for its turn (a minute) and is read raw meanwhile.
    expect(db.prepare('SELECT day FROM dash_days_dirty').pluck().all()).toEqual([Math.floor(NOW / DAY)]);
  });
});

it.each([
  ['browser', 'Chrome'],
  ['referrer', '(direct)'],
  ['category', 'marketing'],
] as const)(
  'serves one %s from its stored slices: a broken slice shows in every panel',
  async (kind, value) => {
    await store.dashboard?.refresh();
    const q: DashQuery = {
      site: 'shop.example',
      from: DAY0 + DAY,
      to: DAY0 + 8 * DAY,
      filters: { bots: 'exclude', [kind]: value },
    };
    const opts = { sort: 'visitors', order: 'desc', limit: 100 } as const;
    const panels = (days: ReturnType<typeof dayPanels>) => [
      days.totals(q),
      days.breakdown('pages', q, opts),
      days.breakdown('os', q, opts),
      days.vitals(q),
    ];
    const want = [
      sqlTotals(db, q),
      sqlitePageviewBreakdown(db, 'pages', q, opts),
      sqlitePageviewBreakdown(db, 'os', q, opts),
      sqliteVitals(db, q),
    ];
    expect(panels(dayPanels(db))).toEqual(want);
    const day = DAY0 / DAY + 3;
    const suffix = `|${kind}=${value}`;
    const slices = db
      .prepare("SELECT dim FROM dash_days WHERE site = 'shop.example' AND day = ? AND dim LIKE '%' || ?")
      .pluck()
      .all(day, suffix);
    expect(slices).toEqual(expect.arrayContaining(['starts', 'pages', 'vitals'].map((d) => d + suffix)));
    db.prepare("DELETE FROM dash_days WHERE site = 'shop.example' AND day = ? AND dim LIKE '%' || ?").run(
      day,
      suffix,
    );
    const broken = panels(dayPanels(db));
    for (const [i, w] of want.entries()) expect(broken[i], `panel ${i}`).not.toEqual(w);
    // Marking the day dirty reads it raw (with the filter's condition) until it is rebuilt.
    db.prepare("INSERT INTO dash_days_dirty (site, day) VALUES ('shop.example', ?)").run(day);
    expect(panels(dayPanels(db))).toEqual(want);
    await store.dashboard?.refresh();
    expect(read('SELECT COUNT(*) FROM dash_days_dirty')).toBe(0);
    expect(panels(dayPanels(db))).toEqual(want);
  },
);

it.each([
  ['browser', 'Chrome', '014.do.dashboard_browser_slices.sql'],
  ['referrer', '(direct)', '015.do.dashboard_referrer_slices.sql'],
  ['category', 'marketing', '018.do.dashboard_category_slices.sql'],
] as const)('rebuilds the days of a file rolled up before the %s slices', async (kind, value, file) => {
  await store.dashboard?.refresh();
  const slices = `dim LIKE '%|${kind}=%' OR dim = '${kind}-slices'`;
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${slices}`)).toBeGreaterThan(0);
  // As the days were before this migration: no slices, nothing dirty.
  db.prepare(`DELETE FROM dash_days WHERE ${slices}`).run();
  const q: DashQuery = {
    site: 'shop.example',
    from: DAY0,
    to: DAY0 + 8 * DAY,
    filters: { bots: 'exclude', [kind]: value },
  };
  const opts = { sort: 'visitors', order: 'desc', limit: 100 } as const;
  // Browsers, categories: every day looks sliced for none; referrers: no day lists any, so each is read raw.
  if (kind !== 'referrer') expect(dayPanels(db).totals(q)).not.toEqual(sqlTotals(db, q));
  else
    expect(dayPanels(db).breakdown('pages', q, opts)).toEqual(sqlitePageviewBreakdown(db, 'pages', q, opts));
  const migration = new URL(`../../../../src/collector/store/migrations/sqlite/${file}`, import.meta.url);
  db.exec(readFileSync(migration, 'utf8'));
  expect(read('SELECT COUNT(*) FROM dash_days_dirty')).toBe(
    read('SELECT COUNT(DISTINCT site || day) FROM dash_days'),
  );
  await expectDaysMatchSql(FILTERS.filter((f) => Object.keys(f).length === 2 && f[kind]));
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${slices}`)).toBeGreaterThan(0);
});

/** One browser with one referrer: pages and vitals from the sub-slices, as the SQL path has them. */
const PAIR: DashFilters = { bots: 'exclude', referrer: '(direct)', browser: 'Chrome' };
const PAIR_DIMS = ['pages', 'vitals'].map((d) => `${d}|referrer+browser=["(direct)","Chrome"]`);
const pairPanels = (q: DashQuery) => {
  const opts = { sort: 'visitors', order: 'desc', limit: 100 } as const;
  return {
    days: (days: ReturnType<typeof dayPanels>) => [days.breakdown('pages', q, opts), days.vitals(q)],
    want: [sqlitePageviewBreakdown(db, 'pages', q, opts), sqliteVitals(db, q)],
  };
};

it('serves pages and vitals under one browser and one referrer from the sub-slices: a broken one shows', async () => {
  await store.dashboard?.refresh();
  const q: DashQuery = { site: 'shop.example', from: DAY0 + DAY, to: DAY0 + 8 * DAY, filters: PAIR };
  const { days, want } = pairPanels(q);
  expect(days(dayPanels(db))).toEqual(want);
  // The other panels of the combination stay on the SQL path.
  expect(dayPanels(db).totals(q)).toBeNull();
  expect(dayPanels(db).breakdown('os', q, { sort: 'visitors', order: 'desc', limit: 9 })).toBeNull();
  const day = DAY0 / DAY + 3;
  const stored = `SELECT dim FROM dash_days WHERE site = 'shop.example' AND day = ${day} AND dim IN (${PAIR_DIMS.map((d) => `'${d}'`).join(', ')})`;
  expect(db.prepare(stored).pluck().all().sort()).toEqual(PAIR_DIMS);
  db.prepare(
    `DELETE FROM dash_days WHERE site = 'shop.example' AND day = ${day} AND dim LIKE '%|referrer+browser=%'`,
  ).run();
  const broken = days(dayPanels(db));
  expect(broken[0], 'pages').not.toEqual(want[0]);
  expect(broken[1], 'vitals').not.toEqual(want[1]);
  // Marking the day dirty reads it raw (with both conditions) until it is rebuilt.
  db.prepare("INSERT INTO dash_days_dirty (site, day) VALUES ('shop.example', ?)").run(day);
  expect(days(dayPanels(db))).toEqual(want);
  await store.dashboard?.refresh();
  expect(read('SELECT COUNT(*) FROM dash_days_dirty')).toBe(0);
  expect(db.prepare(stored).pluck().all().sort()).toEqual(PAIR_DIMS);
  expect(days(dayPanels(db))).toEqual(want);
});

it('drops a day’s sub-slices of a browser gone from a referrer when the day is rebuilt', async () => {
  await store.dashboard?.refresh();
  const day = DAY0 / DAY + 3;
  const dims = () =>
    db
      .prepare(
        `SELECT dim FROM dash_days WHERE site = 'shop.example' AND day = ${day} AND dim LIKE '%"Safari"]'`,
      )
      .pluck()
      .all();
  expect(dims().length).toBeGreaterThan(0);
  db.prepare(
    `UPDATE access_log SET browser = 'Opera' WHERE browser = 'Safari' AND ts >= ${day * DAY} AND ts < ${(day + 1) * DAY}`,
  ).run();
  await store.dashboard?.refresh();
  expect(dims()).toEqual([]);
  const q: DashQuery = {
    site: 'shop.example',
    from: DAY0 + DAY,
    to: DAY0 + 8 * DAY,
    filters: { bots: 'include', referrer: '(direct)', browser: 'Safari' },
  };
  const { days, want } = pairPanels(q);
  expect(days(dayPanels(db))).toEqual(want);
});

it('rebuilds the days of a file rolled up before the referrer slices’ sub-slices by browser', async () => {
  await store.dashboard?.refresh();
  const pairs = "dim LIKE '%|referrer+browser=%' OR dim = 'referrer-browser-slices'";
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${pairs}`)).toBeGreaterThan(0);
  // As the days were before this migration: referrer slices without sub-slices, nothing dirty.
  db.prepare(`DELETE FROM dash_days WHERE ${pairs}`).run();
  const q: DashQuery = { site: 'shop.example', from: DAY0, to: DAY0 + 8 * DAY, filters: PAIR };
  const { days, want } = pairPanels(q);
  expect(days(dayPanels(db))[0]).not.toEqual(want[0]);
  const migration = new URL(
    '../../../../src/collector/store/migrations/sqlite/021.do.dashboard_referrer_browser_slices.sql',
    import.meta.url,
  );
  db.exec(readFileSync(migration, 'utf8'));
  expect(read('SELECT COUNT(*) FROM dash_days_dirty')).toBe(
    read('SELECT COUNT(DISTINCT site || day) FROM dash_days'),
  );
  expect(days(dayPanels(db))).toEqual(want);
  await expectDaysMatchSql(FILTERS.filter((f) => f.browser !== undefined && f.referrer !== undefined));
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${pairs}`)).toBeGreaterThan(0);
}, 30_000);

it('rebuilds the visit starts of a file rolled up by the hour before migration 017', async () => {
  await store.dashboard?.refresh();
  const starts = "dim = 'starts' OR dim LIKE 'starts|%'";
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${starts}`)).toBeGreaterThan(0);
  // As the days were before: the same parts under the old name, nothing dirty, no quarter hours.
  db.prepare(`UPDATE dash_days SET dim = 'hours' || substr(dim, 7) WHERE ${starts}`).run();
  const q: DashQuery = { site: 'shop.example', from: DAY0, to: DAY0 + 8 * DAY, filters: { bots: 'exclude' } };
  expect(dayPanels(db).totals(q)).not.toEqual(sqlTotals(db, q));
  const migration = new URL(
    '../../../../src/collector/store/migrations/sqlite/017.do.dashboard_quarter_hour_starts.sql',
    import.meta.url,
  );
  db.exec(readFileSync(migration, 'utf8'));
  expect(read("SELECT COUNT(*) FROM dash_days WHERE dim = 'hours' OR dim LIKE 'hours|%'")).toBe(0);
  await expectDaysMatchSql(FILTERS.filter((f) => Object.keys(f).length <= 2));
  expect(read(`SELECT COUNT(*) FROM dash_days WHERE ${starts}`)).toBeGreaterThan(0);
});

it('fills the categories of visits folded before migration 016 from the rows at or below the watermark', async () => {
  await store.dashboard?.refresh();
  const list = () =>
    db.prepare('SELECT session_id, categories FROM dash_visits ORDER BY site, session_id').all() as {
      session_id: string;
      categories: string;
    }[];
  const sorted = (l: string) => `,${l.split(',').filter(Boolean).sort().join(',')},`;
  const folded = list().map((r) => ({ ...r, categories: sorted(r.categories) }));
  expect(read("SELECT COUNT(*) FROM dash_visits WHERE categories LIKE '%,performance,%'")).toBeGreaterThan(0);
  // As the file was before this migration: no column (nor in the covering index).
  db.exec(`DROP INDEX dash_visits_start; ALTER TABLE dash_visits DROP COLUMN categories;
    CREATE INDEX dash_visits_start ON dash_visits (site, start_ts, is_bot, pageviews, visitor_id, events, engaged,
      end_ts, browser, referrer_domain, utm_campaign, entry_path, exit_path, os, device, language, screen,
      utm_source, utm_medium, vn)`);
  // A row past the watermark, not yet folded: the migration leaves it to the roll-up's union.
  const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  const s1 = db.prepare("SELECT * FROM dash_visits WHERE session_id = 's1'").get() as AccessLogRow & {
    start_ts: number;
  };
  await store.insertEvents([
    {
      ...base,
      id: randomUUID(),
      received_at: NOW,
      ts: s1.start_ts + 60_000,
      site: s1.site,
      category: 'functional',
      is_bot: 0,
      self_referral: 0,
      type: 'event',
      name: 'signup',
      url: 'https://shop.example/late',
      path: '/late',
      visitor_id: s1.visitor_id,
      session_id: 's1',
    },
  ]);
  const migration = new URL(
    '../../../../src/collector/store/migrations/sqlite/016.do.dashboard_visit_categories.sql',
    import.meta.url,
  );
  db.exec(readFileSync(migration, 'utf8'));
  const of = (rows: { session_id: string; categories: string }[]) =>
    rows.find((r) => r.session_id === 's1')?.categories ?? '';
  expect(list().map((r) => ({ ...r, categories: sorted(r.categories) }))).toEqual(folded);
  expect(of(folded)).not.toContain(',functional,');
  await store.dashboard?.refresh();
  expect(sorted(of(list()))).toBe(sorted(`${of(folded)}functional,`));
  await expectDaysMatchSql(FILTERS.filter((f) => f.category !== undefined));
});

it('leaves pages to the SQL path while a pageview’s visitor has no visit (no session id)', async () => {
  const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  const ts = DAY0 + 2 * DAY + 5 * H;
  await store.insertEvents([
    {
      ...base,
      id: randomUUID(),
      received_at: ts,
      ts,
      site: 'shop.example',
      type: 'pageview',
      category: 'analytics',
      is_bot: 0,
      self_referral: 0,
      url: 'https://shop.example/orphan',
      path: '/orphan',
      visitor_id: 'v-orphan',
      browser: 'Chrome',
    },
  ]);
  const q: DashQuery = { site: 'shop.example', from: DAY0, to: DAY0 + 7 * DAY, filters: { bots: 'exclude' } };
  const opts = { sort: 'visitors', order: 'desc', limit: 100 } as const;
  const answer = await store.dashboard?.breakdown('pages', q, opts);
  expect(dayPanels(db).breakdown('pages', q, opts)).toBeNull();
  expect(answer).toEqual(sqlitePageviewBreakdown(db, 'pages', q, opts));
  expect(answer?.rows.find((r) => r.value === '/orphan')?.visitors).toBe(1);
  // Per browser slice: only the orphan's browser is left to the SQL path.
  const chrome = { ...q, filters: { bots: 'exclude', browser: 'Chrome' } } as const;
  const firefox = { ...q, filters: { bots: 'exclude', browser: 'Firefox' } } as const;
  expect(dayPanels(db).breakdown('pages', chrome, opts)).toBeNull();
  expect(await store.dashboard?.breakdown('pages', chrome, opts)).toEqual(
    sqlitePageviewBreakdown(db, 'pages', chrome, opts),
  );
  expect(dayPanels(db).breakdown('pages', firefox, opts)).toEqual(
    sqlitePageviewBreakdown(db, 'pages', firefox, opts),
  );
});

it('lists sites from the folded rows, without those whose rows were all deleted or moved', async () => {
  expect(await store.dashboard?.sites()).toEqual(['blog.example', 'shop.example']);
  db.prepare(
    "UPDATE access_log SET site = 'moved.example' WHERE site = 'blog.example' AND type = 'pageview'",
  ).run();
  expect(await store.dashboard?.sites()).toEqual(['blog.example', 'moved.example', 'shop.example']);
  db.prepare("DELETE FROM access_log WHERE site = 'blog.example'").run();
  expect(await store.dashboard?.sites()).toEqual(['moved.example', 'shop.example']);
  const ts = NOW - H;
  const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  await store.insertEvents([
    {
      ...base,
      id: randomUUID(),
      received_at: ts,
      ts,
      site: 'new.example',
      type: 'pageview',
      category: 'analytics',
      is_bot: 0,
      self_referral: 0,
      url: 'https://new.example/',
    },
  ]);
  expect(await store.dashboard?.sites()).toEqual(['moved.example', 'new.example', 'shop.example']);
  const plain = db.prepare('SELECT DISTINCT site FROM access_log ORDER BY site').pluck().all();
  expect(await store.dashboard?.sites()).toEqual(plain);
});
