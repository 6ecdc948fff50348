import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS_LOG_COLUMNS } from '../../../shared/access-log.js';
import { streamRows } from '../../format/stream-rows.js';
import { oneOf, type QueryString } from '../params.js';
import { dashboardOf, type QueryRouteOptions, resolveQuery } from './queries.js';

const TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** A file name made only of safe characters (the site name comes from beacons). */
const fileName = (site: string, from: number, format: string): string =>
  `consentlog-${site.replace(/[^a-zA-Z0-9.-]/g, '_').slice(0, 80)}-${new Date(from).toISOString().slice(0, 10)}.${format}`;

/**
 * `GET /export`: the filtered rows of the range as CSV (formula cells neutralised by csvCell) or
 * NDJSON, streamed page by page with backpressure, never the whole result in memory.
 */
export const exportRoute: FastifyPluginAsync<QueryRouteOptions> = async (app, opts) => {
  app.get('/export', async (request, reply) => {
    const format = oneOf(request.query as QueryString, 'format', ['csv', 'ndjson'] as const) ?? 'csv';
    const dashboard = dashboardOf(app.store);
    const { query } = await resolveQuery(request, dashboard, opts);
    const body = new PassThrough();
    streamRows(body, dashboard.exportRows(query), ACCESS_LOG_COLUMNS, format).then(
      () => body.end(),
      (err: unknown) => {
        request.log.error({ err }, 'dashboard export failed');
        body.destroy(err as Error); // the client sees a cut-off download, not a complete-looking file
      },
    );
    reply
      .header('content-type', TYPES[format])
      .header('content-disposition', `attachment; filename="${fileName(query.site, query.from, format)}"`)
      .header('cache-control', 'no-store');
    return reply.send(body);
  });
};
