import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COLLECTOR,
  consentPosts,
  freshClient,
  resetPage,
  type SentRequest,
  seedCookie,
  storedValue,
} from '../helpers.js';

let sent: SentRequest[];
beforeEach(() => {
  sent = resetPage();
  document.documentElement.removeAttribute('lang');
});

describe('proof-of-consent records', () => {
  it('posts each decision with previous id, revision, choices, method, language, URL and texts', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, site: 'shop', policyRevision: 'r7', policyUrl: '/privacy', lang: 'ko' });
    cl.rejectAll();
    cl.setConsent({ analytics: true });
    expect(consentPosts).toHaveLength(2);
    const [first, second] = consentPosts;
    expect(first).toMatchObject({
      v: 1,
      site: 'shop',
      policy_revision: 'r7',
      method: 'reject-all',
      choices: { necessary: true, analytics: false, performance: false, marketing: false },
      language: 'ko',
      url: location.href,
    });
    expect(first?.previous_consent_id).toBeUndefined();
    expect(second).toMatchObject({ method: 'custom', previous_consent_id: first?.consent_id });
    expect(second?.consent_id).toBe(cl.getConsent()?.id);
    // What was shown: every text, each category and the policy link; the collector hashes it.
    expect(first?.texts).toMatchObject({
      accept: '모두 허용',
      policyUrl: '/privacy',
      'cat.marketing': '마케팅: 캠페인 링크 및 광고 태그.',
    });
    expect(first).not.toHaveProperty('texts_hash');
    // Event batches are separate: only the pageview that the analytics grant allowed.
    // The outbox sends asynchronously (IndexedDB or its memory fallback), so wait for it.
    await vi.waitFor(() => expect(sent.map((s) => s.batch.events[0]?.type)).toEqual(['pageview']));
  });

  it('includes the services shown, and a changed text changes what is sent', async () => {
    const services = { marketing: [{ name: 'Ads', recipient: 'Ad Co', data: 'URL', retention: '90 days' }] };
    let cl = await freshClient();
    cl.init({ collector: COLLECTOR, services });
    cl.acceptAll();
    const one = consentPosts[0];
    expect(JSON.parse(one?.texts?.['svc.marketing'] ?? '')).toEqual(services.marketing);
    resetPage();
    cl = await freshClient();
    cl.init({ collector: COLLECTOR, services, texts: { en: { accept: 'Allow all' } } });
    cl.acceptAll();
    expect(consentPosts[0]?.texts?.accept).toBe('Allow all');
    expect(consentPosts[0]?.texts).not.toEqual(one?.texts);
  });

  it('posts nothing without a decision: not on load, not after reset', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    cl.reset();
    expect(consentPosts).toEqual([]);
  });
});

describe('languages', () => {
  const acceptLabel = () => document.querySelector('#cl-banner [data-cl-action="accept"]')?.textContent;

  it('takes data-lang first, then <html lang>, then the browser, else English', async () => {
    document.documentElement.lang = 'ja-JP';
    let cl = await freshClient();
    cl.init({ collector: COLLECTOR, lang: 'ko' });
    expect(acceptLabel()).toBe('모두 허용');
    resetPage();
    document.documentElement.lang = 'ja-JP';
    cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    expect(acceptLabel()).toBe('すべて同意');
    resetPage();
    document.documentElement.lang = 'fr';
    cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    expect(acceptLabel()).toBe('Accept all');
  });

  it('lets a site override any text, or add a language over the English base', async () => {
    document.documentElement.lang = 'de';
    const cl = await freshClient();
    cl.init({
      collector: COLLECTOR,
      texts: { de: { accept: 'Alle akzeptieren', categories: { chat: ['Chat', 'Support'] } } },
    });
    expect(acceptLabel()).toBe('Alle akzeptieren');
    expect(document.getElementById('cl-banner')?.getAttribute('lang')).toBe('de');
    expect(document.querySelector('#cl-banner [data-cl-action="reject"]')?.textContent).toBe('Reject all');
  });
});
