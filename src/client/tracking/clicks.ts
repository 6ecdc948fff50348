import { config } from '../config.js';
import { safeRun } from '../lib/safeRun.js';
import { type Props, track } from './track.js';
import { cleanUrl } from './url.js';

/** `data-consentlog-event="name"` + `data-consentlog-prop-KEY="value"` → `track(name, {key: value})`. */
function tagged(el: HTMLElement): void {
  const props: Props = {};
  for (const [k, v] of Object.entries(el.dataset)) {
    if (k.startsWith('consentlogProp') && k.length > 14 && v !== undefined) {
      props[k.charAt(14).toLowerCase() + k.slice(15)] = v;
    }
  }
  track(el.dataset.consentlogEvent || '', props);
}

/** Outbound links and downloads: recorded on the click, never delaying or cancelling it. */
function link(a: HTMLAnchorElement): void {
  const url = new URL(a.href, location.href);
  if (!/^https?:$/.test(url.protocol)) return;
  const file = url.pathname.split('/').pop() || '';
  const ext = file.includes('.') ? (file.split('.').pop() || '').toLowerCase() : '';
  if (a.hasAttribute('download') || config.downloads.includes(ext))
    track('download', { url: cleanUrl(url.href) });
  else if (config.outbound && url.hostname !== location.hostname)
    track('outbound', { url: cleanUrl(url.href) });
}

function clicked(ev: MouseEvent): void {
  // Middle clicks open links too; right clicks (menus) do not count.
  if (ev.type === 'auxclick' && ev.button !== 1) return;
  safeRun(() => {
    const target = ev.target as Element;
    const el = target.closest<HTMLElement>('[data-consentlog-event]');
    if (el) return tagged(el);
    const a = target.closest<HTMLAnchorElement>('a[href]');
    if (a) link(a);
  });
}

/** One passive listener on the document: clicks reach it whatever the page does with them. */
export function startClicks(): void {
  document.addEventListener('click', clicked, { capture: true, passive: true });
  document.addEventListener('auxclick', clicked, { capture: true, passive: true });
}
