import type { Database } from 'better-sqlite3';
import { ENGAGED_MS } from '../../dashboard/engaged.js';
import { dayRollup } from './day-rollup.js';
import { rowCopies } from './row-copies.js';

const COLUMNS = `site, session_id, visitor_id, start_ts, end_ts, pageviews, events, engaged, is_bot,
  entry_ts, entry_path, exit_ts, exit_path, referrer_domain, utm_campaign, utm_source, utm_medium,
  browser, os, device, language, screen, categories`;

/**
 * One dash_visits row per (site, session) of the access-log rows matching `where`: counts, first and
 * last time, and the entry pageview's page, outside referrer and campaign. (`WHERE true` lets the
 * upsert below follow a SELECT with joins, as SQLite's grammar asks.)
 */
const aggregate = (where: string): string => `
  WITH r AS (
    SELECT rowid AS rid, site, session_id, visitor_id, ts, type, value, is_bot, path, host, referrer_domain,
      self_referral, utm_campaign, utm_source, utm_medium, browser, os, device, language, screen, category
    FROM access_log WHERE ${where} AND session_id IS NOT NULL),
  g AS (
    SELECT site, session_id, MAX(visitor_id) AS visitor_id, MIN(ts) AS start_ts, MAX(ts) AS end_ts,
      SUM(type = 'pageview') AS pageviews, SUM(type = 'event') AS events,
      MAX(type = 'engagement' AND value >= ${ENGAGED_MS}) AS engaged, MAX(is_bot) AS is_bot,
      MAX(browser) AS browser, MAX(os) AS os, MAX(device) AS device, MAX(language) AS language, MAX(screen) AS screen,
      ',' || group_concat(DISTINCT category) || ',' AS categories
    FROM r GROUP BY site, session_id),
  p AS MATERIALIZED (
    SELECT site, session_id, ts, path, utm_campaign, utm_source, utm_medium,
      CASE WHEN self_referral = 1 OR referrer_domain = host THEN NULL ELSE referrer_domain END AS ref,
      ROW_NUMBER() OVER (PARTITION BY site, session_id ORDER BY ts, rid) AS first_rank,
      ROW_NUMBER() OVER (PARTITION BY site, session_id ORDER BY ts DESC, rid DESC) AS last_rank
    FROM r WHERE type = 'pageview')
  SELECT g.site, g.session_id, g.visitor_id, g.start_ts, g.end_ts, g.pageviews, g.events, g.engaged, g.is_bot,
    f.ts, f.path, l.ts, l.path, f.ref, f.utm_campaign, f.utm_source, f.utm_medium,
    g.browser, g.os, g.device, g.language, g.screen, g.categories
  FROM g LEFT JOIN p AS f ON f.site = g.site AND f.session_id = g.session_id AND f.first_rank = 1
    LEFT JOIN p AS l ON l.site = g.site AND l.session_id = g.session_id AND l.last_rank = 1
  WHERE true`;

/** Merging a visit's newer rows into what is stored: sums add, the earliest entry and latest exit win. */
const ENTRY = '(excluded.entry_ts IS NOT NULL AND (v.entry_ts IS NULL OR excluded.entry_ts < v.entry_ts))';
const EXIT = '(excluded.exit_ts IS NOT NULL AND (v.exit_ts IS NULL OR excluded.exit_ts > v.exit_ts))';
const pick = (cond: string, column: string) =>
  `${column} = CASE WHEN ${cond} THEN excluded.${column} ELSE v.${column} END`;
const MERGE = `ON CONFLICT (site, session_id) DO UPDATE SET
  visitor_id = COALESCE(v.visitor_id, excluded.visitor_id),
  start_ts = MIN(v.start_ts, excluded.start_ts), end_ts = MAX(v.end_ts, excluded.end_ts),
  pageviews = v.pageviews + excluded.pageviews, events = v.events + excluded.events,
  engaged = MAX(v.engaged, excluded.engaged), is_bot = MAX(v.is_bot, excluded.is_bot),
  ${['entry_ts', 'entry_path', 'referrer_domain', 'utm_campaign', 'utm_source', 'utm_medium'].map((c) => pick(ENTRY, c)).join(', ')},
  ${['exit_ts', 'exit_path'].map((c) => pick(EXIT, c)).join(', ')},
  ${['browser', 'os', 'device', 'language', 'screen'].map((c) => `${c} = COALESCE(v.${c}, excluded.${c})`).join(', ')},
  categories = dash_categories_union(v.categories, excluded.categories)`;

/** The union of two ',a,b,' category lists, sorted and without repeats (deterministic, so SQLite may reuse it). */
export function categoriesUnion(a: string, b: string): string {
  const all = new Set([...a.split(','), ...b.split(',')]);
  all.delete('');
  return `,${[...all].sort().join(',')}${all.size ? ',' : ''}`;
}

/** Rows folded per transaction, so catching up on a large file never holds the lock for long. */
const CHUNK = 50_000;

/**
 * Keeps dash_visits and the row copies (migration 007) up to date without touching the insert path: new rows (rowid
 * past the watermark) are folded in; visits whose rows were deleted or changed (the triggers drop
 * them and list them in dash_dirty) are recomputed from the rows that remain below the watermark.
 */
export function visitsRollup(db: Database): () => void {
  db.function('dash_categories_union', { deterministic: true }, (a: unknown, b: unknown) =>
    categoriesUnion(String(a ?? ','), String(b ?? ',')),
  );
  const watermark = db.prepare("SELECT value FROM dash_state WHERE key = 'visits_rowid'").pluck();
  const setWatermark = db.prepare("UPDATE dash_state SET value = ? WHERE key = 'visits_rowid'");
  const newest = db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM access_log').pluck();
  const fold = db.prepare(
    `INSERT INTO dash_visits AS v (${COLUMNS}) ${aggregate('rowid > @lo AND rowid <= @hi')} ${MERGE}`,
  );
  const dirty = db.prepare('SELECT site, session_id, start_ts, end_ts FROM dash_dirty LIMIT 500');
  const clean = db.prepare('DELETE FROM dash_dirty WHERE site = ? AND session_id = ?');
  // The triggers already dropped the visit's row. Its remaining folded rows lie within the span it
  // had (later rows widened it when folded), found through the (site, ts) index: session_id has none.
  const rebuild = db.prepare(
    `INSERT INTO dash_visits AS v (${COLUMNS}) ${aggregate(
      'site = @site AND ts >= @start AND ts <= @end AND session_id = @session AND rowid <= @hi',
    )} ${MERGE}`,
  );
  const copies = rowCopies(db);
  const days = dayRollup(db);
  const recomputeDirty = db.transaction((hi: number) => {
    days.markRecopied(hi);
    copies.recopy(hi);
    for (;;) {
      const batch = dirty.all() as { site: string; session_id: string; start_ts: number; end_ts: number }[];
      if (!batch.length) break;
      for (const d of batch) {
        rebuild.run({ site: d.site, session: d.session_id, start: d.start_ts, end: d.end_ts, hi });
        days.markSpan(d.site, d.start_ts, d.end_ts);
        clean.run(d.site, d.session_id);
      }
    }
    days.numberVisitors();
  });
  const foldChunk = db.transaction((lo: number, hi: number) => {
    days.markFolded(lo, hi);
    fold.run({ lo, hi });
    copies.fold(lo, hi);
    days.numberVisitors();
    setWatermark.run(hi);
  });
  return () => {
    recomputeDirty.immediate(watermark.get() as number);
    const last = newest.get() as number;
    for (let lo = watermark.get() as number; lo < last; lo = Math.min(lo + CHUNK, last)) {
      foldChunk.immediate(lo, Math.min(lo + CHUNK, last));
    }
    days.recompute();
  };
}
