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
});
