import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../src/collector/index.js';
import type { EventBatch, WireEvent } from '../../src/shared/index.js';

export interface TestCollector {
  app: FastifyInstance;
  /** `http://127.0.0.1:PORT` of a real listening socket. */
  url: string;
  /** The SQLite file (inside a folder the app had to create). */
  db: string;
  dir: string;
  close(): Promise<void>;
}

/** A fresh in-process collector on a real socket and a real SQLite file in a temp folder. */
export async function startTestCollector(opts: BuildAppOptions = {}): Promise<TestCollector> {
  const dir = await mkdtemp(join(tmpdir(), 'consentlog-unit-'));
  const db = join(dir, 'nested', 'consentlog.db');
  const app = buildApp({ db, ...opts });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db,
    dir,
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function makeEvent(overrides: Partial<WireEvent> = {}): WireEvent {
  return {
    id: randomUUID(),
    type: 'pageview',
    category: 'analytics',
    ts: Date.now(),
    url: 'https://shop.example.com/products/42?color=red',
    ...overrides,
  };
}

export function makeBatch(events: WireEvent[] = [makeEvent()], site = 'shop'): EventBatch {
  return { v: 1, site, events };
}

/** POST a body (a value is JSON-encoded) the way the browser script does: text/plain by default. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'text/plain;charset=UTF-8' },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Streams that remember what was written, for command functions. */
export function captureIo(env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  return { io: { stdout, stderr, env }, out: () => out.join(''), err: () => err.join('') };
}
