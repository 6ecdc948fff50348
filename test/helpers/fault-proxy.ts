import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One programmed answer instead of the collector's: a status, and optionally a Retry-After. */
export interface Fault {
  status: number;
  retryAfter?: string;
  /** Only for batches with more events than this (e.g. 413 for any batch of 2+). */
  moreThan?: number;
}

/** A POST /v1/events the proxy saw: when it came and ended, which event ids, what it answered. */
export interface ProxiedPost {
  start: number;
  end: number;
  ids: string[];
  status: number;
  /** `Sec-Fetch-Mode`: `no-cors` for `sendBeacon` with a text body, `cors` for our `fetch`. */
  mode: string;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: what the fixture pages use as their collector. */
  url: string;
  /** Where requests go when no fault is programmed; settable (a restarted collector gets a new port). */
  target: string;
  /** Answers the next event POSTs with these faults, one each, then passes through again. */
  fail(...faults: Fault[]): void;
  /** Closes the listening socket: browsers get "connection refused" (a network error). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  posts: ProxiedPost[];
  close(): Promise<void>;
}

const cors = (req: IncomingMessage) => ({
  'Access-Control-Allow-Origin': req.headers.origin ?? '*',
  'Access-Control-Expose-Headers': 'Retry-After',
});

function idsOf(body: string): string[] {
  try {
    return (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
  } catch {
    return [];
  }
}

/**
 * A loopback proxy in front of a real collector process that can be told to fail: answer
 * 5xx/429/413/4xx for the next requests, or refuse connections altogether. Everything else goes
 * through unchanged to the collector, which stores.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const faults: Fault[] = [];
  const posts: ProxiedPost[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const ids = req.method === 'POST' ? idsOf(body.toString()) : [];
    const post: ProxiedPost | undefined = ids.length
      ? { start: Date.now(), end: 0, ids, status: 0, mode: String(req.headers['sec-fetch-mode']) }
      : undefined;
    if (post) posts.push(post);
    const done = (status: number) => {
      if (post) Object.assign(post, { end: Date.now(), status });
    };
    const fault = post && faults[0] && ids.length > (faults[0].moreThan ?? 0) ? faults.shift() : undefined;
    if (fault) {
      const headers: Record<string, string> = { ...cors(req), 'Content-Type': 'application/json' };
      if (fault.retryAfter) headers['Retry-After'] = fault.retryAfter;
      res.writeHead(fault.status, headers).end('{"error":"INJECTED"}');
      return done(fault.status);
    }
    const url = new URL(req.url ?? '/', proxy.target);
    const upstream = request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => done(up.statusCode ?? 502));
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, cors(req)).end();
      done(502);
    });
    upstream.end(body);
  };
  const make = (): Server =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(req, res, Buffer.concat(chunks)));
    });
  let server = make();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const closeServer = () =>
    new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    target,
    posts,
    fail: (...f) => faults.push(...f),
    down: closeServer,
    up: async () => {
      server = make();
      await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    },
    close: () => (server.listening ? closeServer() : Promise.resolve()),
  };
  return proxy;
}
