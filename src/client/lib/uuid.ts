/** 128 random bits as 32 lowercase hex digits (visitor and session ids). */
export const randomHex = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');

/**
 * A random (v4) UUID: 120 random bits, the version digit `4` and the variant digit `8`. Made from
 * `getRandomValues`, which, unlike `crypto.randomUUID`, also exists outside secure contexts (a site
 * served over plain http), so one code path serves both.
 */
export const uuid = (): string =>
  randomHex().replace(/(.{8})(.{4}).(.{3}).(.{3})(.{12})/, '$1-$2-4$3-8$4-$5');
