import { config } from '../config.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';

let visibleMs = 0;
/** When the page last became visible, or 0 while hidden. */
let since = 0;
let deepest = 0;
let url = location.href;
let sent = false;

const now = () => Date.now();

function scrolled(): void {
  const doc = document.documentElement;
  const pct = Math.round(((scrollY + innerHeight) / Math.max(doc.scrollHeight, 1)) * 100);
  if (pct > deepest) deepest = Math.min(pct, 100);
}

/**
 * Sends this view's engagement once: `value` = visible time in milliseconds, `props.scroll` =
 * deepest scroll, in percent of the page height (100 when the page fits the window).
 */
function send(): void {
  if (sent || !config.engagement) return;
  const ms = visibleMs + (since ? now() - since : 0);
  const e = baseEvent('engagement', 'analytics', url);
  if (ms > 0 && e && push({ ...e, value: ms, props: { scroll: deepest } })) sent = true;
}

/** A SPA navigation ends the view: send its engagement, then count afresh for the next one. */
export function endView(): void {
  send();
  visibleMs = 0;
  since = document.visibilityState === 'visible' ? now() : 0;
  deepest = 0;
  url = location.href;
  sent = false;
  scrolled();
}

export function startEngagement(): void {
  since = document.visibilityState === 'visible' ? now() : 0;
  scrolled();
  addEventListener('scroll', scrolled, { passive: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      since = now();
      return;
    }
    if (since) visibleMs += now() - since;
    since = 0;
    send();
  });
}
