import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../lib/report.js';

/** What `/assets/NAME` serves: the built script and each alternative's files from node_modules. */
const ASSETS: Record<string, string> = {
  'consentlog.js': 'dist/consentlog.js',
  'vanilla-cookieconsent.umd.js': 'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
  'vanilla-cookieconsent.css': 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
  'klaro.js': 'node_modules/klaro/dist/klaro.js',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

export interface BenchSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves test/bench/fixtures/*.html (with `{{COLLECTOR}}` filled in) and the assets above on
 * loopback, from memory, so disk reads never land inside a measured page load.
 */
export async function startBenchSite(collectorUrl: string): Promise<BenchSite> {
  const files = new Map<string, Buffer>();
  for (const name of ['baseline', 'consentlog', 'vanilla-cookieconsent', 'klaro']) {
    const html = readFileSync(join(ROOT, 'test/bench/fixtures', `${name}.html`), 'utf8');
    files.set(`/${name}.html`, Buffer.from(html.replaceAll('{{COLLECTOR}}', collectorUrl)));
  }
  for (const [name, path] of Object.entries(ASSETS))
    files.set(`/assets/${name}`, readFileSync(join(ROOT, path)));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = files.get(path);
    if (!body) return void res.writeHead(404).end('not found');
    const type = TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';
    // No caching headers: every measured visit is a first visit of a fresh profile anyway.
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    // `localhost`, not 127.0.0.1: the collector runs on 127.0.0.1, so the beacon is cross-origin as in production.
    url: `http://localhost:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
