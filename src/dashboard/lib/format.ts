const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);

export const formatShare = (share: number): string => percent.format(share);

/** `1 min 5 s`, `42 s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** A web vital's value in its unit: CLS has none, the others are milliseconds. */
export function formatVital(metric: string, value: number): string {
  if (metric === 'CLS') return value.toFixed(2);
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

/**
 * The change against the previous period, in words as well as a sign, so it does not rely on
 * colour: `+12% vs previous`, `no change`, `new` when the previous period had none. Rates compare
 * in percentage points.
 */
export function formatChange(current: number, previous: number, isRate = false): string {
  if (isRate) {
    const points = Math.round((current - previous) * 1000) / 10;
    return points === 0 ? 'no change' : `${points > 0 ? '+' : '−'}${Math.abs(points)} pts vs previous`;
  }
  if (previous === 0) return current === 0 ? 'no change' : 'new vs previous';
  const change = Math.round(((current - previous) / previous) * 100);
  return change === 0 ? 'no change' : `${change > 0 ? '+' : '−'}${Math.abs(change)}% vs previous`;
}

/** How a breakdown shows a missing value (no referrer, unknown browser). */
export const valueLabel = (value: string | null): string => value ?? '(unknown)';
