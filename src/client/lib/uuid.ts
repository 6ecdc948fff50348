/**
 * A random (v4) UUID. `crypto.randomUUID` exists only in secure contexts, so a site served over
 * plain http (say, a LAN demo) falls back to `crypto.getRandomValues`: in the template, each `0`
 * and `1` becomes a random hex digit and the `8` a variant digit (8–b); the `4` is the version.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+c / 4)))).toString(16),
  );
}
