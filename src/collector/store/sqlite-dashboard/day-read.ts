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
 * What a raw read keeps besides site and time, each condition as the SQL path's filter has it
 * (filters.ts): one browser (the row's own, the visit's for visits); one referrer filter value (the
 * visit's; for rows, their session's visit started in [vfrom, vto), the query's window as rowWhere
 * sets it); one category (in the visit's own `categories` list for visits, the row's own for
 * pageviews and vitals). A browser or a referrer may come with a category, a referrer with a
 * browser (each must hold).
 */
export type Cut =
  | { browser: string; category?: string }
  | { referrer: string; vfrom: number; vto: number; category?: string; browser?: string }
  | { category: string };

/** Per kind of row: the columns each filter tests (the session: to find the row's visit). */
const COLUMNS = {
  visits: { browser: 'browser', category: 'categories', session: undefined },
  pages: { browser: 'p.browser', category: 'p.category', session: 'p.session_id' },
  vitals: { browser: 'browser', category: 'category', session: 'session_id' },
} as const;

/**
 * Reads rows of one site and time stretch straight from dash_visits and the row copies; with a
 * cut, only the rows the SQL path's filters select.
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
  type Kind = keyof typeof sql;
  const everything = Object.fromEntries(
    (Object.keys(sql) as Kind[]).map((k) => {
      const c = COLUMNS[k];
      const extra = `, ${c.browser}${c.session ? `, ${c.session}` : ''}, ${c.category}`;
      return [k, db.prepare(sql[k].replace('{b}', extra)).raw()];
    }),
  ) as Record<Kind, Statement>;
  // One statement per kind and shape of cut (at most a handful), prepared when first read.
  const statements = new Map<string, Statement>();
  /** The cut's conditions after site and time, with their parameters in order. */
  const where = (kind: Kind, site: string, cut: Cut): [string[], unknown[]] => {
    const c = COLUMNS[kind];
    const conds: string[] = [];
    const params: unknown[] = [];
    if ('browser' in cut && cut.browser !== undefined) {
      conds.push(`${c.browser} = ?`);
      params.push(cut.browser);
    }
    if ('referrer' in cut) {
      const cond = cut.referrer === DIRECT ? 'referrer_domain IS NULL' : 'referrer_domain = ?';
      if (c.session === undefined) conds.push(cond);
      else {
        conds.push(`${c.session} IN (SELECT v.session_id FROM dash_visits AS v
          WHERE v.site = ? AND v.start_ts >= ? AND v.start_ts < ? AND v.${cond})`);
        params.push(site, cut.vfrom, cut.vto);
      }
      if (cut.referrer !== DIRECT) params.push(cut.referrer);
    }
    if (cut.category !== undefined) {
      conds.push(kind === 'visits' ? `instr(${c.category}, ',' || ? || ',') > 0` : `${c.category} = ?`);
      params.push(cut.category);
    }
    return [conds, params];
  };
  const read = (kind: Kind, site: string, from: number, to: number, cut?: Cut) => {
    const [conds, params] = cut ? where(kind, site, cut) : [[], []];
    const text = [sql[kind].replace('{b}', ''), ...conds].join(' AND ');
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text).raw();
      statements.set(text, statement);
    }
    return statement.all(site, from, to, ...params) as unknown[][];
  };
  return {
    /**
     * Every row of a kind with its browser at BROWSER_AT[kind] (and its session at SESSION_AT, its
     * category or categories at CATEGORY_AT), to roll a day up with its slices.
     */
    rows(kind: Kind, site: string, from: number, to: number): unknown[][] {
      return everything[kind].all(site, from, to) as unknown[][];
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
