/** What the in-page probe found; read back after the visit settles. */
export interface ProbeResult {
  /** performance.now() (ms since navigation start) of the first frame showing the banner, or null. */
  bannerAt: number | null;
  loadAt: number | null;
  longTasks: number[];
  layoutShift: number;
}

declare global {
  interface Window {
    __bench?: ProbeResult;
  }
}

/**
 * Runs in the page before any of its scripts (addInitScript). Observes long tasks and layout
 * shifts from the start, and checks every animation frame whether the banner is painted: in the
 * DOM, with a non-empty box, not hidden, and no ancestor at opacity 0 (a fade-in counts from
 * its first frame above 0).
 */
export function probe(selector: string | null): void {
  const result: ProbeResult = { bannerAt: null, loadAt: null, longTasks: [], layoutShift: 0 };
  window.__bench = result;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) result.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!e.hadRecentInput) result.layoutShift += e.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  addEventListener('load', () => {
    result.loadAt = performance.now();
  });
  if (!selector) return;
  const painted = (el: Element): boolean => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (getComputedStyle(el).visibility === 'hidden') return false;
    for (let node: Element | null = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const frame = (): void => {
    const el = document.querySelector(selector);
    if (el && painted(el)) result.bannerAt = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
