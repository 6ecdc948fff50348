import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { dashGet, type SignedIn, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';
import { NOW, seed } from './seed.js';

let c: TestCollector;
let s: SignedIn;
let db: Database.Database;
const DAY = 864e5;
const FROM = Date.UTC(2026, 10, 20);
const TO = Date.UTC(2026, 10, 27);
const SITE = 'shop.example';
const BASE = 'site = @site AND ts >= @from AND ts < @to AND is_bot = 0';
const P = { site: SITE, from: FROM, to: TO };

beforeAll(async () => {
  c = await startDashboardCollector({ now: () => NOW, timezone: 'UTC' });
  await seed(c.app.store);
  s = await signIn(c.url);
  db = new Database(c.db, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await c.close();
});

/** Plain SQL over the collector's file, written apart from the store's queries. */
const one = (sql: string, params: Record<string, unknown> = P): number =>
  db.prepare(sql).pluck().get(params) as number;

/** Totals per the definitions in docs/dashboard.md, from the raw rows. */
function expectedTotals(where: string, params: Record<string, unknown>) {
  const visitors = one(
    `SELECT COUNT(*) FROM (SELECT DISTINCT visitor_id FROM access_log WHERE ${where} AND visitor_id IS NOT NULL)`,
    params,
  );
  const pageviews = one(`SELECT COUNT(*) FROM access_log WHERE ${where} AND type = 'pageview'`, params);
  const rows = db
    .prepare(`SELECT session_id, type, ts, value FROM access_log WHERE ${where} AND session_id IS NOT NULL`)
    .all(params) as {
    session_id: string;
    type: string;
    ts: number;
    value: number | null;
  }[];
  const visits = new Map<string, typeof rows>();
  for (const r of rows) visits.set(r.session_id, [...(visits.get(r.session_id) ?? []), r]);
  let bounces = 0;
  let duration = 0;
  for (const list of visits.values()) {
    const pv = list.filter((r) => r.type === 'pageview').length;
    const engaged = list.some(
      (r) => r.type === 'event' || (r.type === 'engagement' && (r.value ?? 0) >= 10_000),
    );
    if (pv === 1 && !engaged) bounces++;
    const ts = list.map((r) => r.ts);
    duration += Math.max(...ts) - Math.min(...ts);
  }
  return {
    visitors,
    pageviews,
    visits: visits.size,
    bounce_rate: visits.size ? bounces / visits.size : 0,
    visit_duration_ms: visits.size ? Math.round(duration / visits.size) : 0,
  };
}

interface Overview {
  range: { from: number; to: number; tz: string; interval: string };
  totals: ReturnType<typeof expectedTotals>;
  previous: ReturnType<typeof expectedTotals>;
  series: { t: number; visitors: number; pageviews: number }[];
  previous_series: { t: number; visitors: number; pageviews: number }[];
}

describe('dashboard numbers equal plain SQL over the same rows', () => {
  it('lists the sites and the default time zone', async () => {
    const { body } = await dashGet(c.url, s, '/sites');
    expect(body).toEqual({ sites: ['blog.example', 'shop.example'], timezone: 'UTC' });
  });

  it('overview: totals, previous period and a daily series for 7 days', async () => {
    const { status, body } = await dashGet<Overview>(c.url, s, `/overview?site=${SITE}&period=7d&tz=UTC`);
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: FROM, to: TO, tz: 'UTC', interval: 'day' });
    const totals = expectedTotals(BASE, P);
    expect(totals.pageviews).toBeGreaterThan(100); // the seed really is in range
    expect(body.totals.bounce_rate).toBeGreaterThan(0);
    expect(body.totals).toEqual({ ...totals, bounce_rate: expect.closeTo(totals.bounce_rate, 12) });
    expect(body.previous).toEqual(expectedTotals(BASE, { site: SITE, from: FROM - 7 * DAY, to: FROM }));
    expect(body.series).toHaveLength(7);
    body.series.forEach((point, i) => {
      const day = { site: SITE, from: FROM + i * DAY, to: FROM + (i + 1) * DAY };
      const t = expectedTotals(BASE, day);
      expect(point).toEqual({ t: day.from, visitors: t.visitors, pageviews: t.pageviews });
    });
    expect(body.previous_series.map((p) => p.t)).toEqual(body.series.map((p) => p.t - 7 * DAY));
  });

  it('overview: hourly buckets for today', async () => {
    const { body } = await dashGet<Overview>(c.url, s, `/overview?site=${SITE}&period=today`);
    expect(body.range.interval).toBe('hour');
    expect(body.series).toHaveLength(24);
    const h = Date.UTC(2026, 10, 26, 9);
    const t = expectedTotals(BASE, { site: SITE, from: h, to: h + 3_600_000 });
    expect(body.series[9]).toEqual({ t: h, visitors: t.visitors, pageviews: t.pageviews });
  });

  it('pageview breakdowns: pages, browsers, os, devices, languages, screens', async () => {
    const columns = {
      pages: 'path',
      browsers: 'browser',
      os: 'os',
      devices: 'device',
      languages: 'language',
      screens: 'screen',
    };
    for (const [name, column] of Object.entries(columns)) {
      const { body } = await dashGet<{
        rows: { value: string | null; visitors: number; pageviews: number; share: number }[];
        total: number;
      }>(c.url, s, `/breakdown/${name}?site=${SITE}&period=7d&limit=1000`);
      const expected = db
        .prepare(
          `SELECT ${column} AS value, COUNT(*) AS pageviews, COUNT(DISTINCT visitor_id) AS visitors
           FROM access_log WHERE ${BASE} AND type = 'pageview' GROUP BY ${column}`,
        )
        .all(P) as { value: string | null; visitors: number; pageviews: number }[];
      const total = one(
        `SELECT COUNT(DISTINCT visitor_id) FROM access_log WHERE ${BASE} AND type = 'pageview'`,
      );
      expect(body.total, name).toBe(total);
      expect(
        body.rows.map(({ value, visitors, pageviews }) => ({ value, visitors, pageviews })),
        name,
      ).toEqual(expect.arrayContaining(expected));
      expect(body.rows, name).toHaveLength(expected.length);
      for (const r of body.rows) expect(r.share).toBeCloseTo(r.visitors / total, 12);
      const sorted = [...body.rows].sort((a, b) => b.visitors - a.visitors);
      expect(body.rows.map((r) => r.visitors)).toEqual(sorted.map((r) => r.visitors));
    }
  });
});
