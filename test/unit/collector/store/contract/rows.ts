import { randomUUID } from 'node:crypto';
import type { ConsentRow } from '../../../../../src/collector/index.js';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../../src/shared/index.js';

/** A full row with every column set, so a backend that drops or renames one fails. */
export function makeRow(overrides: Partial<AccessLogRow> = {}): AccessLogRow {
  const row = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, null])) as unknown as AccessLogRow;
  return {
    ...row,
    id: randomUUID(),
    received_at: 1_700_000_000_500,
    ts: 1_700_000_000_000,
    site: 'shop',
    type: 'pageview',
    category: 'analytics',
    url: 'https://shop.example.com/',
    host: 'shop.example.com',
    path: '/',
    browser: 'Chrome',
    is_bot: 0,
    self_referral: 0,
    visitor_id: 'v1',
    ...overrides,
  };
}

/** One consent decision (custom choices unless given). */
export function consentRow(
  consent_id: string,
  ts: number,
  choices: Record<string, boolean>,
  received_at = ts,
): ConsentRow {
  return {
    received_at,
    ts,
    site: 'shop',
    consent_id,
    previous_consent_id: null,
    policy_revision: 'r1',
    choices: JSON.stringify(choices),
    method: 'custom',
    language: 'en',
    url: 'https://shop.example.com/',
    texts_hash: null,
    browser: null,
  };
}

/** Every row an export yields, in order. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
