import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessLogRow, EventsReply } from '../../../../src/shared/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';
import { USER_AGENTS } from '../../../helpers/user-agents.js';

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  await c.close();
});

function rows(): AccessLogRow[] {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare('SELECT * FROM access_log ORDER BY ts').all() as AccessLogRow[];
  } finally {
    db.close();
  }
}

describe('POST /v1/events', () => {
  it('accepts a text/plain beacon and stores it', async () => {
    const event = makeEvent();
    const res = await post(`${c.url}/v1/events`, makeBatch([event]));
    expect(res.status).toBe(200);
    expect((await res.json()) as EventsReply).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(rows().map((r) => r.id)).toEqual([event.id]);
  });

  it('accepts application/json', async () => {
    const events = [makeEvent({ ts: 1 }), makeEvent({ ts: 2, type: 'event', name: 'signup' })];
    const res = await post(`${c.url}/v1/events`, makeBatch(events), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(rows().map((r) => [r.type, r.name])).toEqual([
      ['pageview', null],
      ['event', 'signup'],
    ]);
  });

  it('enriches a Chrome pageview: browser, OS, device, host, path, referrer domain, truncated IP', async () => {
    const event = makeEvent({
      referrer: 'https://www.google.com/search?q=shoes',
      props: { plan: 'pro', seats: 3 },
      ts: 1_700_000_000_123.7,
    });
    const before = Date.now();
    await post(`${c.url}/v1/events`, makeBatch([event]), {
      'content-type': 'text/plain',
      'user-agent': USER_AGENTS.chromeWindows,
    });
    const [row] = rows();
    expect(row).toMatchObject({
      site: 'shop',
      url: 'https://shop.example.com/products/42?color=red',
      host: 'shop.example.com',
      path: '/products/42',
      referrer: 'https://www.google.com/search?q=shoes',
      referrer_domain: 'www.google.com',
      browser: 'Chrome',
      browser_version: '126.0.0.0',
      os: 'Windows',
      device: 'desktop',
      is_bot: 0,
      ip: '127.0.0.0',
      user_agent: USER_AGENTS.chromeWindows,
      props: '{"plan":"pro","seats":3}',
      ts: 1_700_000_000_124,
      title: null,
      utm_source: null,
    });
    expect(row?.received_at).toBeGreaterThanOrEqual(before);
  });

  it('recognises Firefox and mobile Safari, and marks bots', async () => {
    for (const [ua, ts] of [
      [USER_AGENTS.firefoxLinux, 1],
      [USER_AGENTS.safariIphone, 2],
      [USER_AGENTS.googlebot, 3],
    ] as const) {
      const res = await post(`${c.url}/v1/events`, makeBatch([makeEvent({ ts })]), {
        'content-type': 'text/plain',
        'user-agent': ua,
      });
      expect(res.status).toBe(200);
    }
    expect(rows().map((r) => [r.browser, r.os, r.device, r.is_bot])).toEqual([
      ['Firefox', 'Linux', 'desktop', 0],
      ['Safari', 'iOS', 'mobile', 0],
      [expect.any(String), null, 'bot', 1],
    ]);
  });

  it('stores a repeated event id once and counts the resend as a duplicate', async () => {
    const event = makeEvent();
    const first = await post(`${c.url}/v1/events`, makeBatch([event]));
    expect(await first.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const again = await post(
      `${c.url}/v1/events`,
      makeBatch([event, makeEvent({ id: event.id.toUpperCase() })]),
    );
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(rows()).toHaveLength(1);
  });

  it('drops fields it does not know instead of storing or refusing them', async () => {
    const batch = { ...makeBatch([{ ...makeEvent(), password: 'hunter2' } as never]), extra: 1 };
    const res = await post(`${c.url}/v1/events`, batch);
    expect(res.status).toBe(200);
    expect(JSON.stringify(rows())).not.toContain('hunter2');
  });
});
