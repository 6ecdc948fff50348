import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig, startServer } from '../../../src/collector/index.js';
import { captureIo, makeBatch, post } from '../../helpers/collector-app.js';

let dir: string;
let cert: string;
let key: string;

/** A real self-signed certificate for 127.0.0.1, made by the machine's openssl. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'consentlog-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** GET over HTTPS trusting only our certificate; resolves status, headers and body. */
function httpsGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: readFileSync(cert) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS served by the collector itself', () => {
  it('serves over TLS with HSTS, prints an https URL, and stores beacons', async () => {
    const { io, out } = captureIo();
    const server = await startServer({
      ...DEFAULTS,
      port: 0,
      db: join(dir, 'tls.db'),
      tlsCert: cert,
      tlsKey: key,
      stdout: io.stdout,
      logStream: false,
      handleSignals: false,
      env: { CONSENTLOG_ADMIN_TOKEN: 'tls-test-token-0123456789' },
    });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(out()).toContain(`listening on ${server.url}`);
      const health = await httpsGet(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      // Plain HTTP to the TLS port is not served.
      await expect(fetch(`${server.url.replace('https:', 'http:')}/healthz`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('sends no HSTS over plain HTTP', async () => {
    const server = await startServer({
      ...DEFAULTS,
      port: 0,
      db: join(dir, 'plain.db'),
      stdout: captureIo().io.stdout,
      logStream: false,
      handleSignals: false,
      env: { CONSENTLOG_ADMIN_TOKEN: 'tls-test-token-0123456789' },
    });
    try {
      const res = await post(`${server.url}/v1/events`, makeBatch());
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('refuses half a TLS configuration and names the missing option', () => {
    expect(() => resolveConfig({ tlsCert: cert }, {})).toThrow('--tls-cert needs --tls-key');
    expect(() => resolveConfig({}, { CONSENTLOG_TLS_KEY: key })).toThrow('--tls-key needs --tls-cert');
    expect(resolveConfig({}, { CONSENTLOG_TLS_CERT: cert, CONSENTLOG_TLS_KEY: key })).toMatchObject({
      tlsCert: cert,
      tlsKey: key,
    });
  });

  it('stops at start with the flag and path of an unreadable file', async () => {
    const missing = join(dir, 'nope.pem');
    await expect(
      startServer({
        ...DEFAULTS,
        port: 0,
        db: join(dir, 'bad.db'),
        tlsCert: missing,
        tlsKey: key,
        stdout: captureIo().io.stdout,
        logStream: false,
        handleSignals: false,
        env: {},
      }),
    ).rejects.toThrow(`--tls-cert ${missing}: ENOENT`);
  });
});
