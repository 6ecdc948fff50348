import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { ACCESS_LOG_COLUMNS } from '../../shared/access-log.js';
import { DEFAULTS } from '../config.js';
import { csvLine } from '../format/csv.js';
import { openSqliteStore } from '../store/sqlite.js';
import { parseSince } from './since.js';
import { type Command, type Io, stringValue, UsageError } from './spec.js';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportOptions {
  db: string;
  format: ExportFormat;
  since: string;
  site?: string;
  /** File to write; stdout when omitted. */
  out?: string;
}

/** Write with backpressure, so a large export never piles up in memory. */
async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Stream one line per access-log row, every column, in ACCESS_LOG_COLUMNS order. */
export async function exportLog(opts: ExportOptions, io: Io): Promise<number> {
  if (opts.format !== 'ndjson' && opts.format !== 'csv') {
    throw new UsageError(`--format must be ndjson or csv, got ${JSON.stringify(opts.format)}`);
  }
  const since = parseSince(opts.since);
  const store = openSqliteStore(opts.db, { mustExist: true });
  const out = opts.out ? createWriteStream(opts.out) : io.stdout;
  try {
    if (opts.format === 'csv') await write(out, csvLine(ACCESS_LOG_COLUMNS));
    for await (const row of store.exportRows({ since, ...(opts.site ? { site: opts.site } : {}) })) {
      await write(
        out,
        opts.format === 'csv' ? csvLine(ACCESS_LOG_COLUMNS.map((c) => row[c])) : `${JSON.stringify(row)}\n`,
      );
    }
  } finally {
    await store.close();
    if (out !== io.stdout) {
      out.end();
      await once(out, 'finish');
    }
  }
  return 0;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Stream the access log, one row per event with every column, as NDJSON or CSV.',
  options: [
    {
      name: 'db',
      type: 'string',
      arg: 'PATH',
      description: 'SQLite file to read (env CONSENTLOG_DB, default ./data/consentlog.db).',
    },
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
        db: stringValue(values, 'db') ?? io.env?.CONSENTLOG_DB ?? DEFAULTS.db,
        format: (stringValue(values, 'format') ?? 'ndjson') as ExportFormat,
        since: stringValue(values, 'since') ?? 'all',
        site: stringValue(values, 'site'),
        out: stringValue(values, 'out'),
      },
      io,
    ),
};
