/**
 * @vitest-environment happy-dom
 * @vitest-environment-options {"url": "https://shop.example/checkout"}
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { freshClient, resetPage } from '../helpers.js';

beforeEach(resetPage);
afterEach(() => vi.restoreAllMocks());

it('marks the consent cookie Secure on https pages', async () => {
  expect(location.protocol).toBe('https:');
  const writes: string[] = [];
  const setter = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')?.set;
  vi.spyOn(document, 'cookie', 'set').mockImplementation(function (this: Document, value: string) {
    writes.push(value);
    setter?.call(this, value);
  });
  const cl = await freshClient();
  cl.init({ collector: '/c' });
  cl.rejectAll();
  expect(writes).toHaveLength(1);
  expect((writes[0] as string).split('; ')).toContain('secure');
  expect(cl.getConsent()?.choices.analytics).toBe(false);
});
