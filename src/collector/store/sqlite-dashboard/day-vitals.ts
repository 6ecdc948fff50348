import type { VitalMetric, VitalsByMetric, VitalsResult } from '../../dashboard/types.js';
import { VITAL_METRICS } from '../../dashboard/types.js';
import { summaryOf } from '../../dashboard/vitals.js';
import { keyOf, type Part } from './day-parts.js';

/** Pages listed with their own vitals: those with the most samples (as the SQL path). */
const PAGES = 50;
const M = VITAL_METRICS.length;

/**
 * Vital rows `[is_bot, path, metric, value]` into a Part per bot flag: values are the paths, `nums`
 * a sample count per metric, `samples` the values grouped by path then metric. Percentiles do not
 * add up across days, so the samples themselves are kept (8 bytes each, no row overhead).
 */
export function vitalParts(rows: unknown[][]): [Part, Part] {
  const build = (bot: number): Part => {
    const index = new Map<unknown, number>();
    const vals: unknown[] = [];
    const lists: number[][][] = [];
    for (const r of rows) {
      if ((r[0] ? 1 : 0) !== bot) continue;
      const key = keyOf(r[1]);
      let i = index.get(key);
      if (i === undefined) {
        i = vals.length;
        index.set(key, i);
        vals.push(r[1]);
        lists.push(VITAL_METRICS.map(() => []));
      }
      lists[i]?.[VITAL_METRICS.indexOf(r[2] as VitalMetric)]?.push(r[3] as number);
    }
    const nums = new Float64Array(vals.length * M);
    const samples = new Float64Array(rows.length);
    let at = 0;
    lists.forEach((perMetric, i) => {
      perMetric.forEach((list, m) => {
        nums[i * M + m] = list.length;
        samples.set(list, at);
        at += list.length;
      });
    });
    return { vals, nums, sets: new Int32Array(0), samples: samples.slice(0, at) };
  };
  return [build(0), build(1)];
}

/** The nearest-rank p75 (rank ceil(3n/4)), as the SQL path ranks it. */
function p75(values: Float64Array[]): { value: number; n: number } | null {
  const n = values.reduce((s, v) => s + v.length, 0);
  if (!n) return null;
  const all = new Float64Array(n);
  let at = 0;
  for (const v of values) {
    all.set(v, at);
    at += v.length;
  }
  all.sort();
  return { value: all[Math.floor((3 * n + 3) / 4) - 1] as number, n };
}

const compareValues = (a: unknown, b: unknown) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1;

function summaries(lists: Float64Array[][]): VitalsByMetric {
  const out = Object.fromEntries(VITAL_METRICS.map((m) => [m, null])) as VitalsByMetric;
  VITAL_METRICS.forEach((metric, m) => {
    const r = p75(lists[m] ?? []);
    if (r) out[metric] = summaryOf(metric, r.value, r.n);
  });
  return out;
}

/** p75 per metric overall and for the pages with the most samples, from parts of one range. */
export function vitalsOf(parts: Part[]): VitalsResult {
  const overall: Float64Array[][] = VITAL_METRICS.map(() => []);
  const byPage = new Map<unknown, { value: unknown; count: number; lists: Float64Array[][] }>();
  for (const p of parts) {
    const samples = p.samples ?? new Float64Array(0);
    let at = 0;
    p.vals.forEach((value, i) => {
      const key = keyOf(value);
      let page = byPage.get(key);
      if (!page) {
        page = { value, count: 0, lists: VITAL_METRICS.map(() => []) };
        byPage.set(key, page);
      }
      for (let m = 0; m < M; m++) {
        const n = p.nums[i * M + m] as number;
        const slice = samples.subarray(at, at + n);
        at += n;
        page.count += n;
        page.lists[m]?.push(slice);
        overall[m]?.push(slice);
      }
    });
  }
  const top = [...byPage.values()]
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
    .slice(0, PAGES);
  return {
    overall: summaries(overall),
    pages: top.map((p) => ({ value: p.value as string | null, ...summaries(p.lists) })),
  };
}
