import type { Database } from 'better-sqlite3';

/** Per (site, day), is_bot 0: the JSON list of the categories the day has slices for, with counts. */
export const CATEGORY_LIST = 'category-slices';

/** The kinds of rows a day holds, in the order of CategorySplit's counts. */
const KINDS = ['visits', 'pages', 'vitals'] as const;
type Rows = Record<(typeof KINDS)[number], unknown[][]>;

export interface CategorySplit {
  /** The categories some row of the day has, sorted. */
  values: string[];
  of(category: string): Rows;
  /**
   * Per value, the rows of each kind it selects (visits, pageviews, vitals), then the day's rows of
   * each kind: whether a category selects all, none or some of a kind's rows that day.
   */
  counts: Float64Array;
}

/**
 * Splits one UTC day by category, as the SQL path's category filter selects (filters.ts): a visit
 * goes into the split of every category its own `categories` list (`,a,b,`) holds, pageviews and
 * vitals into their own row's. `at`: where the roll-up's reads have the list or the category.
 */
export function splitByCategory(rows: Rows, at: Record<keyof Rows, number>): CategorySplit {
  const out = new Map<string, Rows>();
  const add = (kind: keyof Rows, category: string, r: unknown[]) => {
    let split = out.get(category);
    if (!split) {
      split = { visits: [], pages: [], vitals: [] };
      out.set(category, split);
    }
    split[kind].push(r);
  };
  for (const v of rows.visits)
    for (const c of String(v[at.visits] ?? '').split(',')) if (c !== '') add('visits', c, v);
  for (const kind of ['pages', 'vitals'] as const)
    for (const r of rows[kind]) {
      const c = r[at[kind]];
      if (c !== null && c !== undefined) add(kind, String(c), r);
    }
  const values = [...out.keys()].sort();
  const counts = new Float64Array((values.length + 1) * KINDS.length);
  values.forEach((c, i) => {
    KINDS.forEach((k, j) => {
      counts[i * KINDS.length + j] = out.get(c)?.[k].length ?? 0;
    });
  });
  KINDS.forEach((k, j) => {
    counts[values.length * KINDS.length + j] = rows[k].length;
  });
  const none: Rows = { visits: [], pages: [], vitals: [] };
  return { values, of: (c) => out.get(c) ?? none, counts };
}

/** Where a dimension's rows are counted in a category list row: visits, pageviews, vitals. */
const kindOf = (dim: string): number => (dim === 'pages' ? 1 : dim === 'vitals' ? 2 : 0);

/**
 * Under a category combined with one browser or referrer (day-panels.ts), what each stored day of
 * [lo, hi) holds for a dimension, from its category list row's counts: `none`, days where no row of
 * the dimension's kind has the category (or that have no rows), which add nothing; `some`, days
 * where some but not all do, read raw with the whole combination. On the other days every row has
 * it, so the combination selects what the browser's or referrer's slice holds.
 */
export function categoryDays(db: Database) {
  const lists = db.prepare(
    `SELECT day, vals, nums FROM dash_days WHERE site = ? AND dim = '${CATEGORY_LIST}' AND day >= ? AND day < ? AND is_bot = 0`,
  );
  return (site: string, lo: number, hi: number, category: string, dim: string) => {
    const k = kindOf(dim);
    const none = new Set<number>();
    for (let d = lo; d < hi; d++) none.add(d);
    const some: number[] = [];
    for (const r of lists.all(site, lo, hi) as { day: number; vals: string; nums: Buffer }[]) {
      const values = JSON.parse(r.vals) as string[];
      const counts = new Float64Array(new Uint8Array(r.nums).buffer);
      const all = counts[values.length * KINDS.length + k] as number;
      const at = values.indexOf(category);
      const n = at < 0 ? 0 : (counts[at * KINDS.length + k] as number);
      if (n === 0 || all === 0) continue;
      none.delete(r.day);
      if (n < all) some.push(r.day);
    }
    return { none, some };
  };
}
