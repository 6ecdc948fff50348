import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { captureIo, startTestCollector, type TestCollector } from '../../../helpers/collector-app.js';

const ADMIN = 'configured-admin-token-0123456789';
const VISITOR = '0123456789abcdef0123456789abcdef';

let collector: TestCollector;
beforeEach(async () => {
  collector = await startTestCollector({ adminToken: ADMIN });
});
afterEach(async () => {
  await collector.close();
});

/** Run the real CLI against the collector's SQLite file. */
async function cli(...argv: string[]) {
  const { io, out, err } = captureIo();
  const code = await runCli([...argv, '--db', collector.db], io);
  return { code, out: out(), err: err() };
}

async function created(role: string, name: string): Promise<string> {
  const r = await cli('tokens', 'create', '--role', role, '--name', name);
  expect(r.code).toBe(0);
  const token = /^(cl_[\w-]{43})$/m.exec(r.out)?.[1];
  expect(token).toBeDefined();
  return token as string;
}

const call = (path: string, token: string | null, body?: unknown) =>
  fetch(`${collector.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('tokens with roles', () => {
  it('stores only a hash: the printed token is nowhere in the database file', async () => {
    const token = await created('analyst', 'ana');
    await collector.app.close(); // checkpoint the WAL into the main file
    const bytes = Buffer.concat([readFileSync(collector.db)]);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(token.slice(3)))).toBe(false);
  });

  it('an analyst gets 403 on privacy and admin routes; an admin token passes', async () => {
    const analyst = await created('analyst', 'ana');
    const admin = await created('admin', 'ops');
    for (const path of ['/v1/admin/privacy/export', '/v1/admin/privacy/delete']) {
      const refused = await call(path, analyst, { visitor_id: VISITOR });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'COLLECT_ERR_FORBIDDEN' });
    }
    expect((await call('/v1/admin/audit', analyst)).status).toBe(403);
    expect((await call('/v1/admin/privacy/export', admin, { visitor_id: VISITOR })).status).toBe(200);
    expect((await call('/v1/admin/audit', ADMIN)).status).toBe(200);
  });

  it('missing, wrong and revoked tokens get 401', async () => {
    const admin = await created('admin', 'ops');
    expect((await call('/v1/admin/audit', null)).status).toBe(401);
    expect((await call('/v1/admin/audit', `${admin}x`)).status).toBe(401);
    expect((await call('/v1/admin/audit', admin)).status).toBe(200);
    const revoked = await cli('tokens', 'revoke', 'ops');
    expect(revoked).toMatchObject({ code: 0 });
    expect((await call('/v1/admin/audit', admin)).status).toBe(401);
    expect((await cli('tokens', 'revoke', 'ops')).code).toBe(1);
  });

  it('lists tokens without secrets, refuses a taken name and a bad role', async () => {
    const token = await created('analyst', 'ana');
    const list = await cli('tokens', 'list');
    expect(list.out).toMatch(/ana\s+analyst/);
    expect(list.out).not.toContain(token);
    const again = await cli('tokens', 'create', '--role', 'admin', '--name', 'ana');
    expect(again.code).toBe(1);
    expect(again.err).toContain('a token named "ana" already exists');
    const bad = await cli('tokens', 'create', '--role', 'root', '--name', 'x');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--role must be one of admin, analyst');
  });

  it('writes token changes and admin actions, with who, to the audit log', async () => {
    const admin = await created('admin', 'ops');
    await call('/v1/admin/privacy/delete', admin, { visitor_id: VISITOR });
    await cli('tokens', 'revoke', 'ops');
    const audit = await cli('audit', '--format', 'ndjson');
    const entries = audit.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { actor: string; action: string; detail: string | null });
    expect(entries.map((e) => `${e.actor} ${e.action}`)).toEqual([
      'cli token.revoke',
      'token:ops privacy.delete',
      'cli token.create',
    ]);
    expect(entries[2]?.detail).toContain('"role":"admin"');
    const table = await cli('audit');
    expect(table.out).toMatch(/token:ops\s+privacy\.delete/);
  });
});
