import { DIRECT } from './filters.js';

/**
 * The day roll-up's unit (migration 011): the aggregates of one dimension over one stretch of time
 * (a stored UTC day, or a raw edge read at query time), for bots or for humans. Per value: counts
 * in `nums` (STRIDE numbers each) and the value's visitor numbers (dash_visitors.n, each once) in
 * `sets`, so visitors stay exact across stretches: a range's visitors are the union of its parts'
 * sets, not a sum. Vitals keep their samples instead (`samples`, per value and metric).
 */
export interface Part {
  vals: unknown[];
  /** Per value: visits, pageviews, bounces, duration sum, set length (vitals: a sample count per metric). */
  nums: Float64Array;
  sets: Int32Array;
  samples?: Float64Array;
}

export const STRIDE = 5;
/**
 * What `starts` cuts a day into: every zone's offset is a whole number of quarter hours (India
 * +05:30, Nepal +05:45), so each zone's days and hours fall on these bounds.
 */
export const QUARTER_MS = 900_000;
export const DAY_MS = 86_400_000;

/** The visit dimensions kept per day; `starts` (visits by the quarter hour they started) serves totals and series. */
export const VISIT_DIMS = [
  'starts',
  'entry_pages',
  'exit_pages',
  'referrers',
  'browsers',
  'os',
  'devices',
  'languages',
  'screens',
  'campaigns',
] as const;
export type VisitDim = (typeof VISIT_DIMS)[number];

/** dash_visits columns each visit row is read with (positional, in this order). */
export const VISIT_READ = `is_bot, vn, pageviews, events, engaged, start_ts, end_ts, entry_path, exit_path,
  referrer_domain, browser, os, device, language, screen, utm_campaign, utm_source, utm_medium`;
type VisitRow = [number, number | null, number, number, number, number, number, ...(string | null)[]];

/** The value a visit has in a dimension (undefined: the visit is not in that breakdown). */
function dimValue(dim: VisitDim, r: VisitRow): unknown {
  switch (dim) {
    case 'starts':
      return Math.floor(r[5] / QUARTER_MS) * QUARTER_MS;
    case 'entry_pages':
      return r[7];
    case 'exit_pages':
      return r[8];
    case 'referrers':
      return r[9] ?? DIRECT;
    case 'campaigns':
      return r[15] === null && r[16] === null && r[17] === null ? undefined : [r[15], r[16], r[17]];
    default:
      return r[{ browsers: 10, os: 11, devices: 12, languages: 13, screens: 14 }[dim]];
  }
}

/** A value as a Map key: itself (strings, numbers, null), or its JSON for campaign triples. */
export const keyOf = (v: unknown): unknown => (Array.isArray(v) ? JSON.stringify(v) : v);

/** Accumulates values with counts and visitor sets; `part()` freezes it into a Part. */
export class PartBuilder {
  private readonly index = new Map<unknown, number>();
  private readonly vals: unknown[] = [];
  private readonly nums: number[] = [];
  private readonly sets: Set<number>[] = [];

  add(
    value: unknown,
    visits: number,
    pageviews: number,
    bounces: number,
    duration: number,
    vn: number | null,
  ) {
    const key = keyOf(value);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.vals.length;
      this.index.set(key, i);
      this.vals.push(value);
      this.nums.push(0, 0, 0, 0, 0);
      this.sets.push(new Set());
    }
    const o = i * STRIDE;
    this.nums[o] = (this.nums[o] as number) + visits;
    this.nums[o + 1] = (this.nums[o + 1] as number) + pageviews;
    this.nums[o + 2] = (this.nums[o + 2] as number) + bounces;
    this.nums[o + 3] = (this.nums[o + 3] as number) + duration;
    if (vn !== null) (this.sets[i] as Set<number>).add(vn);
  }

  get size(): number {
    return this.vals.length;
  }

  part(): Part {
    const nums = Float64Array.from(this.nums);
    let total = 0;
    this.sets.forEach((s, i) => {
      nums[i * STRIDE + 4] = s.size;
      total += s.size;
    });
    const sets = new Int32Array(total);
    let at = 0;
    for (const s of this.sets) for (const vn of s) sets[at++] = vn;
    return { vals: this.vals, nums, sets };
  }
}

/** Visit rows (VISIT_READ order) into one Part per dimension and bot flag: `[dim][is_bot]`. */
export function visitParts(
  rows: Iterable<unknown[]>,
  dims: readonly VisitDim[] = VISIT_DIMS,
): Map<VisitDim, [PartBuilder, PartBuilder]> {
  const out = new Map(
    dims.map((d) => [d, [new PartBuilder(), new PartBuilder()] as [PartBuilder, PartBuilder]]),
  );
  for (const raw of rows) {
    const r = raw as VisitRow;
    const bounce = r[2] === 1 && r[3] === 0 && r[4] === 0 ? 1 : 0;
    for (const dim of dims) {
      const value = dimValue(dim, r);
      if (value === undefined) continue;
      out.get(dim)?.[r[0] ? 1 : 0].add(value, 1, r[2], bounce, r[6] - r[5], r[1]);
    }
  }
  return out;
}

/** Pageview rows `[is_bot, path, vn]` into the pages Part per bot flag. */
export function pageParts(rows: Iterable<unknown[]>): [PartBuilder, PartBuilder] {
  const out: [PartBuilder, PartBuilder] = [new PartBuilder(), new PartBuilder()];
  for (const r of rows) out[r[0] ? 1 : 0].add(r[1], 0, 1, 0, 0, r[2] as number | null);
  return out;
}

const blob = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Copies, since SQLite's buffers need not be aligned for a typed-array view. */
const f64 = (b: Buffer) => new Float64Array(new Uint8Array(b).buffer);
const i32 = (b: Buffer) => new Int32Array(new Uint8Array(b).buffer);

export function encodePart(p: Part): { vals: string; nums: Buffer; sets: Buffer } {
  return { vals: JSON.stringify(p.vals), nums: blob(p.nums), sets: blob(p.samples ?? p.sets) };
}

export function decodePart(vals: string, nums: Buffer, sets: Buffer, samples: boolean): Part {
  return samples
    ? { vals: JSON.parse(vals), nums: f64(nums), sets: new Int32Array(0), samples: f64(sets) }
    : { vals: JSON.parse(vals), nums: f64(nums), sets: i32(sets) };
}
