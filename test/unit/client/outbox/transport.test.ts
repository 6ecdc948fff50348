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
  const { send } = await fresh.transport();
  cl.init({ collector: `${COLLECTOR}/`, site: 'site' });
  if (grant === 'accept') cl.acceptAll();
  if (grant === 'reject') cl.rejectAll();
  sent.length = 0; // forget the pageview that accepting sends
  return send;
}

describe('send', () => {
  it('POSTs text/plain with keepalive to {collector}/v1/events and resolves true on 2xx', async () => {
    const send = await ready('accept');
    const ok = await send({ v: 1, site: 'site', events: [event('analytics')] });
    expect(ok).toBe(true);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url).toBe(`${COLLECTOR}/v1/events`);
    expect(request?.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(request?.batch).toEqual({ v: 1, site: 'site', events: [event('analytics')] });
  });

  it('sends nothing before a choice or after Reject all', async () => {
    for (const grant of ['none', 'reject'] as const) {
      const send = await ready(grant);
      expect(await send({ v: 1, site: 'site', events: [event('analytics')] })).toBe(false);
    }
    expect(sent).toEqual([]);
  });

  it('drops events of categories that are not granted, even in a mixed batch', async () => {
    const cl = await freshClient();
    const { send } = await fresh.transport();
    const { saveChoices } = await import('../../../../src/client/consent/actions.js');
    cl.init({ collector: COLLECTOR });
    saveChoices(['performance']);
    await send({ v: 1, site: 'site', events: [event('analytics'), event('performance')] });
    expect(sent.map((s) => s.batch.events.map((e) => e.category))).toEqual([['performance']]);
  });

  it('never throws or rejects when fetch fails', async () => {
    const send = await ready('accept');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('network down')));
    await expect(send({ v: 1, site: 'site', events: [event('analytics')] })).resolves.toBe(false);
    vi.stubGlobal('fetch', () => {
      throw new TypeError('sync failure');
    });
    await expect(send({ v: 1, site: 'site', events: [event('analytics')] })).resolves.toBe(false);
    await flush();
  });

  it('resolves false on a non-2xx answer', async () => {
    const send = await ready('accept');
    recordFetch(500);
    await expect(send({ v: 1, site: 'site', events: [event('analytics')] })).resolves.toBe(false);
  });
});
