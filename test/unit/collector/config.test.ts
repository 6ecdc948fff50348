import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig } from '../../../src/collector/config.js';

describe('resolveConfig', () => {
  it('starts from the defaults', () => {
    expect(resolveConfig({}, {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      db: './data/consentlog.db',
      allowOrigins: null,
      demo: false,
      ipMode: 'truncated',
      trustProxy: false,
      reverseDns: false,
      reverseDnsTimeoutMs: 300,
      rateLimit: 6000,
      retentionDays: 395,
      consentRetentionDays: 1095,
      adminTokenFile: null,
    });
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('takes env fallbacks, and flags over env', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', CONSENTLOG_DB: '/var/lib/cl.db' };
    expect(resolveConfig({}, env)).toMatchObject({ port: 9000, host: '0.0.0.0', db: '/var/lib/cl.db' });
    expect(resolveConfig({ port: '0', db: 'x.db' }, env)).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      db: 'x.db',
    });
  });

  it('normalises allowed origins', () => {
    const config = resolveConfig(
      { allowOrigins: ['https://Shop.example.com/', 'http://localhost:3000'] },
      {},
    );
    expect(config.allowOrigins).toEqual(['https://shop.example.com', 'http://localhost:3000']);
  });

  it('names the bad option in the error', () => {
    expect(() => resolveConfig({ port: 'abc' }, {})).toThrow('--port must be an integer 0-65535, got "abc"');
    expect(() => resolveConfig({ port: 70000 }, {})).toThrow(
      '--port must be an integer 0-65535, got "70000"',
    );
    expect(() => resolveConfig({}, { PORT: '-1' })).toThrow('PORT must be an integer 0-65535, got "-1"');
    expect(() => resolveConfig({ host: ' ' }, {})).toThrow('--host must not be empty');
    expect(() => resolveConfig({ allowOrigins: ['https://x.com/path'] }, {})).toThrow(
      '--allow-origin must be an origin like https://example.com, got "https://x.com/path"',
    );
    expect(() => resolveConfig({ allowOrigins: ['*'] }, {})).toThrow(/--allow-origin/);
    expect(() => resolveConfig({ ipMode: 'half' }, {})).toThrow(
      '--ip must be one of truncated, hashed, full, none, got "half"',
    );
  });
});
