import type { Database } from 'better-sqlite3';
import { DAY_MS } from './day-parts.js';
import { DIRECT, VISIT_SLACK_MS } from './filters.js';

/** Per (site, day), is_bot 0: the JSON list of the referrer filter values the day has slices for. */
export const REFERRER_LIST = 'referrer-slices';
/** A day slices a referrer with at least this share of its visits (direct always), at most CAP of them. */
const MIN_SHARE = 0.01;
const CAP = 20;
/** Where VISIT_READ has the visit's referrer_domain. */
const REFERRER_AT = 9;

/** The referrer filter value that selects a visit of this referrer_domain (none for a literal '(direct)'). */
const keyOf = (ref: unknown): string | undefined =>
  ref === null || ref === undefined ? DIRECT : ref === DIRECT ? undefined : String(ref);

type Rows = { visits: unknown[][]; pages: unknown[][]; vitals: unknown[][] };

/**
 * Splits one UTC day by referrer, as the SQL path's referrer filter selects (filters.ts): visits by
 * their own referrer; pageviews and vitals by the referrer of their session's visit, which the SQL
 * path looks for among visits started from VISIT_SLACK_MS before the range. A stored day must not
 * depend on the range, so a day with a row whose visit started before that slack of the day itself
 * (or has none) slices nothing, and is read raw under a referrer filter. `sessionAt`: where the
 * row reads have the session id.
 */
export function referrerSplitter(db: Database) {
  const window = db
    .prepare(
      'SELECT session_id, referrer_domain FROM dash_visits WHERE site = ? AND start_ts >= ? AND start_ts < ?',
    )
    .raw();
  return (site: string, day: number, rows: Rows, sessionAt: { pages: number; vitals: number }) => {
    const counts = new Map<string, number>();
    for (const v of rows.visits) {
      const k = keyOf(v[REFERRER_AT]);
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const least = MIN_SHARE * rows.visits.length;
    const values = [...counts]
      .filter(([k, n]) => k === DIRECT || n >= least)
      .sort((a, b) => (a[0] === DIRECT ? -1 : b[0] === DIRECT ? 1 : b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
      .slice(0, CAP)
      .map(([k]) => k);
    const start = day * DAY_MS;
    const refs = new Map<string, unknown>();
    for (const [s, r] of window.all(site, start - VISIT_SLACK_MS, start + DAY_MS) as [string, unknown][])
      refs.set(s, r);
    const split = (list: unknown[][], at: number): Map<string, unknown[][]> | null => {
      const out = new Map<string, unknown[][]>(values.map((k) => [k, []]));
      for (const r of list) {
        const s = r[at];
        if (s === null || s === undefined) continue; // no session: no visit, in no referrer's rows
        if (!refs.has(String(s))) return null;
        const k = keyOf(refs.get(String(s)));
        if (k !== undefined) out.get(k)?.push(r);
      }
      return out;
    };
    const pages = split(rows.pages, sessionAt.pages);
    const vitals = split(rows.vitals, sessionAt.vitals);
    if (!pages || !vitals)
      return { values: [] as string[], of: () => ({ visits: [], pages: [], vitals: [] }) };
    const visits = new Map<string, unknown[][]>(values.map((k) => [k, []]));
    for (const v of rows.visits) {
      const k = keyOf(v[REFERRER_AT]);
      if (k !== undefined) visits.get(k)?.push(v);
    }
    return {
      values,
      of: (k: string): Rows => ({
        visits: visits.get(k) ?? [],
        pages: pages.get(k) ?? [],
        vitals: vitals.get(k) ?? [],
      }),
    };
  };
}
