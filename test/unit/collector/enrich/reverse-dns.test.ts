import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reverseDnsLookup } from '../../../../src/collector/enrich/reverse-dns.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';
import { type DnsServer, startDnsServer } from '../../../helpers/dns-server.js';

vi.setConfig({ testTimeout: 30_000 });

let dns: DnsServer;
beforeEach(async () => {
  dns = await startDnsServer({
    '77.113.0.203.in-addr.arpa': 'p5b0a1d2e.dip0.t-ipconnect.de',
    '9.100.51.198.in-addr.arpa': 'timeout',
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': 'gw.office.example.co.uk',
  });
});
afterEach(async () => {
  await dns.close();
});

describe('reverse DNS lookup (real resolver, loopback DNS server)', () => {
  it('reduces the PTR name to its registrable domain, IPv4 and IPv6', async () => {
    const lookup = reverseDnsLookup({ timeoutMs: 500, servers: [dns.address] });
    expect(await lookup('203.0.113.77')).toBe('t-ipconnect.de');
    expect(await lookup('2001:db8::1')).toBe('example.co.uk');
    expect(await lookup('192.0.2.1')).toBeNull(); // NXDOMAIN
  });

  it('is bounded by its timeout and caches answers and failures', async () => {
    const lookup = reverseDnsLookup({ timeoutMs: 100, servers: [dns.address] });
    const started = performance.now();
    expect(await lookup('198.51.100.9')).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await lookup('198.51.100.9')).toBeNull();
    await lookup('203.0.113.77');
    await lookup('203.0.113.77');
    expect(dns.queries.filter((q) => q.startsWith('9.100.51.198'))).toHaveLength(1);
    expect(dns.queries.filter((q) => q.startsWith('77.113.0.203'))).toHaveLength(1);
  });
});

describe('--reverse-dns in the collector', () => {
  let c: TestCollector;
  afterEach(async () => {
    await c.close();
  });

  it('stores the network domain of the full address, and only the truncated address', async () => {
    c = await startTestCollector({
      trustProxy: ['loopback'],
      reverseDns: { timeoutMs: 200, servers: [dns.address] },
    });
    for (const [ts, ip] of [
      [2, '203.0.113.77'],
      [1, '198.51.100.9'],
    ] as const) {
      const res = await post(`${c.url}/v1/events`, makeBatch([makeEvent({ ts })]), {
        'content-type': 'text/plain',
        'x-forwarded-for': ip,
      });
      expect(res.status).toBe(200);
    }
    const db = new Database(c.db, { readonly: true });
    const rows = db.prepare('SELECT ip, network_domain FROM access_log ORDER BY ts DESC').all();
    db.close();
    expect(rows).toEqual([
      { ip: '203.0.113.0', network_domain: 't-ipconnect.de' },
      { ip: '198.51.100.0', network_domain: null }, // the lookup timed out: stored without it
    ]);
  });

  it('refuted: off by default, no DNS query is made', async () => {
    c = await startTestCollector({ trustProxy: ['loopback'] });
    await post(`${c.url}/v1/events`, makeBatch(), {
      'content-type': 'text/plain',
      'x-forwarded-for': '203.0.113.77',
    });
    expect(dns.queries).toEqual([]);
  });
});
