import { startTestCollector, type TestCollector } from './collector-app.js';

export const ADMIN_TOKEN = 'dashboard-test-admin-token-0123456789';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/** A collector on a real socket with an admin token, a fixed dashboard clock and zone. */
export async function startDashboardCollector(
  opts: { now?: () => number; timezone?: string } = {},
): Promise<TestCollector> {
  return startTestCollector({
    adminToken: ADMIN_TOKEN,
    timezone: opts.timezone ?? 'UTC',
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** Signs in as the dashboard page would (same-origin Origin header); returns cookie and CSRF token. */
export async function signIn(url: string, token = ADMIN_TOKEN): Promise<SignedIn> {
  const res = await fetch(`${url}/dashboard/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrf } = (await res.json()) as { csrf: string };
  return { cookie, csrf };
}

/** GET a dashboard API path (with query) as a signed-in user; returns status and parsed JSON. */
export async function dashGet<T = Record<string, unknown>>(
  url: string,
  session: SignedIn,
  path: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/dashboard/api${path}`, { headers: { cookie: session.cookie } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
