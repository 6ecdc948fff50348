import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { openSqliteStore } from '../../../../src/collector/index.js';
import { purgeExpired } from '../../../../src/collector/privacy/retention.js';
import type { Store } from '../../../../src/collector/store/types.js';
import { captureIo } from '../../../helpers/collector-app.js';
import { makeRow } from '../store/contract/rows.js';

vi.setConfig({ testTimeout: 30_000 });

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12);
let dir: string;
let store: Store;

beforeEach(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  dir = await mkdtemp('/tmp/consentlog-retention-');
  store = openSqliteStore(`${dir}/c.db`);
});
afterEach(async () => {
  await store.close();
  const { rm } = await import('node:fs/promises');
  await rm(dir, { recursive: true, force: true });
});

const consent = (consentId: string, receivedAt: number) => ({
  received_at: receivedAt,
  ts: receivedAt,
  site: 'shop',
  consent_id: consentId,
  previous_consent_id: null,
  policy_revision: '1',
  choices: '{}',
  method: 'reject-all',
  language: 'en',
  url: 'https://shop.example.com/',
  texts_hash: null,
  browser: null,
});

async function seed(): Promise<void> {
  await store.insertEvents([
    makeRow({ id: 'old', received_at: NOW - 400 * DAY, ts: NOW }), // client clock says "now": server time rules
    makeRow({ id: 'new', received_at: NOW - 10 * DAY }),
  ]);
  await store.insertBadRows([
    { received_at: NOW - 400 * DAY, site: 's', event_id: null, visitor_id: null, reason: 'r', excerpt: '{}' },
  ]);
  await store.insertConsent(consent('old-consent', NOW - 1200 * DAY));
  await store.insertConsent(consent('kept-consent', NOW - 400 * DAY));
  // Made in this order, each new day's salt would delete the older ones itself: seed them newest first.
  for (const day of ['2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24']) await store.ipSalt(day);
}

const ids = async (): Promise<string[]> => {
  const out: string[] = [];
  for await (const row of store.exportRows({})) out.push(row.id as string);
  return out;
};

describe('retention', () => {
  it('deletes access logs and bad rows past --retention-days, consent records past theirs, salts after 48 h', async () => {
    await seed();
    const result = await purgeExpired(
      store,
      { retentionDays: 395, consentRetentionDays: 1095 },
      'system',
      NOW,
    );
    expect(result).toEqual({ access_log: 1, bad_rows: 1, consent_log: 1, ip_salts: 2 });
    expect(await ids()).toEqual(['new']);
    // Yesterday's and today's salts remain; older ones cannot be recovered.
    const salt26 = await store.ipSalt('2026-11-26');
    expect(salt26).toHaveLength(32);
    expect(await store.consentChoices('old-consent')).toBeNull();
    expect(await store.consentChoices('kept-consent')).toEqual({});
    const [audit] = await store.auditEntries();
    expect(audit).toMatchObject({ actor: 'system', action: 'purge', subject: null });
  });

  it('0 keeps everything (but salts still go)', async () => {
    await seed();
    const result = await purgeExpired(store, { retentionDays: 0, consentRetentionDays: 0 }, 'system', NOW);
    expect(result).toEqual({ access_log: 0, bad_rows: 0, consent_log: 0, ip_salts: 2 });
  });

  it('`consentlog purge` runs it from the command line', async () => {
    await seed();
    await store.close();
    // Far in the past relative to the real clock, so the CLI (which uses now) purges them all.
    const cap = captureIo();
    expect(await runCli(['purge', '--db', `${dir}/c.db`, '--retention-days', '1'], cap.io)).toBe(0);
    expect(cap.out()).toMatch(/^purged 2 access-log rows, 1 bad rows, 1 consent records, \d IP salts\n$/);
    const db = new Database(`${dir}/c.db`, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM access_log').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM consent_log').pluck().get()).toBe(1);
    db.close();
    store = openSqliteStore(`${dir}/c.db`);
    const bad = captureIo();
    expect(await runCli(['purge', '--db', `${dir}/c.db`, '--retention-days', 'soon'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--retention-days must be a whole number');
  });

  it('a new day salt deletes the salts older than the day before it (48 h), without waiting for the purge', async () => {
    const first = await store.ipSalt('2026-11-25');
    await store.ipSalt('2026-11-26');
    expect(await store.ipSalt('2026-11-25')).toEqual(first); // still kept during the next day
    await store.ipSalt('2026-11-27');
    expect(await store.ipSalt('2026-11-25')).not.toEqual(first); // gone: a fresh one was made
  });
});
