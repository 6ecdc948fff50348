/**
 * Sub-slices of a referrer slice by browser (issue 6: a view filtered by one browser and one
 * referrer): per referrer a day is sliced by, its pageviews and vitals split again by the row's own
 * browser, as the browser slices split them (the SQL path's browser filter tests the row). Only
 * these two: the visit panels of the combination stay on the SQL path, fast enough there.
 */

/** Per (site, day), is_bot 0: the JSON list of the pair values (pairValue) the day has sub-slices for. */
export const PAIR_LIST = 'referrer-browser-slices';
/** The slice kind in the sub-slices' `dim`: no other kind is named so, nor begins `referrer+`. */
export const PAIR_KIND = 'referrer+browser';
/** The dimensions a sub-slice holds. */
export const PAIR_DIMS = ['pages', 'vitals'] as const;

/**
 * The value naming one (referrer, browser) pair: JSON, so no two pairs share one whatever characters
 * a referrer or browser holds (`pages|referrer+browser=["(direct)","Chrome"]`).
 */
export const pairValue = (referrer: string, browser: string): string => JSON.stringify([referrer, browser]);

/** Rows by their browser (index `at`); rows without one are in no slice, as no filter selects them. */
export function byBrowser(rows: unknown[][], at: number): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  for (const r of rows) {
    const b = r[at];
    if (b === null || b === undefined) continue;
    const key = String(b);
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

type Rows = { pages: unknown[][]; vitals: unknown[][] };

/**
 * One referrer's pageviews and vitals split by the row's browser (`at`: where the reads have it),
 * as [pair value, rows] in browser order.
 */
export function pairsOf(
  referrer: string,
  rows: Rows,
  at: { pages: number; vitals: number },
): [string, Rows][] {
  const pages = byBrowser(rows.pages, at.pages);
  const vitals = byBrowser(rows.vitals, at.vitals);
  const browsers = [...new Set([...pages.keys(), ...vitals.keys()])].sort();
  return browsers.map((b) => [
    pairValue(referrer, b),
    { pages: pages.get(b) ?? [], vitals: vitals.get(b) ?? [] },
  ]);
}
