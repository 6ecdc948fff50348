import { parseCount } from '../config-parse.js';
import { closeOut, openOut, streamRows } from '../format/stream-rows.js';
import { formatTable } from '../format/table.js';
import { openStore } from '../store/open.js';
import type { AuditEntry } from '../store/types.js';
import { type Command, dbValue, READ_DB_OPTION, stringValue, UsageError } from './spec.js';

const COLUMNS = [
  'ts',
  'actor',
  'action',
  'subject',
  'detail',
] as const satisfies readonly (keyof AuditEntry)[];
const FORMATS = ['table', 'csv', 'ndjson'] as const;

async function* iterate(entries: AuditEntry[]): AsyncIterable<AuditEntry> {
  yield* entries;
}

/** The audit trail: sign-ins, exports, privacy operations, purges and token changes, newest first. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'List the audit log (who did what, when), newest first.',
  options: [
    READ_DB_OPTION,
    { name: 'limit', type: 'string', arg: 'N', description: 'Show the newest N entries (default 100).' },
    { name: 'format', type: 'string', arg: 'FMT', description: 'table (default), csv or ndjson.' },
    { name: 'out', type: 'string', arg: 'FILE', description: 'Write to FILE instead of stdout.' },
  ],
  async run(values, io) {
    const format = stringValue(values, 'format') ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
    }
    let limit: number;
    try {
      limit = parseCount('--limit', stringValue(values, 'limit') ?? '100', 1_000_000);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const db = dbValue(values, io.env);
    const store = await openStore(db, { mustExist: true });
    try {
      const entries = await store.auditEntries(limit);
      const out = openOut(stringValue(values, 'out'), io.stdout);
      if (format === 'table') {
        const rows = entries.map((e) => [
          new Date(e.ts).toISOString(),
          e.actor,
          e.action,
          e.subject ?? '',
          e.detail ?? '',
        ]);
        out.write(
          rows.length
            ? `${formatTable(['time (UTC)', 'actor', 'action', 'subject', 'detail'], rows)}\n`
            : '(no audit entries)\n',
        );
      } else {
        await streamRows(out, iterate(entries), COLUMNS, format as 'csv' | 'ndjson');
      }
      await closeOut(out, io.stdout);
      return 0;
    } finally {
      await store.close();
    }
  },
};
