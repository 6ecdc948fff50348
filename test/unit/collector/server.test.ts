import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULTS, type RunningServer, startServer } from '../../../src/collector/index.js';
import { serverUrl } from '../../../src/collector/server.js';
import { captureIo, makeBatch, post } from '../../helpers/collector-app.js';

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

describe('startServer', () => {
  it('prints exactly one listening line with the real port, and serves', async () => {
    dir = await mkdtemp(join(tmpdir(), 'consentlog-server-'));
    const { io, out } = captureIo();
    server = await startServer({
      ...DEFAULTS,
      port: 0,
      db: join(dir, 'c.db'),
      stdout: io.stdout,
      logStream: false,
      handleSignals: false,
      // Keys given: nothing generated, so nothing else is printed.
      env: {
        CONSENTLOG_ADMIN_TOKEN: 'a-token-from-the-environment',
        CONSENTLOG_DATA_KEY: randomBytes(32).toString('base64'),
      },
    });
    expect(out()).toMatch(/^consentlog collector listening on http:\/\/127\.0\.0\.1:(\d+)\n$/);
    expect(out()).toBe(`consentlog collector listening on ${server.url}\n`);
    expect(server.url).not.toMatch(/:0$/);
    expect((await post(`${server.url}/v1/events`, makeBatch())).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/v1/events`)).rejects.toThrow();
  });

  it('logs requests without the client IP or query string', async () => {
    dir = await mkdtemp(join(tmpdir(), 'consentlog-server-'));
    const { io, out, err } = captureIo();
    server = await startServer({
      ...DEFAULTS,
      port: 0,
      db: join(dir, 'c.db'),
      stdout: io.stdout,
      logStream: io.stderr,
      handleSignals: false,
      logRequests: true,
    });
    await post(`${server.url}/v1/events?token=s3cret`, makeBatch());
    await server.close();
    expect(out()).toContain('listening on');
    const logs = err();
    expect(logs).toContain('"url":"/v1/events"');
    expect(logs).not.toContain('s3cret');
    expect(logs).not.toContain('remoteAddress');
    expect(logs).not.toMatch(/"127\.0\.0\.1"|"::1"|::ffff/);
  });

  it('formats IPv6 hosts with brackets', () => {
    expect(serverUrl('::', 8080)).toBe('http://[::]:8080');
    expect(serverUrl('0.0.0.0', 80)).toBe('http://0.0.0.0:80');
  });

  it('generates an admin token on first start: mode 0600, printed once, then read back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'consentlog-server-'));
    const start = async () => {
      const { io, out, err } = captureIo();
      const running = await startServer({
        ...DEFAULTS,
        port: 0,
        db: join(dir as string, 'c.db'),
        stdout: io.stdout,
        logStream: io.stderr,
        handleSignals: false,
        env: {},
      });
      return { running, out, err };
    };
    const first = await start();
    server = first.running;
    const file = join(dir, 'admin-token');
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.out()).toContain(`admin token (saved to ${file}, shown only this once): ${token}\n`);
    const audit = `${server.url}/v1/admin/audit`;
    expect((await fetch(audit, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(audit, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    await server.close();
    expect(first.err()).not.toContain(token);

    const second = await start();
    server = second.running;
    expect(second.out()).not.toContain('admin token');
    expect(
      (await fetch(`${server.url}/v1/admin/audit`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    expect(second.err()).not.toContain(token);
  });
});
