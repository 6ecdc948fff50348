import type Database from 'better-sqlite3';

/**
 * An independent model of the dashboard's visit numbers: the raw rows read with plain SQL, grouped
 * into visits in JavaScript following docs/dashboard.md, without the roll-up the store uses.
 */
export interface Visit {
  site: string;
  session: string;
  visitor: string | null;
  start: number;
  end: number;
  pageviews: number;
  events: number;
  engaged: boolean;
  bot: boolean;
  entry: string | null;
  exit: string | null;
  referrer: string | null;
  campaign: string | null;
  source: string | null;
  medium: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  language: string | null;
  screen: string | null;
  /** Paths and categories of its rows with their times (for the page and category filters). */
  rows: { ts: number; type: string; path: string | null; category: string }[];
}

interface Raw {
  rid: number;
  site: string;
  session_id: string;
  visitor_id: string | null;
  ts: number;
  type: string;
  value: number | null;
  is_bot: number;
  path: string | null;
  host: string | null;
  referrer_domain: string | null;
  self_referral: number;
  utm_campaign: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  language: string | null;
  screen: string | null;
  category: string;
}

const max = <T>(values: (T | null)[]): T | null => {
  const present = values.filter((v): v is T => v !== null);
  return present.length ? (present.sort().at(-1) as T) : null;
};

export function readVisits(db: Database.Database): Visit[] {
  const raw = db
    .prepare('SELECT rowid AS rid, * FROM access_log WHERE session_id IS NOT NULL ORDER BY ts, rowid')
    .all() as Raw[];
  const groups = new Map<string, Raw[]>();
  for (const r of raw) {
    const key = `${r.site}\0${r.session_id}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rows) => {
    const first = rows[0] as Raw;
    const views = rows.filter((r) => r.type === 'pageview');
    const entry = views[0];
    const exit = views.at(-1);
    const outside =
      entry && entry.self_referral === 0 && entry.referrer_domain !== entry.host
        ? entry.referrer_domain
        : null;
    return {
      site: first.site,
      session: first.session_id,
      visitor: max(rows.map((r) => r.visitor_id)),
      start: Math.min(...rows.map((r) => r.ts)),
      end: Math.max(...rows.map((r) => r.ts)),
      pageviews: views.length,
      events: rows.filter((r) => r.type === 'event').length,
      engaged: rows.some((r) => r.type === 'engagement' && (r.value ?? 0) >= 10_000),
      bot: rows.some((r) => r.is_bot === 1),
      entry: entry?.path ?? null,
      exit: exit?.path ?? null,
      referrer: outside ?? null,
      campaign: entry?.utm_campaign ?? null,
      source: entry?.utm_source ?? null,
      medium: entry?.utm_medium ?? null,
      browser: max(rows.map((r) => r.browser)),
      os: max(rows.map((r) => r.os)),
      device: max(rows.map((r) => r.device)),
      language: max(rows.map((r) => r.language)),
      screen: max(rows.map((r) => r.screen)),
      rows: rows.map((r) => ({ ts: r.ts, type: r.type, path: r.path, category: r.category })),
    };
  });
}

export interface ModelFilters {
  page?: string;
  referrer?: string;
  browser?: string;
  campaign?: string;
  category?: string;
  bots?: 'include';
}

/** Visits of `site` that started in [from, to), had a pageview and pass the filters. */
export function selectVisits(
  visits: Visit[],
  site: string,
  from: number,
  to: number,
  f: ModelFilters = {},
): Visit[] {
  const slack = to + 86_400_000;
  return visits.filter(
    (v) =>
      v.site === site &&
      v.start >= from &&
      v.start < to &&
      v.pageviews > 0 &&
      (f.bots === 'include' || !v.bot) &&
      (f.browser === undefined || v.browser === f.browser) &&
      (f.referrer === undefined ||
        (f.referrer === '(direct)' ? v.referrer === null : v.referrer === f.referrer)) &&
      (f.campaign === undefined || v.campaign === f.campaign) &&
      (f.page === undefined ||
        v.rows.some((r) => r.type === 'pageview' && r.path === f.page && r.ts >= from && r.ts < slack)) &&
      (f.category === undefined ||
        v.rows.some((r) => r.category === f.category && r.ts >= from && r.ts < slack)),
  );
}

export function totalsOf(visits: Visit[]) {
  const n = visits.length;
  const bounces = visits.filter((v) => v.pageviews === 1 && v.events === 0 && !v.engaged).length;
  return {
    visitors: new Set(visits.map((v) => v.visitor).filter((v) => v !== null)).size,
    pageviews: visits.reduce((sum, v) => sum + v.pageviews, 0),
    visits: n,
    bounce_rate: n ? bounces / n : 0,
    visit_duration_ms: n ? Math.round(visits.reduce((sum, v) => sum + v.end - v.start, 0) / n) : 0,
  };
}

/** Breakdown rows of a visit attribute: visitors, pageviews and visits per value. */
export function groupVisits(visits: Visit[], key: (v: Visit) => string | null) {
  const groups = new Map<string | null, Visit[]>();
  for (const v of visits) groups.set(key(v), [...(groups.get(key(v)) ?? []), v]);
  return [...groups.entries()].map(([value, list]) => ({
    value,
    visitors: new Set(list.map((v) => v.visitor)).size,
    pageviews: list.reduce((sum, v) => sum + v.pageviews, 0),
    visits: list.length,
  }));
}
