import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../../../src/collector/auth/tokens.js';
import { PERSONAL_COLUMNS } from '../../../../src/shared/access-log.js';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { dashGet, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';
import { NOW, seed } from './seed.js';

let c: TestCollector;
let analystToken: string;

beforeAll(async () => {
  c = await startDashboardCollector({ now: () => NOW });
  await seed(c.app.store);
  analystToken = (await createToken(c.app.store, 'analyst', 'ana')).token;
});
afterAll(async () => c.close());

const exportRows = async (cookie: string) => {
  const res = await fetch(`${c.url}/dashboard/api/export?format=ndjson&site=shop.example&period=7d`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return (await res.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

describe('dashboard roles and audit', () => {
  it('signs an analyst in with their role; panels answer', async () => {
    const s = await signIn(c.url, analystToken);
    expect((await dashGet(c.url, s, '/session')).body).toMatchObject({ role: 'analyst' });
    const overview = await dashGet<{ totals: { pageviews: number } }>(
      c.url,
      s,
      '/overview?site=shop.example&period=7d',
    );
    expect(overview.status).toBe(200);
    expect(overview.body.totals.pageviews).toBeGreaterThan(0);
  });

  it('exports without the personal columns for an analyst, with them for the admin', async () => {
    const analystRows = await exportRows((await signIn(c.url, analystToken)).cookie);
    const adminRows = await exportRows((await signIn(c.url)).cookie);
    expect(analystRows.length).toBe(adminRows.length);
    expect(analystRows.length).toBeGreaterThan(0);
    for (const column of PERSONAL_COLUMNS) {
      expect(analystRows.every((row) => !(column in row))).toBe(true);
      expect(adminRows.every((row) => column in row)).toBe(true);
    }
    expect(adminRows.some((row) => typeof row.visitor_id === 'string')).toBe(true);
    expect(analystRows[0]).toHaveProperty('path');
    const csv = await fetch(`${c.url}/dashboard/api/export?format=csv&site=shop.example&period=7d`, {
      headers: { cookie: (await signIn(c.url, analystToken)).cookie },
    });
    const header = (await csv.text()).split('\r\n')[0] ?? '';
    expect(header).toContain('path');
    for (const column of PERSONAL_COLUMNS) expect(header.split(',')).not.toContain(column);
  });

  it('refuses a revoked token at sign-in, and the audit log to analysts', async () => {
    const s = await signIn(c.url, analystToken);
    expect((await dashGet(c.url, s, '/audit')).status).toBe(403);
    const { token } = await createToken(c.app.store, 'analyst', 'gone');
    await c.app.store.revokeToken('gone', NOW);
    const refused = await fetch(`${c.url}/dashboard/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: c.url },
      body: JSON.stringify({ token }),
    });
    expect(refused.status).toBe(401);
  });

  it('writes sign-ins and exports (who, filter, rows) to the audit log that admins read', async () => {
    const admin = await signIn(c.url);
    const analyst = await signIn(c.url, analystToken);
    const rows = await exportRows(analyst.cookie);
    const { status, body } = await dashGet<{
      audit: { actor: string; action: string; detail: string | null }[];
    }>(c.url, admin, '/audit');
    expect(status).toBe(200);
    const exported = body.audit.find((e) => e.action === 'dashboard.export' && e.actor === 'token:ana');
    expect(JSON.parse(exported?.detail ?? '{}')).toMatchObject({
      format: 'ndjson',
      site: 'shop.example',
      rows: rows.length,
      personal_columns: false,
    });
    expect(body.audit.some((e) => e.action === 'dashboard.sign_in' && e.actor === 'token:ana')).toBe(true);
    expect(body.audit.some((e) => e.action === 'dashboard.sign_in' && e.actor === 'admin')).toBe(true);
    expect(body.audit.some((e) => e.action === 'dashboard.sign_in_refused')).toBe(true);
  });
});
