/**
 * The banner's CSS, shipped inside the script and injected once as a `<style>` element carrying
 * the page's nonce, so it works under `style-src 'self' 'nonce-…'`. No `style=` attributes
 * anywhere: a strict CSP would block them.
 *
 * Accept all and Reject all share one class and sit in equal grid cells, so they never differ in
 * size, colour or weight (consent-rules.md §1.2 item 3). Position fixed: the page does not shift.
 * Rules are scoped under `#cl-banner` where host-page CSS would otherwise win.
 */
export const CSS =
  '#cl-banner{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:100vh;overflow:auto;' +
  'box-sizing:border-box;padding:16px;background:#fff;color:#111;border-top:1px solid #777;' +
  'font:15px/1.5 system-ui,sans-serif;text-align:left}' +
  '#cl-banner [hidden]{display:none!important}' +
  '#cl-banner p{margin:0 0 12px}' +
  '#cl-banner a{color:#0645ad;text-decoration:underline}' +
  '#cl-banner :focus-visible{outline:3px solid #0645ad;outline-offset:2px}' +
  '.cl-choices{border:0;margin:0 0 12px;padding:0}' +
  '.cl-choice{display:block;margin:6px 0}' +
  '.cl-purpose{display:block;margin-left:24px;font-size:13px}' +
  '.cl-actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;max-width:640px}' +
  '.cl-btn{margin:0;padding:10px;font:inherit;font-weight:600;color:#fff;background:#111;border:0;' +
  'border-radius:4px;cursor:pointer}';

const ID = 'cl-style';

/** Adds the stylesheet once, however often the banner is shown. */
export function injectStyles(nonce?: string): void {
  if (document.getElementById(ID)) return;
  const style = document.createElement('style');
  style.id = ID;
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = CSS;
  document.head.append(style);
}
