import type { FastifyPluginAsync } from 'fastify';

export interface GpcRouteOptions {
  /** `YYYY-MM-DD`: when the site's handling of GPC last changed. */
  lastUpdate: string;
}

/**
 * `GET /.well-known/gpc.json` (https://w3c.github.io/gpc/#gpc-support-resource): tells GPC
 * clients that this site honours the signal. The script denies `marketing` when a browser sends
 * it, and never reads it as consent.
 */
export const gpcRoute: FastifyPluginAsync<GpcRouteOptions> = async (app, opts) => {
  app.get('/.well-known/gpc.json', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=86400').header('Access-Control-Allow-Origin', '*');
    return { gpc: true, lastUpdate: opts.lastUpdate };
  });
};
