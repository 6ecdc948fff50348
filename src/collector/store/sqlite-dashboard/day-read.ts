import type { Database, Statement } from 'better-sqlite3';
import { VITAL_METRICS } from '../../dashboard/types.js';
import {
  DAY_MS,
  type Part,
  type PartBuilder,
  pageParts,
  VISIT_READ,
  type VisitDim,
  visitParts,
} from './day-parts.js';
import { vitalParts } from './day-vitals.js';
import { DIRECT } from './filters.js';

/** What a day roll-up row holds: a visit dimension, pages (by pageview time) or vitals (by sample time). */
export type DayDim = VisitDim | 'pages' | 'vitals';

const METRICS = VITAL_METRICS.map((m) => `'${m}'`).join(', ');

/** Parts per bot flag ([humans, bots]); null when the rows cannot be rolled up exactly (see pages). */
export type BotParts = [Part, Part] | null;

const freeze = (b: [PartBuilder, PartBuilder]): [Part, Part] => [b[0].part(), b[1].part()];

/** Visit rows (VISIT_READ order) into frozen parts per dimension. */
export const visitsOf = (rows: unknown[][], dims: readonly VisitDim[]): Map<VisitDim, [Part, Part]> =>
  new Map([...visitParts(rows, dims)].map(([dim, b]) => [dim, freeze(b)]));

/** Pageview rows into the pages parts; null when a row's visitor has no number (`lost`). */
export const pagesOf = (rows: unknown[][]): BotParts =>
  rows.some((r) => r[3]) ? null : freeze(pageParts(rows));

/** Where each raw read has the row's browser: the visit's own (dash_visits), the row's (copies). */
export const BROWSER_AT = { visits: 10, pages: 4, vitals: 4 } as const;
/** Where the roll-up's reads of the row copies have the row's session (to find its visit's referrer). */
export const SESSION_AT = { pages: 5, vitals: 5 } as const;
/** Where the roll-up's reads have the visit's `categories` list (`,a,b,`) or the row's own category. */
export const CATEGORY_AT = { visits: 19, pages: 6, vitals: 6 } as const;

/**
 * What a raw read keeps besides site and time: one browser (the row's own, the visit's for visits),
 * one referrer filter value (the visit's; for rows, their session's visit started in [vfrom, vto),
 * the query's window as filters.ts rowWhere sets it), or one category (in the visit's own
 * `categories` list for visits, the row's own for pageviews and vitals).
 */
export type Cut =
  | { browser: string }
  | { referrer: string; vfrom: number; vto: number }
  | { category: string };
type Six = [Statement, Statement, Statement, Statement, Statement, Statement];

/**
 * Reads rows of one site and time stretch straight from dash_visits and the row copies; with a
 * cut, only the rows the SQL path's filter selects (filters.ts: for a browser, the visit's for
 * visits, the row's own for pageviews and vitals; likewise for a category).
 */
export function rawReader(db: Database) {
  // `{b}`: the row's browser (and session) and category as last columns, read only to split a day
  // (day-slices.ts).
  const sql = {
    visits: `SELECT ${VISIT_READ}{b} FROM dash_visits WHERE site = ? AND start_ts >= ? AND start_ts < ? AND pageviews > 0`,
    // A pageview whose visitor has no number (a row without a visit) cannot join a set: `lost`.
    pages: `SELECT p.is_bot, p.path, d.n, p.visitor_id IS NOT NULL AND d.n IS NULL AS lost{b}
       FROM dash_pageviews AS p LEFT JOIN dash_visitors AS d ON d.visitor_id = p.visitor_id
       WHERE p.site = ? AND p.ts >= ? AND p.ts < ?`,
    vitals: `SELECT is_bot, path, metric, value{b} FROM dash_vitals
       WHERE site = ? AND ts >= ? AND ts < ? AND metric IN (${METRICS}) AND value IS NOT NULL`,
  };
  /**
   * [every row, with its browser (and session) and category; every row; the rows of one browser; of
   * the direct visits; of one referrer; of one category (`category`: the condition, one parameter)].
   */
  const six = (
    text: string,
    column: string,
    category: string,
    categoryColumn: string,
    session?: string,
  ): Six => {
    const plain = text.replace('{b}', '');
    const visit = (cond: string) =>
      session === undefined
        ? `${plain} AND ${cond}`
        : `${plain} AND ${session} IN (SELECT v.session_id FROM dash_visits AS v
            WHERE v.site = ? AND v.start_ts >= ? AND v.start_ts < ? AND v.${cond})`;
    return [
      db.prepare(text.replace('{b}', `, ${column}${session ? `, ${session}` : ''}, ${categoryColumn}`)).raw(),
      db.prepare(plain).raw(),
      db.prepare(`${plain} AND ${column} = ?`).raw(),
      db.prepare(visit('referrer_domain IS NULL')).raw(),
      db.prepare(visit('referrer_domain = ?')).raw(),
      db.prepare(`${plain} AND ${category}`).raw(),
    ];
  };
  const reads = {
    visits: six(sql.visits, 'browser', "instr(categories, ',' || ? || ',') > 0", 'categories'),
    pages: six(sql.pages, 'p.browser', 'p.category = ?', 'p.category', 'p.session_id'),
    vitals: six(sql.vitals, 'browser', 'category = ?', 'category', 'session_id'),
  };
  const read = (kind: keyof typeof reads, site: string, from: number, to: number, cut?: Cut) => {
    const [, all, browser, direct, referrer, category] = reads[kind];
    if (cut === undefined) return all.all(site, from, to) as unknown[][];
    if ('browser' in cut) return browser.all(site, from, to, cut.browser) as unknown[][];
    if ('category' in cut) return category.all(site, from, to, cut.category) as unknown[][];
    const window = kind === 'visits' ? [] : [site, cut.vfrom, cut.vto];
    return (
      cut.referrer === DIRECT
        ? direct.all(site, from, to, ...window)
        : referrer.all(site, from, to, ...window, cut.referrer)
    ) as unknown[][];
  };
  return {
    /**
     * Every row of a kind with its browser at BROWSER_AT[kind] (and its session at SESSION_AT, its
     * category or categories at CATEGORY_AT), to roll a day up with its slices.
     */
    rows(kind: keyof typeof reads, site: string, from: number, to: number): unknown[][] {
      return reads[kind][0].all(site, from, to) as unknown[][];
    },
    visits(site: string, from: number, to: number, dims: readonly VisitDim[], cut?: Cut) {
      return visitsOf(read('visits', site, from, to, cut), dims);
    },
    pages(site: string, from: number, to: number, cut?: Cut): BotParts {
      return pagesOf(read('pages', site, from, to, cut));
    },
    vitals(site: string, from: number, to: number, cut?: Cut): [Part, Part] {
      return vitalParts(read('vitals', site, from, to, cut));
    },
  };
}
export type RawReader = ReturnType<typeof rawReader>;

/** One kind of raw read for the stretch [from, to). */
export function readRaw(
  raw: RawReader,
  dim: DayDim,
  site: string,
  from: number,
  to: number,
  cut?: Cut,
): BotParts {
  if (dim === 'pages') return raw.pages(site, from, to, cut);
  if (dim === 'vitals') return raw.vitals(site, from, to, cut);
  return raw.visits(site, from, to, [dim], cut).get(dim) ?? null;
}

/** The UTC days wholly inside [from, to), as day numbers [lo, hi). */
export function wholeDays(from: number, to: number): [number, number] {
  return [Math.ceil(from / DAY_MS), Math.floor(to / DAY_MS)];
}

/** Half-open stretches from sorted days (adjacent days merged), clipped to [from, to). */
export function stretches(
  from: number,
  to: number,
  lo: number,
  hi: number,
  dirty: number[],
): [number, number][] {
  const out: [number, number][] = [];
  const push = (a: number, b: number) => {
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last && last[1] === a) last[1] = b;
    else out.push([a, b]);
  };
  if (hi <= lo) {
    push(from, to);
    return out;
  }
  push(from, lo * DAY_MS);
  for (const d of dirty) push(d * DAY_MS, (d + 1) * DAY_MS);
  push(hi * DAY_MS, to);
  return out;
}
