import { ACCESS_LOG_COLUMNS } from '../../shared/access-log.js';
import { BAD_ROW_COLUMNS } from './sqlite-badrows.js';
import { CONSENT_COLUMNS } from './types.js';

/**
 * The personal columns kept encrypted at rest (issue 9), per table. `indexed` columns keep a blind
 * index (HMAC) in place of the value, so equality lookups, joins and distinct counts work
 * unchanged; `hidden` ones keep nothing readable (their placeholder), only the cipher text.
 * Each has a `<column>_enc` twin with the AES-256-GCM cipher text and its key id.
 */
export const PERSONAL_COLUMNS_AT_REST = {
  access_log: { indexed: ['visitor_id', 'session_id', 'consent_id'], hidden: ['ip', 'user_agent'] },
  consent_log: { indexed: ['consent_id', 'previous_consent_id'], hidden: [] },
  bad_rows: { indexed: ['visitor_id'], hidden: ['excerpt'] },
} as const satisfies Record<string, { indexed: readonly string[]; hidden: readonly string[] }>;

export type PersonalTable = keyof typeof PERSONAL_COLUMNS_AT_REST;
export const PERSONAL_TABLES = Object.keys(PERSONAL_COLUMNS_AT_REST) as PersonalTable[];

/** What a hidden column holds instead of its value (bad_rows.excerpt is NOT NULL). */
export const HIDDEN_PLACEHOLDER: Record<string, string | null> = { excerpt: '' };

export const encColumn = (column: string): string => `${column}_enc`;

// Made once per table: sealing and opening walk these lists for every row of every request.
const PERSONAL = {} as Record<PersonalTable, readonly string[]>;
for (const t of PERSONAL_TABLES)
  PERSONAL[t] = [...PERSONAL_COLUMNS_AT_REST[t].indexed, ...PERSONAL_COLUMNS_AT_REST[t].hidden];

export const personalColumns = (table: PersonalTable): readonly string[] => PERSONAL[table];

/** Each personal column followed by its cipher-text twin: what a re-encryption pass reads and guards. */
export const personalWithCipherColumns = (table: PersonalTable): string[] =>
  PERSONAL[table].flatMap((c) => [c, encColumn(c)]);

const encOf = (table: PersonalTable) => personalColumns(table).map(encColumn);

/** Every column a store writes and reads back: the contract's columns plus the cipher texts. */
export const ACCESS_LOG_STORED: readonly string[] = [...ACCESS_LOG_COLUMNS, ...encOf('access_log')];
export const CONSENT_STORED: readonly string[] = [...CONSENT_COLUMNS, ...encOf('consent_log')];
export const BAD_ROW_STORED: readonly string[] = [...BAD_ROW_COLUMNS, ...encOf('bad_rows')];

/** A row's value for `column`, null when absent (a row from a store used without encryption). */
export const columnValue = (row: object, column: string): unknown =>
  (row as Record<string, unknown>)[column] ?? null;

/** Named parameters for every stored column of `row`, absent cipher texts as null. */
export const namedParams = (row: object, columns: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(columns.map((c) => [c, columnValue(row, c)]));

/**
 * The row without cipher-text columns that hold nothing: a store used without encryption (tests,
 * embedding) reads back exactly the contract's columns; the encrypting decorator sees the rest.
 */
export function withoutEmptyCipher<T extends object>(row: T): T {
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) if (key.endsWith('_enc') && record[key] === null) delete record[key];
  return row;
}
