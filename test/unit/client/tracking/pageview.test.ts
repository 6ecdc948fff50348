import { beforeEach, describe, expect, it } from 'vitest';
import {
  COLLECTOR,
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

describe('buildPageview', () => {
  it('fills the wire fields for the current page', async () => {
    await freshClient();
    const { buildPageview } = await fresh.pageview();
    const before = Date.now();
    const event = buildPageview({ id: 'consent-1', revision: '7', ts: 1, choices: {} });
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
      consent_id: 'consent-1',
      policy_revision: '7',
    });
    expect(event.ts).toBeGreaterThanOrEqual(before);
    expect(event.screen).toMatch(/^\d+x\d+$/);
    // `undefined` fields vanish on the wire.
    expect(JSON.parse(JSON.stringify(event))).not.toHaveProperty('referrer');
  });

  it('gives every pageview its own id, and cuts long values to the shared limits', async () => {
    await freshClient();
    const { buildPageview } = await fresh.pageview();
    document.title = 'x'.repeat(2000);
    const consent = { id: 'c', revision: '1', ts: 1, choices: {} };
    const a = buildPageview(consent);
    const b = buildPageview(consent);
    expect(a.id).not.toBe(b.id);
    expect(a.title).toHaveLength(512);
  });
});

describe('when a pageview is sent', () => {
  it('sends nothing before a choice', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    await Promise.resolve();
    expect(sent).toEqual([]);
  });

  it('sends nothing after Reject all, nor after a choice without analytics', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    cl.rejectAll();
    const { saveChoices } = await import('../../../../src/client/consent/actions.js');
    saveChoices(['performance', 'marketing']);
    expect(sent).toEqual([]);
  });

  it('sends one pageview right after Accept all, with the decision attached', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, site: 'shop' });
    cl.acceptAll();
    expect(sent).toHaveLength(1);
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
  });

  it('sends one pageview on init when analytics was granted earlier', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.batch.events[0]?.consent_id).toBe('c0ffee00-0000-4000-8000-000000000000');
  });

  it('never sends twice for the same page load', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    cl.acceptAll();
    cl.reset();
    cl.acceptAll();
    const { trackPageview } = await fresh.pageview();
    trackPageview();
    expect(sent).toHaveLength(1);
  });

  it('sends after Save choices with analytics ticked', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    document.querySelector<HTMLButtonElement>('[data-cl-action="customize"]')?.click();
    document.querySelector<HTMLInputElement>('#cl-cat-analytics')?.click();
    document.querySelector<HTMLButtonElement>('[data-cl-action="save"]')?.click();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.batch.events[0]?.type).toBe('pageview');
  });
});
