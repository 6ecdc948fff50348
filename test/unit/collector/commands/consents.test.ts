import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENT_COLUMNS } from '../../../../src/collector/commands/consents.js';
import { runCli } from '../../../../src/collector/commands/index.js';
import { openSqliteStore } from '../../../../src/collector/index.js';
import type { ConsentRow } from '../../../../src/collector/store/types.js';
import { captureIo } from '../../../helpers/collector-app.js';

let dir: string;
let db: string;

const row = (over: Partial<ConsentRow>): ConsentRow => ({
  received_at: Date.UTC(2026, 10, 1, 9, 0, 0),
  ts: Date.UTC(2026, 10, 1, 8, 59, 59),
  site: 'shop',
  consent_id: 'c-1',
  previous_consent_id: null,
  policy_revision: '2026-11',
  choices: '{"necessary":true,"analytics":true,"marketing":false}',
  method: 'custom',
  language: 'ja',
  url: 'https://shop.example.com/',
  texts_hash: '0123456789abcdef',
  browser: 'Chrome',
  ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'consentlog-consents-'));
  db = join(dir, 'c.db');
  const store = openSqliteStore(db);
  await store.insertConsent(row({}));
  await store.insertConsent(
    row({ consent_id: 'c-2', previous_consent_id: 'c-1', method: 'withdraw', ts: 2e12 }),
  );
  await store.insertConsent(
    row({ consent_id: '=HYPERLINK("x")', site: 'blog', method: 'reject-all', ts: 3e12 }),
  );
  await store.putConsentTexts('0123456789abcdef', '{"accept":"すべて同意"}');
  await store.close();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('consentlog consents', () => {
  it('lists decisions as a table: time, id, method, revision, choices, language, browser', async () => {
    const { io, out } = captureIo();
    expect(await runCli(['consents', '--db', db], io)).toBe(0);
    const lines = out().split('\n');
    expect(lines[0]).toMatch(
      /^received \(UTC\)\s+consent id\s+method\s+revision\s+choices\s+lang\s+browser\s+texts$/,
    );
    expect(lines[2]).toMatch(
      /^2026-11-01T09:00:00\.000Z\s+c-1\s+custom\s+2026-11\s+analytics=yes marketing=no\s+ja\s+Chrome\s+0123456789abcdef$/,
    );
    expect(out()).toContain('3 decisions');
  });

  it('filters by site and by a consent id with the decisions that followed it', async () => {
    const a = captureIo();
    await runCli(['consents', '--db', db, '--format', 'ndjson', '--site', 'blog'], a.io);
    expect(
      a
        .out()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).method),
    ).toEqual(['reject-all']);
    const b = captureIo();
    await runCli(['consents', '--db', db, '--format', 'ndjson', '--consent-id', 'c-1'], b.io);
    expect(
      b
        .out()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).consent_id),
    ).toEqual(['c-1', 'c-2']);
  });

  it('exports NDJSON with every column and CSV with a header and neutralised formulas', async () => {
    const nd = captureIo();
    expect(await runCli(['consents', '--db', db, '--format', 'ndjson'], nd.io)).toBe(0);
    const first = JSON.parse(nd.out().split('\n')[0] as string);
    expect(Object.keys(first).sort()).toEqual([...CONSENT_COLUMNS].sort());
    expect(first).toMatchObject({ consent_id: 'c-1', method: 'custom', browser: 'Chrome' });
    const file = join(dir, 'out.csv');
    expect(await runCli(['consents', '--db', db, '--format', 'csv', '--out', file], captureIo().io)).toBe(0);
    const records = (await readFile(file, 'utf8')).split('\r\n');
    expect(records[0]).toBe(CONSENT_COLUMNS.join(','));
    expect(records).toHaveLength(5); // header, 3 rows, trailing empty
    expect(records[3]).toContain(`,"'=HYPERLINK(""x"")",`);
  });

  it('prints a stored text version; an unknown hash or format is an error', async () => {
    const a = captureIo();
    expect(await runCli(['consents', '--db', db, '--texts', '0123456789abcdef'], a.io)).toBe(0);
    expect(JSON.parse(a.out())).toEqual({ accept: 'すべて同意' });
    const b = captureIo();
    expect(await runCli(['consents', '--db', db, '--texts', 'ffff'], b.io)).toBe(1);
    expect(b.err()).toContain('no texts stored under ffff');
    const c = captureIo();
    expect(await runCli(['consents', '--db', db, '--format', 'xml'], c.io)).toBe(2);
    expect(c.err()).toContain('--format must be table, csv or ndjson, got "xml"');
  });

  it('refuses a missing database instead of listing nothing', async () => {
    const { io, err } = captureIo();
    expect(await runCli(['consents', '--db', join(dir, 'nope.db')], io)).toBe(1);
    expect(err()).toContain('no database at');
  });
});
