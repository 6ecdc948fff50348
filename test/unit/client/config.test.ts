import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULTS, type Options, resolveConfig } from '../../../src/client/config.js';

afterEach(() => {
  document.documentElement.removeAttribute('lang');
});

const base: Options = { collector: 'https://collector.example' };

describe('resolveConfig', () => {
  it('merges options over frozen defaults', () => {
    const config = resolveConfig(base);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULTS.categories)).toBe(true);
    expect(config).toMatchObject({
      collector: 'https://collector.example',
      site: location.hostname,
      policyRevision: '1',
      cookieName: 'cl_consent',
      cookieDays: 182,
      categories: ['analytics', 'performance', 'marketing'],
    });
    expect(config.policyUrl).toBeUndefined();
  });

  it('keeps defaults for options given as undefined', () => {
    const config = resolveConfig({ ...base, site: undefined, policyRevision: undefined });
    expect(config.site).toBe(location.hostname);
    expect(config.policyRevision).toBe('1');
  });

  it('takes the site options', () => {
    const config = resolveConfig({
      ...base,
      site: 'shop',
      policyRevision: '2024-06',
      policyUrl: '/privacy',
      lang: 'ja',
      nonce: 'abc',
      cookieName: 'consent',
      cookieDays: 30,
      categories: ['analytics', 'chat'],
    });
    expect(config).toMatchObject({
      site: 'shop',
      policyRevision: '2024-06',
      policyUrl: '/privacy',
      lang: 'ja',
      nonce: 'abc',
      cookieName: 'consent',
      cookieDays: 30,
      categories: ['analytics', 'chat'],
    });
  });

  it('resolves a collector path against the page and strips trailing slashes', () => {
    expect(resolveConfig({ collector: '/collect/' }).collector).toBe(`${location.origin}/collect`);
    expect(resolveConfig({ collector: 'https://c.example/' }).collector).toBe('https://c.example');
    expect(resolveConfig({ collector: 'https://c.example/base//' }).collector).toBe('https://c.example/base');
  });

  it('leaves the language to the texts (page, then browser) unless given', () => {
    expect(resolveConfig(base).lang).toBeUndefined();
    expect(resolveConfig({ ...base, lang: 'ja' }).lang).toBe('ja');
  });

  it('takes layout, cookie domain, cookies, services, texts and consentMode', () => {
    const services = { marketing: [{ name: 'Ads', recipient: 'Ad Co', data: 'URL', retention: '30 days' }] };
    const config = resolveConfig({
      ...base,
      layout: 'box',
      cookieDomain: 'example.com',
      cookies: { marketing: ['_ga*'] },
      services,
      texts: { ja: { accept: 'OK' } },
      consentMode: false,
    });
    expect(config).toMatchObject({
      layout: 'box',
      cookieDomain: 'example.com',
      cookies: { marketing: ['_ga*'] },
      services,
      texts: { ja: { accept: 'OK' } },
      consentMode: false,
    });
    expect(resolveConfig(base)).toMatchObject({
      layout: 'bar',
      consentMode: true,
      cookies: {},
      services: {},
    });
  });
});

describe('resolveConfig refuses bad options, naming the option', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['no collector', {}, 'consentlog: option "collector" must be a non-empty string'],
    ['empty collector', { collector: '' }, 'consentlog: option "collector" must be a non-empty string'],
    ['layout', { collector: '/c', layout: 'modal' }, 'consentlog: option "layout" must be "bar" or "box"'],
    [
      'cookies',
      { collector: '/c', cookies: { marketing: '_ga' } },
      'consentlog: option "cookies" must be a map of categories to lists',
    ],
    [
      'texts',
      { collector: '/c', texts: { ja: 'x' } },
      'consentlog: option "texts" must be a map of languages to objects',
    ],
    ['numeric collector', { collector: 5 }, 'consentlog: option "collector" must be a non-empty string'],
    [
      'empty policyRevision',
      { ...base, policyRevision: '' },
      'consentlog: option "policyRevision" must be a non-empty string',
    ],
    [
      'numeric policyRevision',
      { ...base, policyRevision: 2 },
      'consentlog: option "policyRevision" must be a non-empty string',
    ],
    ['empty site', { ...base, site: '' }, 'consentlog: option "site" must be a non-empty string'],
    ['numeric policyUrl', { ...base, policyUrl: 1 }, 'consentlog: option "policyUrl" must be a string'],
    [
      'numeric consentMode',
      { ...base, consentMode: 1 },
      'consentlog: option "consentMode" must be true or false',
    ],
    ['bad cookieName', { ...base, cookieName: 'a b' }, 'consentlog: option "cookieName"'],
    ['numeric cookieName', { ...base, cookieName: 5 }, 'consentlog: option "cookieName"'],
    ['numeric lang', { ...base, lang: 5 }, 'consentlog: option "lang" must be a string'],
    ['zero cookieDays', { ...base, cookieDays: 0 }, 'consentlog: option "cookieDays"'],
    ['cookieDays over 13 months', { ...base, cookieDays: 400 }, 'consentlog: option "cookieDays"'],
    ['string cookieDays', { ...base, cookieDays: '30' }, 'consentlog: option "cookieDays"'],
    ['categories not an array', { ...base, categories: 'analytics' }, 'consentlog: option "categories"'],
    ['bad category name', { ...base, categories: ['Ads!'] }, 'consentlog: option "categories"'],
    ['necessary listed', { ...base, categories: ['necessary'] }, 'consentlog: option "categories"'],
  ];
  it.each(bad)('%s', (_name, options, message) => {
    expect(() => resolveConfig(options as unknown as Options)).toThrowError(message);
  });

  it('throws for missing options altogether', () => {
    expect(() => resolveConfig(undefined as unknown as Options)).toThrowError(
      'consentlog: option "collector" must be a non-empty string',
    );
  });
});
