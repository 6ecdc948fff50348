import { init, type Options } from './index.js';

// The IIFE's global `consentlog` is this module's exports: the same API as the ESM build.
export * from './index.js';

/** Our tag: `currentScript`, which is null under some tag managers; then the tag by attribute. */
function findScript(): HTMLScriptElement | null {
  const own = document.currentScript as HTMLScriptElement | null;
  // biome-ignore lint/complexity/useOptionalChain: the es2019 build would spell `?.` out in full.
  if (own && own.dataset.collector) return own;
  return document.querySelector('script[data-collector]');
}

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
      // Every other option as text (`data-retry-base-ms="200"`): `init()` reads it as its type.
      ...(data as unknown as Options),
      collector: data.collector,
      site: data.site,
      policyRevision: data.policyRevision,
      policyUrl: data.policyUrl,
      lang: data.lang,
      // The IDL property first: browsers hide the `nonce` attribute's value from the DOM.
      nonce: script.nonce || script.getAttribute('nonce') || undefined,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
}

autoInit();
