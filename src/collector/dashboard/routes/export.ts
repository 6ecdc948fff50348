import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS_LOG_COLUMNS, type AccessLogRow, PERSONAL_COLUMNS } from '../../../shared/access-log.js';
import { streamRows } from '../../format/stream-rows.js';
import { oneOf, type QueryString } from '../params.js';
import { dashboardOf, type QueryRouteOptions, resolveQuery } from './queries.js';

const TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** A file name made only of safe characters (the site name comes from beacons). */
const fileName = (site: string, from: number, format: string): string =>
  `consentlog-${site.replace(/[^a-zA-Z0-9.-]/g, '_').slice(0, 80)}-${new Date(from).toISOString().slice(0, 10)}.${format}`;

const ANALYST_COLUMNS = ACCESS_LOG_COLUMNS.filter(
  (c) => !(PERSONAL_COLUMNS as readonly string[]).includes(c),
);

/** Rows without the personal columns, for the analyst role (NDJSON writes whole rows). */
async function* withoutPersonal(rows: AsyncIterable<AccessLogRow>): AsyncIterable<AccessLogRow> {
  for await (const row of rows) {
    const copy: Partial<AccessLogRow> = { ...row };
    for (const column of PERSONAL_COLUMNS) delete copy[column];
    yield copy as AccessLogRow;
  }
}

/** Counts what passes through, for the audit entry written when the download ends. */
async function* counted<T>(rows: AsyncIterable<T>, count: { n: number }): AsyncIterable<T> {
  for await (const row of rows) {
    count.n++;
    yield row;
  }
}

/**
 * `GET /export`: the filtered rows of the range as CSV (formula cells neutralised by csvCell) or
 * NDJSON, streamed page by page with backpressure, never the whole result in memory. The analyst
 * role gets every column but the personal ones; each export is audited.
 */
export const exportRoute: FastifyPluginAsync<QueryRouteOptions> = async (app, opts) => {
  app.get('/export', async (request, reply) => {
    const format = oneOf(request.query as QueryString, 'format', ['csv', 'ndjson'] as const) ?? 'csv';
    const dashboard = dashboardOf(app.store);
    const { query } = await resolveQuery(request, dashboard, opts);
    const body = new PassThrough();
    const session = request.dashboardSession;
    const analyst = session?.role !== 'admin';
    const count = { n: 0 };
    const rows = counted(dashboard.exportRows(query), count);
    streamRows(
      body,
      analyst ? withoutPersonal(rows) : rows,
      analyst ? ANALYST_COLUMNS : ACCESS_LOG_COLUMNS,
      format,
    ).then(
      async () => {
        // Who exported what: the filter and the row count, never the rows themselves. Written
        // before the download ends, so an export the client received is always in the log.
        await app.store
          .appendAudit({
            ts: Date.now(),
            actor: session?.actor ?? 'admin',
            action: 'dashboard.export',
            subject: null,
            detail: JSON.stringify({ format, ...query, rows: count.n, personal_columns: !analyst }),
          })
          .catch((err: unknown) => request.log.error({ err }, 'audit of a dashboard export failed'));
        body.end();
      },
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
