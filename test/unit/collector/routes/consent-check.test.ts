import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentDecision, EventsReply } from '../../../../src/shared/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  await c.close();
});

const count = (sql: string): number => {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

async function recordConsent(
  consentId: string,
  choices: Record<string, boolean>,
  ts = Date.now(),
): Promise<void> {
  const d: ConsentDecision = {
    v: 1,
    site: 'shop',
    consent_id: consentId,
    policy_revision: '1',
    choices: { necessary: true, ...choices },
    method: 'custom',
    ts,
    language: 'en',
    url: 'https://shop.example.com/',
  };
  expect((await post(`${c.url}/v1/consent`, d)).status).toBe(200);
}

describe('consent, checked a second time on the server', () => {
  it('refuses events of a category their consent record does not grant, and stores nothing of them', async () => {
    await recordConsent('c1', { analytics: true, performance: false, marketing: false });
    const ok = makeEvent({ consent_id: 'c1' });
    const vital = makeEvent({
      consent_id: 'c1',
      type: 'vital',
      category: 'performance',
      metric: 'LCP',
      value: 1,
    });
    const ad = makeEvent({ consent_id: 'c1', category: 'marketing', utm_source: 'ads' });
    const res = await post(`${c.url}/v1/events`, makeBatch([ok, vital, ad]));
    expect(res.status).toBe(200);
    expect((await res.json()) as EventsReply).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, id: vital.id, reason: 'category performance is not granted by consent c1' },
        { index: 2, id: ad.id, reason: 'category marketing is not granted by consent c1' },
      ],
    });
    expect(count('SELECT COUNT(*) FROM access_log')).toBe(1);
    // Refused for consent is not "bad input": it is not kept at all, not even as a bad row.
    expect(count('SELECT COUNT(*) FROM bad_rows')).toBe(0);
    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toContain('consentlog_events_rejected_total{reason="consent_not_granted"} 2');
  });

  it('follows the newest decision: a withdrawal refuses what was granted before', async () => {
    await recordConsent('c2', { analytics: true }, 1000);
    await recordConsent('c2', { analytics: false }, 2000);
    const res = await post(`${c.url}/v1/events`, makeBatch([makeEvent({ consent_id: 'c2' })]));
    expect(((await res.json()) as EventsReply).accepted).toBe(0);
    expect(count('SELECT COUNT(*) FROM access_log')).toBe(0);
  });

  it('passes events whose consent record it does not have yet, and necessary ones always', async () => {
    await recordConsent('c3', { analytics: false });
    const res = await post(
      `${c.url}/v1/events`,
      makeBatch([
        makeEvent({ consent_id: 'unknown' }),
        makeEvent({ consent_id: 'c3', category: 'necessary' }),
      ]),
    );
    expect(((await res.json()) as EventsReply).accepted).toBe(2);
  });

  it('refuses marketing events sent with Sec-GPC: 1, even when granted, and counts them', async () => {
    await recordConsent('c4', { analytics: true, marketing: true });
    const analytics = makeEvent({ consent_id: 'c4' });
    const ad = makeEvent({ consent_id: 'c4', category: 'marketing' });
    const res = await post(`${c.url}/v1/events`, makeBatch([analytics, ad]), {
      'content-type': 'text/plain',
      'sec-gpc': '1',
    });
    expect(await res.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, id: ad.id, reason: 'marketing event sent with Sec-GPC: 1' }],
    });
    expect(count("SELECT COUNT(*) FROM access_log WHERE category = 'marketing'")).toBe(0);
    expect(await (await fetch(`${c.url}/metrics`)).text()).toContain(
      'consentlog_events_rejected_total{reason="gpc"} 1',
    );
    // Refuted: without the header (or with any value but exactly "1") the same event is stored.
    const again = makeEvent({ consent_id: 'c4', category: 'marketing' });
    await post(`${c.url}/v1/events`, makeBatch([again]), { 'content-type': 'text/plain', 'sec-gpc': '0' });
    expect(count("SELECT COUNT(*) FROM access_log WHERE category = 'marketing'")).toBe(1);
  });
});
