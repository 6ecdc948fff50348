import type pg from 'pg';
import type { AccessLogRow } from '../../shared/access-log.js';
import { ACCESS_LOG_STORED, withoutEmptyCipher } from './stored-columns.js';
import { type ReportQuery, TOP_DIMENSIONS, type TopDimension, type TopRow, type Totals } from './types.js';

const EXPORT_PAGE = 1000;
const COLUMNS = ACCESS_LOG_STORED.join(', ');

/** WHERE clause with positional parameters; `ts` bounds let PostgreSQL skip other months' tables. */
export function where(query: ReportQuery, extra: string[] = [], params: unknown[] = []) {
  const parts = [...extra];
  if (query.since !== undefined) {
    params.push(query.since);
    parts.push(`ts >= $${params.length}`);
  }
  if (query.site !== undefined) {
    params.push(query.site);
    parts.push(`site = $${params.length}`);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Totals, top lists and the export (PostgreSQL), the same numbers as SQLite's. */
export function reportQueries(pool: pg.Pool) {
  return {
    async totals(query: ReportQuery): Promise<Totals> {
      const { sql, params } = where(query, ['is_bot = 0']);
      const { rows } = await pool.query<Totals>(
        `SELECT COUNT(*) FILTER (WHERE type = 'pageview') AS pageviews,
                COUNT(*) FILTER (WHERE type = 'event') AS events,
                COUNT(DISTINCT visitor_id) AS visitors FROM access_log ${sql}`,
        params,
      );
      const row = rows[0] as Totals;
      return { pageviews: row.pageviews, events: row.events, visitors: row.visitors };
    },
    async top(dimension: TopDimension, query: ReportQuery & { limit?: number }): Promise<TopRow[]> {
      // The column comes from a fixed map, never from input.
      const column = TOP_DIMENSIONS[dimension];
      const extra = ["type = 'pageview'", 'is_bot = 0'];
      if (dimension === 'referrers')
        extra.push(
          'referrer_domain IS NOT NULL',
          "referrer_domain <> COALESCE(host, '')",
          'self_referral = 0',
        );
      const { sql, params } = where(query, extra, [query.limit ?? 10]);
      // COLLATE "C": ties sort by code point, as SQLite's BINARY collation does.
      const { rows } = await pool.query<TopRow>(
        `SELECT ${column} AS value, COUNT(*) AS pageviews, COUNT(DISTINCT visitor_id) AS visitors
         FROM access_log ${sql} GROUP BY ${column}
         ORDER BY pageviews DESC, ${column} COLLATE "C" ASC NULLS FIRST LIMIT $1`,
        params,
      );
      return rows;
    },
    /** Keyset pages on the stored order, so no connection is held between pages. */
    async *exportRows(query: ReportQuery): AsyncIterable<AccessLogRow> {
      const { sql, params } = where(query, ['seq > $1'], [0]);
      const page = `SELECT seq, ${COLUMNS} FROM access_log ${sql} ORDER BY seq LIMIT ${EXPORT_PAGE}`;
      for (;;) {
        const { rows } = await pool.query<AccessLogRow & { seq: number }>(page, params);
        for (const { seq, ...row } of rows) {
          params[0] = seq;
          yield withoutEmptyCipher(row);
        }
        if (rows.length < EXPORT_PAGE) return;
      }
    },
  };
}
