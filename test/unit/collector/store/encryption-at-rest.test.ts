import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/collector/store/open.js';
import type { AccessLogRow } from '../../../../src/shared/access-log.js';
import { makeBatch, makeEvent, post } from '../../../helpers/collector-app.js';
import { ROOT, type RunningCollector, startCollector } from '../../../helpers/collector-process.js';
import { mustRunPostgres, postgresReachable } from './contract/backends.js';
import { createTestDatabase } from './contract/pg-server.js';

// Real traffic through the BUILT collector (`npm run build` first), then the database's own files
// searched byte by byte: no visitor id, IP (--ip full) or user agent that was sent may be there.
const run = promisify(execFile);
const CLI = join(ROOT, 'dist/collector/cli.js');
const ARGS = ['--ip', 'full', '--trust-proxy', 'loopback', '--rate-limit', '0'];

interface Visitor {
  id: string;
  session: string;
  consent: string;
  ip: string;
  ua: string;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const visitors: Visitor[] = Array.from({ length: 8 }, (_, i) => ({
  id: hex(16),
  session: hex(16),
  consent: hex(16),
  ip: `203.0.113.${100 + i}`,
  ua: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.${4000 + i}.${Number.parseInt(hex(2), 16)} Safari/537.36`,
}));
const marker = `/enc-probe-${hex(6)}`;

async function sendTraffic(url: string, v: Visitor, pages = 2): Promise<void> {
  const headers = { 'content-type': 'text/plain', 'x-forwarded-for': v.ip, 'user-agent': v.ua };
  const decision = {
    v: 1,
    site: 'shop',
    consent_id: v.consent,
    policy_revision: '1',
    choices: { necessary: true, analytics: true },
    method: 'custom',
    ts: Date.now(),
    language: 'en',
    url: 'https://shop.example.com/',
  };
  expect((await post(`${url}/v1/consent`, decision, headers)).status).toBe(200);
  const events = Array.from({ length: pages }, (_, i) =>
    makeEvent({
      url: `https://shop.example.com${marker}/${i}`,
      visitor_id: v.id,
      session_id: v.session,
      consent_id: v.consent,
    }),
  );
  expect((await post(`${url}/v1/events`, makeBatch(events), headers)).status).toBe(200);
  // A refused event: kept as a bad row, whose excerpt holds the visitor id.
  await post(
    `${url}/v1/events`,
    makeBatch([{ ...makeEvent({ visitor_id: v.id }), type: 'nope' } as never]),
    headers,
  );
}

const secrets = () => visitors.flatMap((v) => [v.id, v.session, v.consent, v.ip, v.ua]);

function leaks(files: string[]): string[] {
  const bytes = Buffer.concat(files.filter(existsSync).map((f) => readFileSync(f)));
  expect(bytes.includes(marker), 'the traffic is on disk at all').toBe(true);
  return secrets().filter((s) => bytes.includes(s));
}

const adminToken = (c: RunningCollector) => /shown only this once\): (\S+)/.exec(c.output())?.[1] ?? '';

interface Target {
  db: string;
  keyFile: string;
  /** The files holding the database's tables, flushed to disk first. */
  files(): Promise<string[]>;
  /** `SELECT` on the raw tables. */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

function scenario(target: () => Target) {
  let collector: RunningCollector;
  const env = () => ({ CONSENTLOG_DATA_KEY_FILE: target().keyFile });
  const openDecrypting = () => openStore(target().db, { mustExist: true, dataKey: { env: env() } });

  beforeAll(async () => {
    collector = await startCollector(ARGS, target().db, env());
    expect(collector.output()).toContain(`data key generated: ${target().keyFile}`);
    for (const v of visitors) await sendTraffic(collector.url, v);
  }, 60_000);
  afterAll(() => collector?.stop());

  it('keeps no visitor id, session id, consent id, IP or user agent readable in the files', async () => {
    expect(leaks(await target().files())).toEqual([]);
    const rows = await target().query('SELECT visitor_id, visitor_id_enc, ip, ip_enc FROM access_log');
    expect(rows.length).toBe(visitors.length * 2);
    for (const row of rows) {
      expect(row.visitor_id).toMatch(/^[0-9a-f]{32}$/);
      expect(row.visitor_id_enc).toMatch(/^e1\./);
      expect(row.ip).toBeNull();
    }
  });

  it('still counts distinct visitors, and exports a visitor with the values sent', async () => {
    const store = await openDecrypting();
    try {
      expect(await store.totals({ site: 'shop' })).toEqual({
        pageviews: visitors.length * 2,
        events: 0,
        visitors: visitors.length,
      });
    } finally {
      await store.close();
    }
    const v = visitors[3] as Visitor;
    const res = await fetch(`${collector.url}/v1/admin/privacy/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken(collector)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ visitor_id: v.id }),
    });
    const data = (await res.json()) as { access_log: AccessLogRow[]; bad_rows: { excerpt: string }[] };
    expect(
      data.access_log.map((r) => [r.visitor_id, r.session_id, r.consent_id, r.ip, r.user_agent]),
    ).toEqual(Array(2).fill([v.id, v.session, v.consent, v.ip, v.ua]));
    expect(data.bad_rows).toHaveLength(1);
    expect(data.bad_rows[0]?.excerpt).toContain(v.id);
  });

  it('rotates the key while serving: every row readable, none left on the old key', async () => {
    const oldKey = JSON.parse(readFileSync(target().keyFile, 'utf8')).current as string;
    const during = visitors.slice(0, 2).map((v) => ({ ...v, id: hex(16), session: hex(16) }));
    const rotation = run(
      process.execPath,
      [CLI, 'rotate-key', '--db', target().db, '--grace', '1500', '--batch', '5'],
      {
        env: { ...process.env, ...env() },
      },
    );
    for (const v of during) await sendTraffic(collector.url, v, 1);
    const { stdout } = await rotation;
    const newKey = JSON.parse(readFileSync(target().keyFile, 'utf8')).current as string;
    expect(newKey).not.toBe(oldKey);
    expect(stdout).toContain(`every personal value is under data key ${newKey} (retired: ${oldKey})`);
    for (const v of during) await sendTraffic(collector.url, v, 1); // after: the collector has the new key
    const left = await target().query(
      `SELECT COUNT(*) AS n FROM access_log WHERE visitor_id_enc NOT LIKE 'e1.${newKey}.%'
       OR user_agent_enc NOT LIKE 'e1.${newKey}.%' OR ip_enc NOT LIKE 'e1.${newKey}.%'`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    const store = await openDecrypting();
    try {
      const rows: AccessLogRow[] = [];
      for await (const row of store.exportRows({})) rows.push(row);
      expect(rows).toHaveLength(visitors.length * 2 + during.length * 2);
      const sent = new Set([...visitors, ...during].map((v) => `${v.id} ${v.ip} ${v.ua}`));
      for (const r of rows) expect(sent.has(`${r.visitor_id} ${r.ip} ${r.user_agent}`)).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses to start with a wrong key, or without the key file, naming both', async () => {
    await collector.stop();
    const wrong = startCollector(ARGS, target().db, {
      ...env(),
      CONSENTLOG_DATA_KEY: randomBytes(32).toString('base64'),
    });
    await expect(wrong).rejects.toThrow(/exited with 1[\s\S]*wrong data key: CONSENTLOG_DATA_KEY holds key/);
    renameSync(target().keyFile, `${target().keyFile}.bak`);
    try {
      await expect(startCollector(ARGS, target().db, env())).rejects.toThrow(
        `no data key: set CONSENTLOG_DATA_KEY or put the key file at ${target().keyFile}`,
      );
      expect(existsSync(target().keyFile), 'no new key is made for an encrypted database').toBe(false);
    } finally {
      renameSync(`${target().keyFile}.bak`, target().keyFile);
    }
    collector = await startCollector(ARGS, target().db, env());
    expect(collector.output()).not.toContain('data key generated');
  }, 60_000);
}

describe('personal columns encrypted at rest [sqlite file]', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-at-rest-'));
  const db = join(dir, 'consentlog.db');
  scenario(() => ({
    db,
    keyFile: join(dir, 'data-key.json'),
    files: async () => [db, `${db}-wal`, `${db}-shm`],
    query: async (sql) => {
      const conn = new Database(db, { readonly: true });
      try {
        return conn.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        conn.close();
      }
    },
  }));
});

/** The PostgreSQL data folder and a checkpoint, as the server's owner (tests run as root). */
const asPostgres = (sql: string) =>
  execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-XAtc', sql], { encoding: 'utf8' }).trim();

describe.runIf(postgresReachable || mustRunPostgres)(
  'personal columns encrypted at rest [postgres]',
  { timeout: 30_000 },
  () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    let sql: pg.Client | undefined;
    const keyFile = join(mkdtempSync(join(tmpdir(), 'consentlog-at-rest-pg-')), 'data-key.json');
    beforeAll(async () => {
      database = await createTestDatabase();
      sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
    }, 30_000);
    afterAll(async () => {
      await sql?.end();
      await database?.drop();
    }, 30_000);
    const query = async (text: string) => (await (sql as pg.Client).query(text)).rows;
    scenario(() => ({
      db: (database as { url: string }).url,
      keyFile,
      query,
      files: async () => {
        const dataDir = asPostgres('SHOW data_directory');
        asPostgres('CHECKPOINT');
        const rows = await query(
          `SELECT pg_relation_filepath(oid) AS path FROM pg_class
           WHERE relnamespace = current_schema()::regnamespace
              OR oid IN (SELECT reltoastrelid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)`,
        );
        return rows.flatMap((r) => (r.path ? [join(dataDir, String(r.path))] : []));
      },
    }));
  },
);
