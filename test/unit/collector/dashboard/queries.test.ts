import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { dashGet, type SignedIn, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';
import { groupVisits, type ModelFilters, readVisits, selectVisits, totalsOf, type Visit } from './model.js';
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
  visits = readVisits(db);
});
afterAll(async () => {
  db?.close();
  await c.close();
});

/** Plain SQL over the collector's file, written apart from the store's queries. */
const one = (sql: string, params: Record<string, unknown> = P): number =>
  db.prepare(sql).pluck().get(params) as number;

let visits: Visit[];
const totals = (from: number, to: number, f: ModelFilters = {}) =>
  totalsOf(selectVisits(visits, SITE, from, to, f));

interface Overview {
  range: { from: number; to: number; tz: string; interval: string };
  totals: ReturnType<typeof totalsOf>;
  previous: ReturnType<typeof totalsOf>;
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
    const expected = totals(FROM, TO);
    expect(expected.pageviews).toBeGreaterThan(100); // the seed really is in range
    expect(expected.pageviews).toBe(
      one(`SELECT COUNT(*) FROM access_log WHERE ${BASE} AND type = 'pageview'`),
    );
    expect(body.totals.bounce_rate).toBeGreaterThan(0);
    expect(body.totals).toEqual({ ...expected, bounce_rate: expect.closeTo(expected.bounce_rate, 12) });
    const previous = totals(FROM - 7 * DAY, FROM);
    expect(body.previous).toEqual({ ...previous, bounce_rate: expect.closeTo(previous.bounce_rate, 12) });
    expect(body.series).toHaveLength(7);
    body.series.forEach((point, i) => {
      const t = totals(FROM + i * DAY, FROM + (i + 1) * DAY);
      expect(point).toEqual({ t: FROM + i * DAY, visitors: t.visitors, pageviews: t.pageviews });
    });
    expect(body.previous_series.map((p) => p.t)).toEqual(body.series.map((p) => p.t - 7 * DAY));
  });

  it('overview: hourly buckets for today', async () => {
    const { body } = await dashGet<Overview>(c.url, s, `/overview?site=${SITE}&period=today`);
    expect(body.range.interval).toBe('hour');
    expect(body.series).toHaveLength(24);
    const h = Date.UTC(2026, 10, 26, 9);
    const t = totals(h, h + 3_600_000);
    expect(t.pageviews).toBeGreaterThan(0);
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

  it('visit breakdowns: browsers, os, devices, languages, screens, entry and exit pages, referrers', async () => {
    const keys: Record<string, (v: Visit) => string | null> = {
      browsers: (v) => v.browser,
      os: (v) => v.os,
      devices: (v) => v.device,
      languages: (v) => v.language,
      screens: (v) => v.screen,
      entry_pages: (v) => v.entry,
      exit_pages: (v) => v.exit,
      referrers: (v) => v.referrer ?? '(direct)',
    };
    const selected = selectVisits(visits, SITE, FROM, TO);
    const total = totalsOf(selected).visitors;
    for (const [name, key] of Object.entries(keys)) {
      const { body } = await dashGet<Rows>(c.url, s, `/breakdown/${name}?site=${SITE}&period=7d&limit=1000`);
      const expected = groupVisits(selected, key);
      expect(expected.length, name).toBeGreaterThan(1);
      expect(body.total, name).toBe(total);
      expect(
        body.rows.map(({ value, visitors, pageviews, visits }) => ({ value, visitors, pageviews, visits })),
        name,
      ).toEqual(expect.arrayContaining(expected));
      expect(body.rows, name).toHaveLength(expected.length);
    }
  });
});

type Rows = { rows: Record<string, unknown>[]; total: number };

describe('the other breakdowns equal plain SQL', () => {
  it('campaigns: (campaign, source, medium) of the visits that landed with utm parameters', async () => {
    const { body } = await dashGet<Rows>(c.url, s, `/breakdown/campaigns?site=${SITE}&period=7d`);
    const campaigns = selectVisits(visits, SITE, FROM, TO).filter((v) => v.campaign !== null);
    const expected = [...new Set(campaigns.map((v) => `${v.campaign}|${v.source}|${v.medium}`))].map((k) => {
      const [campaign, source, medium] = k.split('|');
      const list = campaigns.filter(
        (v) => v.campaign === campaign && v.source === source && v.medium === medium,
      );
      const [row] = groupVisits(list, (v) => v.campaign);
      return { ...row, source, medium };
    });
    expect(expected.length).toBe(2);
    expect(
      body.rows.map(({ value, source, medium, visitors, pageviews, visits }) => ({
        value,
        source,
        medium,
        visitors,
        pageviews,
        visits,
      })),
    ).toEqual(expect.arrayContaining(expected));
    expect(body.rows).toHaveLength(2);
  });

  it('events with their properties; outbound links and downloads by URL', async () => {
    const { body } = await dashGet<Rows>(c.url, s, `/breakdown/events?site=${SITE}&period=7d`);
    const count = one(`SELECT COUNT(*) FROM access_log WHERE ${BASE} AND type = 'event' AND name = 'signup'`);
    const visitors = one(
      `SELECT COUNT(DISTINCT visitor_id) FROM access_log WHERE ${BASE} AND type = 'event' AND name = 'signup'`,
    );
    const pro = one(
      `SELECT COUNT(*) FROM access_log WHERE ${BASE} AND type = 'event' AND name = 'signup' AND props LIKE '%"plan":"pro"%'`,
    );
    const trial = one(
      `SELECT COUNT(*) FROM access_log WHERE ${BASE} AND type = 'event' AND name = 'signup' AND props LIKE '%"trial":true%'`,
    );
    expect(body.total).toBe(count);
    expect(body.rows).toEqual([
      {
        value: 'signup',
        count,
        visitors,
        share: 1,
        props: expect.arrayContaining([
          { key: 'plan', value: 'pro', count: pro },
          { key: 'plan', value: 'free', count: count - pro },
          { key: 'trial', value: 'true', count: trial },
        ]),
      },
    ]);
    for (const [name, event] of [
      ['outbound', 'outbound'],
      ['downloads', 'download'],
    ]) {
      const links = await dashGet<Rows>(c.url, s, `/breakdown/${name}?site=${SITE}&period=7d`);
      const expected = db
        .prepare(
          `SELECT json_extract(props, '$.url') AS value, COUNT(*) AS count, COUNT(DISTINCT visitor_id) AS visitors
           FROM access_log WHERE ${BASE} AND type = 'event' AND name = '${event}' GROUP BY 1`,
        )
        .all(P);
      expect(expected.length).toBeGreaterThan(0);
      expect(links.body.rows.map(({ value, count, visitors }) => ({ value, count, visitors }))).toEqual(
        expect.arrayContaining(expected),
      );
    }
  });

  it('sort, order and limit', async () => {
    const asc = await dashGet<Rows>(
      c.url,
      s,
      `/breakdown/pages?site=${SITE}&period=7d&sort=pageviews&order=asc&limit=2`,
    );
    const all = db
      .prepare(
        `SELECT COUNT(*) AS n FROM access_log WHERE ${BASE} AND type = 'pageview' GROUP BY path ORDER BY n`,
      )
      .pluck()
      .all(P);
    expect(asc.body.rows.map((r) => r.pageviews)).toEqual(all.slice(0, 2));
  });
});

describe('filters', () => {
  const overview = async (q: string) =>
    (await dashGet<Overview>(c.url, s, `/overview?site=${SITE}&period=7d&${q}`)).body;
  const close = (t: ReturnType<typeof totalsOf>) => ({
    ...t,
    bounce_rate: expect.closeTo(t.bounce_rate, 12),
  });

  it('combine with AND and change every panel', async () => {
    const q = 'browser=Chrome&referrer=google.com';
    const f = { browser: 'Chrome', referrer: 'google.com' };
    const expected = totals(FROM, TO, f);
    expect(expected.visits).toBeGreaterThan(0);
    expect(expected.visits).toBeLessThan(totals(FROM, TO, { browser: 'Chrome' }).visits);
    expect((await overview(q)).totals).toEqual(close(expected));
    // Row panels: the rows of the range whose row has the browser and whose visit came from google.com.
    const sessions = selectVisits(visits, SITE, FROM - DAY, TO, f)
      .map((v) => `'${v.session}'`)
      .join(',');
    const pages = await dashGet<Rows>(c.url, s, `/breakdown/pages?site=${SITE}&period=7d&${q}`);
    const rowWhere = `${BASE} AND browser = 'Chrome' AND session_id IN (${sessions})`;
    expect(pages.body.total).toBe(
      one(`SELECT COUNT(DISTINCT visitor_id) FROM access_log WHERE ${rowWhere} AND type = 'pageview'`),
    );
    expect(pages.body.total).toBeLessThan(
      (await dashGet<Rows>(c.url, s, `/breakdown/pages?site=${SITE}&period=7d`)).body.total,
    );
    const vitals = await dashGet<{ overall: Record<string, { samples: number } | null> }>(
      c.url,
      s,
      `/vitals?site=${SITE}&period=7d&${q}`,
    );
    expect(vitals.body.overall.LCP?.samples).toBe(
      one(`SELECT COUNT(*) FROM access_log WHERE ${rowWhere} AND type = 'vital' AND metric = 'LCP'`),
    );
    const browsers = await dashGet<Rows>(c.url, s, `/breakdown/browsers?site=${SITE}&period=7d&${q}`);
    expect(browsers.body.rows.map((r) => r.value)).toEqual(['Chrome']);
  });

  it('page, campaign, category, (direct) and bots=include select visits', async () => {
    const cases: [string, ModelFilters][] = [
      ['page=/pricing', { page: '/pricing' }],
      ['campaign=autumn', { campaign: 'autumn' }],
      ['category=performance', { category: 'performance' }],
      ['referrer=(direct)', { referrer: '(direct)' }],
      ['bots=include', { bots: 'include' }],
    ];
    const all = totals(FROM, TO);
    for (const [q, f] of cases) {
      const expected = totals(FROM, TO, f);
      expect(expected.visits, q).not.toBe(all.visits); // the filter matters on this data
      expect((await overview(encodeURI(q))).totals, q).toEqual(close(expected));
    }
  });
});

describe('web vitals and consent', () => {
  it('p75 per metric overall and per page, rated by the web.dev thresholds', async () => {
    const { body } = await dashGet<{
      overall: Record<string, { p75: number; rating: string; samples: number } | null>;
      pages: Record<string, unknown>[];
    }>(c.url, s, `/vitals?site=${SITE}&period=7d`);
    const p75 = (extra: string, metric: string) => {
      const n = one(
        `SELECT COUNT(*) FROM access_log WHERE ${BASE} AND type = 'vital' AND metric = '${metric}' ${extra}`,
      );
      const v = db
        .prepare(
          `SELECT value FROM access_log WHERE ${BASE} AND type = 'vital' AND metric = '${metric}' ${extra}
           ORDER BY value LIMIT 1 OFFSET ${Math.ceil(0.75 * n) - 1}`,
        )
        .pluck()
        .get(P) as number;
      return { n, v };
    };
    const rating = (v: number, good: number, poor: number) =>
      v <= good ? 'good' : v > poor ? 'poor' : 'needs-improvement';
    for (const [metric, good, poor] of [
      ['LCP', 2500, 4000],
      ['CLS', 0.1, 0.25],
      ['INP', 200, 500],
    ] as const) {
      const { n, v } = p75('', metric);
      expect(body.overall[metric]).toEqual({ p75: v, rating: rating(v, good, poor), samples: n });
    }
    expect(body.overall.FCP).toBeNull();
    const page = body.pages.find((p) => p.value === '/pricing') as Record<string, unknown>;
    const { n, v } = p75("AND path = '/pricing'", 'LCP');
    expect(page.LCP).toEqual({ p75: v, rating: rating(v, 2500, 4000), samples: n });
  });

  it('consent per day and revision, and the grant rate per category', async () => {
    const { body } = await dashGet<{
      days: Record<string, unknown>[];
      grant_rate: Record<string, number>;
      decisions: number;
    }>(c.url, s, `/consent?site=${SITE}&period=7d`);
    const expected = db
      .prepare(
        `SELECT strftime('%Y-%m-%d', ts / 1000, 'unixepoch') AS day, policy_revision AS revision,
           SUM(method = 'accept-all') AS accept_all, SUM(method = 'reject-all') AS reject_all, SUM(method = 'custom') AS custom,
           SUM(method = 'gpc') AS gpc, SUM(method = 'withdraw') AS withdrawal
         FROM consent_log WHERE site = @site AND ts >= @from AND ts < @to GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(P);
    expect(body.days).toEqual(expected);
    expect(body.days.map((d) => d.revision)).toContain('1');
    expect(body.days.map((d) => d.revision)).toContain('2');
    const decisions = one('SELECT COUNT(*) FROM consent_log WHERE site = @site AND ts >= @from AND ts < @to');
    const granted = (cat: string) =>
      one(
        `SELECT COUNT(*) FROM consent_log WHERE site = @site AND ts >= @from AND ts < @to AND json_extract(choices, '$.${cat}') = 1`,
      );
    expect(body.decisions).toBe(decisions);
    expect(body.grant_rate.analytics).toBeCloseTo(granted('analytics') / decisions, 12);
    expect(body.grant_rate.marketing).toBeCloseTo(granted('marketing') / decisions, 12);
    expect(body.grant_rate.analytics).toBeGreaterThan(body.grant_rate.marketing ?? 1);
  });
});

describe('bad parameters answer 400 naming the field', () => {
  it.each([
    ['/overview?tz=Mars/Olympus', 'tz'],
    ['/overview?period=week', 'period'],
    ['/overview?period=custom&from=2026-02-30&to=2026-03-01', 'from'],
    ['/overview?period=custom&from=2026-03-01', 'to'],
    ['/overview?period=custom&from=2026-03-05&to=2026-03-01', 'to'],
    ['/overview?period=7d&from=2026-03-01', 'from'],
    ['/overview?period=30d&interval=minute', 'interval'],
    ['/overview?period=custom&from=2026-01-01&to=2026-03-01&interval=hour', 'interval'],
    ['/overview?bots=maybe', 'bots'],
    ['/overview?page=/a&page=/b', 'page'],
    ['/breakdown/pages?limit=0', 'limit'],
    ['/breakdown/pages?limit=1001', 'limit'],
    ['/breakdown/pages?sort=count', 'sort'],
    ['/breakdown/events?sort=pageviews', 'sort'],
    ['/breakdown/pages?order=up', 'order'],
    ['/breakdown/cookies', 'name'],
    ['/export?format=xlsx', 'format'],
  ])('%s → field %s', async (path, field) => {
    const res = await fetch(`${c.url}/dashboard/api${path}`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body).toMatchObject({ error: 'COLLECT_ERR_VALIDATION', field });
  });
});
