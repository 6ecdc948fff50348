import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { openSqliteStore, type Store } from '../../../../src/collector/index.js';
import { openPostgresStore } from '../../../../src/collector/store/postgres.js';
import { captureIo } from '../../../helpers/collector-app.js';
import { mustRunPostgres, postgresReachable } from '../store/contract/backends.js';
import { createSchema, createTestDatabase } from '../store/contract/pg-server.js';
import { collect, consentRow, makeRow } from '../store/contract/rows.js';
import { seededDb } from './fixtures.js';

const DAY = 86_400_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let source: { dir: string; db: string };

/** What a store holds, table by table, in a comparable form. */
async function contents(store: Store) {
  return {
    access_log: (await collect(store.exportRows({}))).sort((x, y) =>
      String(x.id).localeCompare(String(y.id)),
    ),
    consent_log: (await collect(store.consentRows({}))).map(({ seq: _seq, ...row }) => row),
    texts: await store.consentTexts('h1'),
    audit: await store.auditEntries(1000),
    bad: (await store.visitorData('vbad')).bad_rows,
  };
}

describe.runIf(postgresReachable || mustRunPostgres)(
  'consentlog copy (SQLite → PostgreSQL) and migrate',
  { timeout: 30_000 },
  () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      const now = Date.now();
      // 2,345 events over 14 months (several partitions, one older than the window: DEFAULT).
      const rows = Array.from({ length: 2345 }, (_, i) =>
        makeRow({ ts: now - (i % 420) * DAY, received_at: now - (i % 420) * DAY + 5, path: `/p${i % 7}` }),
      );
      rows.push(makeRow({ ts: 3, visitor_id: 'clock-at-1970' }));
      // What COPY's text format must escape (tab, line ends, backslash; `\N` is null there), and a
      // fractional value: the copy must hand back these exact strings and numbers, not nulls.
      rows[1] = {
        ...(rows[1] as (typeof rows)[number]),
        title: 'tab\there, line\nend, cr\r, \\N is not null, back\\slash, ünïcødé 日本',
        referrer: '\\N',
        value: 0.0123,
      };
      source = await seededDb(rows);
      const store = openSqliteStore(source.db);
      for (let i = 0; i < 30; i++)
        await store.insertConsent(consentRow(`c${i}`, now - i, { analytics: i % 2 === 0 }));
      await store.putConsentTexts('h1', '{"accept":"Accept all"}');
      await store.insertBadRows([
        {
          received_at: now,
          site: 'shop',
          event_id: null,
          visitor_id: 'vbad',
          reason: 'bad type',
          excerpt: '{}',
        },
      ]);
      await store.appendAudit({ ts: now, actor: 'cli', action: 'purge', subject: null, detail: '{}' });
      await store.ipSalt('2026-11-27');
      await store.close();
    }, 60_000);
    afterAll(async () => {
      await db?.drop();
      if (source) await rm(source.dir, { recursive: true, force: true });
    }, 30_000);

    it('copies every table in batches with progress, and a re-run stores nothing twice', async () => {
      const to = await createSchema(db.url);
      const first = captureIo();
      expect(await runCli(['copy', '--from', source.db, '--to', to, '--batch', '500'], first.io)).toBe(0);
      expect(first.err()).toMatch(/access_log: 500\/2346 read, 500 stored/);
      expect(first.err()).toMatch(/access_log: 2346\/2346 read, 2346 stored/);
      expect(first.out()).toMatch(/^access_log\s+2346 read, 2346 stored/m);
      expect(first.err()).not.toContain(':consentlog@'); // the password is never printed

      const again = captureIo();
      expect(await runCli(['copy', '--from', source.db, '--to', to], again.io)).toBe(0);
      expect(again.out()).toMatch(/^access_log\s+0 read, 0 stored/m);

      const pg = await openPostgresStore(to);
      const sqlite = openSqliteStore(source.db);
      try {
        const [copied, original] = await Promise.all([contents(pg), contents(sqlite)]);
        expect(copied.access_log).toHaveLength(2346);
        expect(copied).toEqual(original);
        expect(await pg.totals({})).toEqual(await sqlite.totals({}));
        expect(await pg.top('pages', {})).toEqual(await sqlite.top('pages', {}));
        expect(await pg.ipSalt('2026-11-27')).toEqual(await sqlite.ipSalt('2026-11-27'));
      } finally {
        await Promise.all([pg.close(), sqlite.close()]);
      }
    });

    it('is idempotent even without its progress record (ids and decisions are keys)', async () => {
      const to = await createSchema(db.url);
      expect(await runCli(['copy', '--from', source.db, '--to', to], captureIo().io)).toBe(0);
      const pg = await openPostgresStore(to);
      await pg.pool.query("DELETE FROM copy_progress WHERE tbl IN ('access_log', 'consent_log')");
      const again = captureIo();
      expect(await runCli(['copy', '--from', source.db, '--to', to], again.io)).toBe(0);
      expect(again.out()).toMatch(/^access_log\s+2346 read, 0 stored, 2346 already there/m);
      expect(again.out()).toMatch(/^consent_log\s+30 read, 0 stored/m);
      expect((await pg.totals({})).pageviews).toBe(2346);
      await pg.close();
    });

    it('stops at a batch PostgreSQL refuses and names the reason; the batches before it stay, nothing of it', async () => {
      // PostgreSQL's text cannot hold a NUL character; SQLite's can. Batches of 2: the refused row is
      // in the second batch, so the first is stored and the second is not, in part or in whole.
      const rows = [makeRow({ path: '/a' }), makeRow({ path: '/b' }), makeRow({ path: '/c\u0000' })];
      rows.push(makeRow({ path: '/d' }));
      const bad = await seededDb(rows);
      try {
        const to = await createSchema(db.url);
        const run = captureIo();
        const args = ['copy', '--from', bad.db, '--to', to, '--batch', '2'];
        expect(await runCli(args, run.io)).toBe(1);
        expect(run.err()).toMatch(/consentlog copy: .*(0x00|null character)/i);
        const pg = await openPostgresStore(to);
        try {
          const stored = await collect(pg.exportRows({}));
          expect(stored.map((r) => r.path).sort()).toEqual(['/a', '/b']);
          const { rows: ids } = await pg.pool.query('SELECT count(*)::int AS n FROM event_ids');
          expect(ids[0].n).toBe(2); // the refused batch claimed no id either
        } finally {
          await pg.close();
        }
      } finally {
        await rm(bad.dir, { recursive: true, force: true });
      }
    });

    it('refuses a missing source or a non-PostgreSQL target', async () => {
      const missing = captureIo();
      expect(await runCli(['copy', '--from', join(source.dir, 'nope.db'), '--to', db.url], missing.io)).toBe(
        2,
      );
      expect(missing.err()).toContain('--from: no database at');
      const notPg = captureIo();
      expect(await runCli(['copy', '--from', source.db, '--to', 'other.db'], notPg.io)).toBe(2);
      expect(notPg.err()).toContain('--to must be a postgres:// URL');
    });

    it('migrate applies the numbered migrations once and reports it; report reads PostgreSQL', async () => {
      const to = await createSchema(db.url);
      const first = captureIo();
      expect(await runCli(['migrate', '--db', to], first.io)).toBe(0);
      expect(first.out()).toMatch(/applied 1, 2, 3, 4, 5, 6, 7; access-log months created: \d{4}-\d{2}/);
      const second = captureIo();
      expect(await runCli(['migrate'], { ...second.io, env: { DATABASE_URL: to } })).toBe(0);
      expect(second.out()).toContain('applied nothing (schema current)');
      await runCli(['copy', '--from', source.db, '--to', to], captureIo().io);
      const report = captureIo();
      expect(await runCli(['report', '--db', to, '--since', 'all'], report.io)).toBe(0);
      expect(report.out()).toMatch(/^pageviews\s+2346$/m);
      const empty = captureIo();
      expect(await runCli(['report', '--db', await createSchema(db.url)], empty.io)).toBe(1);
      expect(empty.err()).toContain('no consentlog database at');
    });
  },
);
