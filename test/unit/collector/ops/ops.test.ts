import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('operations endpoints', () => {
  it('/healthz and /readyz answer 200 while serving; /readyz 503 once the store is gone', async () => {
    c = await startTestCollector();
    expect(await (await fetch(`${c.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${c.url}/readyz`)).json()).toEqual({ status: 'ready' });
    await c.app.store.close();
    const res = await fetch(`${c.url}/readyz`);
    expect(res.status).toBe(503);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });

  it('/metrics counts received, stored, duplicate and rejected events, batches and latency', async () => {
    c = await startTestCollector();
    const e = makeEvent();
    await post(`${c.url}/v1/events`, makeBatch([e, makeEvent(), makeEvent({ ts: 'x' as never })]));
    await post(`${c.url}/v1/events`, makeBatch([e]));
    await post(`${c.url}/v1/events`, '{"v":1,');
    const res = await fetch(`${c.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    for (const line of [
      'consentlog_events_received_total 4',
      'consentlog_events_stored_total 2',
      'consentlog_events_duplicate_total 1',
      'consentlog_events_rejected_total{reason="invalid"} 1',
      'consentlog_batches_total{status="200"} 2',
      'consentlog_batches_total{status="400"} 1',
      'consentlog_requests_rejected_total{error="COLLECT_ERR_BAD_JSON"} 1',
      'consentlog_batch_duration_seconds_count 3',
      '# TYPE consentlog_batch_duration_seconds histogram',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/consentlog_batch_duration_seconds_bucket\{le="\+Inf"\} 3/);
  });

  it('runs the retention purge on its schedule (audited as system)', async () => {
    c = await startTestCollector({ purgeIntervalMs: 20, adminToken: 'token-token-token-token' });
    await vi.waitFor(async () => {
      const entries = await c?.app.store.auditEntries();
      expect(
        entries?.filter((e) => e.actor === 'system' && e.action === 'purge').length,
      ).toBeGreaterThanOrEqual(2);
    });
  });
});
