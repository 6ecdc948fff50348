import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CollectorError } from '../errors.js';
import { DIST_DIR } from '../paths.js';

export interface DashboardPageOptions {
  /** The built page (default `dist/dashboard`, made by `npm run build:dashboard`). */
  dir?: string;
}

/**
 * The page's policy: only its own origin's files; no inline script or style attribute, no
 * framing, no `<base>` hijack. uPlot sizes its canvases through CSSOM (`el.style.x = …`), which
 * `style-src 'self'` allows; `img-src data:` is for uPlot's legend markers.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Hashed names (`index-3f2a….js`) never change content: cache them for a year. */
function assetHeaders(reply: FastifyReply, path: string): void {
  if (/\.m?js$/.test(path)) reply.header('content-type', 'text/javascript; charset=utf-8');
  reply.header('cache-control', 'public, max-age=31536000, immutable');
}

async function sendIndex(dir: string, reply: FastifyReply): Promise<FastifyReply> {
  const file = join(dir, 'index.html');
  if (!existsSync(file)) {
    throw new CollectorError('COLLECT_ERR_NOT_FOUND', 'the dashboard is not built yet: run `npm run build`');
  }
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', DASHBOARD_CSP)
    .header('cache-control', 'no-cache')
    .send(await readFile(file));
}

/** The analyst page at `/dashboard` and `/dashboard/`, its assets under `/dashboard/assets/`. */
export const dashboardPagePlugin: FastifyPluginAsync<DashboardPageOptions> = async (app, opts) => {
  const dir = opts.dir ?? join(DIST_DIR, 'dashboard');
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/dashboard/assets/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: assetHeaders,
  });
  app.get('/dashboard', (_request, reply) => sendIndex(dir, reply));
  app.get('/dashboard/', (_request, reply) => sendIndex(dir, reply));
};
