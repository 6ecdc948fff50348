import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../../../../src/shared/index.js';
import {
  COLLECTOR,
  flush,
  fresh,
  freshClient,
  recordFetch,
  resetPage,
  type SentRequest,
} from '../helpers.js';

let sent: SentRequest[];
beforeEach(() => {
  sent = resetPage();
});

const event = (category: string): WireEvent => ({
  id: `id-${category}`,
  type: 'pageview',
  category,
  ts: 1,
  url: 'https://site.example/',
});

async function ready(grant: 'accept' | 'reject' | 'none') {
  const cl = await freshClient();
  const transport = await fresh.transport();
  cl.init({ collector: `${COLLECTOR}/`, site: 'site', vitals: false });
  if (grant === 'accept') cl.acceptAll();
  if (grant === 'reject') cl.rejectAll();
  for (let i = 0; i < 5; i++) await flush();
  sent.length = 0; // forget the pageview that accepting sends
  return transport;
}

describe('post', () => {
  it('POSTs text/plain with keepalive to {collector}/v1/events and resolves the status', async () => {
    const { post } = await ready('accept');
    expect(await post([event('analytics')])).toEqual({ s: 202, r: 0 });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url).toBe(`${COLLECTOR}/v1/events`);
    expect(request?.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    // A string body: fetch sends it as text/plain, a CORS-safelisted type (no preflight).
    const asSent = new Request(request?.url ?? '', request?.init);
    expect(asSent.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(request?.batch).toEqual({ v: 1, site: 'site', events: [event('analytics')] });
  });

  it('sends nothing before a choice or after Reject all', async () => {
    for (const grant of ['none', 'reject'] as const) {
      const { post, beacon } = await ready(grant);
      await post([event('analytics')]);
      expect(beacon([event('analytics')])).toBe(false);
    }
    expect(sent).toEqual([]);
  });

  it('drops events of categories that are not granted, even in a mixed batch', async () => {
    const cl = await freshClient();
    const { post } = await fresh.transport();
    const { saveChoices } = await import('../../../../src/client/consent/actions.js');
    cl.init({ collector: COLLECTOR, vitals: false });
    saveChoices(['performance']);
    await post([event('analytics'), event('performance')]);
    expect(sent.map((s) => s.batch.events.map((e) => e.category))).toEqual([['performance']]);
  });

  it('never throws or rejects when fetch fails: status 0', async () => {
    const { post } = await ready('accept');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('network down')));
    await expect(post([event('analytics')])).resolves.toEqual({ s: 0, r: 0 });
    vi.stubGlobal('fetch', () => {
      throw new TypeError('sync failure');
    });
    await expect(post([event('analytics')])).resolves.toEqual({ s: 0, r: 0 });
  });

  it('reads Retry-After in seconds or as a date', async () => {
    const { post } = await ready('accept');
    const answer = (value: string) =>
      vi.stubGlobal('fetch', () =>
        Promise.resolve(new Response('', { status: 429, headers: { 'Retry-After': value } })),
      );
    answer('3');
    expect(await post([event('analytics')])).toEqual({ s: 429, r: 3000 });
    answer(new Date(Date.now() + 60_000).toUTCString());
    const { r } = await post([event('analytics')]);
    expect(r).toBeGreaterThan(55_000);
    expect(r).toBeLessThanOrEqual(60_000);
    recordFetch(500);
    expect(await post([event('analytics')])).toEqual({ s: 500, r: 0 });
  });
});
