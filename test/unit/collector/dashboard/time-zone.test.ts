import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRange } from '../../../../src/collector/dashboard/range.js';
import { startOfDay } from '../../../../src/collector/dashboard/time-zone.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../src/shared/index.js';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { dashGet, type SignedIn, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';

const iso = (t: number) => new Date(t).toISOString();

describe('local days and hours (Intl, no library)', () => {
  it('finds midnight in zones with whole, half and quarter hour offsets and across DST', () => {
    expect(iso(startOfDay({ year: 2026, month: 11, day: 25 }, 'Asia/Tokyo'))).toBe(
      '2026-11-24T15:00:00.000Z',
    );
    expect(iso(startOfDay({ year: 2026, month: 11, day: 25 }, 'Asia/Kolkata'))).toBe(
      '2026-11-24T18:30:00.000Z',
    );
    expect(iso(startOfDay({ year: 2026, month: 11, day: 25 }, 'Asia/Kathmandu'))).toBe(
      '2026-11-24T18:15:00.000Z',
    );
    expect(iso(startOfDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin'))).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(iso(startOfDay({ year: 2026, month: 3, day: 30 }, 'Europe/Berlin'))).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(iso(startOfDay({ year: 2026, month: 11, day: 1 }, 'America/New_York'))).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    // Santiago skips 00:00-01:00 when DST starts (2026-09-06): the day begins at 01:00 local.
    expect(iso(startOfDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('cuts a DST day in Europe/Berlin into 23 or 25 hours', () => {
    const spring = resolveRange({
      period: 'custom',
      tz: 'Europe/Berlin',
      now: 0,
      from: { year: 2026, month: 3, day: 29 },
      to: { year: 2026, month: 3, day: 29 },
    });
    expect(spring.current.interval).toBe('hour');
    expect(spring.current.bounds).toHaveLength(24); // 23 buckets
    expect(iso(spring.current.from)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(spring.current.to)).toBe('2026-03-29T22:00:00.000Z');
    const autumn = resolveRange({
      period: 'custom',
      tz: 'Europe/Berlin',
      now: 0,
      from: { year: 2026, month: 10, day: 25 },
      to: { year: 2026, month: 10, day: 25 },
    });
    expect(autumn.current.bounds).toHaveLength(26); // 25 buckets
  });

  it('live: the last 30 minutes in minute buckets, the 30 before as the previous period', () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 30);
    const { current, previous } = resolveRange({ period: 'live', tz: 'UTC', now });
    expect(current.interval).toBe('minute');
    expect(current.bounds).toHaveLength(31);
    expect(current.to).toBe(Date.UTC(2026, 10, 26, 12, 1));
    expect(previous.to).toBe(current.from);
  });
});

/** Rows at chosen instants, one pageview each, each its own visitor. */
function at(...instants: number[]): AccessLogRow[] {
  return instants.map((ts) => {
    const base = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
    return {
      ...base,
      id: randomUUID(),
      received_at: ts,
      ts,
      site: 'tz.example',
      type: 'pageview',
      category: 'analytics',
      url: 'https://tz.example/',
      path: '/',
      is_bot: 0,
      self_referral: 0,
      visitor_id: `v${ts}`,
      session_id: `s${ts}`,
    };
  });
}

describe('the API cuts days in the requested zone', () => {
  let c: TestCollector;
  let s: SignedIn;
  beforeAll(async () => {
    c = await startDashboardCollector({ now: () => Date.UTC(2026, 10, 26, 12), timezone: 'UTC' });
    await c.app.store.insertEvents([
      // 2026-11-24 16:00 UTC = 2026-11-25 01:00 in Tokyo
      ...at(Date.UTC(2026, 10, 24, 16), Date.UTC(2026, 10, 25, 10), Date.UTC(2026, 10, 25, 16)),
      // Berlin, spring forward: 2026-03-29 21:30 UTC = 23:30 CEST (03-29); 22:30 UTC = 00:30 CEST (03-30)
      ...at(Date.UTC(2026, 2, 28, 22, 30), Date.UTC(2026, 2, 29, 21, 30), Date.UTC(2026, 2, 29, 22, 30)),
    ]);
    s = await signIn(c.url);
  });
  afterAll(async () => c.close());

  type O = {
    range: { from: number; tz: string };
    totals: { pageviews: number };
    series: { t: number; pageviews: number }[];
  };

  it('Asia/Tokyo and UTC see different days', async () => {
    const q = '/overview?site=tz.example&period=custom&from=2026-11-25&to=2026-11-25';
    const tokyo = await dashGet<O>(c.url, s, `${q}&tz=Asia/Tokyo`);
    const utc = await dashGet<O>(c.url, s, q); // the collector's default zone: UTC
    expect(tokyo.body.range).toMatchObject({ from: Date.UTC(2026, 10, 24, 15), tz: 'Asia/Tokyo' });
    expect(utc.body.range).toMatchObject({ from: Date.UTC(2026, 10, 25), tz: 'UTC' });
    expect(tokyo.body.totals.pageviews).toBe(2); // 16:00 on the 24th and 10:00 on the 25th (UTC)
    expect(utc.body.totals.pageviews).toBe(2); // 10:00 and 16:00 on the 25th
    expect(tokyo.body.series).toHaveLength(24);
    expect(tokyo.body.series[1]).toEqual({ t: Date.UTC(2026, 10, 24, 16), visitors: 1, pageviews: 1 }); // 01:00 Tokyo
    expect(utc.body.series[16]).toMatchObject({ t: Date.UTC(2026, 10, 25, 16), pageviews: 1 });
  });

  it('a DST day in Europe/Berlin: 23 hourly buckets, rows on the right local day', async () => {
    const day = await dashGet<O>(
      c.url,
      s,
      '/overview?site=tz.example&period=custom&from=2026-03-29&to=2026-03-29&tz=Europe/Berlin',
    );
    expect(day.body.series).toHaveLength(23);
    expect(day.body.series[22]).toMatchObject({ t: Date.UTC(2026, 2, 29, 21), pageviews: 1 }); // 23:00 CEST
    expect(day.body.totals.pageviews).toBe(1); // 22:30 UTC on the 29th is already the 30th in Berlin
    const days = await dashGet<O>(
      c.url,
      s,
      '/overview?site=tz.example&period=custom&from=2026-03-28&to=2026-03-30&tz=Europe/Berlin',
    );
    expect(days.body.series).toEqual([
      { t: Date.UTC(2026, 2, 27, 23), visitors: 1, pageviews: 1 }, // 03-28 23:30 CET
      { t: Date.UTC(2026, 2, 28, 23), visitors: 1, pageviews: 1 },
      { t: Date.UTC(2026, 2, 29, 22), visitors: 1, pageviews: 1 },
    ]);
  });
});
