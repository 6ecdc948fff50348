import { ACCESS_LOG_COLUMNS } from '../../shared/access-log.js';
import { closeOut, openOut, streamRows } from '../format/stream-rows.js';
import { openStore } from '../store/open.js';
import { parseSince } from './since.js';
import { type Command, dbValue, type Io, READ_DB_OPTION, stringValue, UsageError } from './spec.js';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportOptions {
  db: string;
  format: ExportFormat;
  since: string;
  site?: string;
  /** File to write; stdout when omitted. */
  out?: string;
}

/** Stream one line per access-log row, every column, in ACCESS_LOG_COLUMNS order. */
export async function exportLog(opts: ExportOptions, io: Io): Promise<number> {
  if (opts.format !== 'ndjson' && opts.format !== 'csv') {
    throw new UsageError(`--format must be ndjson or csv, got ${JSON.stringify(opts.format)}`);
  }
  const since = parseSince(opts.since);
  const store = await openStore(opts.db, { mustExist: true });
  const out = openOut(opts.out, io.stdout);
  try {
    const rows = store.exportRows({ since, ...(opts.site ? { site: opts.site } : {}) });
    await streamRows(out, rows, ACCESS_LOG_COLUMNS, opts.format);
  } finally {
    await store.close();
    await closeOut(out, io.stdout);
  }
  return 0;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Stream the access log, one row per event with every column, as NDJSON or CSV.',
  options: [
    READ_DB_OPTION,
    {
      name: 'format',
      type: 'string',
      arg: 'FMT',
      description: 'ndjson (default) or csv (RFC 4180, header row, formula cells neutralised).',
    },
    {
      name: 'since',
      type: 'string',
      arg: 'AGE',
      description: 'Time range by event time: 24h, 7d, 30d, … or all (default all).',
    },
    { name: 'site', type: 'string', arg: 'SITE', description: 'Only this site id (default: all sites).' },
    { name: 'out', type: 'string', arg: 'FILE', description: 'Write to FILE instead of stdout.' },
  ],
  run: (values, io) =>
    exportLog(
      {
        db: dbValue(values, io.env),
        format: (stringValue(values, 'format') ?? 'ndjson') as ExportFormat,
        since: stringValue(values, 'since') ?? 'all',
        site: stringValue(values, 'site'),
        out: stringValue(values, 'out'),
      },
      io,
    ),
};
