import { beforeEach, describe, expect, it } from 'vitest';
import { COLLECTOR, freshClient, recordFetch, resetPage, seedCookie } from '../helpers.js';

// The happy path runs in real Chromium against the built collector (test/e2e/privacy-rights.test.ts);
// these pin the edges: misuse, a malformed cookie, a collector that cannot answer.
beforeEach(() => {
  resetPage();
});

describe('exportMyData / deleteMyData edges', () => {
  it('before init(): rejects, naming init()', async () => {
    const cl = await freshClient();
    await expect(cl.exportMyData()).rejects.toThrow('consentlog: call init() first');
  });

  it('a cookie that is not a 32-hex id is not sent anywhere', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const sent = recordFetch(200);
    seedCookie('not-a-visitor-id', 'cl_vid');
    expect(await cl.exportMyData()).toBeNull();
    expect(sent).toEqual([]);
  });

  it('a collector error rejects with its status and keeps the cookie', async () => {
    const cl = await freshClient();
    cl.init({ collector: COLLECTOR });
    const sent = recordFetch(503);
    seedCookie('ab'.repeat(16), 'cl_vid');
    await expect(cl.deleteMyData()).rejects.toThrow('consentlog: the collector answered 503');
    expect(sent.map((s) => [s.url, s.init.method, s.init.credentials])).toEqual([
      [`${COLLECTOR}/v1/privacy/delete`, 'POST', 'omit'],
    ]);
    expect(document.cookie).toContain(`cl_vid=${'ab'.repeat(16)}`);
  });
});
