import { expect, it } from 'vitest';
import type * as Api from '../../../src/client/index.js';

/** Pins the public signatures: `tsc --noEmit` fails if they drift (STYLE.md §14, as mitt does). */
it('public API types', () => {
  const check = (cl: typeof Api) => {
    cl.init({ collector: '/c' });
    cl.init({ collector: '/c', site: 's', policyRevision: '2', policyUrl: '/p', lang: 'en', nonce: 'n' });
    cl.init({ collector: '/c', cookieName: 'x', cookieDays: 30, categories: ['analytics', 'chat'] });
    // @ts-expect-error collector is required
    cl.init({});
    // @ts-expect-error cookieDays is a number
    cl.init({ collector: '/c', cookieDays: '30' });
    const consent: Api.Consent | null = cl.getConsent();
    const choices: Api.Choices | undefined = consent?.choices;
    const granted: boolean = cl.hasConsent('analytics') && cl.hasConsent('site-category');
    const version: string = cl.version;
    const actions: (() => void)[] = [cl.acceptAll, cl.rejectAll, cl.reset, cl.showPreferences];
    cl.init({
      collector: '/c',
      layout: 'box',
      cookieDomain: 'example.com',
      cookies: { marketing: ['_ga*', '_fbp'] },
      services: { marketing: [{ name: 'Ads', recipient: 'Ad Co', data: 'URL', retention: '90 days' }] },
      texts: { ja: { accept: '同意する', categories: { marketing: ['広告', '広告の効果測定'] } } },
      consentMode: false,
    });
    // @ts-expect-error layout is bar or box
    cl.init({ collector: '/c', layout: 'modal' });
    // @ts-expect-error a service needs its recipient, data and retention
    cl.init({ collector: '/c', services: { marketing: [{ name: 'Ads' }] } });
    cl.setConsent({ analytics: true });
    // @ts-expect-error choices are booleans
    cl.setConsent({ analytics: 'yes' });
    const off: () => void = cl.on('consent', (c: Api.Consent) => c.id);
    cl.on('change', (c: Api.ConsentChange) => [c.granted, c.withdrawn, c.method, c.previous]);
    // @ts-expect-error only consent and change
    cl.on('click', () => {});
    const mine: Promise<Api.MyData | null> = cl.exportMyData();
    const gone: Promise<Api.MyDeletion | null> = cl.deleteMyData();
    // @ts-expect-error the visitor id is read from the cookie, never passed in
    cl.exportMyData('0123');
    return [choices, granted, version, actions, off, mine, gone];
  };
  expect(typeof check).toBe('function');
});
