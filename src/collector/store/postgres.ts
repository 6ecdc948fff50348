import type pg from 'pg';
import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import type { DashboardStore } from '../dashboard/types.js';
import type { PersonalBackend } from './personal-backend.js';
import { consentQueries } from './postgres-consent.js';
import { postgresDashboard } from './postgres-dashboard/index.js';
import { PostgresInsertQueue } from './postgres-insert.js';
import { hasSchema, migratePostgres } from './postgres-migrate.js';
import { ensureAhead, listPartitions, PartitionCache } from './postgres-partitions.js';
import { postgresPersonal } from './postgres-personal.js';
import { createPool, type PostgresPoolOptions, redactUrl } from './postgres-pool.js';
import { privacyQueries } from './postgres-privacy.js';
import { reportQueries } from './postgres-reports.js';
import { retentionQueries } from './postgres-retention.js';
import { sharedStateQueries } from './postgres-shared.js';
import { tokenQueries } from './postgres-tokens.js';
import type {
  AuditEntry,
  BadRow,
  ConsentQuery,
  ConsentRow,
  Corrections,
  DeleteResult,
  InsertResult,
  PurgeCutoffs,
  PurgeResult,
  ReportQuery,
  Store,
  StoredConsentRow,
  StoredToken,
  TokenInfo,
  TopDimension,
  TopRow,
  Totals,
  VisitorData,
} from './types.js';

export interface PostgresStoreOptions extends PostgresPoolOptions {
  /** Refuse a database without a consentlog schema (read-only commands on a mistyped URL). */
  mustExist?: boolean;
}

/** Connect, migrate, and create the access log's monthly tables ahead of time. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
    if (options.mustExist && !(await hasSchema(pool)))
      throw new Error(`no consentlog database at ${redactUrl(url)} (run \`consentlog migrate --db URL\`)`);
    await migratePostgres(pool);
    await ensureAhead(pool);
    const store = new PostgresStore(pool);
    store.partitions.remember(await listPartitions(pool));
    return store;
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}

/**
 * The Store on PostgreSQL (issue 8): the same contract as SQLite, for several collectors behind a
 * load balancer on one database. Besides the Store methods it keeps what collectors must share
 * (rate-limit windows, the admin token's hash) in `shared`.
 */
export class PostgresStore implements Store {
  readonly partitions: PartitionCache;
  readonly shared: ReturnType<typeof sharedStateQueries>;
  readonly dashboard: DashboardStore;
  readonly personal: PersonalBackend;
  private readonly inserts: PostgresInsertQueue;
  private readonly consent: ReturnType<typeof consentQueries>;
  private readonly reports: ReturnType<typeof reportQueries>;
  private readonly privacy: ReturnType<typeof privacyQueries>;
  private readonly retention: ReturnType<typeof retentionQueries>;
  private readonly tokens: ReturnType<typeof tokenQueries>;
  private closed = false;

  constructor(readonly pool: pg.Pool) {
    this.partitions = new PartitionCache(pool);
    this.inserts = new PostgresInsertQueue(pool, this.partitions);
    this.consent = consentQueries(pool);
    this.reports = reportQueries(pool);
    this.privacy = privacyQueries(pool);
    this.retention = retentionQueries(pool);
    this.shared = sharedStateQueries(pool);
    this.dashboard = postgresDashboard(pool);
    this.personal = postgresPersonal(pool);
    this.tokens = tokenQueries(pool);
  }

  async insertEvents(rows: AccessLogRow[]): Promise<InsertResult> {
    return rows.length ? this.inserts.submit(rows) : { inserted: 0, duplicates: 0 };
  }
  insertConsent(row: ConsentRow): Promise<InsertResult> {
    return this.consent.insert(row);
  }
  putConsentTexts(hash: string, texts: string): Promise<boolean> {
    return this.consent.putTexts(hash, texts, Date.now());
  }
  consentTexts(hash: string): Promise<string | null> {
    return this.consent.texts(hash);
  }
  consentRows(query: ConsentQuery): AsyncIterable<StoredConsentRow> {
    return this.consent.rows(query);
  }
  totals(query: ReportQuery): Promise<Totals> {
    return this.reports.totals(query);
  }
  top(dimension: TopDimension, query: ReportQuery & { limit?: number }): Promise<TopRow[]> {
    return this.reports.top(dimension, query);
  }
  exportRows(query: ReportQuery): AsyncIterable<AccessLogRow> {
    return this.reports.exportRows(query);
  }
  insertBadRows(rows: BadRow[]): Promise<number> {
    return this.privacy.insertBadRows(rows);
  }
  consentChoices(consentId: string): Promise<Choices | null> {
    return this.privacy.consentChoices(consentId);
  }
  visitorData(visitorId: string): Promise<VisitorData> {
    return this.privacy.visitorData(visitorId);
  }
  deleteVisitor(visitorId: string): Promise<DeleteResult> {
    return this.privacy.deleteVisitor(visitorId);
  }
  correctVisitor(visitorId: string, changes: Corrections): Promise<number> {
    return this.privacy.correctVisitor(visitorId, changes);
  }
  createToken(token: StoredToken): Promise<void> {
    return this.tokens.create(token);
  }
  listTokens(): Promise<TokenInfo[]> {
    return this.tokens.list();
  }
  revokeToken(nameOrId: string, at: number): Promise<boolean> {
    return this.tokens.revoke(nameOrId, at);
  }
  tokenByHash(hash: string): Promise<TokenInfo | null> {
    return this.tokens.byHash(hash);
  }
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.privacy.appendAudit(entry);
  }
  auditEntries(limit = 100): Promise<AuditEntry[]> {
    return this.privacy.auditEntries(limit);
  }

  /** Also the maintenance step: next months' tables are made ahead, dropped months forgotten. */
  async purge(cutoffs: PurgeCutoffs): Promise<PurgeResult> {
    const { dropped, ...result } = await this.retention.purge(cutoffs);
    for (const month of dropped) this.partitions.forget(month);
    this.partitions.remember(await ensureAhead(this.pool));
    await this.shared.sweepRateLimits(Date.now());
    return result;
  }
  ipSalt(day: string): Promise<Buffer> {
    return this.retention.ipSalt(day);
  }
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.inserts.drain(); // commit what was accepted before closing
    await this.pool.end();
  }
}
