import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import type { DashboardStore } from '../dashboard/types.js';
import type { PersonalBackend } from './personal-backend.js';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.js';
import { type ConnectionOptions, capSize, configureConnection } from './sqlite-connection.js';
import { SqliteConsentSql } from './sqlite-consent.js';
import { sqliteDashboard } from './sqlite-dashboard/index.js';
import { exportAccessLog } from './sqlite-export.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { sqlitePersonal } from './sqlite-personal.js';
import { privacyQueries } from './sqlite-privacy.js';
import { tokenQueries } from './sqlite-tokens.js';
import { MainThreadWriter } from './sqlite-writer.js';
import type { Writer } from './sqlite-writes.js';
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
  type StoredToken,
  TOP_DIMENSIONS,
  type TokenInfo,
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
  /** Group-commit window (GroupCommit): 0 (default) commits at the end of each event-loop turn. */
  commitWindowMs?: number;
  /**
   * Checkpoint the WAL from a background thread every this many ms (`serve --checkpoint-interval`),
   * instead of inside every ~1000th commit on the request path. 0/omitted: SQLite's automatic
   * checkpoints. Not for `:memory:`.
   */
  checkpointIntervalMs?: number;
}

/** Open (creating the file and its folder if needed) and migrate a SQLite store. `:memory:` works too. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const memory = path === ':memory:';
  if (!memory && options.mustExist && !existsSync(path)) throw new Error(`no database at ${path}`);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const checkpointMs = memory ? 0 : Math.max(0, Math.floor(options.checkpointIntervalMs ?? 0));
  const connection = connectionOptions(options, checkpointMs > 0);
  const db = new Database(path);
  configureConnection(db, connection);
  migrateSqlite(db);
  capSize(db, options.maxBytes);
  const writer = new MainThreadWriter(db, Math.max(0, options.commitWindowMs ?? 0));
  const checkpointer =
    checkpointMs > 0
      ? startCheckpointer({ path, intervalMs: checkpointMs, synchronous: options.synchronous })
      : undefined;
  return new SqliteStore(db, writer, checkpointer);
}

function connectionOptions(options: SqliteStoreOptions, checkpointer: boolean): ConnectionOptions {
  const { busyTimeoutMs, maxBytes, synchronous } = options;
  return {
    ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(synchronous === undefined ? {} : { synchronous }),
    ...(checkpointer ? { autocheckpointPages: BACKSTOP_CHECKPOINT_PAGES } : {}),
  };
}

/** WHERE clause for a query, built from parts so the (site, ts) index can be used. */
function conditions(query: ReportQuery, extra: string[] = []) {
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
  return { parts, params };
}

function where(query: ReportQuery, extra: string[] = []): { sql: string; params: Record<string, unknown> } {
  const { parts, params } = conditions(query, extra);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Reads on this connection; every write through the writer (one thread, group commits). */
class SqliteStore implements Store {
  private readonly privacy: ReturnType<typeof privacyQueries>;
  private readonly consentSql: SqliteConsentSql;
  private readonly tokens: ReturnType<typeof tokenQueries>;
  readonly dashboard: DashboardStore;
  readonly personal: PersonalBackend;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: Writer,
    private readonly checkpointer?: { close(): Promise<void> },
  ) {
    this.dashboard = sqliteDashboard(db);
    this.personal = sqlitePersonal(db);
    this.privacy = privacyQueries(db);
    this.consentSql = new SqliteConsentSql(db);
    this.tokens = tokenQueries(db);
  }

  // All rows of a request are committed together (with those of the other requests of the same
  // group commit), or none.
  async insertEvents(rows: AccessLogRow[]): Promise<InsertResult> {
    if (!rows.length) return { inserted: 0, duplicates: 0 };
    const inserted = await this.writer.write('insertEvents', rows);
    return { inserted, duplicates: rows.length - inserted };
  }

  async insertConsent(row: ConsentRow): Promise<InsertResult> {
    const inserted = await this.writer.write('insertConsent', row);
    return { inserted, duplicates: 1 - inserted };
  }

  async putConsentTexts(hash: string, texts: string): Promise<boolean> {
    return this.writer.write('putConsentTexts', hash, texts, Date.now());
  }

  async consentTexts(hash: string): Promise<string | null> {
    return this.consentSql.texts(hash);
  }

  async *consentRows(query: ConsentQuery): AsyncIterable<StoredConsentRow> {
    yield* this.consentSql.rows(query);
  }

  async insertBadRows(rows: BadRow[]): Promise<number> {
    return rows.length ? this.writer.write('insertBadRows', rows) : 0;
  }

  async consentChoices(consentId: string): Promise<Choices | null> {
    return this.privacy.consentChoices(consentId);
  }

  async visitorData(visitorId: string): Promise<VisitorData> {
    return this.privacy.visitorData(visitorId);
  }

  async deleteVisitor(visitorId: string): Promise<DeleteResult> {
    return this.writer.write('deleteVisitor', visitorId);
  }

  async correctVisitor(visitorId: string, changes: Corrections): Promise<number> {
    return this.writer.write('correctVisitor', visitorId, changes);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.writer.write('appendAudit', entry);
  }

  async auditEntries(limit = 100): Promise<AuditEntry[]> {
    return this.privacy.auditEntries(limit);
  }

  async purge(cutoffs: PurgeCutoffs): Promise<PurgeResult> {
    return this.writer.write('purge', cutoffs);
  }

  async ipSalt(day: string): Promise<Buffer> {
    return this.writer.write('ipSalt', day);
  }

  // Not through the group commit: a taken name throws, and must not roll back others' events.
  async createToken(token: StoredToken): Promise<void> {
    this.tokens.create(token);
  }

  async listTokens(): Promise<TokenInfo[]> {
    return this.tokens.list();
  }

  // Token changes are rare operator actions: written directly, like createToken.
  async revokeToken(nameOrId: string, at: number): Promise<boolean> {
    return this.tokens.revoke(nameOrId, at);
  }

  async tokenByHash(hash: string): Promise<TokenInfo | null> {
    return this.tokens.byHash(hash);
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

  exportRows(query: ReportQuery): AsyncIterable<AccessLogRow> {
    const { parts, params } = conditions(query);
    return exportAccessLog(this.db, parts.join(' AND '), params);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.writer.close(); // commits what was accepted before closing
    // The last connection to close checkpoints and removes the WAL: the checkpointer goes first.
    await this.checkpointer?.close();
    this.db.close();
  }
}
