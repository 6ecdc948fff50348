import { init, type Options } from './index.js';

// The IIFE's global `consentlog` is this module's exports: the same API as the ESM build.
export * from './index.js';

/** Our tag: `currentScript`, which is null under some tag managers; then the tag by attribute. */
function findScript(): HTMLScriptElement | null {
  const own = document.currentScript as HTMLScriptElement | null;
  return own?.dataset.collector ? own : document.querySelector('script[data-collector]');
}

/**
 * Options that do not fit an attribute (`cookies`, `services`, `texts`, `categories`, …) come from
 * `<script type="application/json" data-consentlog-config>{…}</script>`: JSON, never run, so it
 * needs no CSP allowance. Attributes win over it.
 */
function jsonOptions(): Record<string, unknown> {
  const node = document.querySelector('script[data-consentlog-config]');
  if (!node) return {};
  try {
    return JSON.parse(node.textContent || '{}') as Record<string, unknown>;
  } catch {
    throw new Error('consentlog: <script data-consentlog-config> must hold JSON');
  }
}

/** Reads the script tag's `data-*` attributes once and starts; never throws into the page. */
function autoInit(): void {
  // Loaded twice (say, by the page and by a tag manager): the first copy already runs.
  const loaded = (window as { consentlog?: { init?: unknown } }).consentlog;
  if (loaded && typeof loaded.init === 'function') return;
  const script = findScript();
  try {
    // Every option as text (`data-retry-base-ms="200"`): `init()` reads tracking options as their
    // type. Read from the attributes, not by spreading `dataset`, which some DOMs (happy-dom)
    // enumerate without its empty values. No tag with `data-collector`: `init()` names the option.
    const options: Record<string, unknown> = jsonOptions();
    for (const { name, value } of script?.attributes || []) {
      if (name.startsWith('data-'))
        options[name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
    }
    // The IDL property first: browsers hide the `nonce` attribute's value from the DOM.
    const nonce = script?.nonce || script?.getAttribute('nonce');
    if (nonce) options.nonce = nonce;
    init(options as unknown as Options);
  } catch (error) {
    // Only our own errors reach here (a bad option, bad JSON): the message says it all.
    console.error((error as Error).message);
  }
}

autoInit();
