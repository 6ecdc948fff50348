import { describe, expect, it } from 'vitest';
import { type Config, resolveConfig } from '../../../../src/client/config.js';
import { type Consent, decode, encode } from '../../../../src/client/consent/cookie.js';
import { storedValue } from '../helpers.js';

const config: Config = resolveConfig({ collector: 'https://collector.example' });
const DAY = 864e5;

describe('decode: anything untrustworthy is no decision', () => {
  const cases: [string, string | undefined][] = [
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{"id":'],
    ['JSON but not an object', '42'],
    ['null', 'null'],
    ['an array', '[]'],
    ['no id', storedValue({ id: undefined })],
    ['empty id', storedValue({ id: '' })],
    ['another policy revision', storedValue({ rev: '0' })],
    ['revision as a number', storedValue({ rev: 1 })],
    ['no timestamp', storedValue({ ts: undefined })],
    ['older than cookieDays', storedValue({ ts: Date.now() - 183 * DAY })],
    ['no choices', storedValue({ c: undefined })],
    ['choices null', storedValue({ c: null })],
    ['a category never asked about', storedValue({ c: { analytics: 1, performance: 0 } })],
    ['a choice that is not 1 or 0', storedValue({ c: { analytics: true, performance: 0, marketing: 0 } })],
  ];
  it.each(cases)('%s', (_name, raw) => {
    expect(decode(raw, config)).toBeNull();
  });
});

describe('decode: a valid value', () => {
  it('gives every category explicitly, necessary always true', () => {
    const ts = Date.now() - DAY;
    expect(decode(storedValue({ ts }), config)).toEqual({
      id: 'c0ffee00-0000-4000-8000-000000000000',
      revision: '1',
      ts,
      choices: { necessary: true, analytics: true, performance: false, marketing: false },
    });
  });

  it('follows the configured policy revision', () => {
    const v2 = { ...config, policyRevision: '2' };
    expect(decode(storedValue({ rev: '2' }), v2)?.revision).toBe('2');
    expect(decode(storedValue({ rev: '1' }), v2)).toBeNull();
  });
});

describe('encode', () => {
  it('writes compact JSON with 1/0 per configured category and round-trips', () => {
    const consent: Consent = {
      id: 'id-1',
      revision: '1',
      ts: Date.now(),
      choices: { necessary: true, analytics: false, performance: true, marketing: false },
    };
    const raw = encode(consent, config);
    expect(JSON.parse(raw)).toEqual({
      id: 'id-1',
      rev: '1',
      ts: consent.ts,
      c: { analytics: 0, performance: 1, marketing: 0 },
    });
    expect(raw).not.toContain(' ');
    expect(decode(raw, config)).toEqual(consent);
  });
});
