import { DEFAULTS } from '../config.js';
import { parseCount } from '../config-parse.js';
import { purgeExpired } from '../privacy/retention.js';
import { openStore } from '../store/open.js';
import { type Command, dbValue, READ_DB_OPTION, stringValue, UsageError } from './spec.js';

function days(
  flag: string,
  value: string | undefined,
  envValue: string | undefined,
  fallback: number,
): number {
  const raw = value ?? envValue;
  if (raw === undefined) return fallback;
  try {
    return parseCount(`--${flag}`, raw);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The retention purge now (what `serve` does daily), e.g. from cron when the collector runs elsewhere. */
export const purgeCommand: Command = {
  name: 'purge',
  summary: 'Delete access logs and consent records past their retention, and IP salts older than 48 h.',
  options: [
    READ_DB_OPTION,
    {
      name: 'retention-days',
      type: 'string',
      arg: 'N',
      description: 'Access-log retention, 0 = keep (env CONSENTLOG_RETENTION_DAYS, default 395).',
    },
    {
      name: 'consent-retention-days',
      type: 'string',
      arg: 'N',
      description:
        'Consent-record retention, 0 = keep (env CONSENTLOG_CONSENT_RETENTION_DAYS, default 1095).',
    },
  ],
  async run(values, io) {
    const env = io.env ?? {};
    const opts = {
      retentionDays: days(
        'retention-days',
        stringValue(values, 'retention-days'),
        env.CONSENTLOG_RETENTION_DAYS,
        DEFAULTS.retentionDays,
      ),
      consentRetentionDays: days(
        'consent-retention-days',
        stringValue(values, 'consent-retention-days'),
        env.CONSENTLOG_CONSENT_RETENTION_DAYS,
        DEFAULTS.consentRetentionDays,
      ),
    };
    const store = await openStore(dbValue(values, env), { mustExist: true });
    try {
      const r = await purgeExpired(store, opts, 'cli');
      io.stdout.write(
        `purged ${r.access_log} access-log rows, ${r.bad_rows} bad rows, ${r.consent_log} consent records, ${r.ip_salts} IP salts\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
