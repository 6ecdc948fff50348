import { afterEach, describe, expect, it } from 'vitest';
import { makeBatch, post, startTestCollector, type TestCollector } from '../../../helpers/collector-app.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const preflight = (url: string, origin: string) =>
  fetch(`${url}/v1/events`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });

describe('CORS', () => {
  it('reflects any origin by default, without credentials', async () => {
    c = await startTestCollector();
    const res = await post(`${c.url}/v1/events`, makeBatch(), {
      'content-type': 'text/plain',
      origin: 'https://shop.example.com',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const pre = await preflight(c.url, 'https://blog.example.org');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://blog.example.org');
    expect(pre.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  });

  it('with an allow-list, answers listed origins and refuses others', async () => {
    c = await startTestCollector({ allowOrigins: ['https://shop.example.com'] });
    const ok = await post(`${c.url}/v1/events`, makeBatch(), {
      'content-type': 'text/plain',
      origin: 'https://shop.example.com',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');

    const pre = await preflight(c.url, 'https://evil.example.net');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await post(`${c.url}/v1/events`, makeBatch(), {
      'content-type': 'text/plain',
      origin: 'https://evil.example.net',
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'COLLECT_ERR_ORIGIN_FORBIDDEN',
      message: 'Origin https://evil.example.net is not allowed',
    });
  });
});
