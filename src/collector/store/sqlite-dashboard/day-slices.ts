import type { Database } from 'better-sqlite3';
import { CATEGORY_LIST, splitByCategory } from './day-categories.js';
import { byBrowser, PAIR_DIMS, PAIR_KIND, PAIR_LIST, pairsOf } from './day-pairs.js';
import { encodePart, type Part, VISIT_DIMS } from './day-parts.js';
import {
  type BotParts,
  BROWSER_AT,
  CATEGORY_AT,
  type DayDim,
  pagesOf,
  type RawReader,
  SESSION_AT,
  visitsOf,
} from './day-read.js';
import { REFERRER_LIST, referrerSplitter } from './day-referrers.js';
import { vitalParts } from './day-vitals.js';

export const DAY_DIMS: readonly DayDim[] = [...VISIT_DIMS, 'pages', 'vitals'];

/**
 * The dash_days `dim` of a dimension's browser slice: the same parts computed from only the rows the
 * browser filter selects, so a view filtered by one browser is served from stored days too. Kept in
 * the `dim` text (no schema change); a dimension name never holds `|`, so no slice name is another's.
 */
export const sliceDim = (dim: DayDim, value?: string, kind: StoredKind = 'browser'): string =>
  value === undefined ? dim : `${dim}|${kind}=${value}`;

/** The filters a day is sliced by: the browser's, the referrer's (day-referrers.ts), the category's (day-categories.ts). */
export type SliceKind = 'browser' | 'referrer' | 'category';
/** What a `dim` may name: a slice, or a referrer slice's sub-slice by browser (day-pairs.ts). */
type StoredKind = SliceKind | typeof PAIR_KIND;

/** Per (site, day), is_bot 0: the JSON list of the values that day has slices for, to drop them all. */
const LIST_DIM = 'browser-slices';
/** Per list: the kind of its slices and the dimensions each slice holds. */
const LISTS: [StoredKind, string, readonly DayDim[]][] = [
  ['browser', LIST_DIM, DAY_DIMS],
  ['referrer', REFERRER_LIST, DAY_DIMS],
  ['category', CATEGORY_LIST, DAY_DIMS],
  [PAIR_KIND, PAIR_LIST, PAIR_DIMS],
];

/**
 * Writes one UTC day of one site into dash_days: every dimension's parts over all its rows, then
 * per browser, frequent referrer and category the same from the rows that value's filter selects,
 * and per frequent referrer and browser its pages and vitals (day-pairs.ts): one read of the day,
 * split here in JS. The
 * caller runs it in a transaction; it first drops what the day had, slices of browsers gone included.
 */
export function dayWriter(db: Database, raw: RawReader) {
  const drop = db.prepare('DELETE FROM dash_days WHERE site = ? AND dim = ? AND day = ?');
  const listed = db
    .prepare('SELECT vals FROM dash_days WHERE site = ? AND dim = ? AND day = ? AND is_bot = 0')
    .pluck();
  const byReferrer = referrerSplitter(db);
  const put = db.prepare(
    'INSERT INTO dash_days (site, dim, day, is_bot, vals, nums, sets) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const store = (site: string, dim: string, day: number, parts: BotParts) => {
    if (!parts) {
      // Not exactly rollable (pages with a visitor outside any visit): an empty marker row, read raw.
      put.run(site, dim, day, 0, 'null', Buffer.alloc(0), Buffer.alloc(0));
      return;
    }
    parts.forEach((p: Part, bot) => {
      if (!p.vals.length) return;
      const e = encodePart(p);
      put.run(site, dim, day, bot, e.vals, e.nums, e.sets);
    });
  };
  const storeAll = (
    site: string,
    day: number,
    rows: Record<keyof typeof BROWSER_AT, unknown[][]>,
    b?: string,
    kind?: StoredKind,
  ) => {
    for (const [dim, parts] of visitsOf(rows.visits, VISIT_DIMS))
      store(site, sliceDim(dim, b, kind), day, parts);
    store(site, sliceDim('pages', b, kind), day, pagesOf(rows.pages));
    store(site, sliceDim('vitals', b, kind), day, vitalParts(rows.vitals));
  };
  // The day's list of sliced values, read back by dropDay; none when the day has no slice.
  const putList = (
    site: string,
    list: string,
    day: number,
    values: string[],
    nums: Float64Array = new Float64Array(0),
  ) => {
    const blob = Buffer.from(nums.buffer, nums.byteOffset, nums.byteLength);
    if (values.length) put.run(site, list, day, 0, JSON.stringify(values), blob, Buffer.alloc(0));
  };
  const dropDay = (site: string, day: number) => {
    for (const dim of DAY_DIMS) drop.run(site, dim, day);
    for (const [kind, list, dims] of LISTS) {
      const was = listed.get(site, list, day) as string | undefined;
      for (const v of was ? (JSON.parse(was) as string[]) : [])
        for (const dim of dims) drop.run(site, sliceDim(dim, v, kind), day);
      drop.run(site, list, day);
    }
  };
  return (site: string, day: number, from: number, to: number): void => {
    dropDay(site, day);
    const rows = {
      visits: raw.rows('visits', site, from, to),
      pages: raw.rows('pages', site, from, to),
      vitals: raw.rows('vitals', site, from, to),
    };
    storeAll(site, day, rows);
    const split = {
      visits: byBrowser(rows.visits, BROWSER_AT.visits),
      pages: byBrowser(rows.pages, BROWSER_AT.pages),
      vitals: byBrowser(rows.vitals, BROWSER_AT.vitals),
    };
    const browsers = [
      ...new Set([...split.visits.keys(), ...split.pages.keys(), ...split.vitals.keys()]),
    ].sort();
    for (const b of browsers) {
      const of = (m: Map<string, unknown[][]>) => m.get(b) ?? [];
      storeAll(site, day, { visits: of(split.visits), pages: of(split.pages), vitals: of(split.vitals) }, b);
    }
    putList(site, LIST_DIM, day, browsers);
    const referrers = byReferrer(site, day, rows, SESSION_AT);
    const pairs: string[] = [];
    for (const r of referrers.values) {
      const of = referrers.of(r);
      storeAll(site, day, of, r, 'referrer');
      for (const [pair, split] of pairsOf(r, of, BROWSER_AT)) {
        store(site, sliceDim('pages', pair, PAIR_KIND), day, pagesOf(split.pages));
        store(site, sliceDim('vitals', pair, PAIR_KIND), day, vitalParts(split.vitals));
        pairs.push(pair);
      }
    }
    putList(site, REFERRER_LIST, day, referrers.values);
    putList(site, PAIR_LIST, day, pairs);
    const categories = splitByCategory(rows, CATEGORY_AT);
    for (const c of categories.values) storeAll(site, day, categories.of(c), c, 'category');
    putList(site, CATEGORY_LIST, day, categories.values, categories.counts);
  };
}
