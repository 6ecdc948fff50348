import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentChange } from '../../../../src/client/consent/state.js';
import { fresh, freshClient, resetPage, seedCookie, storedValue } from '../helpers.js';

const options = { collector: 'https://collector.example' };

beforeEach(resetPage);
afterEach(() => vi.restoreAllMocks());

const rawCookie = () => document.cookie.match(/(?:^|; )cl_consent=([^;]*)/)?.[1];
const storedCookie = () => {
  const raw = rawCookie();
  return raw === undefined ? undefined : JSON.parse(decodeURIComponent(raw));
};

describe('reading the decision', () => {
  it('has none without a cookie, and only necessary is granted', async () => {
    const cl = await freshClient();
    cl.init(options);
    expect(cl.getConsent()).toBeNull();
    expect(cl.hasConsent('necessary')).toBe(true);
    expect(cl.hasConsent('analytics')).toBe(false);
    expect(cl.hasConsent('marketing')).toBe(false);
  });

  it.each([
    ['corrupt', 'not%20json'],
    ['other revision', encodeURIComponent(storedValue({ rev: 'old' }))],
  ])('treats a %s cookie as no decision', async (_name, raw) => {
    seedCookie(raw);
    const cl = await freshClient();
    cl.init(options);
    expect(cl.getConsent()).toBeNull();
    expect(cl.hasConsent('analytics')).toBe(false);
  });

  it('reads a valid cookie', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init(options);
    expect(cl.getConsent()).toMatchObject({
      id: 'c0ffee00-0000-4000-8000-000000000000',
      revision: '1',
      choices: { necessary: true, analytics: true, performance: false, marketing: false },
    });
    expect(cl.hasConsent('analytics')).toBe(true);
    expect(cl.hasConsent('performance')).toBe(false);
  });

  it('reads nothing before init', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    expect(cl.getConsent()).toBeNull();
    expect(cl.hasConsent('analytics')).toBe(false);
  });

  it('returns a copy that cannot change the state', async () => {
    const cl = await freshClient();
    cl.init(options);
    cl.rejectAll();
    const consent = cl.getConsent();
    if (consent) consent.choices.analytics = true;
    expect(cl.hasConsent('analytics')).toBe(false);
  });
});

describe('storing a decision', () => {
  it('writes no cookie before a choice', async () => {
    const cl = await freshClient();
    cl.init(options);
    expect(document.cookie).toBe('');
  });

  it('acceptAll grants every category and stores one compact cookie', async () => {
    const cl = await freshClient();
    cl.init(options);
    const before = Date.now();
    cl.acceptAll();
    const stored = storedCookie();
    expect(stored).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      rev: '1',
      ts: expect.any(Number),
      c: { analytics: 1, performance: 1, marketing: 1 },
    });
    expect(stored.ts).toBeGreaterThanOrEqual(before);
    expect(cl.getConsent()).toEqual({
      id: stored.id,
      revision: '1',
      ts: stored.ts,
      choices: { necessary: true, analytics: true, performance: true, marketing: true },
    });
  });

  it('rejectAll denies every category but necessary', async () => {
    const cl = await freshClient();
    cl.init(options);
    cl.rejectAll();
    expect(storedCookie().c).toEqual({ analytics: 0, performance: 0, marketing: 0 });
    expect(cl.hasConsent('analytics')).toBe(false);
    expect(cl.hasConsent('necessary')).toBe(true);
  });

  it('uses a new consent id for each decision', async () => {
    const cl = await freshClient();
    cl.init(options);
    cl.acceptAll();
    const first = cl.getConsent()?.id;
    cl.rejectAll();
    expect(cl.getConsent()?.id).not.toBe(first);
  });

  it('sets path=/, SameSite=Lax and the configured lifetime, not Secure on http', async () => {
    const writes: string[] = [];
    const setter = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')?.set;
    vi.spyOn(document, 'cookie', 'set').mockImplementation(function (this: Document, value: string) {
      // Only the consent cookie: accepting also sets the analytics ids (tracking/ids.ts).
      if (value.startsWith('cl_consent=')) writes.push(value);
      setter?.call(this, value);
    });
    const cl = await freshClient();
    cl.init({ ...options, cookieDays: 10 });
    const before = Date.now();
    cl.acceptAll();
    expect(writes).toHaveLength(1);
    const attrs = (writes[0] as string).split('; ').slice(1);
    expect(attrs).toContain('path=/');
    expect(attrs).toContain('sameSite=Lax');
    expect(attrs.some((a) => /^secure$/i.test(a))).toBe(false);
    const expires = Date.parse(attrs.find((a) => a.startsWith('expires='))?.slice(8) ?? '');
    expect(Math.abs(expires - (before + 10 * 864e5))).toBeLessThan(5000);
  });

  it('is host-only by default and sets Domain only when cookieDomain is given', async () => {
    const writes: string[] = [];
    const setter = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')?.set;
    vi.spyOn(document, 'cookie', 'set').mockImplementation(function (this: Document, value: string) {
      writes.push(value);
      setter?.call(this, value);
    });
    let cl = await freshClient();
    cl.init(options);
    cl.rejectAll();
    expect(writes.at(-1)).not.toMatch(/domain=/i);
    cl = await freshClient();
    cl.init({ ...options, cookieDomain: location.hostname });
    cl.rejectAll();
    expect(writes.at(-1)?.split('; ')).toContain(`domain=${location.hostname}`);
  });

  it('honours cookieName', async () => {
    const cl = await freshClient();
    cl.init({ ...options, cookieName: 'my_consent' });
    cl.rejectAll();
    expect(document.cookie).toMatch(/^my_consent=/);
  });

  it('does nothing before init', async () => {
    const cl = await freshClient();
    cl.acceptAll();
    expect(document.cookie).toBe('');
    expect(cl.getConsent()).toBeNull();
  });

  it('reset deletes the cookie and forgets the decision', async () => {
    const cl = await freshClient();
    cl.init(options);
    cl.acceptAll();
    cl.reset();
    expect(document.cookie).toBe('');
    expect(cl.getConsent()).toBeNull();
    expect(cl.hasConsent('analytics')).toBe(false);
  });
});

describe('change events', () => {
  it('announce each decision with its method, and a reset', async () => {
    const cl = await freshClient();
    const { consentEvents } = await fresh.state();
    cl.init(options);
    const heard: ConsentChange[] = [];
    consentEvents.on((change) => heard.push(change));
    cl.rejectAll();
    cl.acceptAll();
    cl.rejectAll();
    cl.reset();
    // Reject all after Accept all only takes consent away: recorded as a withdrawal.
    expect(heard.map((h) => h.method)).toEqual(['reject-all', 'accept-all', 'withdraw', undefined]);
    expect(heard[1]?.consent?.choices.analytics).toBe(true);
    expect(heard[2]?.consent?.choices.analytics).toBe(false);
    expect(heard[3]?.consent).toBeNull();
  });

  it('say which categories were granted and withdrawn, and which decision came before', async () => {
    const cl = await freshClient();
    const { consentEvents } = await fresh.state();
    cl.init(options);
    const heard: ConsentChange[] = [];
    consentEvents.on((change) => heard.push(change));
    cl.setConsent({ analytics: true });
    cl.setConsent({ marketing: true, analytics: false });
    cl.setConsent({ marketing: false });
    cl.reset();
    expect(heard.map((h) => [h.method, h.granted, h.withdrawn])).toEqual([
      ['custom', ['analytics'], []],
      ['custom', ['marketing'], ['analytics']],
      ['withdraw', [], ['marketing']],
      [undefined, [], []],
    ]);
    expect(heard[1]?.previous?.id).toBe(heard[0]?.consent?.id);
    expect(heard[3]?.previous?.id).toBe(heard[2]?.consent?.id);
  });

  it('setConsent keeps the categories it does not name', async () => {
    const cl = await freshClient();
    cl.init(options);
    cl.setConsent({ analytics: true, performance: true });
    cl.setConsent({ performance: false });
    expect(cl.getConsent()?.choices).toEqual({
      necessary: true,
      analytics: true,
      performance: false,
      marketing: false,
    });
  });

  it('on("consent") hears each decision, on("change") every change; both unsubscribe', async () => {
    const cl = await freshClient();
    cl.init(options);
    const decisions: string[] = [];
    const changes: (string | null)[] = [];
    const off = cl.on('consent', (c) => decisions.push(c.id));
    cl.on('change', (c) => changes.push(c.consent ? c.consent.id : null));
    cl.acceptAll();
    cl.reset();
    off();
    cl.rejectAll();
    expect(decisions).toHaveLength(1);
    expect(changes).toEqual([decisions[0], null, cl.getConsent()?.id]);
  });

  it('a failing listener does not stop the others or throw into the caller', async () => {
    const cl = await freshClient();
    const { consentEvents } = await fresh.state();
    cl.init(options);
    const later = vi.fn();
    consentEvents.on(() => {
      throw new Error('boom');
    });
    consentEvents.on(later);
    expect(() => cl.acceptAll()).not.toThrow();
    expect(later).toHaveBeenCalledOnce();
  });
});
