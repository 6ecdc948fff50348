import type {
  BreakdownName,
  BreakdownOptions,
  BreakdownResult,
  BreakdownRow,
} from '../../dashboard/types.js';

/** A row's group: one value, or (campaigns) the campaign with its source and medium. */
export type RowKey = (row: unknown[]) => unknown;

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

interface Group {
  key: unknown;
  visitors: Set<unknown>;
  pageviews: number;
  visits: number;
}

/**
 * A breakdown from rows `[visitor_id, pageviews, ...]`, as the SQL it replaces counted them:
 * distinct non-null visitors per group and overall (the share's total), pageviews summed, rows
 * counted as visits; sorted by the chosen count, then by value ascending.
 */
export function countRows(
  name: BreakdownName,
  rows: unknown[][],
  keyOf: RowKey,
  opts: BreakdownOptions,
  shape: { visits: boolean },
): BreakdownResult {
  const groups = new Map<unknown, Group>();
  const everyone = new Set<unknown>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = Array.isArray(key) ? JSON.stringify(key) : key;
    let g = groups.get(id);
    if (!g) {
      g = { key, visitors: new Set(), pageviews: 0, visits: 0 };
      groups.set(id, g);
    }
    if (r[0] !== null) {
      g.visitors.add(r[0]);
      everyone.add(r[0]);
    }
    g.pageviews += r[1] as number;
    g.visits++;
  }
  const total = everyone.size;
  const sign = opts.order === 'asc' ? 1 : -1;
  const count = (g: Group) => (opts.sort === 'pageviews' ? g.pageviews : g.visitors.size);
  const sorted = [...groups.values()].sort(
    (a, b) => sign * (count(a) - count(b)) || compareKeys(a.key, b.key),
  );
  return { name, total, rows: sorted.slice(0, opts.limit).map((g) => toRow(g, total, shape.visits)) };
}

/**
 * A breakdown from groups already counted (pages: SQL counted each page's distinct visitors),
 * sorted and cut as countRows does.
 */
export function rankCounted(
  name: BreakdownName,
  counted: { key: unknown; visitors: number; pageviews: number }[],
  total: number,
  opts: BreakdownOptions,
): BreakdownResult {
  const sign = opts.order === 'asc' ? 1 : -1;
  const count = (g: { visitors: number; pageviews: number }) =>
    opts.sort === 'pageviews' ? g.pageviews : g.visitors;
  const sorted = [...counted].sort((a, b) => sign * (count(a) - count(b)) || compareKeys(a.key, b.key));
  return {
    name,
    total,
    rows: sorted.slice(0, opts.limit).map((g) => ({
      value: g.key as string | null,
      visitors: g.visitors,
      pageviews: g.pageviews,
      share: total ? g.visitors / total : 0,
    })),
  };
}

function toRow(g: Group, total: number, withVisits: boolean): BreakdownRow {
  const counts = { visitors: g.visitors.size, pageviews: g.pageviews };
  const share = total ? counts.visitors / total : 0;
  if (!withVisits) return { value: g.key as string | null, ...counts, share };
  // `visits` rides along as the SQL path's rows carried it (not part of BreakdownRow's contract).
  const withCount = { ...counts, visits: g.visits, share };
  if (!Array.isArray(g.key)) return { value: g.key as string | null, ...withCount };
  const [value, source, medium] = g.key as (string | null)[];
  return { value: value ?? null, source, medium, ...withCount };
}
