import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { ACCESS_LOG_COLUMNS } from '../../../../src/shared/index.js';
import { captureIo } from '../../../helpers/collector-app.js';
import { makeRow, seededDb } from './fixtures.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const rows = [
  makeRow({ ts: 1, title: '=cmd|"/c calc"!A1', props: '{"a":"b,c"}', value: null }),
  makeRow({ ts: 2, type: 'vital', metric: 'CLS', value: 0.05, title: 'Pricing, "plans"' }),
];

describe('consentlog export', () => {
  it('writes NDJSON with every column in order', async () => {
    const seeded = await seededDb(rows);
    dir = seeded.dir;
    const { io, out } = captureIo();
    expect(await runCli(['export', '--db', seeded.db, '--format', 'ndjson'], io)).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed).toEqual(rows);
    expect(Object.keys(parsed[0])).toEqual([...ACCESS_LOG_COLUMNS]);
  });

  it('writes RFC 4180 CSV with a header and neutralised formulas, to --out', async () => {
    const seeded = await seededDb(rows);
    dir = seeded.dir;
    const file = join(seeded.dir, 'out.csv');
    const { io, out } = captureIo();
    expect(await runCli(['export', '--db', seeded.db, '--format', 'csv', '--out', file], io)).toBe(0);
    expect(out()).toBe('');
    const records = (await readFile(file, 'utf8')).split('\r\n');
    expect(records[0]).toBe(ACCESS_LOG_COLUMNS.join(','));
    expect(records).toHaveLength(4); // header, 2 rows, trailing empty
    const titleAt = ACCESS_LOG_COLUMNS.indexOf('title');
    expect(records[1]).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(records[1]).toContain('"{""a"":""b,c""}"');
    expect(records[2]).toContain('"Pricing, ""plans"""');
    expect(records[2]).toContain(',CLS,0.05,');
    expect(titleAt).toBeGreaterThan(0);
  });

  it('filters with --since and --site, and rejects a bad --format with exit 2', async () => {
    const seeded = await seededDb([
      makeRow({ ts: Date.now(), site: 'blog' }),
      makeRow({ ts: Date.now() }),
      makeRow({ ts: 5 }),
    ]);
    dir = seeded.dir;
    const ok = captureIo();
    expect(await runCli(['export', '--db', seeded.db, '--since', '24h', '--site', 'shop'], ok.io)).toBe(0);
    expect(ok.out().trimEnd().split('\n')).toHaveLength(1);
    const bad = captureIo();
    expect(await runCli(['export', '--db', seeded.db, '--format', 'xml'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--format must be ndjson or csv, got "xml"');
  });
});
