import type pg from 'pg';
import type { AccessLogRow } from '../../shared/access-log.js';
import { claimAndInsertSql, typeOf } from './postgres-insert.js';
import { ACCESS_LOG_STORED, columnValue } from './stored-columns.js';

/**
 * `consentlog copy`'s fast path for the access log: the batch travels as one COPY … FROM STDIN into
 * a temporary staging table, then one statement claims the ids and stores the new rows, exactly as
 * the request path does (claimAndInsertSql). Binding 39 arrays of thousands of elements costs
 * PostgreSQL more to parse than the insert itself (about 3× slower per batch here); COPY's text
 * format does not. The staging table empties itself at commit, so a batch leaves nothing behind.
 */
const STAGE = 'copy_access_log';
const COLUMNS = ACCESS_LOG_STORED.join(', ');
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (${ACCESS_LOG_STORED.map((c) => `${c} ${typeOf(c)}`).join(', ')}, ord bigint) ON COMMIT DELETE ROWS`;
const STORE_FROM_STAGE = claimAndInsertSql(`SELECT * FROM ${STAGE}`);

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, and backslash, tab and line ends escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch] ?? ch) : text;
}

/** The rows as COPY text, every stored column (cipher texts included) in ACCESS_LOG_STORED order, then their place in the batch. */
export function copyText(rows: readonly AccessLogRow[]): string {
  let out = '';
  rows.forEach((row, i) => {
    for (const c of ACCESS_LOG_STORED) out += `${field(columnValue(row, c))}\t`;
    out += `${i + 1}\n`;
  });
  return out;
}

/**
 * COPY … FROM STDIN with `data` on `client`: pg has no API for it, so this is the submittable that
 * answers the server's CopyInResponse with the data (the protocol pg-copy-streams speaks too).
 */
export function copyIn(client: pg.ClientBase, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const submittable = {
      submit(connection: CopyConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: CopyConnection) {
        connection.sendCopyFromChunk(Buffer.from(data));
        connection.endCopyFrom();
      },
      // pg drops the active query on an error, so its ReadyForQuery never reaches this object.
      handleError: reject,
      handleReadyForQuery: () => resolve(),
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    // pg's typings know only its own Query; any object with `submit` is accepted at run time.
    (client as unknown as { query(s: typeof submittable): void }).query(submittable);
  });
}

/** The wire-level calls the submittable uses (pg's Connection, untyped in @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Stores `rows` (inside the caller's transaction) through COPY; the number newly stored. */
export async function insertRowsByCopy(
  client: pg.ClientBase,
  rows: readonly AccessLogRow[],
): Promise<number> {
  await client.query(CREATE_STAGE);
  await copyIn(client, `COPY ${STAGE} (${COLUMNS}, ord) FROM STDIN`, copyText(rows));
  const { rowCount } = await client.query(STORE_FROM_STAGE);
  return rowCount ?? 0;
}
