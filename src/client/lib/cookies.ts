import { safeRun } from './safeRun.js';

/**
 * Cookies as js-cookie 3 reads them: the value percent-encoded (`encodeURIComponent`), read back by
 * decoding it. js-cookie also writes `{`, `:`, `}` … unencoded: decoding reads its cookies (and
 * those of our earlier releases, which wrote like js-cookie) the same, and js-cookie reads ours.
 * Names are written and read as they are: ours are `[\w-]+`, a site's come from `document.cookie`.
 */

/** The names of every cookie the page can see. */
export const cookieNames = (): string[] => document.cookie.split('; ').map((c) => c.split('=')[0] as string);

/** A cookie's decoded value; the first wins when a name repeats (host before domain). */
export function getCookie(name: string): string | undefined {
  for (const cookie of document.cookie.split('; ')) {
    // A value that is not valid percent-encoding skips that cookie alone, as in js-cookie.
    const value = cookie.startsWith(`${name}=`)
      ? safeRun(() => decodeURIComponent(cookie.slice(name.length + 1)))
      : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Writes a cookie for `path=/`, `SameSite=Lax`, `Secure` on https, kept `days` (a negative number
 * deletes it), on this host only unless `domain` is given. A cookie is deleted only with the same
 * `domain` it was set with.
 */
export function setCookie(name: string, value: string, days: number, domain?: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is async and missing in Safari < 18.4 and Firefox.
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; expires=${new Date(Date.now() + days * 864e5).toUTCString()}${domain ? `; domain=${domain}` : ''}; sameSite=Lax${location.protocol === 'https:' ? '; secure' : ''}`;
}

export const removeCookie = (name: string, domain?: string): void => setCookie(name, '', -1, domain);
