import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../shared/access-log.js';
import { SqliteConsentSql } from './sqlite-consent.js';
import { migrateSqlite } from './sqlite-migrate.js';
import {
  type ConsentQuery,
  type ConsentRow,
  type InsertResult,
  type ReportQuery,
  type Store,
  type StoredConsentRow,
  TOP_DIMENSIONS,
  type TopDimension,
  type TopRow,
  type Totals,
} from './types.js';

export interface SqliteStoreOptions {
  /** Refuse to create a new file (report/export on a mistyped path should fail, not show zeros). */
  mustExist?: boolean;
}

const COLUMNS = ACCESS_LOG_COLUMNS.join(', ');
const CONSENT_COLUMNS = [
  'received_at',
  'ts',
  'site',
  'consent_id',
  'previous_consent_id',
  'policy_revision',
  'choices',
  'method',
  'language',
  'url',
  'texts_hash',
  'browser',
] as const satisfies readonly (keyof ConsentRow)[];
const EXPORT_PAGE = 1000;

/** Open (creating the file and its folder if needed) and migrate a SQLite store. `:memory:` works too. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const memory = path === ':memory:';
  if (!memory && options.mustExist && !existsSync(path)) throw new Error(`no database at ${path}`);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: readers (report, export) don't block the collector's writes. synchronous stays at its
  // default FULL: we answer 200 only after a commit, and the client then forgets the events.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  return new SqliteStore(db);
}

/** WHERE clause for a query, built from parts so the (site, ts) index can be used. */
function where(query: ReportQuery, extra: string[] = []): { sql: string; params: Record<string, unknown> } {
  const parts = [...extra];
  const params: Record<string, unknown> = {};
  if (query.since !== undefined) {
    parts.push('ts >= @since');
    params.since = query.since;
  }
  if (query.site !== undefined) {
    parts.push('site = @site');
    params.site = query.site;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

class SqliteStore implements Store {
  private readonly insertEvent: Database.Statement;
  private readonly insertConsentStmt: Database.Statement;
  private readonly insertMany: (rows: AccessLogRow[]) => number;
  private readonly consentSql: SqliteConsentSql;

  constructor(private readonly db: Database.Database) {
    this.consentSql = new SqliteConsentSql(db);
    this.insertEvent = db.prepare(
      `INSERT INTO access_log (${COLUMNS}) VALUES (${ACCESS_LOG_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO NOTHING`,
    );
    this.insertConsentStmt = db.prepare(
      `INSERT INTO consent_log (${CONSENT_COLUMNS.join(', ')})
       VALUES (${CONSENT_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (consent_id, ts, method) DO NOTHING`,
    );
    // One transaction per batch: all rows of a request are committed together, or none.
    this.insertMany = db.transaction((rows: AccessLogRow[]) =>
      rows.reduce((n, row) => n + this.insertEvent.run(row).changes, 0),
    );
  }

  async insertEvents(rows: AccessLogRow[]): Promise<InsertResult> {
    const inserted = rows.length ? this.insertMany(rows) : 0;
    return { inserted, duplicates: rows.length - inserted };
  }

  async insertConsent(row: ConsentRow): Promise<InsertResult> {
    const inserted = this.insertConsentStmt.run(row).changes;
    return { inserted, duplicates: 1 - inserted };
  }

  async putConsentTexts(hash: string, texts: string): Promise<boolean> {
    return this.consentSql.putTexts(hash, texts, Date.now());
  }

  async consentTexts(hash: string): Promise<string | null> {
    return this.consentSql.texts(hash);
  }

  async *consentRows(query: ConsentQuery): AsyncIterable<StoredConsentRow> {
    yield* this.consentSql.rows(query);
  }

  async totals(query: ReportQuery): Promise<Totals> {
    const { sql, params } = where(query, ['is_bot = 0']);
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(type = 'pageview'), 0) AS pageviews, COALESCE(SUM(type = 'event'), 0) AS events,
         COUNT(DISTINCT visitor_id) AS visitors FROM access_log ${sql}`,
      )
      .get(params) as Totals;
    return { pageviews: row.pageviews, events: row.events, visitors: row.visitors };
  }

  async top(dimension: TopDimension, query: ReportQuery & { limit?: number }): Promise<TopRow[]> {
    // The column comes from a fixed map, never from input, so interpolating it is safe.
    const column = TOP_DIMENSIONS[dimension];
    const extra = ["type = 'pageview'", 'is_bot = 0'];
    if (dimension === 'referrers')
      extra.push('referrer_domain IS NOT NULL', "referrer_domain <> COALESCE(host, '')");
    const { sql, params } = where(query, extra);
    return this.db
      .prepare(
        `SELECT ${column} AS value, COUNT(*) AS pageviews, COUNT(DISTINCT visitor_id) AS visitors
         FROM access_log ${sql} GROUP BY ${column} ORDER BY pageviews DESC, value ASC LIMIT @limit`,
      )
      .all({ ...params, limit: query.limit ?? 10 }) as TopRow[];
  }

  async *exportRows(query: ReportQuery): AsyncIterable<AccessLogRow> {
    // Keyset pages instead of one long-running iterate(): the connection is never held busy
    // between pages, so the collector can keep inserting while an export runs.
    const { sql, params } = where(query, ['rowid > @after']);
    const page = this.db.prepare(
      `SELECT rowid AS seq, ${COLUMNS} FROM access_log ${sql} ORDER BY rowid LIMIT ${EXPORT_PAGE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all({ ...params, after }) as (AccessLogRow & { seq: number })[];
      for (const { seq, ...row } of rows) {
        after = seq;
        yield row;
      }
      if (rows.length < EXPORT_PAGE) return;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
