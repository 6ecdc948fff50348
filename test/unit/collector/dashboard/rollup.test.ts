import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { dashGet, type SignedIn, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';
import { groupVisits, readVisits, selectVisits, totalsOf } from './model.js';
import { NOW, seed } from './seed.js';

const FROM = Date.UTC(2026, 10, 20);
const TO = Date.UTC(2026, 10, 27);
const SITE = 'shop.example';

let c: TestCollector;
let s: SignedIn;

beforeEach(async () => {
  c = await startDashboardCollector({ now: () => NOW });
  await seed(c.app.store);
  s = await signIn(c.url);
});
afterEach(async () => c.close());

/** What the raw rows say now (plain SQL + the JS model), with nothing cached. */
function model() {
  const db = new Database(c.db, { readonly: true });
  try {
    return selectVisits(readVisits(db), SITE, FROM, TO);
  } finally {
    db.close();
  }
}

/** Plain SQL over the access log for the row-level panels. */
function rowCounts() {
  const db = new Database(c.db, { readonly: true });
  const where = `site = '${SITE}' AND ts >= ${FROM} AND ts < ${TO} AND is_bot = 0`;
  try {
    return {
      pages: db
        .prepare(
          `SELECT path AS value, COUNT(*) AS pageviews FROM access_log WHERE ${where} AND type = 'pageview' GROUP BY path`,
        )
        .all(),
      lcp: db
        .prepare(`SELECT COUNT(*) FROM access_log WHERE ${where} AND type = 'vital' AND metric = 'LCP'`)
        .pluck()
        .get(),
      events: db
        .prepare(`SELECT COUNT(*) FROM access_log WHERE ${where} AND type = 'event' AND name = 'signup'`)
        .pluck()
        .get(),
    };
  } finally {
    db.close();
  }
}

async function expectRowPanelsMatchRows(): Promise<void> {
  const expected = rowCounts();
  const q = `site=${SITE}&period=7d&limit=1000`;
  const pages = await dashGet<{ rows: { value: string; pageviews: number }[] }>(
    c.url,
    s,
    `/breakdown/pages?${q}`,
  );
  expect(pages.body.rows.map(({ value, pageviews }) => ({ value, pageviews }))).toEqual(
    expect.arrayContaining(expected.pages),
  );
  expect(pages.body.rows).toHaveLength(expected.pages.length);
  const vitals = await dashGet<{ overall: { LCP: { samples: number } | null } }>(c.url, s, `/vitals?${q}`);
  expect(vitals.body.overall.LCP?.samples ?? 0).toBe(expected.lcp);
  const events = await dashGet<{ total: number }>(c.url, s, `/breakdown/events?${q}`);
  expect(events.body.total).toBe(expected.events);
}

async function expectRollupMatchesRows(): Promise<void> {
  await expectRowPanelsMatchRows();
  const visits = model();
  const { body } = await dashGet<{ totals: ReturnType<typeof totalsOf> }>(
    c.url,
    s,
    `/overview?site=${SITE}&period=7d`,
  );
  const t = totalsOf(visits);
  expect(body.totals).toEqual({ ...t, bounce_rate: expect.closeTo(t.bounce_rate, 12) });
  for (const [name, key] of [
    ['entry_pages', (v: (typeof visits)[number]) => v.entry],
    ['languages', (v: (typeof visits)[number]) => v.language],
  ] as const) {
    const rows = await dashGet<{ rows: Record<string, unknown>[] }>(
      c.url,
      s,
      `/breakdown/${name}?site=${SITE}&period=7d&limit=1000`,
    );
    expect(
      rows.body.rows.map(({ value, visitors, pageviews, visits }) => ({
        value,
        visitors,
        pageviews,
        visits,
      })),
    ).toEqual(expect.arrayContaining(groupVisits(visits, key)));
  }
}

const overview = async () =>
  (await dashGet<{ totals: ReturnType<typeof totalsOf> }>(c.url, s, `/overview?site=${SITE}&period=7d`)).body
    .totals;

describe('the visits roll-up stays true to the access log', () => {
  it('after a visitor is deleted (right to erasure)', async () => {
    const before = await overview(); // builds the roll-up
    const deleted = await c.app.store.deleteVisitor('v3');
    expect(deleted.access_log).toBeGreaterThan(0);
    const after = await overview();
    expect(after.visitors).toBe(before.visitors - 1);
    await expectRollupMatchesRows();
  });

  it('keeps nothing of an erased visitor, even before the next refresh', async () => {
    await overview(); // the roll-up holds v3's visits now
    const read = (sql: string) => {
      const db = new Database(c.db, { readonly: true });
      try {
        return db.prepare(sql).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    expect(read("SELECT COUNT(*) FROM dash_visits WHERE visitor_id = 'v3'")).toBeGreaterThan(0);
    await c.app.store.deleteVisitor('v3');
    expect(read("SELECT COUNT(*) FROM dash_visits WHERE visitor_id = 'v3'")).toBe(0);
    expect(read("SELECT COUNT(*) FROM pragma_table_info('dash_dirty') WHERE name = 'visitor_id'")).toBe(0);
    expect(read('SELECT COUNT(*) FROM dash_dirty')).toBeGreaterThan(0); // recomputed at the next refresh
  });

  it('after a visitor’s rows are corrected (right to rectification)', async () => {
    await overview();
    expect(await c.app.store.correctVisitor('v5', { language: 'fr-FR' })).toBeGreaterThan(0);
    const { body } = await dashGet<{ rows: { value: string }[] }>(
      c.url,
      s,
      `/breakdown/languages?site=${SITE}&period=7d`,
    );
    expect(body.rows.map((r) => r.value)).toContain('fr-FR');
    await expectRollupMatchesRows();
  });

  it('after the retention purge cuts through visits', async () => {
    await overview();
    // A cutoff in the middle of the range: some visits lose their first rows, some disappear.
    const purged = await c.app.store.purge({ accessLogBefore: Date.UTC(2026, 10, 23, 7, 1) });
    expect(purged.access_log).toBeGreaterThan(0);
    await expectRollupMatchesRows();
  });

  it('after another process deletes rows from the same file (CLI purge, SQL by hand)', async () => {
    await overview();
    const db = new Database(c.db);
    expect(
      db.prepare("DELETE FROM access_log WHERE visitor_id = 'v7' AND type = 'pageview'").run().changes,
    ).toBeGreaterThan(0);
    db.close();
    await expectRollupMatchesRows();
  });

  it('after a copied column is changed by hand (page path)', async () => {
    await overview();
    const db = new Database(c.db);
    expect(
      db.prepare("UPDATE access_log SET path = '/moved' WHERE path = '/about'").run().changes,
    ).toBeGreaterThan(0);
    db.close();
    const pages = await dashGet<{ rows: { value: string }[] }>(
      c.url,
      s,
      `/breakdown/pages?site=${SITE}&period=7d`,
    );
    expect(pages.body.rows.map((r) => r.value)).toContain('/moved');
    expect(pages.body.rows.map((r) => r.value)).not.toContain('/about');
    await expectRollupMatchesRows();
  });

  it('after rows are moved by hand past their visit’s end, or into another visit', async () => {
    await overview();
    const [a, b] = model().filter((v) => v.pageviews >= 2);
    if (!a || !b) throw new Error('seed has no two visits of two pageviews');
    const db = new Database(c.db);
    const session = (v: typeof a) =>
      (
        db
          .prepare('SELECT session_id FROM access_log WHERE site = ? AND visitor_id = ? AND ts = ?')
          .pluck()
          .get(SITE, v.visitor, v.start) as string
      ).toString();
    const [sa, sb] = [session(a), session(b)];
    // Two edits before the next refresh: the first row's time goes past the visit's end (its visit
    // now starts later and has a new entry page); then a pageview of b moves to a, three hours on.
    const last = (sid: string) =>
      db
        .prepare("SELECT rowid FROM access_log WHERE session_id = ? AND type = 'pageview' ORDER BY ts DESC")
        .pluck()
        .get(sid) as number;
    const first = db
      .prepare("SELECT rowid FROM access_log WHERE session_id = ? AND type = 'pageview' ORDER BY ts")
      .pluck()
      .get(sa) as number;
    expect(db.prepare('UPDATE access_log SET ts = ts + 7_200_000 WHERE rowid = ?').run(first).changes).toBe(
      1,
    );
    expect(
      db
        .prepare('UPDATE access_log SET session_id = ?, ts = ts + 10_800_000 WHERE rowid = ?')
        .run(sa, last(sb)).changes,
    ).toBe(1);
    db.close();
    await expectRollupMatchesRows();
  });

  it('when rows of a visit arrive late, even before its first row', async () => {
    await overview();
    const [late] = model().filter((v) => v.pageviews === 2);
    if (!late) throw new Error('seed has no two-pageview visit');
    const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((col) => [col, null])) as unknown as AccessLogRow;
    const ts = late.start - 60_000;
    await c.app.store.insertEvents([
      {
        ...base,
        id: randomUUID(),
        received_at: NOW,
        ts,
        site: SITE,
        type: 'pageview',
        category: 'analytics',
        url: `https://${SITE}/late`,
        host: SITE,
        path: '/late',
        is_bot: 0,
        self_referral: 0,
        visitor_id: late.visitor,
        session_id: late.session,
        browser: late.browser,
      },
    ]);
    const entry = await dashGet<{ rows: { value: string; visits: number }[] }>(
      c.url,
      s,
      `/breakdown/entry_pages?site=${SITE}&period=7d`,
    );
    expect(entry.body.rows.find((r) => r.value === '/late')?.visits).toBe(1);
    await expectRollupMatchesRows();
  });
});
