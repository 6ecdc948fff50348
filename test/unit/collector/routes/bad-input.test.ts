import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/shared/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  // Every bad request must leave the collector serving: a good batch still lands.
  const res = await post(`${c.url}/v1/events`, makeBatch());
  expect(res.status).toBe(200);
  await c.close();
});

const events = () => `${c.url}/v1/events`;

function storedCount(): number {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM access_log').pluck().get() as number;
  } finally {
    db.close();
  }
}

async function expectError(res: Response, status: number, error: string, message: RegExp | string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(body.message).toMatch(message);
  expect(storedCount()).toBe(0);
}

describe('bad input to POST /v1/events gets a 4xx naming the problem', () => {
  it('bad JSON → 400 COLLECT_ERR_BAD_JSON', async () => {
    await expectError(await post(events(), '{"v":1,'), 400, 'COLLECT_ERR_BAD_JSON', /JSON/);
  });

  it('empty body → 400 COLLECT_ERR_BAD_JSON', async () => {
    await expectError(await post(events(), ''), 400, 'COLLECT_ERR_BAD_JSON', /empty/i);
  });

  it('a missing required field is named', async () => {
    const { url: _url, ...noUrl } = makeEvent();
    const res = await post(events(), makeBatch([noUrl as never]));
    await expectError(res, 400, 'COLLECT_ERR_VALIDATION', "body/events/0 must have required property 'url'");
  });

  it('a wrong type is named and not coerced', async () => {
    const res = await post(events(), makeBatch([makeEvent({ ts: '1700000000000' as never })]));
    await expectError(res, 400, 'COLLECT_ERR_VALIDATION', 'body/events/0/ts must be number');
  });

  it('an id that is not a UUID is named', async () => {
    const res = await post(events(), makeBatch([makeEvent({ id: 'not-a-uuid' })]));
    await expectError(res, 400, 'COLLECT_ERR_VALIDATION', /body\/events\/0\/id must match format "uuid"/);
  });

  it('unknown event type, bad category, wrong version', async () => {
    const cases: [unknown, RegExp][] = [
      [makeBatch([makeEvent({ type: 'click' as never })]), /body\/events\/0\/type must be equal to one of/],
      [makeBatch([makeEvent({ category: 'Ads!' })]), /body\/events\/0\/category must match pattern/],
      [{ ...makeBatch(), v: 2 }, /body\/v must be equal to constant/],
    ];
    for (const [body, message] of cases) {
      await expectError(await post(events(), body), 400, 'COLLECT_ERR_VALIDATION', message);
    }
  });

  it('too long a string is named', async () => {
    const res = await post(events(), makeBatch([makeEvent({ title: 'x'.repeat(LIMITS.textLength + 1) })]));
    await expectError(
      res,
      400,
      'COLLECT_ERR_VALIDATION',
      /body\/events\/0\/title must NOT have more than 512/,
    );
  });

  it('too many events → 400, an empty batch → 400', async () => {
    const many = Array.from({ length: LIMITS.eventsPerBatch + 1 }, () => makeEvent({ url: 'https://a.b/' }));
    await expectError(
      await post(events(), makeBatch(many)),
      400,
      'COLLECT_ERR_VALIDATION',
      /body\/events must NOT have more than 100 items/,
    );
    await expectError(
      await post(events(), makeBatch([])),
      400,
      'COLLECT_ERR_VALIDATION',
      /body\/events must NOT have fewer than 1 items/,
    );
  });

  it('a body over LIMITS.bodyBytes → 413', async () => {
    const big = JSON.stringify(makeBatch([makeEvent({ title: 'x'.repeat(LIMITS.bodyBytes) })]));
    await expectError(await post(events(), big), 413, 'COLLECT_ERR_BODY_TOO_LARGE', /too large/i);
  });

  it('another content type → 415', async () => {
    const res = await post(events(), 'v=1&site=shop', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    await expectError(res, 415, 'COLLECT_ERR_UNSUPPORTED_MEDIA_TYPE', /x-www-form-urlencoded/);
  });

  it('a __proto__ key → 400 and no prototype is polluted', async () => {
    const body = `{"v":1,"site":"shop","events":[${JSON.stringify(makeEvent()).slice(0, -1)},"props":{"__proto__":{"polluted":true}}}]}`;
    await expectError(await post(events(), body), 400, 'COLLECT_ERR_BAD_JSON', /JSON/);
    const nested = `{"v":1,"site":"shop","__proto__":{"isAdmin":true},"events":[${JSON.stringify(makeEvent())}]}`;
    await expectError(
      await post(events(), nested, { 'content-type': 'application/json' }),
      400,
      'COLLECT_ERR_BAD_JSON',
      /JSON/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('an unknown route → 404 with a code', async () => {
    const res = await post(`${c.url}/v1/nope?token=secret`, makeBatch());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'COLLECT_ERR_NOT_FOUND',
      message: 'Route POST /v1/nope not found',
    });
  });
});
