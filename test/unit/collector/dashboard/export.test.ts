import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_COLUMNS } from '../../../../src/shared/index.js';
import type { TestCollector } from '../../../helpers/collector-app.js';
import { type SignedIn, signIn, startDashboardCollector } from '../../../helpers/dashboard.js';
import { FORMULA_TITLE, NOW, seed } from './seed.js';

let c: TestCollector;
let s: SignedIn;

beforeAll(async () => {
  c = await startDashboardCollector({ now: () => NOW });
  await seed(c.app.store);
  s = await signIn(c.url);
});
afterAll(async () => c.close());

const count = (where: string): number => {
  const db = new Database(c.db, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) FROM access_log WHERE site = 'shop.example' AND ts >= ? AND ts < ? AND ${where}`,
      )
      .pluck()
      .get(Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 27)) as number;
  } finally {
    db.close();
  }
};

describe('dashboard export', () => {
  it('streams the filtered rows as NDJSON, every column', async () => {
    const res = await fetch(
      `${c.url}/dashboard/api/export?format=ndjson&site=shop.example&period=7d&browser=Chrome`,
      {
        headers: { cookie: s.cookie },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="consentlog-shop.example-2026-11-20.ndjson"',
    );
    expect(res.headers.get('transfer-encoding')).toBe('chunked'); // streamed: no length known up front
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(count("is_bot = 0 AND browser = 'Chrome'"));
    expect(new Set(lines.map((l) => l.browser))).toEqual(new Set(['Chrome']));
    expect(Object.keys(lines[0] ?? {})).toEqual([...ACCESS_LOG_COLUMNS]);
  });

  it('writes CSV with formula payloads neutralised', async () => {
    const res = await fetch(
      `${c.url}/dashboard/api/export?format=csv&site=shop.example&period=7d&bots=include`,
      {
        headers: { cookie: s.cookie },
      },
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(ACCESS_LOG_COLUMNS.join(','));
    expect(lines).toHaveLength(count('1 = 1') + 1);
    const payload = `"'${FORMULA_TITLE.replaceAll('"', '""')}"`;
    expect(text).toContain(`,${payload},`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('refuses an export without a session', async () => {
    expect((await fetch(`${c.url}/dashboard/api/export?format=csv`)).status).toBe(401);
  });
});
