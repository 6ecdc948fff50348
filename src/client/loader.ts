import { init } from './index.js';

// The IIFE's global `consentlog` is this module's exports: the same API as the ESM build.
export * from './index.js';

/** Our tag: `currentScript`, which is null under some tag managers; then the tag by attribute. */
function findScript(): HTMLScriptElement | null {
  const own = document.currentScript as HTMLScriptElement | null;
  // biome-ignore lint/complexity/useOptionalChain: the es2019 build would spell `?.` out in full.
  if (own && own.dataset.collector) return own;
  return document.querySelector('script[data-collector]');
}

const num = (v?: string): number | undefined => (v ? +v : undefined);
const list = (v?: string): string[] | undefined => (v === undefined ? v : v.split(/[\s,]+/).filter(Boolean));
const bool = (v?: string): boolean | undefined => (v === undefined ? v : v !== 'false');

/** Reads the script tag's `data-*` attributes once and starts; never throws into the page. */
function autoInit(): void {
  // Loaded twice (say, by the page and by a tag manager): the first copy already runs.
  const loaded = (window as { consentlog?: { init?: unknown } }).consentlog;
  if (loaded && typeof loaded.init === 'function') return;
  const script = findScript();
  const data = script ? script.dataset : {};
  if (!script || !data.collector) {
    console.error('consentlog: the <script> tag needs a data-collector attribute (the collector URL)');
    return;
  }
  try {
    init({
      collector: data.collector,
      site: data.site,
      policyRevision: data.policyRevision,
      policyUrl: data.policyUrl,
      lang: data.lang,
      // The IDL property first: browsers hide the `nonce` attribute's value from the DOM.
      nonce: script.nonce || script.getAttribute('nonce') || undefined,
      // Tracking and outbox (issue 4): README "Tracking options".
      visitorCookie: data.visitorCookie,
      visitorDays: num(data.visitorDays),
      sessionMinutes: num(data.sessionMinutes),
      queryDeny: list(data.queryDeny),
      hashRouting: bool(data.hashRouting),
      outbound: bool(data.outbound),
      downloads: list(data.downloads),
      engagement: bool(data.engagement),
      vitals: bool(data.vitals),
      retryBaseMs: num(data.retryBaseMs),
      retryMaxMs: num(data.retryMaxMs),
      flushIntervalMs: num(data.flushIntervalMs),
      maxQueue: num(data.maxQueue),
      maxAgeHours: num(data.maxAgeHours),
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
}

autoInit();
