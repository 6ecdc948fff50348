import type { AccessLogRow } from '../../shared/access-log.js';

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
  close(): Promise<void>;
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

/** A consent row as stored, with its append order. */
export interface StoredConsentRow extends ConsentRow {
  seq: number;
}

export interface ConsentQuery extends ReportQuery {
  /** Decisions with this consent id, or made right after it (its `previous_consent_id`). */
  consentId?: string;
}
