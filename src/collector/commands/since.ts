import { UsageError } from './spec.js';

const UNIT_MS = { h: 3_600_000, d: 86_400_000 } as const;

/** `24h`, `7d`, `30d`… → the epoch ms that many hours/days before `now`; `all` → undefined. */
export function parseSince(value: string, now: number = Date.now()): number | undefined {
  if (value === 'all') return undefined;
  const match = /^(\d{1,5})([hd])$/.exec(value);
  if (!match) throw new UsageError(`--since must be like 24h, 7d, 30d or all, got ${JSON.stringify(value)}`);
  return now - Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
