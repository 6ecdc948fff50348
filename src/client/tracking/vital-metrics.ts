/**
 * The five Web Vitals, measured as Google's web-vitals library (v5) defines them: the same entry
 * types, CLS session windows (gaps under 1 s, windows under 5 s), INP as the 98th percentile of
 * interaction latencies (one of the ten longest, per 50 interactions), LCP until the first input,
 * times from prerender activation, paints after the page was first hidden left out. The library
 * cost 2,107 B gzip of the script's 12,000 B budget (INP alone 535 B), mostly for what we never
 * use: `reportAllChanges`, attribution hooks, and measuring again after back/forward-cache
 * restores. Each metric is reported once per page load: FCP and TTFB when known, LCP at the first
 * input or when the page is first hidden, CLS and INP when it is first hidden (their final values).
 */
export type VitalName = 'CLS' | 'FCP' | 'INP' | 'LCP' | 'TTFB';

interface Shift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
}

const NEVER = Number.POSITIVE_INFINITY;

/**
 * Observes one entry type, buffered entries first. Returns what hands over the entries not yet
 * delivered (`takeRecords`), or `undefined` when the browser lacks the entry type.
 */
function observe(
  type: string,
  fn: (entries: PerformanceEntry[]) => void,
  durationThreshold?: number,
): (() => void) | undefined {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) return undefined;
  const observer = new PerformanceObserver((list) => fn(list.getEntries()));
  observer.observe({ type, buffered: true, durationThreshold } as PerformanceObserverInit);
  return () => fn(observer.takeRecords());
}

export function observeVitals(report: (name: VitalName, value: number) => void): void {
  const nav = performance.getEntriesByType('navigation')[0] as
    | (PerformanceNavigationTiming & { activationStart?: number })
    | undefined;
  const since = (t: number) => Math.max(t - (nav?.activationStart || 0), 0);
  // A prerendered page is hidden until activated, but that does not end its paints.
  let hiddenAt = (document as { prerendering?: boolean }).prerendering
    ? NEVER
    : (performance.getEntriesByType('visibility-state').find((e) => e.name === 'hidden')?.startTime ??
      (document.visibilityState === 'hidden' ? 0 : NEVER));
  let painted = false;
  let lcp = -1;
  let cls = 0;
  let session = 0;
  let sessionStart = 0;
  let previous = 0;
  /** Longest duration per interaction id. */
  const interactions = new Map<number, number>();
  let firstId = NEVER;
  let lastId = 0;

  if (nav && nav.responseStart > 0) report('TTFB', since(nav.responseStart));
  observe('paint', (entries) => {
    for (const e of entries) {
      if (e.name === 'first-contentful-paint' && e.startTime < hiddenAt) {
        painted = true;
        report('FCP', since(e.startTime));
      }
    }
  });
  const lcpFlush = observe('largest-contentful-paint', (entries) => {
    for (const e of entries) if (e.startTime < hiddenAt) lcp = since(e.startTime);
  });
  const clsFlush = observe('layout-shift', (entries) => {
    for (const e of entries as Shift[]) {
      if (e.hadRecentInput) continue;
      const t = e.startTime;
      if (session && t - previous < 1000 && t - sessionStart < 5000) session += e.value;
      else {
        session = e.value;
        sessionStart = t;
      }
      previous = t;
      cls = Math.max(cls, session);
    }
  });
  const interacted = (entries: PerformanceEntry[]) => {
    for (const { interactionId: id, duration } of entries as (PerformanceEntry & {
      interactionId?: number;
    })[]) {
      if (!id) continue;
      firstId = Math.min(firstId, id);
      lastId = Math.max(lastId, id);
      interactions.set(id, Math.max(interactions.get(id) || 0, duration));
    }
  };
  // 16 ms: the smallest threshold, so short interactions count towards the percentile too.
  const inpFlush = observe('event', interacted, 16);
  observe('first-input', interacted);

  // LCP stops at the first input (a click or key changes what is on screen) or when hidden.
  const endLcp = (e?: Event) => {
    if (!lcpFlush || (e && !e.isTrusted)) return;
    lcpFlush();
    if (lcp >= 0) report('LCP', lcp);
  };
  for (const type of ['keydown', 'click']) addEventListener(type, endLcp, true);
  addEventListener(
    'visibilitychange',
    (e) => {
      if (document.visibilityState !== 'hidden') return;
      hiddenAt = Math.min(hiddenAt, e.timeStamp);
      endLcp();
      if (clsFlush && painted) {
        clsFlush();
        report('CLS', cls);
      }
      if (inpFlush) inpFlush();
      // The 98th percentile, as web-vitals estimates it: per 50 interactions, skip the longest one
      // (at most 9). Chrome numbers interactions 7 apart; `interactionCount` where it exists.
      const count =
        (performance as { interactionCount?: number }).interactionCount ?? (lastId - firstId) / 7 + 1;
      const longest = [...interactions.values()].sort((a, b) => b - a);
      const n = Math.min(longest.length - 1, 9, Math.floor(count / 50));
      if (n >= 0) report('INP', longest[n] as number);
    },
    true,
  );
}
