import { config } from '../config.js';
import { el } from '../lib/el.js';
import { safeRun } from '../lib/safeRun.js';
import { setConsent } from './actions.js';
import { injectStyles } from './banner/styles.js';
import { categoryText, fill, textsFor } from './banner/texts.js';
import { consentEvents, hasConsent } from './state.js';

const SCRIPTS = 'script[type="text/plain"][data-category]';
const FRAMES = 'iframe[data-src][data-category]';

/** Runs one tag after the other, so tags run in document order even when some load a file. */
let queue: Promise<void> = Promise.resolve();

/**
 * Replaces a blocked `<script type="text/plain">` by a live copy. The copy keeps every attribute
 * but `type` (`data-type` gives a real one, e.g. `module`) and the nonce, so it runs under a
 * strict CSP. The original leaves the page, so each tag runs once.
 */
function run(old: HTMLScriptElement): Promise<void> {
  return new Promise((done) => {
    const s = document.createElement('script');
    for (const a of old.attributes) if (a.name !== 'type') s.setAttribute(a.name, a.value);
    const type = old.getAttribute('data-type');
    if (type) s.type = type;
    s.nonce = old.nonce || '';
    s.text = old.text;
    // Dynamic scripts are async by default; we wait for each one instead.
    if (s.src) s.onload = s.onerror = () => done();
    old.replaceWith(s);
    if (!s.src) done();
  });
}

/** A placeholder in front of a blocked iframe: what its category is for, and a button to grant it. */
function placeholder(cat: string): HTMLElement {
  const t = textsFor(config);
  const button = el('button', { type: 'button', class: 'cl-btn' }, fill(t.allow, t, cat));
  button.addEventListener('click', () => setConsent({ [cat]: true }));
  return el(
    'div',
    { class: 'cl-ui cl-ph', lang: t.lang },
    el('p', {}, categoryText(t, cat).join(': ')),
    button,
  );
}

function frame(f: HTMLIFrameElement, cat: string): void {
  const granted = hasConsent(cat);
  const prev = f.previousElementSibling;
  const ph = prev?.classList.contains('cl-ph') ? prev : null;
  if (granted) {
    ph?.remove();
    f.hidden = false;
    if (f.getAttribute('src') !== f.dataset.src) f.src = f.dataset.src as string;
    return;
  }
  // Withdrawn: unload what the frame shows. Never loaded: keep it empty.
  if (f.hasAttribute('src')) f.src = 'about:blank';
  f.hidden = true;
  if (!ph) {
    injectStyles(config.nonce);
    f.before(placeholder(cat));
  }
}

/** Finds blocked tags and frames (in document order) and releases those whose category is granted. */
export function scan(): void {
  for (const f of document.querySelectorAll<HTMLIFrameElement>(FRAMES)) {
    safeRun(() => frame(f, f.dataset.category as string));
  }
  for (const s of document.querySelectorAll<HTMLScriptElement>(SCRIPTS)) {
    if (!hasConsent(s.dataset.category as string) || s.dataset.clQueued) continue;
    s.dataset.clQueued = '1';
    queue = queue.then(() => run(s)).catch(() => undefined);
  }
}

/** Now, after every consent change, and whenever the page adds elements (late or injected tags). */
export function startBlocker(): void {
  consentEvents.on(scan);
  new MutationObserver(() => safeRun(scan)).observe(document, { childList: true, subtree: true });
  scan();
}
