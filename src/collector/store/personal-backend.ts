import type { PersonalTable } from './stored-columns.js';

/** One row of `data_keys`: a key this database's values are (or were) under, with its check value. */
export interface KeyCheck {
  key_id: string;
  check_value: string;
  added_at: number;
  retired_at: number | null;
}

/** A stored row's personal columns (plain and `_enc`), with its position in the stored order. */
export interface PersonalRow {
  key: number;
  values: Record<string, unknown>;
}

export interface PersonalChange {
  key: number;
  /** The values read: a row changed since (deleted, corrected) is left for the next pass. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * What encryption at rest needs of a store beyond the Store interface: the key checks, and paging
 * through each table's personal columns to encrypt or re-encrypt them (issue 9). SQLite and
 * PostgreSQL implement it; the cipher itself lives above the stores (crypto/, encrypted-store.ts).
 */
export interface PersonalBackend {
  keyChecks(): Promise<KeyCheck[]>;
  /** Records new checks; a key id already recorded keeps its first check. */
  addKeyChecks(checks: KeyCheck[]): Promise<void>;
  retireKeys(ids: readonly string[], at: number): Promise<void>;
  /** True when any table holds a personal row (decides whether old rows need encrypting). */
  hasRows(): Promise<boolean>;
  countRows(table: PersonalTable): Promise<number>;
  /** Up to `limit` rows after `after` in stored order. */
  scan(table: PersonalTable, after: number, limit: number): Promise<PersonalRow[]>;
  /** Applies the changes in one transaction; returns how many rows changed. */
  update(table: PersonalTable, changes: readonly PersonalChange[]): Promise<number>;
}
