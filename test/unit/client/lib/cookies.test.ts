import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieNames, getCookie, removeCookie, setCookie } from '../../../../src/client/lib/cookies.js';

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

const VALUES = ['{"id":"c0ffee","rev":"1","ts":1,"c":{"analytics":1}}', 'a b;c,d=e%f+g', '漢字 ✓', ''];
/** The `name=value` part of a written cookie, as the browser then serves it. */
const pair = (written: string): string => written.split('; ')[0] as string;

describe('cookies (js-cookie compatible)', () => {
  it('writes values js-cookie reads back, and reads back what js-cookie wrote', () => {
    for (const value of VALUES) {
      const ours = fakeCookie();
      setCookie('cl_consent', value, 182);
      fakeCookie(`x=1; ${pair(ours[0] as string)}`);
      expect(Cookies.get('cl_consent')).toBe(value);
      expect(getCookie('cl_consent')).toBe(value);
      // Cookies of earlier releases (written the js-cookie way, `{`, `:` … unencoded) still read.
      const theirs = fakeCookie();
      Cookies.set('cl_consent', value);
      fakeCookie(pair(theirs[0] as string));
      expect(getCookie('cl_consent')).toBe(value);
    }
  });

  it('writes path, expiry, domain, SameSite=Lax; deletes with a past expiry', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 3, 4, 5) });
    const written = fakeCookie();
    setCookie('cl_vid', 'ab', 1);
    setCookie('cl_consent', '{"a":1}', 182, 'example.com');
    removeCookie('_ga_X1', 'shop.example.com');
    expect(written).toEqual([
      'cl_vid=ab; path=/; expires=Sat, 03 Jan 2026 03:04:05 GMT; sameSite=Lax',
      'cl_consent=%7B%22a%22%3A1%7D; path=/; expires=Fri, 03 Jul 2026 03:04:05 GMT; domain=example.com; sameSite=Lax',
      '_ga_X1=; path=/; expires=Thu, 01 Jan 2026 03:04:05 GMT; domain=shop.example.com; sameSite=Lax',
    ]);
    // The Secure flag on https: test/unit/client/consent/state-https.test.ts.
    expect(written.every((c) => !c.includes('secure'))).toBe(true);
  });

  it('reads the first of repeated names, skips a value that is not percent-encoding', () => {
    fakeCookie(
      ['dup=first', 'dup=second', 'bad=%E0%A4%A', 'bad=ok', 'eq=a=b', 'pre=1', 'prefix=2'].join('; '),
    );
    expect(getCookie('dup')).toBe('first');
    expect(getCookie('bad')).toBe('ok');
    expect(getCookie('eq')).toBe('a=b');
    expect(getCookie('pre')).toBe('1');
    expect(getCookie('prefix')).toBe('2');
    expect(getCookie('missing')).toBeUndefined();
    expect(cookieNames()).toEqual(['dup', 'dup', 'bad', 'bad', 'eq', 'pre', 'prefix']);
  });

  it('reads an empty jar as no cookies', () => {
    fakeCookie('');
    expect(getCookie('cl_consent')).toBeUndefined();
    expect(cookieNames().filter(Boolean)).toEqual([]);
  });
});
