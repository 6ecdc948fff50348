import { config } from '../config.js';
import { safeRun } from '../lib/safeRun.js';
import { endView } from './engagement.js';
import { newView } from './pageview.js';

/** Ends the view being left (engagement) and starts the new one (pageview). */
function moved(silent?: boolean): void {
  safeRun(() => {
    if (!silent) endView();
    newView(silent);
  });
}

/**
 * Follows single-page-app navigation: `pushState`, `replaceState` (counted only when the path
 * changes), back and forward (`popstate`), and hash changes when `hashRouting` is on.
 */
export function startSpa(): void {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const path = location.pathname;
      original.apply(this, args);
      moved(method === 'replaceState' && location.pathname === path);
    };
  }
  addEventListener('popstate', () => moved());
  if (config.hashRouting) addEventListener('hashchange', () => moved());
}
