/**
 * A 64-bit fingerprint of the banner texts a visitor saw, computed by the collector, which keeps
 * each text version once under it (and checks a hash a client sends, if any: the browser script
 * sends none, to stay small). Not a cryptographic hash: it names a text version, it guards nothing.
 * Synchronous and tiny: `crypto.subtle` is async and missing on plain-http pages.
 */
export function textsHash(texts: Record<string, string>): string {
  // Canonical form: sorted keys, so the same texts always give the same hash.
  const s = JSON.stringify(
    Object.keys(texts)
      .sort()
      .map((k) => [k, texts[k]]),
  );
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return ((b >>> 0) + 0x100000000).toString(16).slice(1) + ((a >>> 0) + 0x100000000).toString(16).slice(1);
}
