import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { visitorSubject } from '../../../../src/collector/privacy/rights.js';
import type { ConsentDecision } from '../../../../src/shared/index.js';
import {
  captureIo,
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

vi.setConfig({ testTimeout: 30_000 });

const ALICE = 'a1'.repeat(16);
const BOB = 'b2'.repeat(16);
const TOKEN = 'admin-token-for-tests-0123456789';

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector({ adminToken: TOKEN });
});
afterEach(async () => {
  await c.close();
});

const decision = (consentId: string): ConsentDecision => ({
  v: 1,
  site: 'shop',
  consent_id: consentId,
  policy_revision: '1',
  choices: { necessary: true, analytics: true, performance: false, marketing: false },
  method: 'custom',
  ts: Date.now(),
  language: 'en',
  url: 'https://shop.example.com/',
});

async function seed(): Promise<void> {
  for (const [visitor, consent] of [
    [ALICE, 'consent-alice'],
    [BOB, 'consent-bob'],
  ] as const) {
    expect((await post(`${c.url}/v1/consent`, decision(consent))).status).toBe(200);
    const events = [1, 2, 3].map((ts) => makeEvent({ ts, visitor_id: visitor, consent_id: consent }));
    const bad = makeEvent({ visitor_id: visitor, ts: 'x' as never });
    expect((await post(`${c.url}/v1/events`, makeBatch([...events, bad]))).status).toBe(200);
  }
}

const ask = async (path: string, visitor: string) => {
  const res = await post(`${c.url}${path}`, { visitor_id: visitor });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};

function table<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe("visitors' own requests", () => {
  it('export returns every row of that visitor and none of another', async () => {
    await seed();
    const { status, headers, body } = await ask('/v1/privacy/export', ALICE);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const rows = body.access_log as { visitor_id: string }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.visitor_id === ALICE)).toBe(true);
    expect(body.bad_rows).toHaveLength(1);
    expect((body.consent_log as { consent_id: string }[]).map((r) => r.consent_id)).toEqual([
      'consent-alice',
    ]);
    expect(JSON.stringify(body)).not.toContain(BOB);
    expect(JSON.stringify(body)).not.toContain('consent-bob');
  });

  it("delete removes that visitor's rows only; consent records stay, detached", async () => {
    await seed();
    const { status, body } = await ask('/v1/privacy/delete', ALICE);
    expect(status).toBe(200);
    expect(body).toEqual({ deleted: { access_log: 3, bad_rows: 1, consent_detached: 1 } });
    expect(table('SELECT * FROM access_log WHERE visitor_id = ?', ALICE)).toEqual([]);
    expect(table('SELECT * FROM bad_rows WHERE visitor_id = ?', ALICE)).toEqual([]);
    expect(table('SELECT * FROM access_log WHERE visitor_id = ?', BOB)).toHaveLength(3);
    // Proof of consent is kept, but nothing left in the store names Alice.
    expect(table('SELECT consent_id FROM consent_log ORDER BY seq')).toEqual([
      { consent_id: 'consent-alice' },
      { consent_id: 'consent-bob' },
    ]);
    expect(table("SELECT * FROM access_log WHERE consent_id = 'consent-alice'")).toEqual([]);
    expect((await ask('/v1/privacy/export', ALICE)).body.access_log).toEqual([]);
  });

  it('refuses anything but a 32-hex visitor id, and never takes it from the URL', async () => {
    for (const bad of ['', 'A1'.repeat(16), 'a1'.repeat(15), "' OR 1=1 --", 'x'.repeat(32)]) {
      expect((await ask('/v1/privacy/export', bad)).status).toBe(400);
    }
    expect((await fetch(`${c.url}/v1/privacy/export?visitor_id=${ALICE}`, { method: 'POST' })).status).toBe(
      400,
    );
  });

  it('writes an audit row per request with a hash of the id, never the id', async () => {
    await seed();
    await ask('/v1/privacy/export', ALICE);
    await ask('/v1/privacy/delete', ALICE);
    const audit = table<{ actor: string; action: string; subject: string; detail: string }>(
      'SELECT actor, action, subject, detail FROM audit_log ORDER BY seq',
    );
    expect(audit.map((a) => [a.actor, a.action, a.subject])).toEqual([
      ['visitor', 'privacy.export', visitorSubject(ALICE)],
      ['visitor', 'privacy.delete', visitorSubject(ALICE)],
    ]);
    expect(JSON.stringify(audit)).not.toContain(ALICE);
  });
});

describe('operator requests', () => {
  const admin = (path: string, body: unknown) =>
    fetch(`${c.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });

  it('admin routes export, correct and delete, each audited', async () => {
    await seed();
    const exported = (await (await admin('/v1/admin/privacy/export', { visitor_id: BOB })).json()) as {
      access_log: unknown[];
    };
    expect(exported.access_log).toHaveLength(3);
    const corrected = await admin('/v1/admin/privacy/correct', {
      visitor_id: BOB,
      set: { language: 'de-DE' },
    });
    expect(await corrected.json()).toEqual({ corrected: 3 });
    expect(table('SELECT DISTINCT language FROM access_log WHERE visitor_id = ?', BOB)).toEqual([
      { language: 'de-DE' },
    ]);
    // Only correctable columns: an id or a time is a fact, not a correction.
    expect((await admin('/v1/admin/privacy/correct', { visitor_id: BOB, set: { ts: 1 } })).status).toBe(400);
    expect(await (await admin('/v1/admin/privacy/delete', { visitor_id: BOB })).json()).toMatchObject({
      deleted: { access_log: 3 },
    });
    const actions = table<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log ORDER BY seq',
    );
    expect(actions).toEqual([
      { actor: 'admin', action: 'privacy.export' },
      { actor: 'admin', action: 'privacy.correct' },
      { actor: 'admin', action: 'privacy.delete' },
    ]);
  });

  it('the CLI answers export, correct and delete for a request that came by e-mail', async () => {
    await seed();
    const run = async (...args: string[]) => {
      const cap = captureIo();
      const code = await runCli(['privacy', ...args, '--db', c.db], cap.io);
      return { code, out: cap.out(), err: cap.err() };
    };
    const exported = await run('export', '--visitor', ALICE);
    expect(exported.code).toBe(0);
    expect((JSON.parse(exported.out) as { access_log: unknown[] }).access_log).toHaveLength(3);
    expect((await run('correct', '--visitor', ALICE, '--set', 'title=Fixed', '--set', 'screen=')).out).toBe(
      'corrected 3 rows\n',
    );
    expect(table('SELECT DISTINCT title, screen FROM access_log WHERE visitor_id = ?', ALICE)).toEqual([
      { title: 'Fixed', screen: null },
    ]);
    expect((await run('delete', '--visitor', ALICE)).out).toBe(
      'deleted 3 access-log rows and 1 bad rows; 1 consent records kept as proof, detached\n',
    );
    expect((await run('export', '--visitor', 'nope')).code).toBe(2);
    expect((await run('correct', '--visitor', ALICE, '--set', 'ip=1.2.3.4')).err).toMatch(
      /COLUMN one of title/,
    );
    expect((await run('shred', '--visitor', ALICE)).code).toBe(2);
    expect(table<{ actor: string }>('SELECT actor FROM audit_log').map((a) => a.actor)).toEqual([
      'cli',
      'cli',
      'cli',
    ]);
  });
});
