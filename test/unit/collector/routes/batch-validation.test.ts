import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../../src/shared/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

// Every acknowledged write waits for an fsync; on a busy shared disk that takes tens of ms.
vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  // Whatever came before, the collector still serves.
  expect((await post(`${c.url}/v1/events`, makeBatch())).status).toBe(200);
  await c.close();
});

const events = () => `${c.url}/v1/events`;

function query<T>(sql: string): T[] {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('a batch with some invalid events', () => {
  it('stores the valid ones, keeps the invalid ones in bad_rows, and names them in the reply', async () => {
    const good = [makeEvent(), makeEvent({ type: 'event', name: 'signup' })];
    const badTs = makeEvent({ ts: 'yesterday' as never, visitor_id: 'a'.repeat(32) });
    const noName = makeEvent({ type: 'event' }); // the `event` schema requires a name
    const vital = makeEvent({ type: 'vital', category: 'performance', metric: 'LCP' }); // no value
    const res = await post(events(), makeBatch([good[0], badTs, noName, good[1], vital] as never));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, id: badTs.id, reason: 'body/events/1/ts must be number' },
        { index: 2, id: noName.id, reason: "body/events/2 must have required property 'name'" },
        { index: 4, id: vital.id, reason: "body/events/4 must have required property 'value'" },
      ],
    });
    expect(query<{ id: string }>('SELECT id FROM access_log ORDER BY rowid').map((r) => r.id)).toEqual(
      good.map((e) => e.id),
    );
    const bad = query<Record<string, unknown>>('SELECT * FROM bad_rows ORDER BY seq');
    expect(bad.map((r) => [r.event_id, r.site, r.reason])).toEqual([
      [badTs.id, 'shop', 'body/events/1/ts must be number'],
      [noName.id, 'shop', "body/events/2 must have required property 'name'"],
      [vital.id, 'shop', "body/events/4 must have required property 'value'"],
    ]);
    expect(bad[0]?.visitor_id).toBe('a'.repeat(32));
    expect(JSON.parse(String(bad[0]?.excerpt))).toMatchObject({ id: badTs.id, ts: 'yesterday' });
    expect(Number(bad[0]?.received_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 400 naming the first field when no event is valid, and still keeps them', async () => {
    const res = await post(events(), makeBatch([makeEvent({ url: '' }), 42 as never]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; rejected: unknown[] };
    expect(body.error).toBe('COLLECT_ERR_VALIDATION');
    expect(body.message).toBe('body/events/0/url must NOT have fewer than 1 characters');
    expect(body.rejected).toHaveLength(2);
    expect(query('SELECT * FROM bad_rows')).toHaveLength(2);
    expect(query('SELECT * FROM access_log')).toHaveLength(0);
  });

  it('refuses an event over 32 KiB on its own (413 when it is alone)', async () => {
    const big = makeEvent({
      props: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'x'.repeat(500)])),
    });
    const huge = makeEvent({ title: 'y'.repeat(LIMITS.eventBytes) });
    // 30 × 500 chars fits 32 KiB; the title one does not.
    const mixed = await post(events(), makeBatch([big, huge]));
    expect(mixed.status).toBe(200);
    const reply = (await mixed.json()) as { accepted: number; rejected: { reason: string }[] };
    expect(reply.accepted).toBe(1);
    expect(reply.rejected[0]?.reason).toBe('body/events/1 is larger than 32768 bytes');
    const alone = await post(events(), makeBatch([makeEvent({ title: 'y'.repeat(LIMITS.eventBytes) })]));
    expect(alone.status).toBe(413);
    expect(((await alone.json()) as { error: string }).error).toBe('COLLECT_ERR_EVENT_TOO_LARGE');
  });

  it('stores a repeated id once, across and within batches', async () => {
    const e = makeEvent();
    expect(await (await post(events(), makeBatch([e, { ...e }]))).json()).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    expect(await (await post(events(), makeBatch([e]))).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(query('SELECT id FROM access_log')).toHaveLength(1);
  });
});

describe('a batch whose envelope is invalid', () => {
  it('answers 400 naming the field and keeps the body as a bad row', async () => {
    const res = await post(events(), { v: 2, site: 'shop', events: [makeEvent()] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'COLLECT_ERR_VALIDATION',
      message: 'body/v must be equal to constant',
    });
    const [bad] = query<Record<string, unknown>>('SELECT * FROM bad_rows');
    expect(bad).toMatchObject({ site: 'shop', event_id: null, reason: 'body/v must be equal to constant' });
    expect(JSON.parse(String(bad?.excerpt))).toMatchObject({ v: 2, site: 'shop' });
  });
});

describe('hostile bodies', () => {
  it('refuses deep nesting before parsing (400 COLLECT_ERR_TOO_DEEP)', async () => {
    const deep = `{"v":1,"site":"s","events":[{"props":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const res = await post(events(), deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'COLLECT_ERR_TOO_DEEP' });
  });

  it('refuses compressed bodies (415), since they could inflate past the limit', async () => {
    const res = await fetch(events(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      body: new Uint8Array([31, 139, 8, 0]),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'COLLECT_ERR_UNSUPPORTED_ENCODING' });
  });

  it('drops unknown fields (including __proto__-looking ones inside strings) and pollutes nothing', async () => {
    const e = { ...makeEvent(), extra: { a: 1 }, constructorx: 'y' };
    const res = await post(events(), makeBatch([e as never]));
    expect(res.status).toBe(200);
    const [row] = query<Record<string, unknown>>('SELECT * FROM access_log');
    expect(row && 'extra' in row).toBe(false);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});

describe('never a 500 for bad input', () => {
  it('answers each hostile body with a 2xx or 4xx and keeps serving', async () => {
    const event = JSON.stringify(makeEvent());
    const bodies = [
      'null',
      '[]',
      '"text"',
      '123',
      '{"v":1,"site":"s","events":[null]}',
      '{"v":1,"site":"s","events":"x"}',
      '{"v":1,"site":123,"events":[]}',
      `{"v":1,"site":"s","events":[${event.slice(0, -1)},"ts":1e400}]}`,
      `{"v":1,"site":"s","events":[${event.slice(0, -1)},"url":"https://a/\u0000\ud800"}]}`,
      `{"v":1,"site":"s","events":[${event.slice(0, -1)},"props":{"constructor":{"prototype":{"x":1}}}}]}`,
      `{"v":1,"site":"s","events":[${event}],"events":[]}`,
      '{"v":1,"site":"s","events":[{}]}',
      '\u0000',
      `{"v":1,"site":"s","events":[${Array(100).fill('1').join(',')}]}`,
    ];
    for (const body of bodies) {
      const res = await post(events(), body);
      expect(res.status, body.slice(0, 80)).toBeLessThan(500);
    }
    const infinite = await post(events(), bodies[7] as string);
    // JSON.parse reads 1e400 as Infinity, which is not a number to the validator.
    expect(await infinite.json()).toMatchObject({ message: 'body/events/0/ts must be number' });
  });
});
