import type { Database } from 'better-sqlite3';
import {
  type BreakdownName,
  type BreakdownOptions,
  type BreakdownResult,
  type DashQuery,
  FILTER_NAMES,
  type OverviewTotals,
  type SeriesPoint,
  type VitalsResult,
} from '../../dashboard/types.js';
import { categoryDays } from './day-categories.js';
import { type Merged, merge } from './day-merge.js';
import { PAIR_KIND, pairValue } from './day-pairs.js';
import { decodePart, type Part, QUARTER_MS, type VisitDim } from './day-parts.js';
import { type Cut, type DayDim, rawReader, readRaw, stretches, wholeDays } from './day-read.js';
import { REFERRER_LIST } from './day-referrers.js';
import { type SliceKind, sliceDim } from './day-slices.js';
import { vitalsOf } from './day-vitals.js';
import { filteredVitalParts } from './filtered-parts.js';
import { VISIT_SLACK_MS } from './filters.js';
import { compareKeys } from './row-counts.js';

/**
 * The slice a query is served from; `category`: a category filter combined with that browser or
 * referrer; `browser` (kind referrer): that referrer's sub-slice by browser (day-pairs.ts).
 */
export type DaySlice = { kind: SliceKind; value: string; category?: string; browser?: string };

/**
 * The stored days serve a query filtered by bots and at most one browser, one referrer or one
 * category (from that value's slice, day-slices.ts), or a category with one browser or referrer
 * (that browser's or referrer's slice on days where every row has the category: categoryDays), or
 * one browser with one referrer, with or without a category (pages and vitals only, from the
 * referrer slice's sub-slices; a category as above):
 * undefined when no filter, the slice, or null for any other filter or combination, which takes the
 * SQL path (vitals: filtered-parts.ts).
 */
export function daySlice(q: DashQuery): DaySlice | undefined | null {
  const set = FILTER_NAMES.filter((f) => q.filters[f] !== undefined);
  if (!set.length) return undefined;
  const category = q.filters.category;
  const other = set.filter((f) => f !== 'category');
  if (set.length === 2 && category !== undefined && (other[0] === 'browser' || other[0] === 'referrer'))
    return { kind: other[0], value: q.filters[other[0]] as string, category };
  const { browser, referrer } = q.filters;
  if (browser !== undefined && referrer !== undefined && other.length === 2)
    return { kind: 'referrer', value: referrer, browser, ...(category === undefined ? {} : { category }) };
  const [f] = set;
  if (set.length > 1 || (f !== 'browser' && f !== 'referrer' && f !== 'category')) return null;
  return { kind: f, value: q.filters[f] as string };
}

/**
 * The panels that read dash_days (migration 011): each query unions the stored whole UTC days of the
 * range that are not dirty with the rest (the range's partial days, dirty days) read raw, in one
 * read transaction so both halves see the same snapshot. Null from a method: use the SQL path
 * (filters other than those daySlice serves; pages when a visitor has no number; chart buckets off
 * the quarter hour).
 */
export function dayPanels(db: Database) {
  const raw = rawReader(db);
  const categoryIn = categoryDays(db);
  const stored = db.prepare(
    'SELECT day, is_bot, vals, nums, sets FROM dash_days WHERE site = ? AND dim = ? AND day >= ? AND day < ?',
  );
  const dirtyDays = db
    .prepare('SELECT day FROM dash_days_dirty WHERE site = ? AND day >= ? AND day < ? ORDER BY day')
    .pluck();
  const referrerLists = db.prepare(
    `SELECT day, vals FROM dash_days WHERE site = ? AND dim = '${REFERRER_LIST}' AND day >= ? AND day < ? AND is_bot = 0`,
  );

  /**
   * Days read raw: the dirty ones, and under a referrer filter (with a browser too) those that have
   * no slice for it (a referrer too rare that day, or a day whose rows' visits reach back too far:
   * day-referrers.ts). A sliced referrer has a sub-slice for every browser its rows have.
   */
  function rawDays(q: DashQuery, lo: number, hi: number, slice?: DaySlice): number[] {
    const dirty = dirtyDays.all(q.site, lo, hi) as number[];
    if (slice?.kind !== 'referrer') return dirty;
    const sliced = new Set<number>();
    for (const r of referrerLists.all(q.site, lo, hi) as { day: number; vals: string }[])
      if ((JSON.parse(r.vals) as string[]).includes(slice.value)) sliced.add(r.day);
    const out = new Set(dirty);
    for (let d = lo; d < hi; d++) if (!sliced.has(d)) out.add(d);
    return [...out].sort((a, b) => a - b);
  }

  function parts(dim: DayDim, q: DashQuery, from = q.from, to = q.to): Part[] | null {
    const slice = daySlice(q);
    if (slice === null) return dim === 'vitals' ? filteredVitalParts(db, { ...q, from, to }) : null;
    // A referrer with a browser: only pages and vitals have sub-slices, the rest takes the SQL path.
    if (slice?.browser !== undefined && dim !== 'pages' && dim !== 'vitals') return null;
    const bots = q.filters.bots === 'include';
    const [lo, hi] = wholeDays(from, to);
    let dirty = hi > lo ? rawDays(q, lo, hi, slice) : [];
    const skip = new Set(dirty);
    // A category with a browser or referrer: its days with none of the category's rows add nothing,
    // those with some of them are read raw with both conditions (day-categories.ts).
    if (slice?.category !== undefined && hi > lo) {
      const { none, some } = categoryIn(q.site, lo, hi, slice.category, dim);
      for (const d of none) skip.add(d);
      dirty = [...new Set([...dirty, ...some])].sort((a, b) => a - b);
      for (const d of some) skip.add(d);
    }
    // A row's visit is looked for in the query's window, as rowWhere does (not the stretch's).
    const cut: Cut | undefined =
      slice === undefined
        ? undefined
        : slice.kind === 'referrer'
          ? {
              referrer: slice.value,
              vfrom: from - VISIT_SLACK_MS,
              vto: to,
              category: slice.category,
              browser: slice.browser,
            }
          : slice.kind === 'browser'
            ? { browser: slice.value, category: slice.category }
            : { category: slice.value };
    const out: Part[] = [];
    if (hi > lo) {
      const name =
        slice?.browser !== undefined
          ? sliceDim(dim, pairValue(slice.value, slice.browser), PAIR_KIND)
          : sliceDim(dim, slice?.value, slice?.kind);
      const rows = stored.all(q.site, name, lo, hi) as {
        day: number;
        is_bot: number;
        vals: string;
        nums: Buffer;
        sets: Buffer;
      }[];
      for (const r of rows) {
        if (skip.has(r.day)) continue;
        if (r.vals === 'null') return null;
        if (r.is_bot && !bots) continue;
        out.push(decodePart(r.vals, r.nums, r.sets, dim === 'vitals'));
      }
    }
    for (const [a, b] of stretches(from, to, lo, hi, dirty)) {
      const p = readRaw(raw, dim, q.site, a, b, cut);
      if (!p) return null;
      out.push(p[0]);
      if (bots) out.push(p[1]);
    }
    return out;
  }
  const snapshot = <T>(fn: () => T): T => db.transaction(fn)();

  function rows(m: Merged, name: BreakdownName, opts: BreakdownOptions) {
    const sort = opts.sort === 'pageviews' ? m.pageviews : m.visitors;
    const sign = opts.order === 'asc' ? 1 : -1;
    const order = m.vals.map((_, i) => i);
    order.sort(
      (a, b) => sign * ((sort[a] as number) - (sort[b] as number)) || compareKeys(m.vals[a], m.vals[b]),
    );
    return order.slice(0, opts.limit).map((i) => {
      const v = m.vals[i];
      const counts = { visitors: m.visitors[i] as number, pageviews: m.pageviews[i] as number };
      const share = m.total ? counts.visitors / m.total : 0;
      if (name === 'pages') return { value: v as string | null, ...counts, share };
      const visits = m.visits[i] as number;
      if (name !== 'campaigns') return { value: v as string | null, ...counts, visits, share };
      const [value, source, medium] = v as (string | null)[];
      return { value: value ?? null, source, medium, ...counts, visits, share };
    });
  }

  return {
    totals(q: DashQuery): OverviewTotals | null {
      const p = snapshot(() => parts('starts', q));
      if (!p) return null;
      const m = merge(p, false);
      const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
      const visits = sum(m.visits);
      return {
        visitors: m.total,
        pageviews: sum(m.pageviews),
        visits,
        bounce_rate: visits ? sum(m.bounces) / visits : 0,
        visit_duration_ms: visits ? Math.round(sum(m.duration) / visits) : 0,
      };
    },
    /** Null also when a bound is not on a quarter hour (the live view's minute buckets). */
    series(q: DashQuery, bounds: readonly number[]): SeriesPoint[] | null {
      if (bounds.length < 2 || bounds.some((b) => b % QUARTER_MS !== 0)) return null;
      const p = snapshot(() => parts('starts', q, bounds[0], bounds[bounds.length - 1]));
      if (!p) return null;
      const bucketOf = (t: number) => {
        let lo = 0;
        let hi = bounds.length - 2;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((bounds[mid] as number) <= t) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      const m = merge(p, true, (v) => bucketOf(v as number));
      const at = new Map(m.vals.map((b, i) => [b as number, i]));
      return bounds.slice(0, -1).map((t, i) => {
        const g = at.get(i);
        return g === undefined
          ? { t, visitors: 0, pageviews: 0 }
          : { t, visitors: m.visitors[g] as number, pageviews: m.pageviews[g] as number };
      });
    },
    breakdown(name: BreakdownName, q: DashQuery, opts: BreakdownOptions): BreakdownResult | null {
      const p = snapshot(() => parts(name as VisitDim | 'pages', q));
      if (!p) return null;
      const m = merge(p, true);
      return { name, total: m.total, rows: rows(m, name, opts) };
    },
    vitals(q: DashQuery): VitalsResult {
      return vitalsOf(snapshot(() => parts('vitals', q)) ?? []);
    },
  };
}
