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

/** What a day roll-up row holds: a visit dimension, pages (by pageview time) or vitals (by sample time). */
export type DayDim = VisitDim | 'pages' | 'vitals';

const METRICS = VITAL_METRICS.map((m) => `'${m}'`).join(', ');

/** Parts per bot flag ([humans, bots]); null when the rows cannot be rolled up exactly (see pages). */
export type BotParts = [Part, Part] | null;

const freeze = (b: [PartBuilder, PartBuilder]): [Part, Part] => [b[0].part(), b[1].part()];

/** Reads rows of one site and time stretch straight from dash_visits and the row copies. */
export function rawReader(db: Database) {
  const visits = db
    .prepare(
      `SELECT ${VISIT_READ} FROM dash_visits WHERE site = ? AND start_ts >= ? AND start_ts < ? AND pageviews > 0`,
    )
    .raw();
  // A pageview whose visitor has no number (a row without a visit) cannot join a set: `lost`.
  const pages = db
    .prepare(
      `SELECT p.is_bot, p.path, d.n, p.visitor_id IS NOT NULL AND d.n IS NULL AS lost
       FROM dash_pageviews AS p LEFT JOIN dash_visitors AS d ON d.visitor_id = p.visitor_id
       WHERE p.site = ? AND p.ts >= ? AND p.ts < ?`,
    )
    .raw();
  const vitals = db
    .prepare(
      `SELECT is_bot, path, metric, value FROM dash_vitals
       WHERE site = ? AND ts >= ? AND ts < ? AND metric IN (${METRICS}) AND value IS NOT NULL`,
    )
    .raw();
  const all = (s: Statement, site: string, from: number, to: number) => s.all(site, from, to) as unknown[][];
  return {
    visits(site: string, from: number, to: number, dims: readonly VisitDim[]): Map<VisitDim, [Part, Part]> {
      const built = visitParts(all(visits, site, from, to), dims);
      return new Map([...built].map(([dim, b]) => [dim, freeze(b)]));
    },
    pages(site: string, from: number, to: number): BotParts {
      const rows = all(pages, site, from, to);
      return rows.some((r) => r[3]) ? null : freeze(pageParts(rows));
    },
    vitals(site: string, from: number, to: number): [Part, Part] {
      return vitalParts(all(vitals, site, from, to));
    },
  };
}
export type RawReader = ReturnType<typeof rawReader>;

/** One kind of raw read for the stretch [from, to). */
export function readRaw(raw: RawReader, dim: DayDim, site: string, from: number, to: number): BotParts {
  if (dim === 'pages') return raw.pages(site, from, to);
  if (dim === 'vitals') return raw.vitals(site, from, to);
  return raw.visits(site, from, to, [dim]).get(dim) ?? null;
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
