import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureIo,
  makeBatch,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

// Every acknowledged write waits for an fsync; on a busy shared disk that takes tens of ms.
vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const TOKEN = 'test-admin-token-0123456789abcdef';

describe('rate limit (--rate-limit N per minute per client)', () => {
  it('answers 429 with Retry-After past N, and never limits health probes', async () => {
    c = await startTestCollector({ rateLimit: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(`${c.url}/v1/events`, makeBatch())).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await post(`${c.url}/v1/events`, makeBatch());
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: 'COLLECT_ERR_RATE_LIMITED' });
    for (let i = 0; i < 10; i++) expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });

  it('counts per client: with --trust-proxy, each forwarded address has its own budget', async () => {
    c = await startTestCollector({ rateLimit: 2, trustProxy: ['loopback'] });
    const from = (ip: string) =>
      post(`${c?.url}/v1/events`, makeBatch(), { 'content-type': 'text/plain', 'x-forwarded-for': ip });
    expect([(await from('198.51.100.1')).status, (await from('198.51.100.1')).status]).toEqual([200, 200]);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
  });

  it('0 turns it off', async () => {
    c = await startTestCollector({ rateLimit: 0 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => post(`${c?.url}/v1/events`, makeBatch())),
    );
    expect(statuses.every((r) => r.status === 200)).toBe(true);
  });
});

describe('admin routes', () => {
  const routes: [string, string, unknown][] = [
    ['POST', '/v1/admin/privacy/export', { visitor_id: 'a'.repeat(32) }],
    ['POST', '/v1/admin/privacy/delete', { visitor_id: 'a'.repeat(32) }],
    ['POST', '/v1/admin/privacy/correct', { visitor_id: 'a'.repeat(32), set: { title: 'x' } }],
    ['POST', '/v1/admin/purge', {}],
    ['GET', '/v1/admin/audit', undefined],
  ];
  const call = (method: string, path: string, body: unknown, auth?: string) =>
    fetch(`${c?.url}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(auth ? { authorization: auth } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('refuse a missing or wrong token with 401 and do nothing', async () => {
    c = await startTestCollector({ adminToken: TOKEN });
    for (const [method, path, body] of routes) {
      for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
        const res = await call(method, path, body, auth);
        expect(res.status, `${path} with ${auth}`).toBe(401);
        expect(await res.json()).toMatchObject({ error: 'COLLECT_ERR_UNAUTHORIZED' });
      }
    }
    const audit = await call('GET', '/v1/admin/audit', undefined, `Bearer ${TOKEN}`);
    // Nothing was done by the refused calls; reading the audit log is itself audited.
    expect(await audit.json()).toEqual({ audit: [] });
  });

  it('accept the right token', async () => {
    c = await startTestCollector({ adminToken: TOKEN });
    for (const [method, path, body] of routes) {
      expect((await call(method, path, body, `Bearer ${TOKEN}`)).status, path).toBe(200);
    }
  });

  it('refuse any token (401) when none is configured or stored', async () => {
    c = await startTestCollector();
    const res = await call('GET', '/v1/admin/audit', undefined, 'Bearer anything');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/wrong or revoked token/);
  });
});

describe('headers and logs', () => {
  it('every response carries security headers; API answers a CSP that allows nothing', async () => {
    c = await startTestCollector();
    for (const res of [
      await post(`${c.url}/v1/events`, makeBatch()),
      await post(`${c.url}/v1/events`, '{bad'),
      await fetch(`${c.url}/nope`),
      await fetch(`${c.url}/metrics`),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('never logs a client IP (even forwarded) or a token', async () => {
    const { io, err } = captureIo();
    c = await startTestCollector({
      adminToken: TOKEN,
      trustProxy: ['loopback'],
      logger: { level: 'info', stream: io.stderr },
      logRequests: true,
    });
    await post(`${c.url}/v1/events`, makeBatch(), {
      'content-type': 'text/plain',
      'x-forwarded-for': '198.51.100.77',
    });
    await fetch(`${c.url}/v1/admin/audit`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await fetch(`${c.url}/v1/admin/audit`, { headers: { authorization: 'Bearer guessed-token' } });
    const logs = err();
    expect(logs).toContain('/v1/admin/audit');
    for (const secret of [
      '198.51.100',
      TOKEN,
      'guessed-token',
      '"127.0.0.1"',
      'remoteAddress',
      'authorization',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
