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
 * numbers, no hashing, and no object per (part, value) — a month of pages is ~20,000 of them.
 * `perValue` false skips the per-value distinct counts (totals need none).
 */
export function merge(parts: Part[], perValue: boolean, map?: (v: unknown) => unknown): Merged {
  const index = new Map<unknown, number>();
  const vals: unknown[] = [];
  const counts: number[] = [];
  const entries: number[] = [];
  const groups = parts.map((p) => {
    const gs = new Int32Array(p.vals.length);
    for (let i = 0; i < p.vals.length; i++) {
      const value = map ? map(p.vals[i]) : p.vals[i];
      const key = keyOf(value);
      let g = index.get(key);
      if (g === undefined) {
        g = vals.length;
        index.set(key, g);
        vals.push(value);
        counts.push(0, 0, 0, 0);
        entries.push(0);
      }
      gs[i] = g;
      for (let k = 0; k < 4; k++)
        counts[g * 4 + k] = (counts[g * 4 + k] as number) + (p.nums[i * STRIDE + k] as number);
      entries[g] = (entries[g] as number) + 1;
    }
    return gs;
  });
  let max = 0;
  for (const p of parts)
    for (let j = 0; j < p.sets.length; j++) if ((p.sets[j] as number) > max) max = p.sets[j] as number;
  const stamp = new Int32Array(max + 1);
  const visitors = new Int32Array(vals.length);
  if (perValue) countPerValue(parts, groups, entries, stamp, visitors);
  let total = 0;
  for (const p of parts)
    for (let j = 0; j < p.sets.length; j++) {
      const vn = p.sets[j] as number;
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

/** Each value's sets, gathered by value (a counting sort of (part, start, length)), stamped value by value. */
function countPerValue(
  parts: Part[],
  groups: Int32Array[],
  entries: number[],
  stamp: Int32Array,
  visitors: Int32Array,
): void {
  const first = new Int32Array(entries.length + 1);
  for (let g = 0; g < entries.length; g++) first[g + 1] = (first[g] as number) + (entries[g] as number);
  const next = first.slice(0, entries.length);
  const total = first[entries.length] as number;
  const partOf = new Int32Array(total);
  const startOf = new Int32Array(total);
  const lengthOf = new Int32Array(total);
  parts.forEach((p, k) => {
    const gs = groups[k] as Int32Array;
    let o = 0;
    for (let i = 0; i < p.vals.length; i++) {
      const g = gs[i] as number;
      const e = next[g] as number;
      next[g] = e + 1;
      const n = p.nums[i * STRIDE + 4] as number;
      partOf[e] = k;
      startOf[e] = o;
      lengthOf[e] = n;
      o += n;
    }
  });
  for (let g = 0; g < entries.length; g++) {
    let c = 0;
    for (let e = first[g] as number; e < (first[g + 1] as number); e++) {
      const sets = (parts[partOf[e] as number] as Part).sets;
      const end = (startOf[e] as number) + (lengthOf[e] as number);
      for (let j = startOf[e] as number; j < end; j++) {
        const vn = sets[j] as number;
        if (stamp[vn] !== g + 1) {
          stamp[vn] = g + 1;
          c++;
        }
      }
    }
    visitors[g] = c;
  }
}
