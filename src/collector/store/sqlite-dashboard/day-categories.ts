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
