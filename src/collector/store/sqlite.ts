import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import type { DashboardStore } from '../dashboard/types.js';
import { GroupCommit } from './group-commit.js';
import { badRowsQueries } from './sqlite-badrows.js';
import { SqliteConsentSql } from './sqlite-consent.js';
import { sqliteDashboard } from './sqlite-dashboard/index.js';
import { accessLogInserter } from './sqlite-insert.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { privacyQueries } from './sqlite-privacy.js';
import { retentionQueries } from './sqlite-retention.js';
import {
  type AuditEntry,
  type BadRow,
  type ConsentQuery,
  type ConsentRow,
  type Corrections,
  type DeleteResult,
  type InsertResult,
  type PurgeCutoffs,
  type PurgeResult,
  type ReportQuery,
  type Store,
  type StoredConsentRow,
  TOP_DIMENSIONS,
  type TopDimension,
  type TopRow,
  type Totals,
  type VisitorData,
} from './types.js';

export interface SqliteStoreOptions {
  /** Refuse to create a new file (report/export on a mistyped path should fail, not show zeros). */
  mustExist?: boolean;
  /** How long a write waits for a lock held by another process before failing (503). Default 2000. */
  busyTimeoutMs?: number;
  /** Cap the file at this many bytes: writes beyond fail as a full disk would (503). */
  maxBytes?: number;
  /**
   * `full` (default): a commit is fsynced before it is acknowledged, so it survives a power cut.
   * `normal`: a commit is written to the WAL (it survives a crash or kill -9 of the collector) and
   * fsynced at checkpoints; a power cut may lose the last moments. Several times faster on slow disks.
   */
  synchronous?: 'full' | 'normal';
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
  // WAL: readers (report, export) don't block the collector's writes. We answer 200 only after a
  // commit, and the client then forgets the events: FULL (the default) fsyncs every commit.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  // 32 MB of page cache: random UUID keys touch many index pages per batch; keeping them in memory
  // saves re-reading them for the next commit.
  db.pragma('cache_size = -32000');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 2000))}`);
  migrateSqlite(db);
  if (options.maxBytes) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }
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
  private readonly insertRows: (rows: AccessLogRow[]) => number;
  private readonly insertConsentStmt: Database.Statement;
  private readonly commits: GroupCommit;
  private readonly badRows: ReturnType<typeof badRowsQueries>;
  private readonly privacy: ReturnType<typeof privacyQueries>;
  private readonly retention: ReturnType<typeof retentionQueries>;
  private readonly consentSql: SqliteConsentSql;
  readonly dashboard: DashboardStore;

  constructor(private readonly db: Database.Database) {
    this.dashboard = sqliteDashboard(db);
    this.commits = new GroupCommit(db);
    this.badRows = badRowsQueries(db);
    this.privacy = privacyQueries(db);
    this.retention = retentionQueries(db);
    this.insertRows = accessLogInserter(db);
    this.consentSql = new SqliteConsentSql(db);
    this.insertConsentStmt = db.prepare(
      `INSERT INTO consent_log (${CONSENT_COLUMNS.join(', ')})
       VALUES (${CONSENT_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (consent_id, ts, method) DO NOTHING`,
    );
  }

  // Writes go through the group commit: all rows of a request are committed together (with
  // those of the other requests of the same event-loop turn), or none.
  async insertEvents(rows: AccessLogRow[]): Promise<InsertResult> {
    if (!rows.length) return { inserted: 0, duplicates: 0 };
    const inserted = await this.commits.submit(() => this.insertRows(rows));
    return { inserted, duplicates: rows.length - inserted };
  }

  async insertConsent(row: ConsentRow): Promise<InsertResult> {
    const inserted = await this.commits.submit(() => this.insertConsentStmt.run(row).changes);
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

  async insertBadRows(rows: BadRow[]): Promise<number> {
    return rows.length ? this.commits.submit(() => this.badRows.insert(rows)) : 0;
  }

  async consentChoices(consentId: string): Promise<Choices | null> {
    return this.privacy.consentChoices(consentId);
  }

  async visitorData(visitorId: string): Promise<VisitorData> {
    return this.privacy.visitorData(visitorId);
  }

  async deleteVisitor(visitorId: string): Promise<DeleteResult> {
    return this.commits.submit(() => this.privacy.deleteVisitor(visitorId));
  }

  async correctVisitor(visitorId: string, changes: Corrections): Promise<number> {
    return this.commits.submit(() => this.privacy.correctVisitor(visitorId, changes));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.commits.submit(() => this.privacy.appendAudit(entry));
  }

  async auditEntries(limit = 100): Promise<AuditEntry[]> {
    return this.privacy.auditEntries(limit);
  }

  async purge(cutoffs: PurgeCutoffs): Promise<PurgeResult> {
    return this.commits.submit(() => this.retention.purge(cutoffs));
  }

  async ipSalt(day: string): Promise<Buffer> {
    return this.commits.submit(() => this.retention.ipSalt(day));
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
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
      // Self-referrals: the same host, or (marked at ingest) the same registrable domain.
      extra.push('referrer_domain IS NOT NULL', "referrer_domain <> COALESCE(host, '')", 'self_referral = 0');
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
    if (!this.db.open) return;
    this.commits.flush(); // commit what was accepted before closing
    this.db.close();
  }
}
