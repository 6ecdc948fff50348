/**
 * The part of js-cookie 3 we use (get, set, remove), byte for byte the same cookies: the same
 * encoding of names and values, `path=/` by default, the same attribute order, and `expires`
 * in days. js-cookie ships its converters and `withAttributes`/`withConverter` too, ~700 bytes
 * gzip; this is a third of that (README "Size").
 */
export interface CookieAttributes {
  path?: string;
  sameSite?: 'Lax' | 'Strict' | 'None';
  secure?: boolean;
  domain?: string;
  /** Days from now. */
  expires?: number;
}

/** Every cookie of the page, decoded; the first wins when a name repeats (host before domain). */
export function getCookies(): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const cookie of document.cookie ? document.cookie.split('; ') : []) {
    const [key, ...rest] = cookie.split('=');
    let value = rest.join('=');
    if (value[0] === '"') value = value.slice(1, -1);
    // A value that is not valid percent-encoding skips that cookie alone, as in js-cookie.
    try {
      const name = decodeURIComponent(key as string);
      if (!(name in jar)) jar[name] = value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
    } catch {}
  }
  return jar;
}

export const getCookie = (name: string): string | undefined => getCookies()[name];

export function setCookie(name: string, value: string, attributes: CookieAttributes = {}): void {
  const all: Record<string, unknown> = { path: '/', ...attributes };
  if (typeof all.expires === 'number') all.expires = new Date(Date.now() + all.expires * 864e5).toUTCString();
  let cookie = `${encodeURIComponent(name)
    .replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent)
    .replace(/[()]/g, escape)}=${encodeURIComponent(value).replace(
    /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
    decodeURIComponent,
  )}`;
  // Falsy attributes are left out; `true` is a flag (`; secure`).
  for (const [key, v] of Object.entries(all))
    if (v) cookie += `; ${key}${v === true ? '' : `=${String(v).split(';')[0]}`}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is async and missing in Safari < 18.4 and Firefox.
  document.cookie = cookie;
}

/** Deletes a cookie: it must get the same `path` and `domain` it was set with. */
export const removeCookie = (name: string, attributes: CookieAttributes = {}): void =>
  setCookie(name, '', { ...attributes, expires: -1 });
