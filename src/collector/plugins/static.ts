import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CollectorError } from '../errors.js';
import { DEMO_DIR, DIST_DIR } from '../paths.js';

export interface StaticPluginOptions {
  /** Serve the demo site at `/`. */
  demo: boolean;
  /** Where the browser builds are (default `dist/` at the project root). */
  distDir?: string;
  /** Where the demo site is (default `demo/` at the project root). */
  demoDir?: string;
}

/** The HTML spec's MIME type for JavaScript (send's table still says application/javascript). */
function javascriptType(reply: FastifyReply, path: string): void {
  if (/\.m?js$/.test(path)) reply.header('content-type', 'text/javascript; charset=utf-8');
}

/** The browser script at `/consentlog.js` (IIFE) and `/consentlog.mjs` (ESM); the demo site at `/`. */
export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, opts) => {
  const distDir = opts.distDir ?? DIST_DIR;
  await app.register(fastifyStatic, { root: distDir, serve: false, setHeaders: javascriptType });
  for (const file of ['consentlog.js', 'consentlog.mjs']) {
    app.get(`/${file}`, (_request, reply) => {
      if (!existsSync(join(distDir, file))) {
        throw new CollectorError('COLLECT_ERR_NOT_FOUND', `${file} is not built yet: run \`npm run build\``);
      }
      // Short cache: a new release should reach visitors within minutes, not days.
      return reply.sendFile(file, { maxAge: 300_000 });
    });
  }
  if (!opts.demo) return;
  const demoDir = opts.demoDir ?? DEMO_DIR;
  if (!existsSync(demoDir)) throw new Error(`--demo needs the demo site at ${demoDir}, which does not exist`);
  await app.register(fastifyStatic, {
    root: demoDir,
    prefix: '/',
    decorateReply: false,
    setHeaders: javascriptType,
  });
};
