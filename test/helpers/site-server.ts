import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { ROOT } from './collector-process.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface SiteServer {
  /** Origin of the site, on `localhost` so that it differs from the collector's `127.0.0.1` origin. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a fixture folder as a third-party site would: its own origin, the built script at
 * `/consentlog.js`, and `{{COLLECTOR}}` in HTML replaced by the collector's URL.
 */
export async function startSite(
  fixture: string,
  collectorUrl: string,
  /** Extra response headers per path, e.g. `{ '/index.html': { 'Content-Security-Policy': … } }`. */
  headers: Record<string, Record<string, string>> = {},
): Promise<SiteServer> {
  const dir = join(ROOT, 'test/fixtures', fixture);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file =
      path === '/consentlog.js'
        ? join(ROOT, 'dist/consentlog.js')
        : join(dir, normalize(path.endsWith('/') ? `${path}index.html` : path));
    try {
      let body: Buffer | string = readFileSync(file);
      if (file.endsWith('.html')) body = body.toString().replaceAll('{{COLLECTOR}}', collectorUrl);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...headers[path],
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
