/**
 * The CSS of the banner, the preferences dialog and iframe placeholders (all carry `.cl-ui`),
 * shipped inside the script and injected once as a `<style>` carrying the page's nonce, so it
 * works under `style-src 'self' 'nonce-…'`. No `style=` attributes anywhere.
 *
 * Theming: the `--cl-*` custom properties are declared inside `:where()`, which has no
 * specificity, so any site rule such as `.cl-ui{--cl-btn:#004d40}` wins. Light and dark values
 * both pass WCAG AA contrast. Every button shares `.cl-btn`: Accept all and Reject all never
 * differ in size, colour or weight (consent-rules.md §1.2 item 3). The banner is `position:fixed`,
 * so it never moves page content (no layout shift). There is no animation or transition at all, so
 * `prefers-reduced-motion` visitors get what everyone gets: a banner that is simply there.
 */
export const CSS =
  ':where(.cl-ui){--cl-bg:#fff;--cl-fg:#111;--cl-link:#0645ad;--cl-btn:#111;--cl-btn-fg:#fff;' +
  '--cl-line:#767676;--cl-font:15px/1.5 system-ui,sans-serif}' +
  '@media(prefers-color-scheme:dark){:where(.cl-ui){--cl-bg:#1c1c1c;--cl-fg:#eee;--cl-link:#9cc2ff;' +
  '--cl-btn:#eee;--cl-btn-fg:#111;--cl-line:#999}}' +
  '.cl-ui{background:var(--cl-bg);color:var(--cl-fg);font:var(--cl-font);text-align:left;box-sizing:border-box}' +
  '.cl-ui p{margin:0 0 12px}' +
  '.cl-ui a{color:var(--cl-link);text-decoration:underline}' +
  '.cl-ui :focus-visible{outline:3px solid var(--cl-link);outline-offset:2px}' +
  '#cl-banner{position:fixed;z-index:2147483646;inset:auto 0 0;max-height:100vh;overflow:auto;' +
  'padding:16px;border-top:1px solid var(--cl-line)}' +
  '#cl-banner.cl-box{inset:50% auto auto 50%;transform:translate(-50%,-50%);' +
  'width:min(92vw,480px);border:1px solid var(--cl-line);border-radius:8px}' +
  '.cl-actions,.cl-rights{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;max-width:640px}.cl-rights{margin-bottom:8px}' +
  '.cl-btn{margin:0;padding:10px;font:inherit;font-weight:600;color:var(--cl-btn-fg);background:var(--cl-btn);' +
  'border:0;border-radius:4px;cursor:pointer}' +
  '#cl-prefs{width:min(94vw,560px);max-height:90vh;padding:0;border:1px solid var(--cl-line);border-radius:8px}' +
  '#cl-prefs::backdrop{background:#0008}' +
  '#cl-prefs>div{padding:20px}' +
  '#cl-prefs h2{margin:0 0 12px;font-size:20px}' +
  '.cl-x{position:absolute;top:12px;right:12px;font-size:20px;color:inherit;background:none;border:0;padding:8px;cursor:pointer}' +
  '.cl-cat{border-top:1px solid var(--cl-line);padding:10px 0}' +
  '.cl-cat label{display:flex;gap:10px;align-items:center;font-weight:600}' +
  '.cl-cat p,.cl-cat ul{margin:4px 0 0;font-size:14px}' +
  '.cl-cat input{accent-color:var(--cl-link);width:20px;height:20px;margin:0}' +
  '.cl-ph{padding:16px;border:1px dashed var(--cl-line)}';

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
