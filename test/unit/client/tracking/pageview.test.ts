import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COLLECTOR,
  flush,
  fresh,
  freshClient,
  resetPage,
  type SentRequest,
  seedCookie,
  storedValue,
} from '../helpers.js';

let sent: SentRequest[];
beforeEach(() => {
  sent = resetPage();
  document.title = 'Shop – Home';
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Lets the outbox write, flush and send; then says what was sent. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
  return sent;
};

describe('buildPageview', () => {
  it('fills the wire fields for the current page', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const { buildPageview } = await fresh.pageview();
    const before = Date.now();
    const event = buildPageview();
    expect(event).toEqual({
      id: expect.stringMatching(UUID),
      type: 'pageview',
      category: 'analytics',
      ts: expect.any(Number),
      url: location.href,
      referrer: undefined,
      title: 'Shop – Home',
      language: navigator.language,
      screen: `${screen.width}x${screen.height}`,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      consent_id: 'c0ffee00-0000-4000-8000-000000000000',
      policy_revision: '1',
      visitor_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      session_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      props: { viewport: `${innerWidth}x${innerHeight}` },
    });
    expect(event?.ts).toBeGreaterThanOrEqual(before);
    // `undefined` fields vanish on the wire.
    expect(JSON.parse(JSON.stringify(event))).not.toHaveProperty('referrer');
  });

  it('gives every pageview its own id, and cuts long values to the shared limits', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const { buildPageview } = await fresh.pageview();
    document.title = 'x'.repeat(2000);
    const a = buildPageview();
    const b = buildPageview();
    expect(a?.id).not.toBe(b?.id);
    expect(a?.title).toHaveLength(512);
  });

  it('builds nothing without analytics consent', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const { buildPageview } = await fresh.pageview();
    expect(buildPageview()).toBeUndefined();
  });
});

describe('when a pageview is sent', () => {
  it('sends nothing before a choice', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    expect(await settle()).toEqual([]);
  });

  it('sends nothing after Reject all, nor after a choice without analytics', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    cl.rejectAll();
    const { saveChoices } = await import('../../../../src/client/consent/actions.js');
    saveChoices(['performance', 'marketing']);
    expect(await settle()).toEqual([]);
  });

  it('sends one pageview right after Accept all, with the decision attached', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, site: 'shop', vitals: false });
    cl.acceptAll();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const batch = sent[0]?.batch;
    expect(sent[0]?.url).toBe(`${COLLECTOR}/v1/events`);
    expect(batch?.v).toBe(1);
    expect(batch?.site).toBe('shop');
    expect(batch?.events).toHaveLength(1);
    expect(batch?.events[0]).toMatchObject({
      type: 'pageview',
      category: 'analytics',
      url: location.href,
      consent_id: cl.getConsent()?.id,
      policy_revision: '1',
    });
    expect(await settle()).toHaveLength(1);
  });

  it('sends one pageview on init when analytics was granted earlier', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.batch.events[0]?.consent_id).toBe('c0ffee00-0000-4000-8000-000000000000');
  });

  it('never sends twice for the same page load', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, vitals: false });
    cl.acceptAll();
    cl.reset();
    cl.acceptAll();
    const { trackPageview } = await fresh.pageview();
    trackPageview();
    await settle();
    expect(sent.flatMap((s) => s.batch.events.map((e) => e.type))).toEqual(['pageview']);
  });

  it('sends after Save choices with analytics ticked', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    document.querySelector<HTMLButtonElement>('[data-cl-action="customize"]')?.click();
    document.querySelector<HTMLInputElement>('#cl-cat-analytics')?.click();
    document.querySelector<HTMLButtonElement>('[data-cl-action="save"]')?.click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.batch.events[0]?.type).toBe('pageview');
  });
});
