import { closeOut, openOut, streamRows, write } from '../format/stream-rows.js';
import { formatTable } from '../format/table.js';
import { openStore } from '../store/open.js';
import type { ConsentQuery, Store, StoredConsentRow } from '../store/types.js';
import { parseSince } from './since.js';
import { type Command, dbValue, type Io, READ_DB_OPTION, stringValue, UsageError } from './spec.js';

export type ConsentsFormat = 'table' | 'csv' | 'ndjson';

export interface ConsentsOptions {
  db: string;
  format: ConsentsFormat;
  since: string;
  site?: string;
  consentId?: string;
  /** Print the texts stored under this hash instead of listing decisions. */
  texts?: string;
  out?: string;
}

/** Every stored column, in table order. */
export const CONSENT_COLUMNS = [
  'seq',
  'received_at',
  'ts',
  'site',
  'consent_id',
  'previous_consent_id',
  'policy_revision',
  'method',
  'choices',
  'language',
  'url',
  'texts_hash',
  'browser',
] as const satisfies readonly (keyof StoredConsentRow)[];

const iso = (ms: number): string => new Date(ms).toISOString();

/** `{"necessary":true,"analytics":false}` → `analytics=no` (necessary is always yes). */
function choicesText(json: string): string {
  const choices = JSON.parse(json) as Record<string, boolean>;
  return Object.entries(choices)
    .filter(([c]) => c !== 'necessary')
    .map(([c, v]) => `${c}=${v ? 'yes' : 'no'}`)
    .join(' ');
}

async function table(store: Store, query: ConsentQuery): Promise<string> {
  const rows: (string | number)[][] = [];
  for await (const r of store.consentRows(query)) {
    rows.push([
      iso(r.received_at),
      r.consent_id,
      r.method,
      r.policy_revision,
      choicesText(r.choices),
      r.language,
      r.browser ?? '',
      r.texts_hash ?? '',
    ]);
  }
  if (!rows.length) return '(no consent decisions)\n';
  const headers = [
    'received (UTC)',
    'consent id',
    'method',
    'revision',
    'choices',
    'lang',
    'browser',
    'texts',
  ];
  return `${formatTable(headers, rows)}\n${rows.length} decision${rows.length === 1 ? '' : 's'}\n`;
}

/** Lists (or exports) the proof-of-consent log; `--texts HASH` prints one text version. */
export async function listConsents(opts: ConsentsOptions, io: Io): Promise<number> {
  if (!['table', 'csv', 'ndjson'].includes(opts.format)) {
    throw new UsageError(`--format must be table, csv or ndjson, got ${JSON.stringify(opts.format)}`);
  }
  const query: ConsentQuery = { since: parseSince(opts.since) };
  if (opts.site) query.site = opts.site;
  if (opts.consentId) query.consentId = opts.consentId;
  const store = await openStore(opts.db, { mustExist: true });
  const out = openOut(opts.out, io.stdout);
  try {
    if (opts.texts !== undefined) {
      const texts = await store.consentTexts(opts.texts);
      if (texts === null) throw new Error(`no texts stored under ${opts.texts}`);
      await write(out, `${JSON.stringify(JSON.parse(texts), null, 2)}\n`);
    } else if (opts.format === 'table') {
      await write(out, await table(store, query));
    } else {
      await streamRows(out, store.consentRows(query), CONSENT_COLUMNS, opts.format);
    }
  } finally {
    await store.close();
    await closeOut(out, io.stdout);
  }
  return 0;
}

export const consentsCommand: Command = {
  name: 'consents',
  summary: 'List the proof-of-consent log (every decision, append-only), or export it as CSV or NDJSON.',
  options: [
    READ_DB_OPTION,
    {
      name: 'format',
      type: 'string',
      arg: 'FMT',
      description: 'table (default), csv (RFC 4180, formula cells neutralised) or ndjson; every column.',
    },
    {
      name: 'since',
      type: 'string',
      arg: 'AGE',
      description: 'Time range by decision time: 24h, 7d, 30d, … or all (default all).',
    },
    { name: 'site', type: 'string', arg: 'SITE', description: 'Only this site id (default: all sites).' },
    {
      name: 'consent-id',
      type: 'string',
      arg: 'ID',
      description: "Only this visitor's decision and the ones made after it (its history).",
    },
    {
      name: 'texts',
      type: 'string',
      arg: 'HASH',
      description: 'Print the banner texts stored under a texts hash (what the visitor saw).',
    },
    { name: 'out', type: 'string', arg: 'FILE', description: 'Write to FILE instead of stdout.' },
  ],
  run: (values, io) =>
    listConsents(
      {
        db: dbValue(values, io.env),
        format: (stringValue(values, 'format') ?? 'table') as ConsentsFormat,
        since: stringValue(values, 'since') ?? 'all',
        site: stringValue(values, 'site'),
        consentId: stringValue(values, 'consent-id'),
        texts: stringValue(values, 'texts'),
        out: stringValue(values, 'out'),
      },
      io,
    ),
};
