import type pg from 'pg';
import type { AccessLogRow } from '../../../shared/access-log.js';
import {
  type BreakdownName,
  type BreakdownOptions,
  type DashboardStore,
  type DashQuery,
  type DayBounds,
  EVENT_BREAKDOWNS,
} from '../../dashboard/types.js';
import { ACCESS_LOG_STORED, withoutEmptyCipher } from '../stored-columns.js';
import { pgPageviewBreakdown } from './breakdowns.js';
import { pgConsent } from './consent.js';
import { pgEventBreakdown } from './events.js';
import { Params, pgRowWhere } from './filters.js';
import { pgSeries, pgTotals } from './overview.js';
import { pgSessions } from './sessions.js';
import { pgVitals } from './vitals.js';

const EXPORT_PAGE = 1000;

/** The dashboard's queries and sessions on PostgreSQL: the same answers as the SQLite store's. */
export function postgresDashboard(pool: pg.Pool): DashboardStore {
  return {
    sessions: pgSessions(pool),
    // Visits are computed at query time (postgres-dashboard/visits.ts): there is nothing to bring up to date.
    async refresh() {},
    async sites() {
      // Loose index scan over (site, ts): one index probe per site instead of reading every row.
      const { rows } = await pool.query<{ site: string }>(
        `WITH RECURSIVE s(site) AS (
           SELECT MIN(site) FROM access_log
           UNION ALL SELECT (SELECT MIN(site) FROM access_log WHERE site > s.site) FROM s WHERE s.site IS NOT NULL)
         SELECT site FROM s WHERE site IS NOT NULL ORDER BY site COLLATE "C"`,
      );
      return rows.map((r) => r.site);
    },
    totals: (q: DashQuery) => pgTotals(pool, q),
    series: (q: DashQuery, bounds: readonly number[]) => pgSeries(pool, q, bounds),
    breakdown: (name: BreakdownName, q: DashQuery, opts: BreakdownOptions) =>
      EVENT_BREAKDOWNS.includes(name)
        ? pgEventBreakdown(pool, name, q, opts)
        : pgPageviewBreakdown(pool, name, q, opts),
    vitals: (q: DashQuery) => pgVitals(pool, q),
    consent: (q: DashQuery, days: readonly DayBounds[]) => pgConsent(pool, q, days),
    async *exportRows(q: DashQuery): AsyncIterable<AccessLogRow> {
      const p = new Params();
      const after = p.add(0);
      const { cte, sql: where } = pgRowWhere(q, p);
      const sql = `${cte ? `WITH ${cte} ` : ''}SELECT seq, ${ACCESS_LOG_STORED.join(', ')} FROM access_log
        WHERE ${where} AND seq > ${after} ORDER BY seq LIMIT ${EXPORT_PAGE}`;
      for (;;) {
        const { rows } = await pool.query<AccessLogRow & { seq: number }>(sql, p.values);
        for (const { seq, ...row } of rows) {
          p.values[0] = seq;
          yield withoutEmptyCipher(row);
        }
        if (rows.length < EXPORT_PAGE) return;
      }
    },
  };
}
