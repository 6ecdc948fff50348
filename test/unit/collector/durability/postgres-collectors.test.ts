import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/collector/store/open.js';
import type { EventBatch } from '../../../../src/shared/index.js';
import { makeBatch, makeEvent } from '../../../helpers/collector-app.js';
import { type RunningCollector, startCollector } from '../../../helpers/collector-process.js';
import { mustRunPostgres, postgresReachable } from '../store/contract/backends.js';
import { createTestDatabase } from '../store/contract/pg-server.js';

// Two BUILT collector processes (`npm run build` first) on ONE PostgreSQL database, behind a
// pretend load balancer on loopback: X-Forwarded-For names the client, as nginx would.
const LIMIT = 20;
const ARGS = ['--rate-limit', String(LIMIT), '--trust-proxy', 'loopback', '--ip', 'hashed'];
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let a: RunningCollector;
let b: RunningCollector;
let sql: pg.Client;
let keyEnv: Record<string, string>;

async function send(url: string, batch: EventBatch, client: string) {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-forwarded-for': client, 'user-agent': 'Mozilla/5.0 test' },
    body: JSON.stringify(batch),
  });
  return { status: res.status, body: (await res.json()) as { accepted?: number; duplicates?: number } };
}

describe.runIf(postgresReachable || mustRunPostgres)(
  'two collectors on one PostgreSQL',
  { timeout: 30_000 },
  () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      // Started together: they race to migrate, to create the admin token and the data key file.
      keyEnv = {
        CONSENTLOG_DATA_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'consentlog-key-')), 'k.json'),
      };
      [a, b] = await Promise.all([
        startCollector(ARGS, db.url, keyEnv),
        startCollector(ARGS, db.url, keyEnv),
      ]);
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
    }, 60_000);
    afterAll(async () => {
      await sql?.end();
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.drop();
    }, 60_000);

    it('stores every event exactly once when the same batches reach both concurrently', async () => {
      const batches = Array.from({ length: 15 }, () =>
        makeBatch(Array.from({ length: 10 }, () => makeEvent())),
      );
      // One client per batch (a browser resending to whichever collector the balancer picks).
      const replies = await Promise.all(
        batches.flatMap((batch, i) => [a, b].map((c) => send(c.url, batch, `198.51.100.${i + 1}`))),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(30).fill(200));
      expect(replies.reduce((n, r) => n + (r.body.accepted ?? 0), 0)).toBe(150);
      expect(replies.reduce((n, r) => n + (r.body.duplicates ?? 0), 0)).toBe(150);
      const { rows } = await sql.query<{ n: number; ids: number }>(
        'SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS ids FROM access_log',
      );
      expect(rows[0]).toEqual({ n: 150, ids: 150 });
      const sent = batches.flatMap((batch) => batch.events.map((e) => e.id)).sort();
      const stored = await sql.query<{ id: string }>('SELECT id FROM access_log ORDER BY id');
      expect(stored.rows.map((r) => r.id)).toEqual(sent);
    });

    it('hashes one client the same on both (one daily salt)', async () => {
      await send(a.url, makeBatch([makeEvent({ id: '00000000-0000-4000-8000-00000000000a' })]), '192.0.2.7');
      await send(b.url, makeBatch([makeEvent({ id: '00000000-0000-4000-8000-00000000000b' })]), '192.0.2.7');
      // The IP column is encrypted at rest (issue 9): read it back decrypted, as an admin export does.
      const store = await openStore(db.url, { mustExist: true, dataKey: { env: keyEnv } });
      const rows: { ip: string | null }[] = [];
      for await (const row of store.exportRows({}))
        if (row.id?.startsWith('00000000-0000-4000-8000-00000000000')) rows.push(row);
      await store.close();
      expect(rows).toHaveLength(2);
      expect(rows[0]?.ip).toMatch(/^[0-9a-f]{32}$/);
      expect(rows[1]?.ip).toBe(rows[0]?.ip);
      expect((await sql.query('SELECT day FROM ip_salts')).rowCount).toBe(1);
    });

    it('enforces one rate limit across both, keyed without the address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 10; i++) {
        const target = i % 2 ? b : a; // each alone sees 15 requests: below the limit of 20
        statuses.push((await send(target.url, makeBatch(), '203.0.113.9')).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
      expect(statuses.slice(LIMIT)).toEqual(Array(10).fill(429));
      const keys = await sql.query<{ key: string }>('SELECT key FROM rate_limits');
      expect(keys.rowCount).toBeGreaterThan(0);
      for (const { key } of keys.rows) expect(key).not.toMatch(/203\.0\.113|198\.51|192\.0\.2|127\.0\.0/);
    });

    it('counts wrong dashboard tokens across both: the 11th, on either, is refused', async () => {
      const signIn = (c: RunningCollector, token: string) =>
        fetch(`${c.url}/dashboard/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: c.url, 'x-forwarded-for': '198.51.100.77' },
          body: JSON.stringify({ token }),
        }).then((r) => r.status);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push(await signIn(i % 2 ? b : a, `wrong-token-${i}`));
      expect(statuses).toEqual(Array(10).fill(401)); // each collector alone saw only 5
      expect(await signIn(a, 'wrong-token-10')).toBe(429);
      expect(await signIn(b, 'wrong-token-11')).toBe(429);
      const keys = await sql.query<{ key: string }>("SELECT key FROM rate_limits WHERE key LIKE 'sign-in:%'");
      expect(keys.rowCount).toBe(1);
      expect(keys.rows[0]?.key).not.toContain('198.51');
    });

    it('prints the admin token once, and the other collector accepts it', async () => {
      const printed = [a, b].map((c) => /admin token \([^)]*\): (\S+)/.exec(c.output())?.[1]);
      const tokens = printed.filter((t) => t !== undefined);
      expect(tokens).toHaveLength(1);
      expect([a, b].map((c) => c.output()).join('')).toContain('its hash kept in the database');
      const audit = (c: RunningCollector, token: string) =>
        fetch(`${c.url}/v1/admin/audit`, {
          headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '192.0.2.200' },
        }).then((r) => r.status);
      expect(await audit(a, tokens[0] as string)).toBe(200);
      expect(await audit(b, tokens[0] as string)).toBe(200);
      expect(await audit(b, 'x'.repeat(43))).toBe(401);
      const kept = await sql.query<{ sha256: string }>('SELECT sha256 FROM admin_token');
      expect(kept.rows[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(kept.rows[0]?.sha256).not.toContain(tokens[0] as string);
    });
  },
);
