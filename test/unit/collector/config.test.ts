import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig } from '../../../src/collector/config.js';

describe('resolveConfig', () => {
  it('starts from the defaults', () => {
    expect(resolveConfig({}, {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      db: './data/consentlog.db',
      dbPool: 10,
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
      dataKeyFile: null,
      sync: 'full',
      commitWindowMs: 0,
      checkpointIntervalMs: 200,
      logRequests: false,
      timezone: null,
      tlsCert: null,
      tlsKey: null,
    });
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('takes the dashboard time zone from --timezone or CONSENTLOG_TIMEZONE, and checks it', () => {
    expect(resolveConfig({ timezone: 'Asia/Tokyo' }, {}).timezone).toBe('Asia/Tokyo');
    expect(resolveConfig({}, { CONSENTLOG_TIMEZONE: 'Europe/Berlin' }).timezone).toBe('Europe/Berlin');
    expect(() => resolveConfig({ timezone: 'Mars/Olympus' }, {})).toThrow(
      /--timezone must be an IANA time zone/,
    );
    expect(() => resolveConfig({}, { CONSENTLOG_TIMEZONE: 'CEST+2' })).toThrow(/CONSENTLOG_TIMEZONE/);
  });

  it('reads the dashboard time zone from a config file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const file = `${mkdtempSync('/tmp/consentlog-config-')}/consentlog.json`;
    writeFileSync(file, JSON.stringify({ timezone: 'America/New_York' }));
    expect(resolveConfig({ config: file }, {}).timezone).toBe('America/New_York');
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

  it('takes a PostgreSQL URL from DATABASE_URL below CONSENTLOG_DB, and a pool size', () => {
    const url = 'postgres://u:p@db.internal:5432/consentlog';
    expect(resolveConfig({}, { DATABASE_URL: url })).toMatchObject({ db: url, dbPool: 10 });
    expect(resolveConfig({}, { DATABASE_URL: url, CONSENTLOG_DB: 'a.db' }).db).toBe('a.db');
    expect(resolveConfig({ dbPool: '32' }, { CONSENTLOG_DB_POOL: '4' }).dbPool).toBe(32);
    expect(resolveConfig({}, { CONSENTLOG_DB_POOL: '4' }).dbPool).toBe(4);
    expect(() => resolveConfig({ dbPool: '0' }, {})).toThrow(
      '--db-pool must be a whole number 1-1000, got "0"',
    );
    expect(() => resolveConfig({}, { CONSENTLOG_DB_POOL: 'many' })).toThrow(/CONSENTLOG_DB_POOL must be/);
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

describe('every flag has an env variable and a config-file key', () => {
  it('reads env variables', async () => {
    const env = {
      CONSENTLOG_IP: 'hashed',
      CONSENTLOG_TRUST_PROXY: 'loopback,10.0.0.0/8',
      CONSENTLOG_REVERSE_DNS: 'true',
      CONSENTLOG_REVERSE_DNS_TIMEOUT: '150',
      CONSENTLOG_RATE_LIMIT: '0',
      CONSENTLOG_RETENTION_DAYS: '30',
      CONSENTLOG_CONSENT_RETENTION_DAYS: '730',
      CONSENTLOG_ALLOW_ORIGIN: 'https://a.example, https://b.example',
      CONSENTLOG_DEMO: '1',
      CONSENTLOG_ADMIN_TOKEN_FILE: '/etc/consentlog/token',
      CONSENTLOG_COMMIT_WINDOW: '3',
      CONSENTLOG_CHECKPOINT_INTERVAL: '0',
    };
    expect(resolveConfig({}, env)).toMatchObject({
      ipMode: 'hashed',
      trustProxy: ['loopback', '10.0.0.0/8'],
      reverseDns: true,
      reverseDnsTimeoutMs: 150,
      rateLimit: 0,
      retentionDays: 30,
      consentRetentionDays: 730,
      allowOrigins: ['https://a.example', 'https://b.example'],
      demo: true,
      adminTokenFile: '/etc/consentlog/token',
      commitWindowMs: 3,
      checkpointIntervalMs: 0,
    });
    expect(() => resolveConfig({ commitWindowMs: '5000' }, {})).toThrow(
      '--commit-window must be a whole number 0-1000, got "5000"',
    );
    expect(() => resolveConfig({ checkpointIntervalMs: '-1' }, {})).toThrow('--checkpoint-interval must be');
    expect(() => resolveConfig({}, { CONSENTLOG_RATE_LIMIT: 'lots' })).toThrow(
      'CONSENTLOG_RATE_LIMIT must be a whole number',
    );
    expect(() => resolveConfig({}, { CONSENTLOG_TRUST_PROXY: 'true' })).toThrow(
      /CONSENTLOG_TRUST_PROXY must be a hop count/,
    );
  });

  it('reads a JSON config file, below env and flags', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/consentlog-config-');
    const file = `${dir}/consentlog.json`;
    writeFileSync(
      file,
      JSON.stringify({ ip: 'none', 'rate-limit': 100, 'allow-origin': ['https://x.example'], port: 9001 }),
    );
    expect(resolveConfig({ config: file }, {})).toMatchObject({
      ipMode: 'none',
      rateLimit: 100,
      allowOrigins: ['https://x.example'],
      port: 9001,
    });
    expect(resolveConfig({ ipMode: 'full' }, { CONSENTLOG_CONFIG: file, PORT: '9002' })).toMatchObject({
      ipMode: 'full',
      port: 9002,
      rateLimit: 100,
    });
    writeFileSync(file, JSON.stringify({ 'rate-limt': 1 }));
    expect(() => resolveConfig({ config: file }, {})).toThrow('unknown option "rate-limt"');
    writeFileSync(file, JSON.stringify({ ip: 'half' }));
    expect(() => resolveConfig({ config: file }, {})).toThrow(`${file}: "ip" must be one of`);
  });
});
