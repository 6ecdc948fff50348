import { beforeEach, describe, expect, it } from 'vitest';
import { fresh, freshClient, resetPage } from '../helpers.js';

beforeEach(() => {
  resetPage();
});

async function cleaner(options = {}) {
  const cl = await freshClient();
  cl.init({ collector: 'https://c.example', ...options });
  const { cleanUrl } = await import('../../../../src/client/tracking/url.js');
  await fresh.config();
  return cleanUrl;
}

describe('cleanUrl', () => {
  it('keeps ordinary parameters untouched, including readable slugs', async () => {
    const clean = await cleaner();
    const url = 'https://shop.example/p?q=red+shoes&page=2&sort=price-asc&slug=summer-sale-2024-shoes';
    expect(clean(url)).toBe(url);
  });

  it('drops deny-listed names, emails, tokens, campaign parameters and the fragment', async () => {
    const clean = await cleaner();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_123abcXYZ';
    expect(
      clean(
        `https://shop.example/p?id=7&Token=a&to=jane%40mail.example&r=${jwt}&k=9f86d081884c7d659a2feaa0c55ad015&utm_source=x&gclid=y#access_token=z`,
      ),
    ).toBe('https://shop.example/p?id=7');
  });

  it('honours a site deny list and keeps the hash with hash routing', async () => {
    const clean = await cleaner({ queryDeny: ['ref'], hashRouting: true });
    expect(clean('https://shop.example/?ref=abc&email=kept-not-an-address#/cart')).toBe(
      'https://shop.example/?email=kept-not-an-address#/cart',
    );
  });
});
