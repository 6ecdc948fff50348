import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { ADMIN_TOKEN, dashGet, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';

let c: TestCollector;
let now = Date.UTC(2026, 10, 27, 12);

beforeEach(async () => {
  now = Date.UTC(2026, 10, 27, 12);
  c = await startDashboardCollector({ now: () => now });
});
afterEach(async () => c.close());

const api = (path: string) => `${c.url}/dashboard/api${path}`;

describe('dashboard session', () => {
  it('refuses every data route without a session (401)', async () => {
    for (const path of [
      '/sites',
      '/overview',
      '/breakdown/pages',
      '/vitals',
      '/consent',
      '/export',
      '/session',
    ]) {
      const res = await fetch(api(path));
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('COLLECT_ERR_UNAUTHORIZED');
    }
  });

  it('signs in with the admin token: HttpOnly SameSite=Strict cookie, role and CSRF token', async () => {
    const res = await fetch(api('/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: c.url },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^consentlog_session=[\w-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/dashboard');
    expect(setCookie).not.toContain('Secure'); // plain http on loopback
    const body = (await res.json()) as { role: string; csrf: string };
    expect(body.role).toBe('admin');
    expect(body.csrf.length).toBeGreaterThan(20);
    const cookie = setCookie.split(';')[0] as string;
    const me = await fetch(api('/session'), { headers: { cookie } });
    expect(await me.json()).toEqual({ role: 'admin', csrf: body.csrf });
    expect((await fetch(api('/sites'), { headers: { cookie } })).status).toBe(200);
  });

  it('stores only a hash of the session id, with its role', async () => {
    const { cookie } = await signIn(c.url);
    const id = cookie.split('=')[1] as string;
    const db = new Database(c.db, { readonly: true });
    const rows = db.prepare('SELECT * FROM dashboard_sessions').all() as Record<string, unknown>[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe('admin');
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong token (401) and, after 10 tries a minute, answers 429', async () => {
    const wrong = () =>
      fetch(api('/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'not-the-token' }),
      });
    for (let i = 0; i < 10; i++) expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(429);
    now += 61_000;
    expect((await wrong()).status).toBe(401);
  });

  it('refuses a sign-in from another site (403), even with the right token', async () => {
    const forged: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of forged) {
      const res = await fetch(api('/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('sign-out needs the CSRF header, then ends the session and clears the cookie', async () => {
    const s = await signIn(c.url);
    const noHeader = await fetch(api('/session'), { method: 'DELETE', headers: { cookie: s.cookie } });
    expect(noHeader.status).toBe(403);
    expect(((await noHeader.json()) as { error: string }).error).toBe('COLLECT_ERR_CSRF');
    const wrongHeader = await fetch(api('/session'), {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` },
    });
    expect(wrongHeader.status).toBe(403);
    expect((await dashGet(c.url, s, '/sites')).status).toBe(200); // still signed in
    const out = await fetch(api('/session'), {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^consentlog_session=; .*Max-Age=0/);
    expect((await dashGet(c.url, s, '/sites')).status).toBe(401);
  });

  it('ends a session after 12 hours idle, and a request keeps it alive', async () => {
    const s = await signIn(c.url);
    now += 11 * 3_600_000;
    expect((await dashGet(c.url, s, '/sites')).status).toBe(200);
    now += 11 * 3_600_000; // 22 h after sign-in, 11 h after the last request
    expect((await dashGet(c.url, s, '/sites')).status).toBe(200);
    now += 12 * 3_600_000 + 1;
    expect((await dashGet(c.url, s, '/sites')).status).toBe(401);
  });

  it('refuses a forged cookie', async () => {
    const res = await fetch(api('/sites'), {
      headers: { cookie: 'consentlog_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to every sign-in when no admin token is configured', async () => {
    await c.close();
    const { startTestCollector } = await import('../../../helpers/collector-app.js');
    c = await startTestCollector();
    const res = await fetch(api('/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'anything-at-all-here' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('a store without dashboard support', () => {
  it('answers 501, not 500', async () => {
    const { openSqliteStore } = await import('../../../../src/collector/store/sqlite.js');
    const { startTestCollector } = await import('../../../helpers/collector-app.js');
    const real = openSqliteStore(':memory:');
    // A backend that has not implemented the dashboard yet: every Store method, no `dashboard`.
    const store = new Proxy(real, { get: (t, k) => (k === 'dashboard' ? undefined : Reflect.get(t, k)) });
    const bare = await startTestCollector({ store, adminToken: ADMIN_TOKEN });
    try {
      const res = await fetch(`${bare.url}/dashboard/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(res.status).toBe(501);
    } finally {
      await bare.close();
      await real.close();
    }
  });
});
