import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpMode } from '../../../../src/collector/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';
import { USER_AGENTS } from '../../../helpers/user-agents.js';

// Every acknowledged write waits for an fsync; on a busy shared disk that takes tens of ms.
vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const V4 = '203.0.113.77';
const V6 = '2001:db8:85a3:8d3:1319:8a2e:370:7348';

function storedIps(db: string): (string | null)[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT ip FROM access_log ORDER BY ts').pluck().all() as (string | null)[];
  } finally {
    conn.close();
  }
}

/** Every byte the database holds (main file and WAL), as an auditor grepping for an address would. */
function fileText(db: string): string {
  const read = (p: string) => {
    try {
      return readFileSync(p).toString('latin1');
    } catch {
      return '';
    }
  };
  return read(db) + read(`${db}-wal`);
}

/** Sends one event as if from `ip` (through a trusted loopback proxy). */
async function sendFrom(ip: string, ts: number, ua: string = USER_AGENTS.firefoxLinux): Promise<void> {
  const res = await post(`${c?.url}/v1/events`, makeBatch([makeEvent({ ts })]), {
    'content-type': 'text/plain',
    'x-forwarded-for': ip,
    'user-agent': ua,
  });
  expect(res.status).toBe(200);
}

const expected: Record<IpMode, (ips: (string | null)[]) => void> = {
  truncated: (ips) => expect(ips).toEqual(['203.0.113.0', '2001:db8:85a3::']),
  full: (ips) => expect(ips).toEqual([V4, V6]),
  none: (ips) => expect(ips).toEqual([null, null]),
  hashed: (ips) => {
    expect(ips.every((ip) => /^[0-9a-f]{32}$/.test(ip ?? ''))).toBe(true);
    expect(ips[0]).not.toBe(ips[1]);
  },
};

describe('IP modes on IPv4 and IPv6', () => {
  for (const mode of Object.keys(expected) as IpMode[]) {
    it(`${mode}: stores ${mode === 'full' ? 'the address' : 'no raw address'}`, async () => {
      c = await startTestCollector({ ipMode: mode, trustProxy: ['loopback'] });
      await sendFrom(V4, 1);
      await sendFrom(V6, 2);
      expected[mode](storedIps(c.db));
      const raw = fileText(c.db);
      expect(raw.includes(V4)).toBe(mode === 'full');
      expect(raw.includes('8a2e:370:7348')).toBe(mode === 'full');
    });
  }

  it('hashed: stable within a day for one visitor; differs by user agent; the salt is kept in the store', async () => {
    c = await startTestCollector({ ipMode: 'hashed', trustProxy: ['loopback'] });
    await sendFrom(V4, 1);
    await sendFrom(V4, 2);
    await sendFrom(V4, 3, USER_AGENTS.chromeWindows);
    const [a, b, other] = storedIps(c.db);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    const conn = new Database(c.db, { readonly: true });
    const salts = conn.prepare('SELECT day, length(salt) AS bytes FROM ip_salts').all();
    conn.close();
    expect(salts).toEqual([{ day: new Date().toISOString().slice(0, 10), bytes: 32 }]);
  });
});

describe('--trust-proxy', () => {
  it('without it, X-Forwarded-For is ignored: the socket address counts', async () => {
    c = await startTestCollector({ ipMode: 'full' });
    await sendFrom(V4, 1);
    expect(storedIps(c.db)).toEqual(['127.0.0.1']);
  });

  it('with it, the right-most entry that is not a trusted proxy counts (a forged left entry is ignored)', async () => {
    c = await startTestCollector({ ipMode: 'full', trustProxy: ['loopback', '10.0.0.0/8'] });
    await sendFrom(`6.6.6.6, ${V4}, 10.1.2.3`, 1);
    expect(storedIps(c.db)).toEqual([V4]);
  });
});
