import type { VitalMetric, VitalsByMetric, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { summaryOf } from '../../dashboard/vitals.js';
import { keyOf, type Part } from './day-parts.js';

/** Pages listed with their own vitals: those with the most samples (as the SQL path). */
const PAGES = 50;
const M = VITAL_METRICS.length;

/** Samples by bot flag, then path, then metric, as they are added; `parts()` packs them. */
function vitalAccumulator() {
  const acc = [0, 1].map(() => ({
    index: new Map<unknown, number>(),
    vals: [] as unknown[],
    lists: [] as number[][][],
    n: 0,
  }));
  /** The sample list of (bot flag, path, metric); undefined for a metric not reported. */
  const listOf = (bot: unknown, path: unknown, metric: unknown): number[] | undefined => {
    const a = acc[bot ? 1 : 0] as (typeof acc)[number];
    const key = keyOf(path);
    let i = a.index.get(key);
    if (i === undefined) {
      i = a.vals.length;
      a.index.set(key, i);
      a.vals.push(path);
      a.lists.push(VITAL_METRICS.map(() => []));
    }
    return a.lists[i]?.[VITAL_METRICS.indexOf(metric as VitalMetric)];
  };
  const build = ({ vals, lists }: (typeof acc)[number]): Part => {
    const nums = new Float64Array(vals.length * M);
    let n = 0;
    for (const perMetric of lists) for (const list of perMetric) n += list.length;
    const samples = new Float64Array(n);
    let at = 0;
    lists.forEach((perMetric, i) => {
      perMetric.forEach((list, m) => {
        nums[i * M + m] = list.length;
        samples.set(list, at);
        at += list.length;
      });
    });
    return { vals, nums, sets: new Int32Array(0), samples };
  };
  return {
    listOf,
    parts: (): [Part, Part] => [build(acc[0] as (typeof acc)[number]), build(acc[1] as (typeof acc)[number])],
  };
}

/**
 * Vital rows `[is_bot, path, metric, value]` into a Part per bot flag: values are the paths, `nums`
 * a sample count per metric, `samples` the values grouped by path then metric. Percentiles do not
 * add up across days, so the samples themselves are kept (8 bytes each, no row overhead).
 */
export function vitalParts(rows: unknown[][]): [Part, Part] {
  // One pass over the rows for both bot flags (a filtered month is ~70,000 rows on the bench).
  const acc = vitalAccumulator();
  for (const r of rows) acc.listOf(r[0], r[1], r[2])?.push(r[3] as number);
  return acc.parts();
}

/**
 * The same from rows grouped by (is_bot, path, metric) with their values as one JSON array each:
 * handing SQLite's rows to JS costs more than the grouping (a filtered month of ~70,000 samples on
 * the bench: ~190 ms as rows, ~115 ms grouped). SQLite writes each number so it reads back exactly.
 */
export function groupedVitalParts(groups: unknown[][]): [Part, Part] {
  const acc = vitalAccumulator();
  for (const g of groups) {
    const list = acc.listOf(g[0], g[1], g[2]);
    if (list) for (const v of JSON.parse(g[3] as string) as number[]) list.push(v);
  }
  return acc.parts();
}

/** The k-th smallest value (0-based) of `a`, reordering it: quickselect, linear on average. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

const compareValues = (a: unknown, b: unknown) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1;

/** Summaries of one sample array per metric: the nearest-rank p75 (rank ceil(3n/4)), as the SQL path ranks it. */
function summaries(lists: Float64Array[]): VitalsByMetric {
  const out = Object.fromEntries(VITAL_METRICS.map((m) => [m, null])) as VitalsByMetric;
  VITAL_METRICS.forEach((metric, m) => {
    const a = lists[m] as Float64Array;
    const n = a.length;
    if (n) out[metric] = summaryOf(metric, select(a, Math.floor((3 * n + 3) / 4) - 1), n);
  });
  return out;
}

/**
 * p75 per metric overall and for the pages with the most samples, from parts of one range: counts
 * first (which pages are listed), then the samples copied once into one array per metric and per
 * listed page, without an object per stretch (a month is ~90,000 of them).
 */
export function vitalsOf(parts: Part[]): VitalsResult {
  const index = new Map<unknown, number>();
  const pages: { value: unknown; count: number }[] = [];
  const totals = new Array<number>(M).fill(0);
  const at = parts.map((p) =>
    Int32Array.from(p.vals, (value, i) => {
      const key = keyOf(value);
      let g = index.get(key);
      if (g === undefined) {
        g = pages.length;
        index.set(key, g);
        pages.push({ value, count: 0 });
      }
      for (let m = 0; m < M; m++) {
        const n = p.nums[i * M + m] as number;
        (pages[g] as { count: number }).count += n;
        totals[m] = (totals[m] as number) + n;
      }
      return g;
    }),
  );
  const top = pages
    .map((p, g) => ({ ...p, g }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
    .slice(0, PAGES);
  const slot = new Map(top.map((p, i) => [p.g, i]));
  const overall = totals.map((n) => new Float64Array(n));
  const filled = new Array<number>(M).fill(0);
  const perPage = top.map(() => ({ lists: [] as number[][] }));
  for (const p of perPage) p.lists = VITAL_METRICS.map(() => []);
  parts.forEach((p, k) => {
    const samples = p.samples ?? new Float64Array(0);
    const gs = at[k] as Int32Array;
    let o = 0;
    for (let i = 0; i < p.vals.length; i++) {
      const listed = slot.get(gs[i] as number);
      for (let m = 0; m < M; m++) {
        const n = p.nums[i * M + m] as number;
        const dst = overall[m] as Float64Array;
        let f = filled[m] as number;
        const page = listed === undefined ? null : (perPage[listed]?.lists[m] as number[]);
        for (let j = 0; j < n; j++) {
          const v = samples[o + j] as number;
          dst[f++] = v;
          page?.push(v);
        }
        filled[m] = f;
        o += n;
      }
    }
  });
  return {
    overall: summaries(overall),
    pages: top.map((p, i) => ({
      value: p.value as string | null,
      ...summaries((perPage[i]?.lists ?? []).map((l) => Float64Array.from(l))),
    })),
  };
}
