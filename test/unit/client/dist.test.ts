import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COLLECTOR, flush, resetPage, type SentRequest } from './helpers.js';

/**
 * Runs the built, minified IIFE (STYLE.md §4: property mangling must not break anything). Skipped
 * until `npx vite build --mode client` has made dist/consentlog.js.
 */
const file = join(import.meta.dirname, '../../../dist/consentlog.js');
type Api = typeof import('../../../src/client/index.js');

let sent: SentRequest[];
beforeEach(() => {
  sent = resetPage();
});

function runBuilt(): Api {
  // The tag the loader looks for (`currentScript` is null here, so it takes the fallback path).
  const script = document.createElement('script');
  script.dataset.collector = COLLECTOR;
  document.head.append(script);
  // happy-dom 20 does not run <script> text, so run the file ourselves and return its global.
  return new Function(`${readFileSync(file, 'utf8')}\nreturn consentlog;`)() as Api;
}

describe('dist/consentlog.js', () => {
  it('is built (npm test builds it first)', () => {
    expect(existsSync(file), `${file} is missing: run \`npm run build\``).toBe(true);
  });

  it('defines the global API and shows the banner', () => {
    const cl = runBuilt();
    expect(Object.keys(cl).sort()).toEqual(
      [
        'acceptAll',
        'deleteMyData',
        'exportMyData',
        'getConsent',
        'hasConsent',
        'hidePreferences',
        'init',
        'on',
        'rejectAll',
        'reset',
        'setConsent',
        'showPreferences',
        'stats',
        'track',
        'version',
      ].sort(),
    );
    expect(document.querySelectorAll('#cl-banner button:not([hidden])')).toHaveLength(3);
    expect(sent).toEqual([]);
  });

  it('stores choices and sends one pageview after Accept all, none after Reject all', async () => {
    const cl = runBuilt();
    document.querySelector<HTMLButtonElement>('[data-cl-action="reject"]')?.click();
    expect(cl.hasConsent('analytics')).toBe(false);
    await flush();
    expect(sent).toEqual([]);
    cl.acceptAll();
    expect(cl.getConsent()?.choices).toEqual({
      necessary: true,
      analytics: true,
      performance: true,
      marketing: true,
    });
    // The outbox sends from its queue, a few ticks later.
    await vi.waitFor(() => expect(sent.map((s) => s.batch.events[0]?.type)).toEqual(['pageview']));
  });
});
