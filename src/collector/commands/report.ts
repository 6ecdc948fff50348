import { formatTable } from '../format/table.js';
import { openStore } from '../store/open.js';
import type { ReportQuery, Store, TopDimension } from '../store/types.js';
import { parseSince } from './since.js';
import { type Command, dbValue, type Io, READ_DB_OPTION, stringValue } from './spec.js';

export interface ReportOptions {
  db: string;
  /** `7d`, `24h`, `30d`, `all`… */
  since: string;
  site?: string;
  /** Rows per top list. */
  limit?: number;
}

const TOP_TITLES: Record<TopDimension, [string, string]> = {
  pages: ['Top pages', 'page'],
  referrers: ['Top referrer domains', 'referrer'],
  browsers: ['Top browsers', 'browser'],
};

/** The report as text: totals, then each top list (bots left out, as in every report). */
export async function renderReport(store: Store, query: ReportQuery, limit = 10): Promise<string> {
  const totals = await store.totals(query);
  const sections = [
    `Totals\n${formatTable(
      ['metric', 'value'],
      [
        ['pageviews', totals.pageviews],
        ['events', totals.events],
        ['visitors', totals.visitors],
      ],
    )}`,
  ];
  for (const dimension of Object.keys(TOP_TITLES) as TopDimension[]) {
    const [title, label] = TOP_TITLES[dimension];
    const rows = await store.top(dimension, { ...query, limit });
    const table = rows.length
      ? formatTable(
          [label, 'pageviews', 'visitors'],
          rows.map((r) => [r.value ?? '(unknown)', r.pageviews, r.visitors]),
        )
      : '(none)';
    sections.push(`${title}\n${table}`);
  }
  return `${sections.join('\n\n')}\n`;
}

export async function report(opts: ReportOptions, io: Io): Promise<number> {
  const since = parseSince(opts.since);
  const store = await openStore(opts.db, { mustExist: true });
  try {
    const query: ReportQuery = { since, ...(opts.site ? { site: opts.site } : {}) };
    const scope = `${opts.site ? `site ${opts.site}` : 'all sites'}, ${
      since === undefined ? 'all time' : `since ${new Date(since).toISOString()} (${opts.since})`
    }`;
    io.stdout.write(`consentlog report: ${scope}\n\n${await renderReport(store, query, opts.limit)}`);
    return 0;
  } finally {
    await store.close();
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Print totals and top pages, referrer domains and browsers as text tables (bots excluded).',
  options: [
    READ_DB_OPTION,
    {
      name: 'since',
      type: 'string',
      arg: 'AGE',
      description: 'Time range by event time: 24h, 7d, 30d, … or all (default 7d).',
    },
    { name: 'site', type: 'string', arg: 'SITE', description: 'Only this site id (default: all sites).' },
  ],
  run: (values, io) =>
    report(
      {
        db: dbValue(values, io.env),
        since: stringValue(values, 'since') ?? '7d',
        site: stringValue(values, 'site'),
      },
      io,
    ),
};
