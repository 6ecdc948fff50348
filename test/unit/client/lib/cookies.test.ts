import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CookieAttributes,
  getCookie,
  getCookies,
  removeCookie,
  setCookie,
} from '../../../../src/client/lib/cookies.js';

/** Captures what is written to `document.cookie` and serves `jar` when it is read. */
function fakeCookie(jar = ''): string[] {
  const written: string[] = [];
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => jar,
    set: (v: string) => written.push(v),
  });
  return written;
}

afterEach(() => {
  delete (document as { cookie?: string }).cookie;
  vi.useRealTimers();
});

const VALUES = ['{"id":"c0ffee","rev":"1","ts":1,"c":{"analytics":1}}', 'a b;c,d=e%f', '漢字 ✓', ''];
const ATTRIBUTES: CookieAttributes[] = [
  {},
  { path: '/', sameSite: 'Lax', secure: true, domain: 'example.com', expires: 182 },
  { path: '/', sameSite: 'Lax', secure: false, domain: undefined, expires: 30 / 1440 },
  { path: '/', domain: 'a.example.com' },
];

describe('cookies (the js-cookie subset we ship)', () => {
  it('writes byte for byte what js-cookie writes, for set and remove', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 3, 4, 5) });
    for (const name of ['cl_consent', '_pk_id.1', 'a#b(c)', 'ü^x|y']) {
      for (const value of VALUES) {
        for (const attributes of ATTRIBUTES) {
          const ours = fakeCookie();
          setCookie(name, value, attributes);
          removeCookie(name, attributes);
          const theirs = fakeCookie();
          Cookies.set(name, value, attributes);
          Cookies.remove(name, attributes);
          expect(ours).toEqual(theirs);
          expect(ours).toHaveLength(2);
        }
      }
    }
  });

  it('reads what js-cookie reads: decoded, quoted values unwrapped, first one wins, bad ones skipped', () => {
    const jar = [
      'cl_consent=%7B%22id%22%3A1%7D',
      'q="quoted%20value"',
      'dup=first',
      'dup=second',
      'bad=%E0%A4%A',
      'broken=%E0%A4',
      'eq=a=b',
      '%C3%BC=umlaut',
    ].join('; ');
    fakeCookie(jar);
    expect(getCookies()).toEqual(Cookies.get());
    for (const name of ['cl_consent', 'q', 'dup', 'bad', 'broken', 'eq', 'ü', 'missing']) {
      expect(getCookie(name)).toBe(Cookies.get(name));
    }
    expect(getCookie('dup')).toBe('first');
    expect(getCookie('broken')).toBeUndefined();
  });

  it('reads an empty jar as no cookies', () => {
    fakeCookie('');
    expect(getCookies()).toEqual({});
    expect(getCookie('cl_consent')).toBeUndefined();
  });
});
