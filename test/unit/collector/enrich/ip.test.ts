import { describe, expect, it } from 'vitest';
import { storedIp } from '../../../../src/collector/enrich/ip.js';

describe('storedIp', () => {
  it('truncates IPv4 to /24 by default', () => {
    expect(storedIp('203.0.113.77', 'truncated')).toBe('203.0.113.0');
    expect(storedIp('::ffff:198.51.100.9', 'truncated')).toBe('198.51.100.0');
  });

  it('truncates IPv6 to /48', () => {
    expect(storedIp('2001:db8:85a3:8d3:1319:8a2e:370:7348', 'truncated')).toBe('2001:db8:85a3::');
    expect(storedIp('2001:db8::1', 'truncated')).toBe('2001:db8:0::');
    expect(storedIp('::1', 'truncated')).toBe('0:0:0::');
    expect(storedIp('fe80::1%eth0', 'truncated')).toBe('fe80:0:0::');
    expect(storedIp('2001:0DB8:0001:0002::', 'truncated')).toBe('2001:db8:1::');
  });

  it('stores nothing with none, the address with full, null for garbage', () => {
    expect(storedIp('203.0.113.77', 'none')).toBeNull();
    expect(storedIp('203.0.113.77', 'full')).toBe('203.0.113.77');
    expect(storedIp('::ffff:198.51.100.9', 'full')).toBe('198.51.100.9');
    expect(storedIp(undefined, 'truncated')).toBeNull();
    expect(storedIp('not an ip', 'truncated')).toBeNull();
  });
});
