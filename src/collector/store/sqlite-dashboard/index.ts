import type { Database } from 'better-sqlite3';
import type { AccessLogRow } from '../../../shared/access-log.js';
import {
  type BreakdownName,
  type BreakdownOptions,
  type DashboardStore,
  type DashQuery,
  type DayBounds,
  EVENT_BREAKDOWNS,
} from '../../dashboard/types.js';
import { exportAccessLog } from '../sqlite-export.js';
import { sqlitePageviewBreakdown } from './breakdowns.js';
import { sqliteConsent } from './consent.js';
import { dayPanels } from './day-panels.js';
import { sqliteEventBreakdown } from './events.js';
import { rowWhere } from './filters.js';
import { sqliteOverview, sqliteSeries, sqliteTotals } from './overview.js';
import { sqliteSessions } from './sessions.js';
import { visitsRollup } from './visits-rollup.js';

/** The dashboard's queries and sessions over a SQLite store's connection. */
export function sqliteDashboard(db: Database): DashboardStore {
  // From the refresh's count per site (migration 011): the access log has no site index to scan.
  const sites = db.prepare('SELECT site FROM dash_sites WHERE rows > 0 ORDER BY site').pluck();
  // Every query first folds in what arrived since the last one (cheap when nothing did), so the
  // roll-up is never behind what the access log holds.
  const refresh = visitsRollup(db);
  const days = dayPanels(db);
  return {
    sessions: sqliteSessions(db),
    async refresh() {
      refresh();
    },
    async sites() {
      refresh();
      return sites.all() as string[];
    },
    async totals(q: DashQuery) {
      refresh();
      return days.totals(q) ?? sqliteTotals(db, q);
    },
    async series(q: DashQuery, bounds: readonly number[]) {
      refresh();
      return days.series(q, bounds) ?? sqliteSeries(db, q, bounds);
    },
    async overview(q: DashQuery, bounds: readonly number[]) {
      refresh();
      const totals = days.totals(q);
      const series = days.series(q, bounds);
      if (!totals && !series) return sqliteOverview(db, q, bounds);
      return { totals: totals ?? sqliteTotals(db, q), series: series ?? sqliteSeries(db, q, bounds) };
    },
    async breakdown(name: BreakdownName, q: DashQuery, opts: BreakdownOptions) {
      refresh();
      if (EVENT_BREAKDOWNS.includes(name)) return sqliteEventBreakdown(db, name, q, opts);
      return days.breakdown(name, q, opts) ?? sqlitePageviewBreakdown(db, name, q, opts);
    },
    async vitals(q: DashQuery) {
      refresh();
      return days.vitals(q);
    },
    async consent(q: DashQuery, days: readonly DayBounds[]) {
      return sqliteConsent(db, q, days);
    },
    async *exportRows(q: DashQuery): AsyncIterable<AccessLogRow> {
      refresh();
      const { sql, params } = rowWhere(q);
      yield* exportAccessLog(db, sql, params);
    },
  };
}
