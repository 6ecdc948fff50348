import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTOR, freshClient, resetPage, seedCookie } from '../helpers.js';

type Layer = unknown[];
const layer = () =>
  ((window as unknown as { dataLayer?: Layer }).dataLayer ?? []).map((e) =>
    typeof e === 'object' && e !== null && 'callee' in e ? Array.from(e as unknown as ArrayLike<unknown>) : e,
  );

beforeEach(() => {
  resetPage();
  delete (window as unknown as { dataLayer?: Layer }).dataLayer;
});
afterEach(() => {
  delete (window as unknown as { dataLayer?: Layer }).dataLayer;
});

describe('withdrawal clears the cookies a site lists', () => {
  it('deletes matching names and patterns of denied categories only, on start and on change', async () => {
    for (const name of ['_ga', '_ga_X1', '_fbp', '_pk_id.1', 'keep_me']) seedCookie('1', name);
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, cookies: { marketing: ['_ga*', '_fbp'], analytics: ['_pk_id*'] } });
    // No decision: every listed cookie is stale and goes at once.
    expect(document.cookie.split('; ').sort()).toEqual(['keep_me=1']);
    cl.acceptAll();
    for (const name of ['_ga', '_pk_id.1']) seedCookie('1', name);
    cl.setConsent({ marketing: false });
    const names = document.cookie.split('; ').map((c) => c.split('=')[0]);
    expect(names.sort()).toEqual(['_pk_id.1', 'cl_consent', 'cl_sid', 'cl_vid', 'keep_me']);
  });
});

describe('Google Consent Mode', () => {
  it('is off with consentMode: false', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR, consentMode: false });
    cl.acceptAll();
    expect((window as unknown as { dataLayer?: Layer }).dataLayer).toBeUndefined();
  });

  it('repeats default then update on a page with a stored decision, and keeps an existing dataLayer', async () => {
    (window as unknown as { dataLayer: Layer }).dataLayer = [{ event: 'site' }];
    seedCookie(
      encodeURIComponent(
        JSON.stringify({
          id: 'x',
          rev: '1',
          ts: Date.now(),
          c: { analytics: 0, performance: 0, marketing: 1 },
        }),
      ),
    );
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const entries = layer();
    expect(entries[0]).toEqual({ event: 'site' });
    expect(entries.slice(1, 3)).toEqual([
      ['consent', 'default', expect.objectContaining({ ad_storage: 'denied', analytics_storage: 'denied' })],
      [
        'consent',
        'update',
        {
          ad_storage: 'granted',
          ad_user_data: 'granted',
          ad_personalization: 'granted',
          analytics_storage: 'denied',
        },
      ],
    ]);
    expect(entries[3]).toMatchObject({ event: 'consentlog_consent', consentlog: { id: 'x' } });
  });
});
