/**
 * Calls `fn` once the body exists. The script tag usually sits in `<head>`, where it runs before
 * `document.body` is parsed.
 */
export function onReady(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}
