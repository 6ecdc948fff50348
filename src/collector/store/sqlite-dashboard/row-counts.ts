import type {
  BreakdownName,
  BreakdownOptions,
  BreakdownResult,
  BreakdownRow,
} from '../../dashboard/types.js';

const compareValues = (a: unknown, b: unknown): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1;

/** SQL's `ORDER BY value ASC` (NULL first), element by element for a campaign's key. */
export const compareKeys = (a: unknown, b: unknown): number => {
  if (!Array.isArray(a) || !Array.isArray(b)) return compareValues(a, b);
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return 0;
};

/** One group of a breakdown, counted in SQL: a value, or (campaigns) `[campaign, source, medium]`. */
export interface Counted {
  key: unknown;
  visitors: number;
  pageviews: number;
  /** Visit breakdowns only. */
  visits?: number;
}

/**
 * A breakdown from its counted groups and `total` (distinct visitors of all groups, the share's
 * base): sorted by the chosen count, then by value ascending, and cut to the limit.
 */
export function rankCounted(
  name: BreakdownName,
  counted: Counted[],
  total: number,
  opts: BreakdownOptions,
): BreakdownResult {
  const sign = opts.order === 'asc' ? 1 : -1;
  const count = (g: Counted) => (opts.sort === 'pageviews' ? g.pageviews : g.visitors);
  const sorted = [...counted].sort((a, b) => sign * (count(a) - count(b)) || compareKeys(a.key, b.key));
  return { name, total, rows: sorted.slice(0, opts.limit).map((g) => toRow(g, total)) };
}

function toRow(g: Counted, total: number): BreakdownRow {
  const counts = { visitors: g.visitors, pageviews: g.pageviews };
  const share = total ? counts.visitors / total : 0;
  if (g.visits === undefined) return { value: g.key as string | null, ...counts, share };
  // `visits` rides along as the SQL path's rows carried it (not part of BreakdownRow's contract).
  const withCount = { ...counts, visits: g.visits, share };
  if (!Array.isArray(g.key)) return { value: g.key as string | null, ...withCount };
  const [value, source, medium] = g.key as (string | null)[];
  return { value: value ?? null, source, medium, ...withCount };
}
