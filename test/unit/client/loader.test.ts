import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COLLECTOR, resetPage, type SentRequest, seedCookie, storedValue } from './helpers.js';

let sent: SentRequest[];
let errors: unknown[][];

beforeEach(() => {
  sent = resetPage();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (window as { consentlog?: unknown }).consentlog;
});

/** Puts a script tag like a site's into the page, then runs the loader as that tag would. */
async function load(attributes: Record<string, string>) {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  vi.resetModules();
  return { script, api: await import('../../../src/client/loader.js') };
}

describe('loader', () => {
  it('exposes the public API on the IIFE global', async () => {
    const { api } = await load({ 'data-collector': COLLECTOR });
    for (const name of ['init', 'getConsent', 'hasConsent', 'acceptAll', 'rejectAll', 'reset']) {
      expect(typeof api[name as keyof typeof api]).toBe('function');
    }
    expect(api.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('starts from data-* attributes: banner shown, nothing sent yet', async () => {
    await load({ 'data-collector': COLLECTOR, 'data-policy-url': '/privacy.html', nonce: 'abc' });
    expect(document.getElementById('cl-banner')).not.toBeNull();
    expect(document.querySelector('#cl-banner a')?.getAttribute('href')).toBe('/privacy.html');
    expect(document.querySelector('style')?.getAttribute('nonce')).toBe('abc');
    expect(sent).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('passes site, policy revision and a collector path through', async () => {
    seedCookie(encodeURIComponent(storedValue({ rev: 'r2' })));
    await load({ 'data-collector': '/collect/', 'data-site': 'shop', 'data-policy-revision': 'r2' });
    expect(document.getElementById('cl-banner')).toBeNull();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.url).toBe(`${location.origin}/collect/v1/events`);
    expect(sent[0]?.batch.site).toBe('shop');
    expect(sent[0]?.batch.events[0]?.policy_revision).toBe('r2');
  });

  it('defaults site to the hostname and the policy revision to "1"', async () => {
    seedCookie(encodeURIComponent(storedValue({ rev: '1' })));
    await load({ 'data-collector': COLLECTOR });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.batch.site).toBe(location.hostname);
    expect(sent[0]?.batch.events[0]?.policy_revision).toBe('1');
  });

  it('reads data-consent-mode="false" as off, and any other value as on', async () => {
    const layer = () => (window as { dataLayer?: unknown[] }).dataLayer;
    delete (window as { dataLayer?: unknown }).dataLayer; // left by earlier tests
    const { script } = await load({ 'data-collector': COLLECTOR, 'data-consent-mode': 'false' });
    expect(layer()).toBeUndefined();
    script.remove();
    await load({ 'data-collector': COLLECTOR, 'data-consent-mode': 'true' });
    expect(layer()?.length).toBeGreaterThan(0);
    delete (window as { dataLayer?: unknown }).dataLayer;
  });

  it('without data-collector logs an error naming it and does nothing else', async () => {
    await load({ 'data-site': 'shop' });
    expect(errors).toHaveLength(1);
    expect(errors).toEqual([['consentlog: option "collector" must be a non-empty string']]);
    expect(document.getElementById('cl-banner')).toBeNull();
    expect(document.querySelector('style')).toBeNull();
    expect(document.cookie).toBe('');
    expect(sent).toEqual([]);
  });

  it('logs, and does not throw, for a bad attribute', async () => {
    await load({ 'data-collector': COLLECTOR, 'data-policy-revision': '' });
    expect(errors).toEqual([['consentlog: option "policyRevision" must be a non-empty string']]);
    expect(document.getElementById('cl-banner')).toBeNull();
  });

  it('does nothing when another copy already runs', async () => {
    (window as { consentlog?: unknown }).consentlog = { init() {} };
    await load({ 'data-collector': COLLECTOR });
    expect(document.getElementById('cl-banner')).toBeNull();
  });

  it('takes layout, language and JSON options; attributes win over the JSON', async () => {
    const json = document.createElement('script');
    json.type = 'application/json';
    json.setAttribute('data-consentlog-config', '');
    json.textContent = JSON.stringify({
      site: 'from-json',
      layout: 'bar',
      categories: ['analytics', 'chat'],
    });
    document.head.append(json);
    await load({ 'data-collector': COLLECTOR, 'data-layout': 'box', 'data-lang': 'ko' });
    const banner = document.getElementById('cl-banner');
    expect(banner?.className).toBe('cl-ui cl-box');
    expect(banner?.getAttribute('lang')).toBe('ko');
    expect(banner?.querySelector('[data-cl-action="accept"]')?.textContent).toBe('모두 허용');
    document.querySelector<HTMLButtonElement>('#cl-banner [data-cl-action="reject"]')?.click();
    expect(document.cookie).toContain('chat');
    expect(errors).toEqual([]);
  });

  it('logs an error for a config element that is not JSON', async () => {
    const json = document.createElement('script');
    json.setAttribute('data-consentlog-config', '');
    json.textContent = '{ nope';
    document.head.append(json);
    await load({ 'data-collector': COLLECTOR });
    expect(errors).toEqual([['consentlog: <script data-consentlog-config> must hold JSON']]);
  });
});
