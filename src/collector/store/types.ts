import type { AccessLogRow } from '../../shared/access-log.js';
import type { Choices } from '../../shared/categories.js';
import type { DashboardStore } from '../dashboard/types.js';
import type { PersonalBackend } from './personal-backend.js';

/**
 * The one storage interface (STYLE.md §11). Every backend (SQLite now, PostgreSQL later) implements
 * it in its own file and passes the same contract tests. All methods are async so that a network
 * database fits without changing callers.
 */
export interface Store {
  /** Store rows in one transaction. A row whose `id` is already stored is skipped and counted. */
  insertEvents(rows: AccessLogRow[]): Promise<InsertResult>;
  /** Append a consent decision; a resend of the same decision is stored once. */
  insertConsent(row: ConsentRow): Promise<InsertResult>;
  /** Keep one version of the banner texts (JSON) under its hash; `true` when it was new. */
  putConsentTexts(hash: string, texts: string): Promise<boolean>;
  /** The texts JSON stored under `hash`, or null. */
  consentTexts(hash: string): Promise<string | null>;
  /** Consent decisions, oldest stored first, read page by page. */
  consentRows(query: ConsentQuery): AsyncIterable<StoredConsentRow>;
  totals(query: ReportQuery): Promise<Totals>;
  /** The most frequent values of one dimension over pageviews, most first. */
  top(dimension: TopDimension, query: ReportQuery & { limit?: number }): Promise<TopRow[]>;
  /** Every row matching `query`, oldest stored first, read page by page (never all in memory). */
  exportRows(query: ReportQuery): AsyncIterable<AccessLogRow>;
  /** Keep events refused by validation, with their reason (nothing dropped without a trace). */
  insertBadRows(rows: BadRow[]): Promise<number>;
  /** The choices of the newest decision recorded under `consentId`, or null when none is. */
  consentChoices(consentId: string): Promise<Choices | null>;
  /** Every row held about one visitor id (rights of access and portability). */
  visitorData(visitorId: string): Promise<VisitorData>;
  /** Delete a visitor's rows; consent records stay as proof but lose any link to the visitor. */
  deleteVisitor(visitorId: string): Promise<DeleteResult>;
  /** Rectify some columns of all of a visitor's rows; returns the rows changed. */
  correctVisitor(visitorId: string, changes: Corrections): Promise<number>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  auditEntries(limit?: number): Promise<AuditEntry[]>;
  /** Delete what is older than each cutoff (epoch ms of server receipt; salts by UTC day). */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeResult>;
  /** The random salt of one UTC day (`YYYY-MM-DD`) for `--ip hashed`, created on first use. */
  ipSalt(day: string): Promise<Buffer>;
  /** Keep a new token (its hash only); a name already taken throws. */
  createToken(token: StoredToken): Promise<void>;
  /** Every token ever created, revoked ones too (with `revoked_at`), oldest first; no hashes. */
  listTokens(): Promise<TokenInfo[]>;
  /** Revoke by name or id; false when no live token matches. */
  revokeToken(nameOrId: string, at: number): Promise<boolean>;
  /** The live (unrevoked) token with this hash, or null. */
  tokenByHash(hash: string): Promise<TokenInfo | null>;
  /** Resolves when the store answers a trivial query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The dashboard's sessions and queries (issue 6); a backend without them answers the dashboard 501. */
  readonly dashboard?: DashboardStore;
  /** Key checks and re-encryption pages for encryption at rest (issue 9, encrypted-store.ts). */
  readonly personal?: PersonalBackend;
}

/** One refused event: why, when, and the start of what was sent. */
export interface BadRow {
  received_at: number;
  site: string | null;
  event_id: string | null;
  visitor_id: string | null;
  reason: string;
  /** The event as received, JSON, cut to 1 KiB. */
  excerpt: string;
}

export interface VisitorData {
  access_log: AccessLogRow[];
  bad_rows: BadRow[];
  /** Decisions whose consent id appears in the visitor's rows. */
  consent_log: ConsentRow[];
}

export interface DeleteResult {
  access_log: number;
  bad_rows: number;
  /** Consent records whose only link to the visitor (rows naming their consent id) is now gone. */
  consent_detached: number;
}

/** Columns a visitor may have rectified; ids, times and enrichment are facts, not corrections. */
export const CORRECTABLE_COLUMNS = ['title', 'referrer', 'language', 'screen', 'timezone'] as const;
export type Corrections = Partial<Record<(typeof CORRECTABLE_COLUMNS)[number], string | null>>;

export interface AuditEntry {
  ts: number;
  /** `admin` (HTTP, token), `cli`, `visitor` (self-service), `system` (scheduled purge). */
  actor: string;
  action: string;
  /** Hash of the visitor id concerned, or null. */
  subject: string | null;
  /** JSON with counts; never personal data. */
  detail: string | null;
}

export interface PurgeCutoffs {
  /** Access-log rows and bad rows received before this; omit to keep all. */
  accessLogBefore?: number;
  /** Consent records received before this; omit to keep all. */
  consentBefore?: number;
  /** IP salts of days before this UTC day. */
  saltsBefore?: string;
}

export interface PurgeResult {
  access_log: number;
  bad_rows: number;
  consent_log: number;
  ip_salts: number;
}

export interface InsertResult {
  inserted: number;
  duplicates: number;
}

/** Filters shared by reports and exports. Times are epoch ms on the event's own `ts`. */
export interface ReportQuery {
  /** Inclusive lower bound; omit for all time. */
  since?: number;
  site?: string;
}

/**
 * Report numbers leave out bots (`is_bot = 1`); exports keep every row.
 * `events` counts custom events (type `event`), not every row.
 */
export interface Totals {
  pageviews: number;
  events: number;
  /** Distinct `visitor_id`s among all rows. */
  visitors: number;
}

/** Dimension → column. Referrers leave out self-referrals and direct visits. */
export const TOP_DIMENSIONS = {
  pages: 'path',
  referrers: 'referrer_domain',
  browsers: 'browser',
} as const;

export type TopDimension = keyof typeof TOP_DIMENSIONS;

export interface TopRow {
  /** The column's value; null when unknown (e.g. an unrecognised browser). */
  value: string | null;
  pageviews: number;
  visitors: number;
}

/** One row of the append-only consent log: proof of a decision, with no IP and no full UA. */
export interface ConsentRow {
  received_at: number;
  ts: number;
  site: string;
  consent_id: string;
  previous_consent_id: string | null;
  policy_revision: string;
  /** JSON of `Choices`. */
  choices: string;
  method: string;
  language: string;
  url: string;
  texts_hash: string | null;
  /** Browser family only. */
  browser: string | null;
}

/** The consent log's columns as every store writes them (the stored `seq` comes on top). */
export const CONSENT_COLUMNS = [
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

/** A consent row as stored, with its append order. */
export interface StoredConsentRow extends ConsentRow {
  seq: number;
}

export interface ConsentQuery extends ReportQuery {
  /** Decisions with this consent id, or made right after it (its `previous_consent_id`). */
  consentId?: string;
}

export const ROLES = ['admin', 'analyst'] as const;
/** `admin`: everything; `analyst`: dashboard and exports without personal columns. */
export type Role = (typeof ROLES)[number];

/** A token as listed: never the token or its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
}

export interface StoredToken extends Omit<TokenInfo, 'revoked_at'> {
  /** SHA-256 hex of the token. */
  token_hash: string;
}
