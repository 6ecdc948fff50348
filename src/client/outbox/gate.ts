import type { Category } from '../../shared/categories.js';
// No optional chaining in client code: the es2019 build would spell each one out in full.
import { getConfig } from '../config.js';
import { hasConsent } from '../consent/state.js';

/**
 * The one gate in front of every send (STYLE.md §7): the category is granted and there is a
 * collector to send to. Opt-out signals (GPC) will join here, and nowhere else.
 */
export function canSend(category: Category): boolean {
  const config = getConfig();
  return !!config && !!config.collector && hasConsent(category);
}
