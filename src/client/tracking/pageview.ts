import { LIMITS, type WireEvent } from '../../shared/index.js';
import { config } from '../config.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';
import { timeZone } from './ids.js';
import { cleanUrl } from './url.js';

/** The view last counted, so neither a second grant nor a repeated navigation counts it twice. */
let counted: string | undefined;
/** The referrer of the current view: the document's at load, the previous URL after SPA moves. */
let referrer = document.referrer;
let current = location.href;

/** What tells one view from another: path and query, plus the hash when the site routes by it. */
export function viewKey(): string {
  return location.pathname + location.search + (config.hashRouting ? location.hash : '');
}

/** The pageview of the current view, or `undefined` without analytics consent. */
export function buildPageview(): WireEvent | undefined {
  const e = baseEvent('pageview', 'analytics');
  if (!e) return undefined;
  return {
    ...e,
    referrer: (referrer && cleanUrl(referrer)) || undefined,
    title: document.title.slice(0, LIMITS.textLength) || undefined,
    language: navigator.language.slice(0, LIMITS.shortLength) || undefined,
    screen: `${screen.width}x${screen.height}`,
    timezone: timeZone(),
    // No access-log column of its own: the viewport rides in `props` (docs/wire-format.md).
    props: { viewport: `${innerWidth}x${innerHeight}` },
  };
}

/** Sends the current view once analytics is granted; a no-op otherwise or when already counted. */
export function trackPageview(): void {
  const key = viewKey();
  if (key === counted) return;
  const e = buildPageview();
  if (e && push(e)) counted = key;
}

/**
 * The page moved to another view (SPA navigation). `silent`: the same view under another URL
 * (`replaceState` that keeps the path), which is not counted again.
 */
export function newView(silent?: boolean): void {
  if (location.href === current) return;
  if (!silent) referrer = current;
  current = location.href;
  if (silent) counted = viewKey();
  else trackPageview();
}

/** A page restored from the back/forward cache is a new view of the same URL. */
export function restoredView(): void {
  counted = undefined;
  trackPageview();
}
