import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/collector/commands/index.js';
import { parseSince } from '../../../../src/collector/commands/since.js';
import { captureIo } from '../../../helpers/collector-app.js';
import { makeRow, seededDb } from './fixtures.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('consentlog report', () => {
  it('prints totals and top lists as aligned tables', async () => {
    const now = Date.now();
    const seeded = await seededDb([
      makeRow({ ts: now, path: '/', visitor_id: 'a', referrer_domain: 'www.google.com', browser: 'Chrome' }),
      makeRow({ ts: now, path: '/', visitor_id: 'b', browser: 'Firefox' }),
      makeRow({ ts: now, path: '/pricing', visitor_id: 'a', browser: 'Chrome' }),
      makeRow({ ts: now, type: 'event', name: 'signup', visitor_id: 'a' }),
      makeRow({ ts: now - 10 * 86_400_000, path: '/old', visitor_id: 'z' }),
      makeRow({ ts: now, path: '/other-site', site: 'blog' }),
    ]);
    dir = seeded.dir;
    const { io, out } = captureIo();
    expect(await runCli(['report', '--db', seeded.db, '--since', '7d', '--site', 'shop'], io)).toBe(0);
    const text = out();
    expect(text).toMatch(/^consentlog report: site shop, since \d{4}-\d\d-\d\dT.*Z \(7d\)\n\n/);
    expect(text).toContain(
      [
        'Totals',
        'metric     value',
        '---------  -----',
        'pageviews      3',
        'events         1',
        'visitors       2',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        'Top pages',
        'page      pageviews  visitors',
        '--------  ---------  --------',
        '/                 2         2',
        '/pricing          1         1',
      ].join('\n'),
    );
    expect(text).toContain(['Top referrer domains', 'referrer        pageviews  visitors'].join('\n'));
    expect(text).toContain('www.google.com          1         1');
    expect(text).toContain(
      [
        'Top browsers',
        'browser  pageviews  visitors',
        '-------  ---------  --------',
        'Chrome           2         1',
        'Firefox          1         1',
      ].join('\n'),
    );
    expect(text).not.toContain('/old');
    expect(text).not.toContain('/other-site');
  });

  it('says (none) for empty lists and fails on a missing database', async () => {
    const seeded = await seededDb([]);
    dir = seeded.dir;
    const ok = captureIo();
    expect(await runCli(['report', '--db', seeded.db, '--since', 'all'], ok.io)).toBe(0);
    expect(ok.out()).toContain('consentlog report: all sites, all time');
    expect(ok.out()).toContain('Top pages\n(none)');
    const missing = captureIo();
    expect(await runCli(['report', '--db', `${seeded.dir}/nope.db`], missing.io)).toBe(1);
    expect(missing.err()).toContain(`consentlog report: no database at ${seeded.dir}/nope.db`);
  });

  it('rejects a bad --since with exit code 2', async () => {
    const { io, err } = captureIo();
    expect(await runCli(['report', '--since', 'last week'], io)).toBe(2);
    expect(err()).toContain('--since must be like 24h, 7d, 30d or all, got "last week"');
  });

  it('parses --since relative to now', () => {
    expect(parseSince('24h', 100_000_000)).toBe(100_000_000 - 86_400_000);
    expect(parseSince('7d', 1_000_000_000)).toBe(1_000_000_000 - 7 * 86_400_000);
    expect(parseSince('all')).toBeUndefined();
  });
});
