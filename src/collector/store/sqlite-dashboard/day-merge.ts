import { keyOf, type Part, STRIDE } from './day-parts.js';

/** Parts of one range added up per value, with exact distinct visitors (per value and overall). */
export interface Merged {
  vals: unknown[];
  visits: Float64Array;
  pageviews: Float64Array;
  bounces: Float64Array;
  duration: Float64Array;
  visitors: Int32Array;
  /** Distinct visitors over every value. */
  total: number;
}

/**
 * Adds the parts' counts per value (`map` may first fold values together, e.g. hours into chart
 * buckets) and counts each value's distinct visitor numbers with a stamp array: one pass over the
 * numbers, no hashing. `perValue` false skips the per-value distinct counts (totals need none).
 */
export function merge(parts: Part[], perValue: boolean, map?: (v: unknown) => unknown): Merged {
  const index = new Map<unknown, number>();
  const vals: unknown[] = [];
  const counts: number[] = [];
  const lists: Int32Array[][] = [];
  let max = 0;
  for (const p of parts) {
    let at = 0;
    for (let i = 0; i < p.vals.length; i++) {
      const value = map ? map(p.vals[i]) : p.vals[i];
      const key = keyOf(value);
      let g = index.get(key);
      if (g === undefined) {
        g = vals.length;
        index.set(key, g);
        vals.push(value);
        counts.push(0, 0, 0, 0);
        lists.push([]);
      }
      const o = i * STRIDE;
      for (let k = 0; k < 4; k++)
        counts[g * 4 + k] = (counts[g * 4 + k] as number) + (p.nums[o + k] as number);
      const n = p.nums[o + 4] as number;
      const set = p.sets.subarray(at, at + n);
      at += n;
      lists[g]?.push(set);
      for (let j = 0; j < set.length; j++) if ((set[j] as number) > max) max = set[j] as number;
    }
  }
  const stamp = new Int32Array(max + 1);
  const visitors = new Int32Array(vals.length);
  if (perValue) {
    lists.forEach((sets, g) => {
      let c = 0;
      for (const set of sets)
        for (let j = 0; j < set.length; j++) {
          const vn = set[j] as number;
          if (stamp[vn] !== g + 1) {
            stamp[vn] = g + 1;
            c++;
          }
        }
      visitors[g] = c;
    });
  }
  let total = 0;
  for (const sets of lists)
    for (const set of sets)
      for (let j = 0; j < set.length; j++) {
        const vn = set[j] as number;
        if (stamp[vn] !== -1) {
          stamp[vn] = -1;
          total++;
        }
      }
  const column = (k: number) =>
    Float64Array.from({ length: vals.length }, (_, g) => counts[g * 4 + k] as number);
  return {
    vals,
    visits: column(0),
    pageviews: column(1),
    bounces: column(2),
    duration: column(3),
    visitors,
    total,
  };
}
